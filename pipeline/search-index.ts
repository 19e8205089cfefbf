/**
 * The search index: Pagefind (its extended binary, which segments Chinese) indexes the built site
 * after Astro has written it. Pages opt in with `data-pagefind-body` (articles only); Pagefind splits
 * each bundle by the pages' `<html lang>`, one index per locale.
 *
 * The index is built as one bundle per publication year (src/lib/search-shards.ts), one year at a
 * time, so Pagefind's memory is that of one year's pages, not the archive's. Pagefind has no
 * incremental mode and indexing costs about 3 ms a page, so each shard is also kept in the cache
 * folder under a hash of everything it is made from (its pages' paths and digests, Pagefind's
 * version): a rebuild indexes only the years whose pages changed and copies the others.
 *
 * In a full build, the years Astro rendered first are indexed while it renders the rest
 * (pipeline/search-stream.ts), and the year a lane is still on is awaited here while the others are
 * indexed from disk; a streamed bundle is taken only if its key, computed from the pages as
 * rendered, is the key of the pages on disk, so the result is the same bundle either way.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mapWithLimit } from '#lib/concurrency.ts';
import { memoised, pageIdentity } from './file-memo.ts';
import { filesUnder, linkTree } from './rebuild.ts';
import { packageVersion } from '#lib/packages.ts';
import { comparePagePaths, orderShards, OTHER_SHARD, SHARD_MANIFEST } from '#lib/search-shards.ts';

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
  /** Shards indexed while the pages were rendered, taken as they were. */
  readonly streamed: readonly string[];
}

/** A shard's bundle already written, by the indexer that ran while Astro rendered. */
export interface StreamedShard {
  /** The shard's key (`shardKey`) from the pages as they were indexed. */
  readonly key: string;
  /** The folder holding its bundle, linked into the site if the key is that of the pages on disk. */
  readonly folder: string;
}

/** Options of `indexSite`. */
export interface IndexSiteOptions {
  /** Folder for the cached shards (`search-index/` in it); none: always index. */
  readonly cacheDir?: string | undefined;
  /** Shards indexed at once (default: the machine's cores). */
  readonly concurrency?: number | undefined;
  /** Bundles indexed while the pages were rendered, by shard, as they become ready. */
  readonly streamed?: ReadonlyMap<string, Promise<StreamedShard | undefined>> | undefined;
}

/** The marker Pagefind looks for; a page without it is not indexed. */
const INDEXED = 'data-pagefind-body';

/** Whether Pagefind indexes the page `html` (it carries `data-pagefind-body`). */
export function isIndexedPage(html: string | Buffer): boolean {
  return html.includes(INDEXED);
}

/** The digest of one indexed page's bytes, which its shard's key is made of. */
export function pageDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One page of a shard: its file in the output folder (with `/`) and the digest of its bytes. */
export interface ShardPage {
  readonly path: string;
  readonly digest: string;
}

/**
 * A shard's cache key: Pagefind's version and its pages' paths and digests, in path order
 * (`comparePagePaths`), the order they are indexed in.
 */
export function shardKey(version: string, pages: readonly ShardPage[]): string {
  const hash = createHash('sha256').update(`pagefind@${version}\n`);
  for (const page of pages) hash.update(`${page.path}\n${page.digest}\n`);
  return hash.digest('hex');
}

/** The year filter a story page gives Pagefind (`data-pagefind-filter="year:2024"`): its story's year. */
const YEAR_FILTER = Buffer.from('data-pagefind-filter="year:');

/**
 * The shard of an indexed page: the story year the page itself states in its Pagefind year filter
 * (the build's own data, not its path in dist/), or `other` for a page without one.
 */
export function shardOfPage(bytes: Buffer): string {
  const at = bytes.indexOf(YEAR_FILTER);
  if (at < 0) return OTHER_SHARD;
  const year = bytes.toString('latin1', at + YEAR_FILTER.length, at + YEAR_FILTER.length + 5);
  return /^\d{4}"$/.test(year) ? year.slice(0, 4) : OTHER_SHARD;
}

/** The indexed pages of one shard: their paths in the output folder (with `/`) and its cache key. */
interface Shard {
  readonly paths: string[];
  /** Hash of the pages' paths and digests, in path order, and Pagefind's version (`shardKey`). */
  readonly key: string;
}

