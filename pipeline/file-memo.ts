/**
 * A memo of what a build computed from files (a digest, a shard), kept in the cache folder under
 * each file's path and identity, so that the next build reads only the files whose identity
 * changed: the rebuild plan's content digests (pipeline/rebuild.ts) and the search index's page
 * digests (pipeline/search-index.ts). At 10,000 stories that is 19,200 content files and 27,400
 * pages that a one-story edit would otherwise read again.
 *
 * Hand-written: what identifies a file is a judgement per use (see the two identities below), and
 * the memo is one JSON file, written aside and renamed into place.
 */
import { lstat, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapWithLimit } from '#lib/concurrency.ts';

/**
 * A content file's identity: device, inode, type, size, and the modification and change times in
 * nanoseconds. The change time is set by the kernel on every write, rename or attribute change and
 * cannot be set back by any tool, so a file edited with its modification time restored is another.
 */
export async function contentIdentity(file: string): Promise<string> {
  const s = await lstat(file, { bigint: true });
  return `${s.dev}:${s.ino}:${s.isSymbolicLink() ? 'l' : 'f'}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/**
 * A built page's identity: device, inode, size and modification time in nanoseconds, not the change
 * time, which every hard link made to the file moves. A page is never written into once complete (a
 * rebuild writes new files and hard-links the rest, which keep their inode), so the same identity
 * means the same bytes.
 */
export async function pageIdentity(file: string): Promise<string> {
  const s = await lstat(file, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
}

/** How {@link memoised} computes and recognises each file's value. */
export interface MemoOptions<T> {
  /** The folder the files are relative to. */
  readonly dir: string;
  /** The memo's file; none: every value is computed. */
  readonly memoFile?: string | undefined;
  /** The file's identity ({@link contentIdentity} or {@link pageIdentity}). */
  readonly identity: (file: string) => Promise<string>;
  /** What else a file's value depends on (for a story, the other files of its folder). */
  readonly context?: (rel: string) => string;
  /** Computes a file's value by reading it. */
  readonly compute: (rel: string, file: string) => Promise<T>;
}

/** The memo as stored: by path, the identity (with context) a value was computed for, and the value. */
interface Memo<T> {
  readonly format: 1;
  readonly files: Readonly<Record<string, readonly [key: string, value: T]>>;
}

/**
 * The value of each of `files` (relative to `options.dir`, 64 at a time): from the memo when the
 * file's identity and context are those it was computed for, else computed. The memo is rewritten
 * with exactly these files.
 */
export async function memoised<T>(files: readonly string[], options: MemoOptions<T>): Promise<T[]> {
  const { memoFile } = options;
  const memo = memoFile
    ? await readFile(memoFile, 'utf8')
        .then((text) => JSON.parse(text) as Memo<T>)
        .then((m) => (m.format === 1 ? m.files : {}))
        .catch((): Memo<T>['files'] => ({}))
    : {};
  const keyed = await mapWithLimit(files, 64, async (rel): Promise<readonly [string, T]> => {
    const file = path.join(options.dir, rel);
    const key = memoFile ? `${await options.identity(file)}|${options.context?.(rel) ?? ''}` : '';
    const was = memo[rel];
    if (was && was[0] === key) return was;
    return [key, await options.compute(rel, file)];
  });
  if (memoFile) {
    const entries = files.flatMap((rel, i) => (keyed[i] ? [[rel, keyed[i]] as const] : []));
    const next: Memo<T> = { format: 1, files: Object.fromEntries(entries) };
    await mkdir(path.dirname(memoFile), { recursive: true });
    await writeFile(`${memoFile}.tmp`, JSON.stringify(next));
    await rename(`${memoFile}.tmp`, memoFile);
  }
  return keyed.map((entry) => entry[1]);
}
