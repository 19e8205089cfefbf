/**
 * The one-build-per-output lock: `<out>.lock` holds the pid (and, where /proc has it, the start
 * time) of the build writing `<out>`. A second build refuses with the holder's pid; a lock whose
 * process is dead is taken over, safely when two builds try at once.
 *
 * Hand-written: proper-lockfile/lockfile locks have no "refuse with the holder's pid" mode.
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
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { codeOf, outputPaths, PublishError, remove, shownPath, type OutputPaths } from './output-paths.ts';

/** Suffix (then a pid) of a stale lock being taken over, moved aside. */
const STALE = '.stale-';

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
      // Written aside, then linked into place (which fails if the lock exists): the lock appears
      // with its pid already in it. Created empty and then written, a build killed between the two
      // left an empty lock that looked like one being written, and refused the next build for 10 s.
      // The aside file is named like a stale lock of this pid, so a build killed before the link
      // leaves nothing that removeAbandonedLocks does not clear.
      const aside = `${lock}${STALE}${process.pid}`;
      const fd = openSync(aside, 'w');
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      try {
        linkSync(aside, lock);
      } finally {
        unlinkSync(aside);
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

/** Removes the locks that builds killed while taking over a stale lock left moved aside under their own pid. */
export async function removeAbandonedLocks(paths: OutputPaths): Promise<void> {
  const aside = `${path.basename(paths.lock)}${STALE}`;
  for (const entry of await fsp.readdir(path.dirname(paths.out))) {
    if (entry.startsWith(aside) && !holderAlive(Number(entry.slice(aside.length)), '')) {
      await remove(path.join(path.dirname(paths.out), entry));
    }
  }
}
