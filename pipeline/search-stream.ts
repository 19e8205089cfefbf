/**
 * Search indexing while Astro renders. Astro renders pages on one thread; Pagefind indexes them in
 * processes of its own, so in a full build part of the index is made on the other cores while Astro
 * renders, instead of all of it in a phase of its own afterwards (95 s of a 326 s cold build of
 * 10,000 stories on two cores; Pagefind takes longer over a story page than Astro takes to render it).
 *
 * The story route renders its pages year by year, and within a year in path order
 * (`indexingOrder`, src/lib/search-shards.ts), the order the indexer adds a shard's pages in
 * (Pagefind's output depends on it). Years go to the lanes in turn, one Pagefind process per core
 * that Astro's thread leaves (`LANES`: one on two cores, where a second lane only took the core
 * Astro renders on), and the render never waits for them. A page is queued with its HTML while the
 * HTML queued stays under `HELD_CHARS`, else with its digest only, and its lane reads it back from
 * the written site (Astro writes each page right after rendering it, long before a lane that far
 * behind reaches it; the bytes read must have the digest of the bytes rendered). When Astro is done,
 * `finish()` lets each lane complete the year it is on and gives up the years no lane has begun:
 * `indexSite` indexes those from disk with every core meanwhile.
 *
 * A year whose pages come out of path order, come back after another year began, cannot be read
 * back or are refused by Pagefind is dropped here and indexed from disk after the build, and so is
 * every year of a build in which Astro copied pages from its cache instead of rendering them:
 * `indexSite` takes a streamed bundle only if its key (the paths and digests of the pages as
 * indexed) is the key of the shard's pages on disk.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RenderedPage } from '#lib/rendered-pages.ts';
import { comparePagePaths } from '#lib/search-shards.ts';
import {
  isIndexedPage,
  pageDigest,
  pagefindEngines,
  PageSender,
  shardKey,
  shardOfPage,
  type PagefindModule,
  type ShardPage,
  type StreamedShard,
} from './search-index.ts';

/**
 * HTML kept in memory for the lanes, in characters (32 to 64 MB): the pages past it are read back
 * from disk. About 900 story pages of 10,000-story archive.
 */
const HELD_CHARS = 32 * 1024 * 1024;

/** How often, and how long apart, a lane tries to read back a page Astro has not finished writing. */
const READ_ATTEMPTS = 50;
const READ_INTERVAL_MS = 20;

/**
 * Pagefind processes indexing while Astro renders: the cores its one thread leaves (one on two
 * cores; two lanes there made Astro's thread wait for a core, and the build no faster).
 */
const LANES = Math.max(1, os.availableParallelism() - 1);

/** A page waiting for its lane: its HTML, or nothing once read back from disk is cheaper than held. */
interface QueuedPage extends ShardPage {
  html: string | undefined;
}

/** One shard's pages as they arrive, and what its lane made of them. */
interface ShardJob {
  readonly shard: string;
  readonly pages: QueuedPage[];
  /** No more pages will come. */
  closed: boolean;
  /** A page out of order, unreadable or refused: the shard is indexed from disk after the build. */
  failed: boolean;
  /** Wakes the lane waiting for this shard's next page. */
  wake: () => void;
}

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
  /** The folder Astro writes the site into, where pages not held in memory are read back. */
  readonly outDir: string;
  /** An empty folder the finished bundles are written into, one folder per shard. */
  readonly workDir: string;
  /** Pagefind's version, part of every shard key. */
  readonly version: string;
  /** HTML held in memory, in characters (default `HELD_CHARS`); tests set 0 to read every page back. */
  readonly heldChars?: number | undefined;
  /** Pagefind processes (default `LANES`: the cores less the one Astro renders on). */
  readonly lanes?: number | undefined;
}

/** Indexes story pages as they are rendered; `receive` is the rendered-page receiver. */
export class SearchStream {
  readonly #options: SearchStreamOptions;
  #engines: Promise<PagefindModule[]> | undefined;
  /** Each lane's work: its shards one after the other. */
  readonly #lanes: Promise<void>[];
  #shards = 0;
  #open: ShardJob | undefined;
  /** Every shard begun, with its bundle once written (undefined: not usable). */
  readonly #results = new Map<string, Promise<StreamedShard | undefined>>();
  #heldChars = 0;
  #stopped = false;
  /** Set by `finish()`: shards not yet begun by a lane are given up. */
  #finishing = false;

  /** A stream reading back from and writing beside the folders of `options`. */
  constructor(options: SearchStreamOptions) {
    this.#options = options;
    this.#lanes = Array.from({ length: options.lanes ?? LANES }, () => Promise.resolve());
  }

