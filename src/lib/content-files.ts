/**
 * The one rule for files: content is regular files and folders inside the content folder. No
 * symbolic link is followed, anywhere (a link to `/etc/passwd` named `cover.png`, a linked story
 * folder, a linked `content/articles`), and no path written in content may resolve outside it.
 * The checker reports every breach with its path; the loaders and the image pipeline refuse them
 * too, so a build that skipped the checker still cannot read through a link.
 *
 * Hand-written because it must use `lstat` semantics at every level: globbing libraries follow
 * links by default and report the target, not the link.
 */
import { constants, lstatSync, readdirSync, type Dirent } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

/** A file system entry that breaks the rule. */
export interface FileBreach {
  /** Path relative to the content folder, with forward slashes. */
  readonly rel: string;
  /** What is wrong and how to fix it, for the editor (the path is given separately). */
  readonly message: string;
}

/** What a walk of the content folder found. */
export interface ContentTree {
  /** Regular files, relative to the content folder with forward slashes, sorted. */
  readonly files: string[];
  /** Symbolic links and special files (sockets, devices, FIFOs), never followed. */
  readonly breaches: FileBreach[];
}

/** The editor-facing message for a symbolic link. */
export const LINK_MESSAGE =
  'a symbolic link: content must be regular files and folders inside the content folder (links are never followed); replace it with the real file or folder';

/** Forward-slash relative path, as every report names files. */
function relative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/** The kind of an entry, from a Dirent or lstat, without following links. */
function breachOf(entry: Dirent, rel: string): FileBreach | undefined {
  if (entry.isSymbolicLink()) return { rel, message: LINK_MESSAGE };
  if (entry.isFile() || entry.isDirectory()) return undefined;
  return { rel, message: 'not a regular file or folder (a socket, device or pipe): remove it' };
}

/**
 * Lists the content folder without following any link: regular files, and every link or special
 * file as a breach. The content folder itself must be a real folder; otherwise that is the one
 * breach (with `rel` "."), so callers can report it instead of crashing on ENOENT or ENOTDIR.
 */
export function walkContent(contentDir: string): ContentTree {
  const top = rootBreach(contentDir);
  if (top) return { files: [], breaches: [top] };
  const files: string[] = [];
  const breaches: FileBreach[] = [];
  const pending = [contentDir];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const rel = relative(contentDir, dir) || '.';
      breaches.push({
        rel,
        message: `a folder that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      continue;
    }
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = relative(contentDir, abs);
      const breach = breachOf(entry, rel);
      if (breach) breaches.push(breach);
      else if (entry.isDirectory()) pending.push(abs);
      else files.push(rel);
    }
  }
  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byPath), breaches: breaches.sort((a, b) => byPath(a.rel, b.rel)) };
}

/** Why the content folder itself cannot be used, if it cannot: missing, a file, or a link. */
export function rootBreach(contentDir: string): FileBreach | undefined {
  let stats;
  try {
    stats = lstatSync(contentDir);
  } catch {
    return { rel: '.', message: `the content folder ${contentDir} does not exist: create it, or set CONTENT_DIR` };
  }
  if (stats.isSymbolicLink()) {
    return { rel: '.', message: `the content folder ${contentDir} is a symbolic link: use the real folder` };
  }
  if (!stats.isDirectory()) {
    return { rel: '.', message: `the content folder ${contentDir} is not a folder: set CONTENT_DIR to the folder` };
  }
  return undefined;
}

/**
 * Refuses a content tree that breaks the rule: throws one error whose message names every link
 * (at most ten, then a count). For loaders and the build, which must not rely on the checker.
 */
export function assertRegularTree(contentDir: string, shown = contentDir): void {
  const { breaches } = walkContent(contentDir);
  if (breaches.length === 0) return;
  const named = breaches.slice(0, 10).map((b) => (b.rel === '.' ? b.message : `${shown}/${b.rel} is ${b.message}`));
  const more = breaches.length > 10 ? ` (and ${breaches.length - 10} more)` : '';
  throw new Error(named.join('; ') + more);
}

/**
 * The bytes of `file` if it is a regular file; undefined if it is a link, a folder, a pipe, a
 * socket or a device, or cannot be opened. Opened without following a link and without blocking,
 * then judged on the open descriptor: a file swapped for a link or a pipe after it was listed is
 * neither followed nor waited on (a pipe with no writer would block a plain read forever).
 */
export async function readRegularFile(file: string): Promise<Buffer | undefined> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    () => undefined,
  );
  if (!handle) return undefined;
  try {
    return (await handle.stat()).isFile() ? await handle.readFile() : undefined;
  } finally {
    await handle.close();
  }
}

/** How a path written in content resolves: inside the content folder, or why not. */
export type ContainedPath = { ok: true; abs: string; rel: string } | { ok: false; message: string };

/**
 * Resolves `target` (as written in a file: relative to that file, or content-absolute with a
 * leading `/` when `siteAbsolute` is allowed) and refuses it when it leaves the content folder or
 * passes through a link at any level. `fromRel` is the referring file, relative to the folder.
 */
export function resolveInContent(
  contentDir: string,
  fromRel: string,
  target: string,
  show: (rel: string) => string = (rel) => rel,
): ContainedPath {
  if (target.includes('\0')) return { ok: false, message: `the path "${visible(target)}" contains a NUL character` };
  const root = path.resolve(contentDir);
  const abs = path.resolve(root, path.dirname(fromRel), target);
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) {
    return {
      ok: false,
      message: `"${visible(target)}" points outside the content folder: keep images beside the file that uses them (./name.jpg)`,
    };
  }
  let at = root;
  for (const part of rel.split('/')) {
    at = path.join(at, part);
    let stats;
    try {
      stats = lstatSync(at);
    } catch {
      return { ok: true, abs, rel };
    }
    if (stats.isSymbolicLink()) {
      return {
        ok: false,
        message: `"${visible(target)}" goes through a symbolic link (${show(relative(root, at))}): links are never followed`,
      };
    }
  }
  return { ok: true, abs, rel };
}

/** A path with control characters shown as escapes, so a message never carries them. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