/**
 * The pages of `outDir` that carry the search marker, by shard, with each shard's cache key.
 * Pages are hashed as they are read and not kept: at 10,000 stories they weigh 700 MB. With
 * `memoFile`, a page whose file is the one an earlier build read (a hard link from the last site,
 * as in a body-only rebuild) is not read again: its shard and digest are taken from the memo.
 */
async function indexedShards(outDir: string, version: string, memoFile?: string): Promise<Map<string, Shard>> {
  const files = (await filesUnder(outDir))
    .filter((rel) => rel.endsWith('.html') && !rel.startsWith('pagefind/'))
    .sort(comparePagePaths);
  const known = await memoised(files, {
    dir: outDir,
    memoFile,
    identity: pageIdentity,
    compute: async (_rel, file): Promise<readonly [shard: string | null, digest: string]> => {
      const bytes = await readFile(file);
      return [isIndexedPage(bytes) ? shardOfPage(bytes) : null, pageDigest(bytes)];
    },
  });
  const building = new Map<string, ShardPage[]>();
  files.forEach((rel, i) => {
    const [name, digest] = known[i] ?? [null, ''];
    if (name === null) return;
    const pages = building.get(name) ?? [];
    building.set(name, pages);
    pages.push({ path: rel, digest });
  });
  return new Map(
    [...building].map(([name, pages]) => [name, { paths: pages.map((p) => p.path), key: shardKey(version, pages) }]),
  );
}

/** Pagefind's Node API: one module instance drives one Pagefind process. */
export type PagefindModule = typeof import('pagefind');

/** One index of a Pagefind process, as its Node API gives it. */
type PagefindIndex = NonNullable<Awaited<ReturnType<PagefindModule['createIndex']>>['index']>;

/**
 * `count` instances of Pagefind's Node API, each with its own Pagefind process. The module keeps a
 * single process per instance, and one process indexes one bundle at a time on about one core;
 * importing the module under distinct URLs gives one process per core.
 */
export async function pagefindEngines(count: number): Promise<PagefindModule[]> {
  const url = import.meta.resolve('pagefind');
  return Promise.all(
    Array.from({ length: count }, (_, lane) => import(`${url}?lane=${lane}`) as Promise<PagefindModule>),
  );
}

/**
 * The part of a page Pagefind needs: the `<html>` tag (its `lang` picks the index) and the page
 * from the element marked `data-pagefind-body` to the end of `<main>`, without the head, the site
 * header and the footer, which it reads and throws away (every `data-pagefind-*` of our pages is
 * inside the marked element). A page with such an attribute outside that stretch, or without the
 * marker or a `</main>` after it, is sent whole. Pagefind then parses a third less: one year of the
 * bench site (1,159 pages, 18.8 M characters, 11.9 M so) gives byte-identical bundles, added in
 * 2.7-2.9 s instead of 3.0-3.3 s. The keys and digests are still those of the written page.
 */
export function searchableHtml(html: string): string {
  const marker = html.indexOf('data-pagefind-body');
  const htmlTag = html.indexOf('<html');
  const mainEnd = html.lastIndexOf('</main>');
  if (marker < 0 || htmlTag < 0 || htmlTag > marker || mainEnd < marker) return html;
  const start = html.lastIndexOf('<', marker);
  const htmlTagEnd = html.indexOf('>', htmlTag) + 1;
  if (htmlTagEnd <= 0 || htmlTagEnd > start) return html;
  const dropped = [html.slice(htmlTagEnd, start), html.slice(mainEnd)];
  if (dropped.some((part) => part.includes('data-pagefind'))) return html;
  return `${html.slice(0, htmlTagEnd)}<body>${html.slice(start, mainEnd)}</body></html>`;
}

/** How many pages are sent to a Pagefind index ahead of its answers. */
const PAGES_IN_FLIGHT = 16;

/**
 * Sends pages to a Pagefind index without waiting for each answer, at most {@link PAGES_IN_FLIGHT}
 * ahead. Pagefind's service handles its messages one at a time in the order they arrive, so the
 * bundle is the one page-by-page sending makes (the byte-identical build tests hold it to that);
 * meanwhile Pagefind has the next pages at hand while this thread reads files or renders, instead
 * of idling through each round trip (one year of 1,159 pages: 4.1 s to add one by one, 3.4 s so).
 */
export class PageSender {
  readonly #index: PagefindIndex;
  #pending: Promise<void>[] = [];
  #error: string | undefined;

  /** A sender to `index`. */
  constructor(index: PagefindIndex) {
    this.#index = index;
  }

