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
 * - `<out>.lock` holds the pid of the build writing `<out>` (output-lock.ts).
 *
 * A real `<out>/` folder left by an older build is moved to `<out>.versions/previous` just before
 * the link takes its place: the one moment without `<out>`, once. If the build dies right there,
 * the next build moves `previous` back. Whatever a killed build leaves (staging, temporary link,
 * half-copied or unpublished versions) is removed by the next build's `prepareOutput`.
 *
 * Hand-written: the npm packages for atomic writes replace single files, not a folder tree. The
 * lock is in output-lock.ts, the sibling paths and file helpers both use in output-paths.ts.
 */
import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { removeAbandonedLocks } from './output-lock.ts';
import { codeOf, lstatOrNone, outputPaths, PublishError, remove, shownPath, type OutputPaths } from './output-paths.ts';

// The lock and the paths are part of publishing's interface: build.ts and the tests import them here.
export { acquireLock, type OutputLock } from './output-lock.ts';
export { outputPaths, PublishError, shownPath, type OutputPaths } from './output-paths.ts';

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
  /**
   * `publishSite`: leave the previous version beside the new one, for the next build's
   * `prepareOutput` to remove (removing a site's tens of thousands of links takes seconds).
   */
  readonly keepPrevious?: boolean;
  /**
   * `prepareOutput`: do not wait for the removal of stale versions; its promise is returned for
   * the build to await before it publishes, so it runs while the build checks the content.
   */
  readonly background?: boolean;
}

/** What `prepareOutput` leaves running. */
export interface Prepared {
  /** Settles when the versions `<out>` does not point to are removed (at once, without `background`). */
  readonly removed: Promise<void>;
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

const defaultFs: PublishFs = {
  rename: (from, to) => fsp.rename(from, to),
  symlink: (target, link) => fsp.symlink(target, link, 'dir'),
  cp: (from, to) => fsp.cp(from, to, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true }),
};

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
export async function prepareOutput(outDir: string, options: PublishOptions = {}): Promise<Prepared> {
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
  const stale = entries.filter((entry) => entry !== current).map((entry) => path.join(paths.versions, entry));
  const removed = (async () => {
    if (options.background) await removeOffThread(stale);
    else for (const target of stale) await remove(target);
    if (current === undefined) await fsp.rmdir(paths.versions).catch(() => undefined);
  })();
  // Handled here so a failure while nothing awaits it yet is no unhandled rejection; the caller's
  // await still sees it.
  removed.catch(() => undefined);
  if (!options.background) await removed;
  await remove(paths.staging);
  if (options.staging) await remove(options.staging);
  await removeAbandonedLocks(paths);
  await options.onStep?.('prepared');
  return { removed };
}

/**
 * Removes `targets` on a thread of its own, with blocking calls: removed with node:fs's promises,
 * tens of thousands of unlinks fill libuv's four I/O threads, and the build's own file reads, which
 * run meanwhile, wait behind them (a 10,000-story rebuild plan took 6.9 s instead of 1.5 s).
 */
function removeOffThread(targets: readonly string[]): Promise<void> {
  if (targets.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./remove-worker.ts', import.meta.url), { workerData: targets });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`removal thread exited with ${code}`))));
  });
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
 * version (unless `keepPrevious`). Cleaning up after the swap is best effort: the site is already
 * published, and the next build removes what is left.
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
    for (const entry of options.keepPrevious && linked ? [] : await fsp.readdir(paths.versions)) {
      if (!(linked && entry === name)) await remove(path.join(paths.versions, entry));
    }
    if (!linked) await fsp.rmdir(paths.versions);
  } catch {
    // Left for the next build's prepareOutput.
  }
  await step('cleaned');
  return { version: linked ? version : paths.out, copied, atomic: linked };
}
