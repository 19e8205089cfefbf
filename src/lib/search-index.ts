/**
 * The search index: Pagefind (its extended binary, which segments Chinese) indexes the built site
 * after Astro has written it. Pages opt in with `data-pagefind-body` (articles only); Pagefind splits
 * each bundle by the pages' `<html lang>`, one index per locale.
 *
 * The index is built as one bundle per publication year (src/lib/search-shards.ts), one year at a
 * time, so Pagefind's memory is that of one year's pages, not the archive's. Pagefind has no
 * incremental mode and indexing costs about 3 ms a page, so each shard is also kept in the cache
 * folder under a hash of everything it is made from (its pages' paths and bytes, Pagefind's
 * version): a rebuild indexes only the years whose pages changed and copies the others.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { orderShards, SHARD_MANIFEST, searchShardOf } from './search-shards.ts';

/** What indexing produced. */
export interface SearchIndexResult {
  /** Pages indexed (copied shards included). */
  readonly pages: number;
  /** Where the bundles were written (`<outDir>/pagefind`). */
  readonly bundleDir: string;
  /** Shards, newest first. */
  readonly shards: readonly string[];
  /** Shards copied from the cache rather than indexed. */
  readonly reused: readonly string[];
}

/** Options of `indexSite`. */
export interface IndexSiteOptions {
  /** Folder for the cached shards (`search-index/` in it); none: always index. */
  readonly cacheDir?: string | undefined;
}

/** The marker Pagefind looks for; a page without it is not indexed. */
const INDEXED = 'data-pagefind-body';

/** The installed Pagefind's version (its package does not export `package.json`: found from its entry). */
function pagefindVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve('pagefind')));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (name === 'pagefind' && version) return version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/** One indexed page: its path in the output folder (with `/`) and its bytes. */
interface IndexedPage {
  readonly path: string;
  readonly bytes: Buffer;
}

/** The pages of `outDir` that carry the search marker, by shard, in path order. */
async function indexedPages(outDir: string): Promise<Map<string, IndexedPage[]>> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('pagefind/'))
    .sort();
  const shards = new Map<string, IndexedPage[]>();
  for (const rel of files) {
    const bytes = await readFile(path.join(outDir, rel));
    if (!bytes.includes(INDEXED)) continue;
    const shard = searchShardOf(rel);
    const list = shards.get(shard) ?? [];
    list.push({ path: rel, bytes });
    shards.set(shard, list);
  }
  return shards;
}

/** A shard's cache key: its pages (paths and bytes, in order) and Pagefind's version. */
function shardKey(version: string, pages: readonly IndexedPage[]): string {
  const hash = createHash('sha256').update(`pagefind@${version}\n`);
  for (const page of pages) hash.update(`${page.path}\n${page.bytes.length}\n`).update(page.bytes);
  return hash.digest('hex');
}

/** Indexes one shard's pages into `outputPath` with a fresh Pagefind index, freed afterwards. */
async function indexShard(pages: readonly IndexedPage[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`search index: ${errors.join('; ')}`);
  try {
    for (const page of pages) {
      const added = await index.addHTMLFile({ sourcePath: page.path, content: page.bytes.toString('utf8') });
      if (added.errors.length > 0) throw new Error(`search index: ${page.path}: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
  } finally {
    await index.deleteIndex();
  }
}

/** Indexes the built site in `outDir`: one Pagefind bundle per shard under `<outDir>/pagefind/`. */
export async function indexSite(outDir: string, options: IndexSiteOptions = {}): Promise<SearchIndexResult> {
  const bundleDir = path.join(outDir, 'pagefind');
  const cacheRoot = options.cacheDir && path.join(options.cacheDir, 'search-index');
  const byShard = await indexedPages(outDir);
  const shards = orderShards(byShard.keys());
  const version = pagefindVersion();
  const reused: string[] = [];
  let pages = 0;
  await mkdir(bundleDir, { recursive: true });
  try {
    for (const shard of shards) {
      const shardPages = byShard.get(shard) ?? [];
      pages += shardPages.length;
      const target = path.join(bundleDir, shard);
      const cached = cacheRoot && path.join(cacheRoot, shard, shardKey(version, shardPages));
      // A cached shard appears by an atomic rename once complete: its folder means a whole bundle.
      if (cached && existsSync(cached)) {
        await cp(cached, target, { recursive: true });
        reused.push(shard);
        continue;
      }
      await indexShard(shardPages, target);
      if (cached) {
        // Only the newest bundle of a shard is kept: an older one would match only older content.
        await rm(path.dirname(cached), { recursive: true, force: true });
        await mkdir(path.dirname(cached), { recursive: true });
        const temporary = `${cached}.${process.pid}.tmp`;
        await cp(target, temporary, { recursive: true });
        await rename(temporary, cached);
      }
    }
  } finally {
    await pagefind.close();
  }
  await writeFile(path.join(bundleDir, SHARD_MANIFEST), `${JSON.stringify(shards)}\n`);
  return { pages, bundleDir, shards, reused };
}
