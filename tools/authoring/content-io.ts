/**
 * The one way editor commands (`npm run new`, `npm run import`) touch files in the content folder
 * (this module checks paths and reads; content-write.ts writes): never through a symbolic link, never
 * outside the folder, and every expected failure (a link, a read-only or full disk, a missing folder,
 * a file where a folder should be) as one line for the editor instead of a stack trace.
 *
 * Content arrives by pull request, so a story folder may be a link to anywhere; `mkdir -p` and
 * `writeFile` would follow it. Hand-written because Node has no `openat()`: every component from
 * the content folder down is checked with `lstat`, folders are created one at a time and checked
 * again after creating (a link swapped in meanwhile is caught), the parent's real path must be the
 * expected one, and the file itself is opened `O_NOFOLLOW` (and `O_EXCL` unless `--force`).
 */
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** An expected failure, already worded for the editor: one line, file and fix. Never a bug. */
export class EditorFileError extends Error {
  /** The errno code behind it (`EACCES`, `EEXIST`…), or `ELINK` / `EOUTSIDE` for a refusal. */
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.name = 'EditorFileError';
    this.code = code;
  }
}

/** What `lstat` tells (the subset used). */
export interface EntryStats {
  isSymbolicLink(): boolean;
  isDirectory(): boolean;
  isFile(): boolean;
  readonly mode: number;
}

/** The file system calls used; tests replace some to simulate a read-only or full disk. */
export interface FileIo {
  readonly lstat: (file: string) => Promise<EntryStats>;
  readonly mkdir: (dir: string) => Promise<unknown>;
  readonly realpath: (file: string) => Promise<string>;
  readonly open: (
    file: string,
    flags: number,
    mode?: number,
  ) => Promise<{ writeFile(text: string, encoding: 'utf8'): Promise<void>; close(): Promise<void> }>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly unlink: (file: string) => Promise<void>;
  readonly rmdir: (dir: string) => Promise<void>;
  readonly readFile: (file: string, options: { flag: number }) => Promise<Buffer>;
}

