/**
 * Search indexing while Astro renders. Astro renders pages on one thread; the Pagefind process
 * that indexes them runs on another core, so in a full build most of the index is ready when the
 * last page is written instead of costing its own phase afterwards (95 s of a 326 s cold build of
 * 10,000 stories).
 *
 * The story route renders its pages shard by shard, and within a shard in path order
 * (`indexingOrder`, src/lib/search-shards.ts), so one shard's index is open at a time: its
 * pages go into Pagefind as they arrive, and when the next shard's first page comes the finished
 * one is written to a work folder. Pagefind's output depends on the order pages are added, so a
 * shard whose pages come out of path order, or come back after it was closed, is dropped here and
 * indexed from disk afterwards. So is every shard of a build in which Astro copied pages from its
 * cache instead of rendering them: `indexSite` takes a streamed bundle only if its key (the paths
 * and digests of the pages as indexed) is the key of the shard's pages on disk.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RenderedPage } from '#lib/rendered-pages.ts';
import { comparePagePaths } from '#lib/search-shards.ts';
import {
  isIndexedPage,
  pageDigest,
  pagefindEngines,
  shardKey,
  shardOfPage,
  type PagefindModule,
  type ShardPage,
  type StreamedShard,
} from './search-index.ts';

/** Pages handed to Pagefind and not yet indexed before a render waits: bounds the HTML held. */
const MAX_QUEUED = 32;

/** The index of the shard whose pages are arriving. */
interface OpenShard {
  readonly shard: string;
  /** Pagefind's index, created on the shard's engine. */
  readonly index: Promise<PagefindIndex>;
  /** Pages added, in arrival order (which must be path order). */
  readonly pages: ShardPage[];
  /** Each page's indexing, in order: each waits for the one before. */
  readonly adds: Promise<void>[];
  /** Set when a page is out of order or Pagefind refused one: the shard is indexed from disk. */
  failed: boolean;
}

/** One Pagefind index in the Node API. */
type PagefindIndex = NonNullable<Awaited<ReturnType<PagefindModule['createIndex']>>['index']>;

/**
 * The page file of a rendered page's request path under `base`, as Astro writes it with
 * `build.format: 'directory'` (`/base/en/2024/slug/` → `en/2024/slug/index.html`); undefined for a
 * path outside the base or without the trailing slash, which is then indexed from disk.
 */
