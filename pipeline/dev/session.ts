/**
 * The dev server's content check: the checker (pipeline/check/checker.ts) run on start and again
 * after every change, with a cache of per-file results (pipeline/check/check-cache.ts), so that a
 * re-check reads only the changed files and runs the rules across files on cached data. Checks run
 * one at a time; changes during a check give one more check after it. Anyone can wait for the result
 * that includes every change seen so far.
 */
import { CheckCache, type CacheStats } from '#pipeline/check/check-cache.ts';
import { checkContent } from '#pipeline/check/checker.ts';
import type { Problem } from '#pipeline/check/problems.ts';
import type { SiteConfig } from '#site.config';

/** One check's outcome. */
export interface SessionResult {
  /** Every problem, sorted by file and line. */
  readonly problems: readonly Problem[];
  /** Files looked at. */
  readonly files: number;
  /** Stories found. */
  readonly stories: number;
  /** The check's wall time, in milliseconds. */
  readonly milliseconds: number;
  /** Entry files read again and reused from the cache. */
  readonly cache: CacheStats;
}

/** What a session checks, and whom it tells. */
export interface SessionOptions {
  /** The content folder (absolute). */
  readonly contentDir: string;
  /** The site configuration. */
  readonly config: SiteConfig;
  /** Problems' paths are relative to this folder. */
  readonly displayRoot: string;
  /** The project's `public/` folder. */
  readonly publicDir?: string;
  /** Called after each check. */
  readonly onResult?: (result: SessionResult, previous: SessionResult | undefined) => void;
  /** How long to wait after a change for the rest of a burst (an editor's save is several events). */
  readonly settleMs?: number;
}

/** How long a change waits for the rest of its burst, by default. */
const SETTLE_MS = 30;

/** The content check of one dev server. */
export class CheckSession {
  readonly #options: SessionOptions;
  readonly #cache = new CheckCache();
  #result: SessionResult | undefined;
  #dirty = false;
  #loop: Promise<void> | undefined;

  /** Starts the first check at once. */
  constructor(options: SessionOptions) {
    this.#options = options;
    this.schedule();
  }

  /** Asks for a check, because something in the content folder changed. */
  schedule(): void {
    this.#dirty = true;
    this.#loop ??= this.#drain();
  }

  /** The result that includes every change seen so far (waits for the checks still to run). */
  async current(): Promise<SessionResult> {
    while (this.#loop) await this.#loop;
    // After a loop has run there is always a result.
    return this.#result as SessionResult;
  }

  /** Checks until no change is left unchecked. */
  async #drain(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.#options.settleMs ?? SETTLE_MS));
    while (this.#dirty) {
      this.#dirty = false;
      const previous = this.#result;
      this.#result = await this.#check();
      this.#options.onResult?.(this.#result, previous);
    }
    // No await between the last look at #dirty and this: a change now starts a new loop.
    this.#loop = undefined;
  }

  /** One check; a failure of the checker itself is an error like any other, never silence. */
  async #check(): Promise<SessionResult> {
    const started = performance.now();
    const { contentDir, config, displayRoot, publicDir } = this.#options;
    try {
      const result = await checkContent({
        contentDir,
        config,
        displayRoot,
        cache: this.#cache,
        ...(publicDir === undefined ? {} : { publicDir }),
      });
      return { ...result, milliseconds: performance.now() - started, cache: this.#cache.stats() };
    } catch (error) {
      const problem: Problem = {
        file: contentDir,
        line: 1,
        column: 1,
        severity: 'error',
        field: '(check)',
        message: `the content check failed: ${error instanceof Error ? error.message : String(error)}`,
      };
      return {
        problems: [problem],
        files: 0,
        stories: 0,
        milliseconds: performance.now() - started,
        cache: this.#cache.stats(),
      };
    }
  }
}
