/**
 * A cache of the checker's per-file work, so that checking the same content folder again (the dev
 * server does after every save, pipeline/dev/) reads, parses and validates only the files that
 * changed, and runs the rules across files on the cached results. Hand-written because what makes
 * a file's result stale is the checker's own business: its bytes, the registry's ids (references
 * are validated against them, with "did you mean"), the files of `public/` (site-absolute paths in
 * bodies), and the images it names.
 *
 * A file's result is reused when its stamp (size, modification time, inode) is unchanged, or when
 * the stamp changed but the bytes hash the same (a save without an edit). An image or any other
 * file beside the entries (not a `.md` or registry file) that is added, changed or removed makes
 * stale every entry whose text mentions its name, as written or %-encoded: a path that names a file
 * names it by that name. One cache belongs to one content folder and one site configuration.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { forkRun, type CheckRun } from './check-run.ts';
import type { Problem } from './problems.ts';

/** What tells a file's versions apart without reading it: size, modification time, inode. */
export interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** One file's cached result: the problems it reported and the value the later steps need. */
interface CachedFile {
  /** The stamp the result was computed from. */
  stamp: Stamp;
  /** A hash of the bytes the result was computed from. */
  readonly hash: string;
  /** The global key (ids, public files) it was computed under. */
  readonly scope: string;
  /** The file's text, to find the images it names when one of them changes. */
  readonly text: string;
  /** Problems of this file, as reported. */
  readonly problems: readonly Problem[];
  /** What the checker's later steps take from this file. */
  readonly value: unknown;
}

/** How many files the last check used from the cache and how many it computed again. */
export interface CacheStats {
  /** Entry files whose cached result was used. */
  readonly reused: number;
  /** Entry files read and checked again. */
  readonly checked: number;
}

/** The stamp of a file, or undefined when it cannot be read (its problem is the checker's to report). */
function stampOf(abs: string): Stamp | undefined {
  try {
    const s = lstatSync(abs);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return undefined;
  }
}

