/**
 * The places and file helpers that publishing (publish.ts) and the output lock (output-lock.ts)
 * share: the sibling paths of an output folder (`<out>.building`, `<out>.versions`, `<out>.next`,
 * `<out>.lock`), how a path is shown to the person running the build, the one-line error they can
 * act on, and removal and lstat that tolerate what is already gone.
 */
import { rmSync, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** A failure the person running the build can act on; its message is one line, shown as is. */
export class PublishError extends Error {
  override name = 'PublishError';
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

/** The error code of a Node.js system error, if any. */
export function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** How a tree is removed: whatever is there, links not followed, twice more on a busy file. */
const REMOVAL = { recursive: true, force: true, maxRetries: 2 } as const;

/** Whether a removal's error leaves nothing to do: a mount point is emptied and kept (rmdir says EBUSY). */
const removalDone = (error: unknown): boolean => codeOf(error) === 'EBUSY';

/** Removes a file, link or folder tree; a mount point is emptied and kept. */
export async function remove(target: string): Promise<void> {
  try {
    await fsp.rm(target, REMOVAL);
  } catch (error) {
    if (!removalDone(error)) throw error;
  }
}

/** `remove`, blocking: for a thread of its own (pipeline/remove-worker.ts). */
export function removeSync(target: string): void {
  try {
    rmSync(target, REMOVAL);
  } catch (error) {
    if (!removalDone(error)) throw error;
  }
}

/** lstat, or undefined when nothing is there. */
export async function lstatOrNone(target: string): Promise<Stats | undefined> {
  try {
    return await fsp.lstat(target);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}