  /** Sends a page (its {@link searchableHtml}); waits only while {@link PAGES_IN_FLIGHT} pages are unanswered. */
  async add(sourcePath: string, content: string): Promise<void> {
    const answered = this.#index.addHTMLFile({ sourcePath, content: searchableHtml(content) }).then(
      (added) => {
        if (added.errors.length > 0) this.#error ??= `${sourcePath}: ${added.errors.join('; ')}`;
      },
      (error: unknown) => {
        this.#error ??= `${sourcePath}: ${String(error)}`;
      },
    );
    this.#pending.push(answered);
    if (this.#pending.length >= PAGES_IN_FLIGHT) await this.#pending.shift();
  }

  /** The first page Pagefind refused so far, and why. */
  get error(): string | undefined {
    return this.#error;
  }

  /** Waits for every answer; the first refusal, if any. */
  async drain(): Promise<string | undefined> {
    await Promise.all(this.#pending);
    this.#pending = [];
    return this.#error;
  }
}

/** Indexes one shard's pages into `outputPath` with a fresh Pagefind index, freed afterwards. */
async function indexShard(
  engine: PagefindModule,
  outDir: string,
  paths: readonly string[],
  outputPath: string,
): Promise<void> {
  const { index, errors } = await engine.createIndex({});
  if (!index) throw new Error(`search index: ${errors.join('; ')}`);
  try {
    const sender = new PageSender(index);
    for (const rel of paths) {
      await sender.add(rel, await readFile(path.join(outDir, rel), 'utf8'));
      if (sender.error !== undefined) break;
    }
    const refused = await sender.drain();
    if (refused !== undefined) throw new Error(`search index: ${refused}`);
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
  const memo = cacheRoot && path.join(cacheRoot, 'page-digests.json');
  const byShard = await indexedShards(outDir, packageVersion('pagefind'), memo);
  const shards = orderShards(byShard.keys());
  await mkdir(bundleDir, { recursive: true });
  const lanes = Math.max(1, Math.min(shards.length, options.concurrency ?? os.availableParallelism()));
  // Shards are indexed side by side, one Pagefind process per lane (capped by the shard count); a
  // lane takes the next shard as soon as it is free, so each engine drives one shard at a time.
  const engines = await pagefindEngines(lanes);
  const idle = [...engines];
  let outcomes: { pages: number; reused: boolean; streamed: boolean }[];
  try {
    outcomes = await mapWithLimit(shards, lanes, async (shard) => {
      const { paths, key } = byShard.get(shard) ?? { paths: [], key: '' };
      const target = path.join(bundleDir, shard);
      const cached = cacheRoot && path.join(cacheRoot, shard, key);
      // A cached shard appears by an atomic rename once complete: its folder means a whole bundle.
      if (cached && existsSync(cached)) {
        // Hard links, not copies (10,000 stories: 9 shards of about 2,000 files each): a bundle
        // is never written into once complete, in the cache or in the site.
        await linkTree(cached, target);
        return { pages: paths.length, reused: true, streamed: false };
      }
      const ready = await options.streamed?.get(shard);
      const streamed = ready?.key === key;
      if (ready && streamed) {
        // Linked, like a cached shard: the stream's folder is removed after the build.
        await linkTree(ready.folder, target);
      } else {
        // `mapWithLimit` runs at most `lanes` shards at once, so an engine is always free here.
        const engine = idle.pop();
        if (!engine) throw new Error('search index: no free Pagefind engine');
        try {
          await indexShard(engine, outDir, paths, target);
        } finally {
          idle.push(engine);
        }
      }
      if (cached) {
        // Only the newest bundle of a shard is kept: an older one would match only older content.
        await rm(path.dirname(cached), { recursive: true, force: true });
        await mkdir(path.dirname(cached), { recursive: true });
        const temporary = `${cached}.${process.pid}.tmp`;
        await linkTree(target, temporary);
        await rename(temporary, cached);
      }
      return { pages: paths.length, reused: false, streamed };
    });
  } finally {
    await Promise.all(engines.map((engine) => engine.close()));
  }
  const pages = outcomes.reduce((sum, r) => sum + r.pages, 0);
  const reused = shards.filter((_, i) => outcomes[i]?.reused);
  const streamed = shards.filter((_, i) => outcomes[i]?.streamed);
  await writeFile(path.join(bundleDir, SHARD_MANIFEST), `${JSON.stringify(shards)}\n`);
  return { pages, bundleDir, shards, reused, streamed };
}