/** Whether two stamps name the same version of a file. */
function sameStamp(a: Stamp | undefined, b: Stamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** A hash of a file's bytes (undefined when it cannot be read). */
function hashOf(abs: string): string | undefined {
  try {
    return createHash('sha1').update(readFileSync(abs)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Whether `rel` (relative to the content folder) is a file the checker reads as an entry. */
function isEntryFile(rel: string): boolean {
  return /\.(md|ya?ml)$/i.test(rel);
}

/** The per-file results of previous checks of one content folder. */
export class CheckCache {
  readonly #files = new Map<string, CachedFile>();
  /** Stamps of the files that are not entries (images and the like), from the last check. */
  #assets = new Map<string, Stamp | undefined>();
  /** Entries found stale by {@link prepare}, checked again during this run. */
  #stale = new Set<string>();
  #scope = '';
  #reused = 0;
  #checked = 0;

  /**
   * Starts a check of `files` (every regular file, relative to `contentDir`) under `scope` (what every
   * file's result depends on: the registry's ids, the files of `public/`): works out which cached
   * results are stale, and forgets the files that are gone.
   */
  prepare(contentDir: string, files: readonly string[], scope: string): void {
    this.#scope = scope;
    this.#stale = new Set();
    this.#reused = 0;
    this.#checked = 0;
    const present = new Set(files);
    for (const rel of this.#files.keys()) if (!present.has(rel)) this.#files.delete(rel);
    const assets = new Map<string, Stamp | undefined>();
    const changedAssets: string[] = [];
    for (const rel of files) {
      const abs = path.join(contentDir, rel);
      if (!isEntryFile(rel)) {
        const stamp = stampOf(abs);
        assets.set(rel, stamp);
        if (!sameStamp(stamp, this.#assets.get(rel))) changedAssets.push(rel);
        continue;
      }
      const cached = this.#files.get(rel);
      if (!cached || cached.scope !== scope) {
        this.#stale.add(rel);
        continue;
      }
      const stamp = stampOf(abs);
      if (sameStamp(stamp, cached.stamp)) continue;
      // Touched, maybe not changed: the bytes decide. (A stamp is read before the bytes, so a write
      // between the two leaves a stamp older than the file: the next check reads it again.)
      if (stamp && hashOf(abs) === cached.hash) cached.stamp = stamp;
      else this.#stale.add(rel);
    }
    for (const rel of this.#assets.keys()) if (!assets.has(rel)) changedAssets.push(rel);
    this.#assets = assets;
    if (changedAssets.length > 0) this.#invalidateMentions(changedAssets);
  }

  /** Marks stale every cached entry whose text names one of the `assets` (relative paths). */
  #invalidateMentions(assets: readonly string[]): void {
    const names = new Set<string>();
    for (const rel of assets) {
      const name = path.basename(rel);
      names.add(name);
      names.add(encodeURI(name));
      names.add(encodeURIComponent(name));
    }
    for (const [rel, cached] of this.#files) {
      for (const name of names) {
        if (cached.text.includes(name)) {
          this.#stale.add(rel);
          break;
        }
      }
    }
  }

  /** The cached result of `rel`, when it is still good for this check. */
  lookup(rel: string): { readonly problems: readonly Problem[]; readonly value: unknown } | undefined {
    const cached = this.#files.get(rel);
    if (!cached || this.#stale.has(rel)) return undefined;
    this.#reused++;
    return cached;
  }

  /** The stamp of `abs` now, taken before it is read for {@link store}. */
  stamp(abs: string): Stamp | undefined {
    return stampOf(abs);
  }

  /**
   * Keeps the result of checking `rel` (at `abs`) from `text`, read after `before` was taken. It is
   * kept only if the file still has that stamp once hashed: a file written meanwhile is read again
   * next time, never kept with the result of an older version.
   */
  store(
    abs: string,
    rel: string,
    before: Stamp | undefined,
    text: string,
    problems: readonly Problem[],
    value: unknown,
  ): void {
    this.#checked++;
    const hash = hashOf(abs);
    if (!before || hash === undefined || !sameStamp(before, stampOf(abs))) {
      this.#files.delete(rel);
      return;
    }
    this.#files.set(rel, { stamp: before, hash, scope: this.#scope, text, problems, value });
  }

  /** How many entry files the current (or last) check reused and checked again. */
  stats(): CacheStats {
    return { reused: this.#reused, checked: this.#checked };
  }
}

/** The key of what every file's result depends on: the registry's ids and the files of `public/`. */
export function cacheScope(
  ids: Readonly<Record<string, ReadonlyMap<string, string>>>,
  publicFiles: readonly string[],
): string {
  const parts: string[] = [];
  for (const collection of Object.keys(ids).sort()) {
    parts.push(`${collection}:${[...(ids[collection]?.keys() ?? [])].sort().join(',')}`);
  }
  parts.push(`public:${[...publicFiles].sort().join(',')}`);
  return createHash('sha1').update(parts.join('\n')).digest('hex');
}

/**
 * Runs `compute` (one file's checks, reporting into the run it is given) for the entry `rel`, or
 * replays its cached result: its problems go into `run` either way, and its value is returned.
 * Without a cache it simply runs `compute` on `run`.
 */
export async function cachedFileCheck<T>(
  run: CheckRun,
  cache: CheckCache | undefined,
  rel: string,
  compute: (fileRun: CheckRun) => Promise<{ readonly value: T; readonly text: string }>,
): Promise<T> {
  if (!cache) return (await compute(run)).value;
  const hit = cache.lookup(rel);
  if (hit) {
    run.problems.push(...hit.problems);
    return hit.value as T;
  }
  const abs = path.join(run.contentDir, rel);
  const before = cache.stamp(abs);
  const fileRun = forkRun(run);
  const { value, text } = await compute(fileRun);
  run.problems.push(...fileRun.problems);
  cache.store(abs, rel, before, text, fileRun.problems, value);
  return value;
}