const realIo: FileIo = {
  lstat: (file) => fsp.lstat(file),
  mkdir: (dir) => fsp.mkdir(dir),
  realpath: (file) => fsp.realpath(file),
  open: (file, flags, mode) => fsp.open(file, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
  rmdir: (dir) => fsp.rmdir(dir),
  readFile: (file, options) => fsp.readFile(file, options),
};

/** How paths are named in messages, and which file system calls to use. */
export interface IoOptions {
  /** A path as the editor should read it (default: relative to the working folder). */
  readonly show?: (abs: string) => string;
  /** File system calls to replace (tests only). */
  readonly io?: Partial<FileIo>;
}

const showRelative = (abs: string): string => path.relative(process.cwd(), abs) || '.';

/** The message for a link met at `shown`; the same sentence whichever level it is at. */
export function linkRefusal(shown: string, kind: 'folder' | 'file', verb: 'write' | 'read' = 'write'): string {
  return `${shown} is a symbolic link; editor commands never ${verb} through links: replace it with a real ${kind}`;
}

/** What the editor was trying to do, by system call, for messages: "cannot create the folder …". */
const ACTIONS: Record<string, string> = {
  mkdir: 'create the folder',
  open: 'write',
  write: 'write',
  rename: 'replace',
  unlink: 'remove',
  scandir: 'read the folder',
  opendir: 'read the folder',
  read: 'read',
  lstat: 'look at',
  realpath: 'look at',
};

/**
 * One line for a failed file system call on `abs` (the error's own path wins when it has one):
 * what could not be done, why, and what to do. Unknown errors still give one line, with their code.
 */
export function describeFileError(error: unknown, abs: string, show: (abs: string) => string = showRelative): string {
  if (error instanceof EditorFileError) return error.message;
  const e = error as NodeJS.ErrnoException;
  const at = show(typeof e.path === 'string' ? e.path : abs);
  const cannot = `cannot ${ACTIONS[e.syscall ?? ''] ?? 'write'} ${at}`;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return `${cannot}: permission denied: fix the folder's permissions, or work in a copy of the content folder you own`;
    case 'EROFS':
      return `${cannot}: the disk is read-only: work in a writable copy of the content folder`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${cannot}: no space left on the disk: free some space, then run the command again`;
    case 'ENOENT':
      return `${cannot}: it does not exist (was the content folder moved or deleted meanwhile?): check the folder and run the command again`;
    case 'ENOTDIR':
      return `${cannot}: part of this path is a file where a folder should be: move the file away, then run the command again`;
    case 'ELOOP':
      return linkRefusal(at, 'file');
    case 'EISDIR':
      return `${at} is a folder where the file should be: move the folder away, then run the command again`;
    case 'EEXIST':
      return `${at} already exists: not overwritten. Add --force to replace it`;
    case 'ENAMETOOLONG':
      return `${cannot}: the name is too long for the file system: choose a shorter --slug`;
    default: {
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      return `${cannot}: ${e.code ?? first}: check the disk and the folder, then run the command again`;
    }
  }
}

/** The error as an {@link EditorFileError}, worded by {@link describeFileError}. */
export function asEditorError(error: unknown, abs: string, show: (abs: string) => string): EditorFileError {
  if (error instanceof EditorFileError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  return new EditorFileError(describeFileError(error, abs, show), code === 'ELOOP' ? 'ELINK' : code);
}

/** `lstat`, or undefined when nothing is there. */
export async function lstatOrNone(io: FileIo, file: string): Promise<EntryStats | undefined> {
  try {
    return await io.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Why the content folder itself cannot be used, or undefined: missing, a file, or a link (a link
 * would take every write elsewhere). `code` tells a missing folder (a usage error) from a link.
 */
export async function contentFolderProblem(
  contentDir: string,
  options: IoOptions = {},
): Promise<{ message: string; code: 'ENOENT' | 'ENOTDIR' | 'ELINK' } | undefined> {
  const io = { ...realIo, ...options.io };
  const show = options.show ?? showRelative;
  const root = path.resolve(contentDir);
  let stats;
  try {
    stats = await lstatOrNone(io, root);
  } catch (error) {
    throw asEditorError(error, root, show);
  }
  if (stats === undefined) {
    return {
      code: 'ENOENT',
      message: `the content folder ${show(root)} does not exist: give it with --content <dir> (or CONTENT_DIR)`,
    };
  }
  if (stats.isSymbolicLink()) {
    return {
      code: 'ELINK',
      message: `${linkRefusal(show(root), 'folder')}, or give the real folder with --content <dir>`,
    };
  }
  if (!stats.isDirectory()) {
    return {
      code: 'ENOTDIR',
      message: `the content folder ${show(root)} is a file, not a folder: give the folder with --content <dir> (or CONTENT_DIR)`,
    };
  }
  return undefined;
}

/**
 * The parts of `rel` (a path inside the content folder, forward slashes), refusing anything that
 * could leave it: absolute paths, `..`, `.`, empty parts, NUL, backslashes. Slugs, years and
 * ids are validated before they get here; this is the last line of defence, not the message editors
 * normally see.
 */
export function contentPathParts(rel: string): string[] {
  const parts = rel.split('/');
  const bad = parts.find((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'));
  if (path.isAbsolute(rel) || bad !== undefined) {
    throw new EditorFileError(
      `"${rel.replace(/\p{Cc}/gu, '?')}" is not a path inside the content folder (absolute, or with "..", "." or an empty part): editor commands write only inside it; use a slug of lowercase letters, digits and hyphens`,
      'EOUTSIDE',
    );
  }
  return parts;
}

/** The absolute path of `rel`, checked to stay inside the content folder. */
function insideContent(root: string, parts: readonly string[]): string {
  const abs = path.join(root, ...parts);
  const back = path.relative(root, abs);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) {
    throw new EditorFileError(
      `${parts.join('/')} resolves outside the content folder: editor commands write only inside it`,
      'EOUTSIDE',
    );
  }
  return abs;
}

/**
 * Walks the folders of `parts` (all but the last) from the content folder down with `lstat`:
 * a link or a file on the way is refused. With `create`, missing folders are made one at a time
 * (`mkdir` does not follow a link at the last component) and checked again after making them,
 * and each one made is recorded in `created` so a failed write can remove it.
 */
export async function walkFolders(
  io: FileIo,
  root: string,
  parts: readonly string[],
  show: (abs: string) => string,
  create: string[] | undefined,
  verb: 'write' | 'read' = 'write',
): Promise<string> {
  let at = root;
  for (const part of parts.slice(0, -1)) {
    at = path.join(at, part);
    let stats = await lstatOrNone(io, at);
    if (stats === undefined) {
      if (create === undefined) return at; // Nothing below a missing folder can be a link.
      try {
        await io.mkdir(at);
        create.push(at);
      } catch (error) {
        // Someone made it meanwhile: the check below decides whether it is usable.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      stats = await io.lstat(at);
    }
    if (stats.isSymbolicLink()) throw new EditorFileError(linkRefusal(show(at), 'folder', verb), 'ELINK');
    if (!stats.isDirectory()) {
      throw new EditorFileError(
        `${show(at)} is a file where a folder should be: move it away, then run the command again`,
        'ENOTDIR',
      );
    }
  }
  return at;
}

/** A file `rel` inside the content folder (`target`, absolute), with the I/O calls to reach it. */
export interface Located {
  readonly io: FileIo;
  readonly show: (abs: string) => string;
  readonly root: string;
  readonly parts: readonly string[];
  readonly target: string;
}

/** Resolves `rel` inside the (checked) content folder; shared by the read, check and write commands. */
export async function locate(contentDir: string, rel: string, options: IoOptions): Promise<Located> {
  // The content folder is refused unless it is a real folder.
  const problem = await contentFolderProblem(contentDir, options);
  if (problem) throw new EditorFileError(problem.message, problem.code);
  const root = path.resolve(contentDir);
  const parts = contentPathParts(rel);
  return {
    io: { ...realIo, ...options.io },
    show: options.show ?? showRelative,
    root,
    parts,
    target: insideContent(root, parts),
  };
}

/**
 * Reads `rel` inside the content folder without following a link at any level (the translation's
 * source file). Failures are {@link EditorFileError}s.
 */
export async function readContentFile(contentDir: string, rel: string, options: IoOptions = {}): Promise<Buffer> {
  const { io, show, root, parts, target } = await locate(contentDir, rel, options);
  try {
    await walkFolders(io, root, parts, show, undefined, 'read');
    return await io.readFile(target, { flag: constants.O_RDONLY | constants.O_NOFOLLOW });
  } catch (error) {
    const failure = asEditorError(error, target, show);
    if (failure.code === 'ELINK' && (error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new EditorFileError(linkRefusal(show(target), 'file', 'read'), 'ELINK');
    }
    throw failure;
  }
}
