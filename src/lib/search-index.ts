/**
 * The search index: Pagefind (its extended binary, which segments Chinese) indexes the built site
 * after Astro has written it. Pages opt in with `data-pagefind-body` (articles only), and Pagefind
 * splits the index by each page's `<html lang>`, one per locale.
 *
 * Pagefind has no incremental mode and re-indexing is the largest step of a rebuild (about 3 ms a
 * page), so the bundle is kept in the cache folder under a hash of everything it is made from: the
 * indexed pages (path and bytes) and Pagefind's version. A build whose indexed pages are all
 * unchanged (a registry edit that shows only on entity pages, a rebuild with nothing changed)
 * copies the bundle instead of indexing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/** What indexing produced. */
export interface SearchIndexResult {
  /** Pages indexed. */
  readonly pages: number;
  /** Where the bundle was written (`<outDir>/pagefind`). */
  readonly bundleDir: string;
  /** Whether the bundle was copied from the cache rather than indexed. */
  readonly reused: boolean;
}

/** Options of `indexSite`. */
export interface IndexSiteOptions {
  /** Folder for the cached bundle (`search-index/` in it); none: always index. */
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

/** A hash of every indexed page of `outDir` (path and bytes, in path order) and Pagefind's version. */
export async function searchInputKey(outDir: string): Promise<{ key: string; pages: number }> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)))
    .filter((rel) => !rel.startsWith(`pagefind${path.sep}`))
    .sort();
  const hash = createHash('sha256').update(`pagefind@${pagefindVersion()}\n`);
  let pages = 0;
  for (const rel of files) {
    const bytes = await readFile(path.join(outDir, rel));
    if (!bytes.includes(INDEXED)) continue;
    pages++;
    hash.update(`${rel}\n${bytes.length}\n`).update(bytes);
  }
  return { key: hash.digest('hex'), pages };
}

/** Indexes the built site in `outDir` and writes the Pagefind bundle to `<outDir>/pagefind/`. */
export async function indexSite(outDir: string, options: IndexSiteOptions = {}): Promise<SearchIndexResult> {
  const bundleDir = path.join(outDir, 'pagefind');
  const cacheRoot = options.cacheDir && path.join(options.cacheDir, 'search-index');
  const input = cacheRoot ? await searchInputKey(outDir) : undefined;
  const cached = cacheRoot && input && path.join(cacheRoot, input.key);
  // The folder appears by an atomic rename once complete, so its existence means a whole bundle.
  if (cached && input && existsSync(cached)) {
    await cp(cached, bundleDir, { recursive: true });
    return { pages: input.pages, bundleDir, reused: true };
  }
  let pages: number;
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`search index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
    // Pagefind counts every HTML file it read; with a cache key at hand, count the indexed ones.
    pages = input?.pages ?? added.page_count;
  } finally {
    await pagefind.close();
  }
  if (cacheRoot && cached) {
    // Only the newest bundle is kept: an older one would only match a build of older content.
    await rm(cacheRoot, { recursive: true, force: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    await cp(bundleDir, temporary, { recursive: true });
    await rename(temporary, cached);
  }
  return { pages, bundleDir, reused: false };
}
