/**
 * Publishes a finished build so that the output path (`dist/`) is, at every instant, either the
 * complete previous site or the complete new one, and keeps two builds from writing one output.
 *
 * Layout beside the output folder `<out>`:
 * - `<out>` is a symbolic link to `<out>.versions/<id>/`, the published site. A new site is put in
 *   place by creating a link under a temporary name (`<out>.next`) and renaming it over `<out>`:
 *   rename() replaces a link atomically on POSIX, so readers see the old site or the new one.
 *   (A real folder cannot be swapped for another in one step without Linux-only renameat2.)
 * - `<out>.building/` is the staging folder the build writes into (see pipeline/build.ts), unless the
 *   output is on another filesystem than the project: see `stagingFor`.
 * - `<out>.lock` holds the pid of the build writing `<out>`.
 *
 * A real `<out>/` folder left by an older build is moved to `<out>.versions/previous` just before
 * the link takes its place: the one moment without `<out>`, once. If the build dies right there,
 * the next build moves `previous` back. Whatever a killed build leaves (staging, temporary link,
 * half-copied or unpublished versions) is removed by the next build's `prepareOutput`.
 *
 * Hand-written: the npm packages for atomic writes replace single files, not a folder tree, and
 * proper-lockfile/lockfile locks have no "refuse with the holder's pid" mode.
 */
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** Suffix (then a pid) of a stale lock being taken over, moved aside. */
const STALE = '.stale-';

/** A failure the person running the build can act on; its message is one line, shown as is. */
export class PublishError extends Error {
  override name = 'PublishError';
}

/** The file operations that can fail across filesystems; tests inject failing ones. */
export interface PublishFs {
  /** Renames a file, folder or link (fails with EXDEV across filesystems). */
  readonly rename: (from: string, to: string) => Promise<void>;
  /** Creates a symbolic link at `link` whose text is `target` (fails where links are unsupported). */
  readonly symlink: (target: string, link: string) => Promise<void>;
  /** Copies a folder tree. */
  readonly cp: (from: string, to: string) => Promise<void>;
}

/** Points in a publish where a test may stop the process (see tests/integration/publish-child.ts). */
export type PublishStep =
  'restored' | 'prepared' | 'copying' | 'stored' | 'linked' | 'moved-old' | 'swapped' | 'cleaned';

/** Options of `prepareOutput` and `publishSite`. */
export interface PublishOptions {
  /** The staging folder, when not `<out>.building` (see `stagingFor`). */
  readonly staging?: string;
  /** File operations to use instead of node:fs (tests). */
  readonly fs?: Partial<PublishFs>;
  /** Called after each step; a test hook, awaited. */
  readonly onStep?: (step: PublishStep) => void | Promise<void>;
}

/** What `publishSite` did. */
export interface PublishResult {
  /** The folder now published (`<out>.versions/<id>`, or `<out>` itself without links). */
  readonly version: string;
  /** Whether the staging folder had to be copied (it was on another filesystem). */
  readonly copied: boolean;
  /** False when the filesystem has no symbolic links and `<out>` was replaced in two renames. */
  readonly atomic: boolean;
}

/** The sibling paths of an output folder. */
export interface OutputPaths {
  /** The output folder or link, absolute. */
  readonly out: string;
  /** Where the build writes before publishing. */
  readonly staging: string;
  /** Published versions; `<out>` links to one of them. */
  readonly versions: string;
  /** The link created before it is renamed over `<out>`. */
  readonly next: string;
  /** The lock file. */
  readonly lock: string;
  /** Where a real `<out>/` folder waits during the one non-atomic replacement. */
  readonly previous: string;
}

/** The sibling paths of `outDir`. */
export function outputPaths(outDir: string): OutputPaths {
  const out = path.resolve(outDir);
  const versions = `${out}.versions`;
  return {
    out,
    staging: `${out}.building`,
    versions,
    next: `${out}.next`,
    lock: `${out}.lock`,
    previous: path.join(versions, 'previous'),
  };
}

/** A path as the user would write it: relative inside the working folder, absolute elsewhere. */
export function shownPath(dir: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, dir);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
}

const defaultFs: PublishFs = {
  rename: (from, to) => fsp.rename(from, to),
  symlink: (target, link) => fsp.symlink(target, link, 'dir'),
  cp: (from, to) => fsp.cp(from, to, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true }),
};

/** The error code of a Node.js system error, if any. */
function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Removes a file, link or folder tree; a mount point is emptied and kept (rmdir says EBUSY). */
async function remove(target: string): Promise<void> {
  try {
    await fsp.rm(target, { recursive: true, force: true, maxRetries: 2 });
  } catch (error) {
    if (codeOf(error) !== 'EBUSY') throw error;
  }
}