  /** Takes one rendered page: queued for its shard's lane if it is a search page. Never waits. */
  readonly receive = ({ pathname, html }: RenderedPage): void => {
    if (this.#stopped || !isIndexedPage(html)) return;
    const bytes = Buffer.from(html, 'utf8');
    const shard = shardOfPage(bytes);
    if (this.#open?.shard !== shard) {
      this.#closeOpen();
      const earlier = this.#results.get(shard);
      if (earlier) {
        // The shard's pages are not together: what was streamed of it cannot be its bundle.
        this.#results.set(
          shard,
          earlier.then(() => undefined),
        );
        return;
      }
      this.#open = this.#begin(shard);
    }
    const job = this.#open;
    const file = pageFileOf(pathname, this.#options.base);
    if (job.failed) return;
    const last = job.pages.at(-1);
    if (file === undefined || (last && comparePagePaths(last.path, file) >= 0)) {
      job.failed = true;
      job.wake();
      return;
    }
    const held = this.#heldChars + html.length <= (this.#options.heldChars ?? HELD_CHARS);
    if (held) this.#heldChars += html.length;
    job.pages.push({ path: file, digest: pageDigest(bytes), html: held ? html : undefined });
    job.wake();
  };

  /**
   * Ends the stream once Astro is done: each lane finishes the shard it is indexing, and the shards
   * still waiting for a lane are given up, since indexing them from disk with every core (as
   * `indexSite` does) is sooner than waiting for this stream's lanes. The bundles, by shard, as
   * they become ready (undefined: indexed from disk); `close()` once they are all taken.
   */
  finish(): Map<string, Promise<StreamedShard | undefined>> {
    this.#closeOpen();
    this.#finishing = true;
    return new Map(this.#results);
  }

  /** Ends the shard whose pages were arriving and waits until the lanes have indexed every shard begun. */
  async idle(): Promise<void> {
    this.#closeOpen();
    await Promise.all(this.#lanes);
  }

  /** Waits for every lane and stops the Pagefind processes. */
  async close(): Promise<void> {
    try {
      await Promise.all(this.#lanes);
    } finally {
      await this.#stopEngines();
    }
  }

  /** Stops the lanes and their Pagefind processes (the build failed). */
  async abort(): Promise<void> {
    this.#stopped = true;
    this.#closeOpen();
    await this.#stopEngines();
  }

  async #stopEngines(): Promise<void> {
    const engines = await this.#engines;
    this.#engines = undefined;
    if (engines) await Promise.all(engines.map((engine) => engine.close()));
  }

  /** Ends the shard whose pages were arriving: its lane writes it after its last page. */
  #closeOpen(): void {
    const job = this.#open;
    if (!job) return;
    this.#open = undefined;
    job.closed = true;
    job.wake();
  }

  /** Starts `shard` on the next lane, after the shards already there. */
  #begin(shard: string): ShardJob {
    const job: ShardJob = { shard, pages: [], closed: false, failed: false, wake: () => undefined };
    this.#engines ??= pagefindEngines(this.#lanes.length);
    const lane = this.#shards++ % this.#lanes.length;
    const result = (this.#lanes[lane] ?? Promise.resolve()).then(() => this.#index(job, lane));
    this.#lanes[lane] = result.then(() => undefined);
    this.#results.set(shard, result);
    return job;
  }

  /** Indexes `job`'s pages as they come, on lane `lane`, and writes its bundle; undefined if dropped. */
  async #index(job: ShardJob, lane: number): Promise<StreamedShard | undefined> {
    // Reached after `finish()`: given up, to be indexed from disk beside the lanes still busy.
    if (this.#finishing) return this.#release(job);
    const engine = (await this.#engines)?.[lane];
    if (!engine || this.#stopped) return this.#release(job);
    const { index, errors } = await engine.createIndex({}).catch((error: unknown) => ({
      index: undefined,
      errors: [String(error)],
    }));
    if (!index || errors.length > 0) return this.#release(job);
    try {
      const sender = new PageSender(index);
      for (let next = 0; ; next++) {
        while (next >= job.pages.length && !job.closed && !job.failed) {
          await new Promise<void>((resolve) => {
            job.wake = resolve;
          });
        }
        const page = job.pages[next];
        if (job.failed || this.#stopped || !page) break;
        const content = page.html ?? (await this.#readBack(page));
        this.#drop(page);
        if (content === undefined) {
          job.failed = true;
          break;
        }
        await sender.add(page.path, content);
        if (sender.error !== undefined) job.failed = true;
      }
      if ((await sender.drain()) !== undefined) job.failed = true;
      if (job.failed || this.#stopped) return this.#release(job);
      const folder = path.join(this.#options.workDir, job.shard);
      await rm(folder, { recursive: true, force: true });
      await mkdir(path.dirname(folder), { recursive: true });
      const written = await index.writeFiles({ outputPath: folder });
      if (written.errors.length > 0) return undefined;
      return { key: shardKey(this.#options.version, job.pages), folder };
    } catch {
      // Never a build error: the shard is indexed from disk after the build, which reports.
      return this.#release(job);
    } finally {
      await index.deleteIndex().catch(() => undefined);
    }
  }

  /** A page's HTML read back from the site once Astro has written it all; undefined if it never is. */
  async #readBack(page: QueuedPage): Promise<string | undefined> {
    const file = path.join(this.#options.outDir, page.path);
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes && pageDigest(bytes) === page.digest) return bytes.toString('utf8');
      await sleep(READ_INTERVAL_MS);
    }
    return undefined;
  }

  /** Lets go of a page's HTML once its lane has it. */
  #drop(page: QueuedPage): void {
    if (page.html === undefined) return;
    this.#heldChars -= page.html.length;
    page.html = undefined;
  }

  /** Lets go of every page's HTML of a dropped shard; nothing to take from it. */
  #release(job: ShardJob): undefined {
    job.failed = true;
    for (const page of job.pages) this.#drop(page);
    // Pages may still arrive until the shard is closed; they are refused by `failed`.
    return undefined;
  }
}