export function pageFileOf(pathname: string, base: string): string | undefined {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  let decoded: string;
  try {
    decoded = decodeURI(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith(prefix) || !decoded.endsWith('/')) return undefined;
  return `${decoded.slice(prefix.length)}index.html`;
}

/** Options of a search stream. */
export interface SearchStreamOptions {
  /** The site's base path (`/`, `/previews/pr-42/`). */
  readonly base: string;
  /** An empty folder the finished bundles are written into, one folder per shard. */
  readonly workDir: string;
  /** Pagefind's version, part of every shard key. */
  readonly version: string;
}

/** Indexes story pages as they are rendered; `receive` is the rendered-page receiver. */
export class SearchStream {
  readonly #options: SearchStreamOptions;
  /** Two Pagefind processes taken in turn: one writes a finished shard while the next is indexed. */
  #engines: Promise<PagefindModule[]> | undefined;
  #opened = 0;
  #open: OpenShard | undefined;
  /** Shards closed so far, with their bundles as they finish (undefined: not usable). */
  readonly #closed = new Map<string, Promise<StreamedShard | undefined>>();
  /** Every bundle being written, including those of shards dropped since. */
  readonly #writing: Promise<unknown>[] = [];

  /** A stream writing into `options.workDir`. */
  constructor(options: SearchStreamOptions) {
    this.#options = options;
  }

  /** Takes one rendered page: indexed if it is a search page, else ignored. Resolves when the queue has room. */
  readonly receive = async ({ pathname, html }: RenderedPage): Promise<void> => {
    if (!isIndexedPage(html)) return;
    const bytes = Buffer.from(html, 'utf8');
    const shard = shardOfPage(bytes);
    const file = pageFileOf(pathname, this.#options.base);
    if (this.#open?.shard !== shard) {
      this.#close();
      if (this.#closed.has(shard)) {
        // The shard's pages are not together: what was streamed of it cannot be its bundle.
        this.#closed.set(shard, Promise.resolve(undefined));
        return;
      }
      this.#open = this.#openShard(shard);
    }
    const open = this.#open;
    const last = open.pages.at(-1);
    if (file === undefined || (last && comparePagePaths(last.path, file) >= 0)) open.failed = true;
    if (open.failed || file === undefined) return;
    open.pages.push({ path: file, digest: pageDigest(bytes) });
    const previous = open.adds.at(-1) ?? Promise.resolve();
    open.adds.push(
      previous.then(async () => {
        if (open.failed) return;
        try {
          const added = await (await open.index).addHTMLFile({ sourcePath: file, content: html });
          if (added.errors.length > 0) open.failed = true;
        } catch {
          // Never a render error: the shard is indexed from disk after the build, which reports.
          open.failed = true;
        }
      }),
    );
    // Wait for the page MAX_QUEUED places back, so no more than that many wait in the queue.
    await open.adds.at(-1 - MAX_QUEUED);
  };

  /** Writes the last shard and waits for all; the bundles that can be used, by shard. */
  async finish(): Promise<Map<string, StreamedShard>> {
    this.#close();
    const done = new Map<string, StreamedShard>();
    try {
      await Promise.all(this.#writing);
      for (const [shard, closing] of this.#closed) {
        const bundle = await closing;
        if (bundle) done.set(shard, bundle);
      }
    } finally {
      await this.#stopEngines();
    }
    return done;
  }

  /** Stops the Pagefind processes without waiting for the shards (the build failed). */
  async abort(): Promise<void> {
    this.#open = undefined;
    await this.#stopEngines();
  }

  async #stopEngines(): Promise<void> {
    const engines = await this.#engines;
    this.#engines = undefined;
    if (engines) await Promise.all(engines.map((engine) => engine.close()));
  }

  /** Opens a fresh Pagefind index for `shard` on the next engine (synchronously: no page can slip in). */
  #openShard(shard: string): OpenShard {
    this.#engines ??= pagefindEngines(2);
    const lane = this.#opened++;
    const index = this.#engines.then(async (engines) => {
      const engine = engines[lane % engines.length];
      if (!engine) throw new Error('search index: no Pagefind engine');
      const { index: created, errors } = await engine.createIndex({});
      if (!created) throw new Error(`search index: ${errors.join('; ')}`);
      return created;
    });
    // A failed creation shows as a failed shard (indexed from disk later), not as a render error.
    index.catch(() => undefined);
    return { shard, index, pages: [], adds: [], failed: false };
  }

  /** Ends the open shard: its bundle is written once its last page is indexed. */
  #close(): void {
    const open = this.#open;
    if (!open) return;
    this.#open = undefined;
    const folder = path.join(this.#options.workDir, open.shard);
    const writing = (async (): Promise<StreamedShard | undefined> => {
      await Promise.all(open.adds).catch(() => {
        open.failed = true;
      });
      const index = await open.index.catch(() => undefined);
      if (!index) return undefined;
      try {
        if (open.failed) return undefined;
        await rm(folder, { recursive: true, force: true });
        await mkdir(path.dirname(folder), { recursive: true });
        const written = await index.writeFiles({ outputPath: folder });
        if (written.errors.length > 0) return undefined;
        return { key: shardKey(this.#options.version, open.pages), folder };
      } finally {
        await index.deleteIndex();
      }
    })().catch(() => undefined);
    this.#writing.push(writing);
    this.#closed.set(open.shard, writing);
  }
}