/** lstat, or undefined when nothing is there. */
async function lstatOrNone(target: string) {
  try {
    return await fsp.lstat(target);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** The version folder name `out` links to, if it is one of ours. */
async function linkedVersion(paths: OutputPaths): Promise<string | undefined> {
  const target = path.resolve(path.dirname(paths.out), await fsp.readlink(paths.out));
  return path.dirname(target) === paths.versions ? path.basename(target) : undefined;
}

/** The message for an output folder that cannot be replaced: a mount point (`code` when renaming it failed). */
function mountPointMessage(shown: string, code?: string): string {
  const what = code ? `cannot be moved aside (${code}: a mount point, or in use)` : 'is a mount point';
  return `${shown}/ ${what}, so a build cannot replace it in one step; set OUT_DIR to a folder inside it (e.g. ${path.join(shown, 'site')})`;
}

/**
 * Run under the lock before a build: finishes or undoes what a killed build left (a missing `<out>`
 * is restored from `previous`), removes the staging folder, the temporary link and every version
 * that `<out>` does not point to. Refuses an output folder that is a mount point, before the build.
 */
export async function prepareOutput(outDir: string, options: PublishOptions = {}): Promise<void> {
  const paths = outputPaths(outDir);
  const fs = { ...defaultFs, ...options.fs };
  await remove(paths.next);
  let current: string | undefined;
  const stats = await lstatOrNone(paths.out);
  if (!stats) {
    // Killed between moving a real `<out>/` away and putting the new site in place: the previous
    // site is complete in `previous`; the unpublished new one is dropped below.
    if (await lstatOrNone(paths.previous)) {
      await fs.rename(paths.previous, paths.out);
      await options.onStep?.('restored');
    }
  } else if (stats.isSymbolicLink()) {
    current = await linkedVersion(paths);
  } else if (stats.isDirectory()) {
    const parent = await fsp.stat(path.dirname(paths.out));
    if (parent.dev !== stats.dev) throw new PublishError(mountPointMessage(shownPath(paths.out)));
  }
  const entries = await fsp.readdir(paths.versions).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) {
    if (entry !== current) await remove(path.join(paths.versions, entry));
  }
  if (current === undefined) await fsp.rmdir(paths.versions).catch(() => undefined);
  await remove(paths.staging);
  if (options.staging) await remove(options.staging);
  // A build killed while taking over a stale lock left it moved aside under its own pid.
  const aside = `${path.basename(paths.lock)}${STALE}`;
  for (const entry of await fsp.readdir(path.dirname(paths.out))) {
    if (entry.startsWith(aside) && !holderAlive(Number(entry.slice(aside.length)), '')) {
      await remove(path.join(path.dirname(paths.out), entry));
    }
  }
  await options.onStep?.('prepared');
}

/** Removes the staging folder after a failed build; best effort (prepareOutput retries), never throws. */
export async function discardStaging(staging: string): Promise<void> {
  await remove(staging).catch(() => undefined);
}

/** The filesystem (device number) a path is on. */
const deviceOf = async (target: string) => (await fsp.stat(target)).dev;

/**
 * The staging folder for `outDir`: `<out>.building` beside it, unless that is outside the project
 * folder and on another filesystem. Astro then keeps its work folder in the project's `.astro/` and
 * renames files from there into the output, which fails across filesystems (EXDEV): the build
 * writes into a folder inside the project instead, and `publishSite` copies it across. The name is
 * the same from build to build for one output (Astro's incremental build hashes it into pages).
 */
export async function stagingFor(
  outDir: string,
  projectDir = process.cwd(),
  device: (target: string) => Promise<number> = deviceOf,
): Promise<string> {
  const { out, staging } = outputPaths(outDir);
  // Astro's own test (core/build/common.ts): an output under the working folder keeps its work inside.
  if (staging.startsWith(projectDir)) return staging;
  if ((await device(path.dirname(out))) === (await device(projectDir))) return staging;
  const id = createHash('sha256').update(out).digest('hex').slice(0, 12);
  return path.join(projectDir, 'node_modules', '.cache', 'news-archive', 'staging', `${path.basename(out)}-${id}`);
}

/** A new version folder name: the UTC time, sortable, with a counter if it is taken. */
async function newVersionName(versions: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').replace('Z', '');
  for (let n = 1; ; n++) {
    const name = n === 1 ? stamp : `${stamp}-${n}`;
    if (!(await lstatOrNone(path.join(versions, name)))) return name;
  }
}

/** Whether a rename failed because source and target cannot be renamed into each other. */
const crossesFilesystems = (error: unknown) => ['EXDEV', 'EBUSY'].includes(codeOf(error) ?? '');
/** Whether creating a symbolic link failed because the filesystem or OS does not allow it. */
const noSymlinks = (error: unknown) => ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(codeOf(error) ?? '');

/**
 * Publishes the finished staging folder of `outDir` (run under the lock, after `prepareOutput`
 * and a successful build): moves it into `<out>.versions/<id>` (copying it first when it is on
 * another filesystem), swaps the `<out>` link to it in one rename, then removes the previous
 * version. Cleaning up after the swap is best effort: the site is already published, and the next
 * build removes what is left.
 */
export async function publishSite(outDir: string, options: PublishOptions = {}): Promise<PublishResult> {
  const paths = outputPaths(outDir);
  const staging = options.staging ?? paths.staging;
  const fs = { ...defaultFs, ...options.fs };
  const step = async (name: PublishStep) => options.onStep?.(name);
  await fsp.mkdir(paths.versions, { recursive: true });
  const name = await newVersionName(paths.versions);
  const version = path.join(paths.versions, name);
  let copied = false;
  try {
    await fs.rename(staging, version);
  } catch (error) {
    if (!crossesFilesystems(error)) throw error;
    // Another filesystem (or the staging folder is a mount point): copy beside the versions first,
    // under a name no link points to, so that a copy cut short is never published.
    copied = true;
    const partial = `${version}.partial`;
    await remove(partial);
    await step('copying');
    await fs.cp(staging, partial);
    await fs.rename(partial, version);
    await remove(staging);
  }
  await step('stored');
  await remove(paths.next);
  let linked = true;
  try {
    await fs.symlink(path.join(`${path.basename(paths.out)}.versions`, name), paths.next);
  } catch (error) {
    if (!noSymlinks(error)) throw error;
    linked = false;
  }
  await step('linked');
  const before = await lstatOrNone(paths.out);
  // A real folder cannot be replaced by a rename (and without links, the new folder cannot replace
  // anything): move it aside first. The only moment without `<out>`; prepareOutput undoes it.
  const replacing = before !== undefined && (!linked || (before.isDirectory() && !before.isSymbolicLink()));
  if (replacing) {
    try {
      await fs.rename(paths.out, paths.previous);
    } catch (error) {
      await remove(paths.next);
      await remove(version);
      if (crossesFilesystems(error)) throw new PublishError(mountPointMessage(shownPath(paths.out), codeOf(error)));
      throw error;
    }
    await step('moved-old');
  }
  try {
    await fs.rename(linked ? paths.next : version, paths.out);
  } catch (error) {
    // Put the previous site back where it was (prepareOutput would, too).
    if (replacing) await fs.rename(paths.previous, paths.out).catch(() => undefined);
    throw error;
  }
  await step('swapped');
  try {
    for (const entry of await fsp.readdir(paths.versions)) {
      if (!(linked && entry === name)) await remove(path.join(paths.versions, entry));
    }
    if (!linked) await fsp.rmdir(paths.versions);
  } catch {
    // Left for the next build's prepareOutput.
  }
  await step('cleaned');
  return { version: linked ? version : paths.out, copied, atomic: linked };
}

/** A held lock on an output folder. */
export interface OutputLock {
  /** Releases the lock if this process still holds it; synchronous, so it can run on exit. */
  readonly release: () => void;
}

/** The start time of process `pid` (Linux, from /proc), to tell a reused pid from the holder. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name (which may contain spaces) closes with ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote a lock (pid, start time or '') still runs. */
function holderAlive(pid: number, started: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if (codeOf(error) !== 'EPERM') return false;
  }
  const now = startTimeOf(pid);
  return started === '' || now === undefined || now === started;
}

/** The holder recorded in a lock file, with the file's inode; undefined if it is gone. */
function readHolder(lock: string): { pid: number; started: string; ino: number; age: number } | undefined {
  try {
    const info = statSync(lock);
    const [pid = '', started = ''] = readFileSync(lock, 'utf8').split('\n');
    return { pid: Number(pid), started, ino: info.ino, age: Date.now() - info.mtimeMs };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes `<out>.lock` for this process, created exclusively with its pid (and start time, where
 * /proc has it). A lock whose process is dead is taken over; a live one makes this throw a
 * PublishError naming its pid. Take it before touching the staging folder.
 */
export function acquireLock(outDir: string): OutputLock {
  const { out, lock } = outputPaths(outDir);
  const busy = (pid: number | undefined) =>
    new PublishError(`another build is writing ${shownPath(out)}/ (pid ${pid || 'unknown'}); wait for it or stop it`);
  const mine = `${process.pid}\n${startTimeOf(process.pid) ?? ''}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return {
        release: () => {
          try {
            if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      if (codeOf(error) === 'ENOENT') {
        // The folder that will hold the output does not exist yet.
        mkdirSync(path.dirname(out), { recursive: true });
        continue;
      }
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    const holder = readHolder(lock);
    if (!holder) continue;
    // An empty lock is one being written this instant, unless it is old (its writer died there).
    const unwritten = Number.isNaN(holder.pid) || holder.pid === 0;
    if (unwritten ? holder.age < 10_000 : holderAlive(holder.pid, holder.started)) throw busy(holder.pid);
    // Stale. Move it aside and check that it is the same file: two builds taking over the same
    // stale lock at once must not both delete it and both go on.
    const aside = `${lock}${STALE}${process.pid}`;
    try {
      renameSync(lock, aside);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') continue;
      throw error;
    }
    if (statSync(aside).ino !== holder.ino) {
      // That was another build's fresh lock: put it back and leave the output to it.
      try {
        linkSync(aside, lock);
      } catch {
        // A third build took the lock meanwhile; it is held either way.
      }
      unlinkSync(aside);
      throw busy(readHolder(lock)?.pid);
    }
    unlinkSync(aside);
  }
  throw busy(readHolder(lock)?.pid);
}
