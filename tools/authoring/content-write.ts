/**
 * Writing a file of the content folder for the editor commands, through the checks of content-io.ts:
 * created exclusively, or (with `--force`) replaced in one step so that a full disk leaves the old
 * file whole; a link is refused with or without `--force`, and a failed write removes the folders it
 * made. Also the dry run of a write, so that a command writing several files refuses before the first.
 */
import { constants } from 'node:fs';
import path from 'node:path';
import {
  asEditorError,
  EditorFileError,
  linkRefusal,
  locate,
  lstatOrNone,
  walkFolders,
  type FileIo,
  type IoOptions,
} from './content-io.ts';

/** Options of {@link writeContentFile}. */
export interface WriteOptions extends IoOptions {
  /** Replace an existing regular file (`--force`). A link is refused even so. */
  readonly overwrite: boolean;
}

/** What {@link checkContentFile} found at the target: nothing yet, or a regular file. */
export type TargetState = 'absent' | 'file';

/**
 * Checks, without writing, that `rel` could be written: no link or file on the way, the target is
 * not a link, a folder or (unless `overwrite`) an existing file. Lets a command that writes several
 * files refuse before writing the first.
 */
export async function checkContentFile(contentDir: string, rel: string, options: WriteOptions): Promise<TargetState> {
  const { io, show, root, parts, target } = await locate(contentDir, rel, options);
  try {
    await walkFolders(io, root, parts, show, undefined);
    return await inspectTarget(io, target, show, options.overwrite);
  } catch (error) {
    throw asEditorError(error, target, show);
  }
}

/** The target file: absent, or a regular file that may be replaced; a link or anything else is refused. */
async function inspectTarget(
  io: FileIo,
  target: string,
  show: (abs: string) => string,
  overwrite: boolean,
): Promise<TargetState> {
  const stats = await lstatOrNone(io, target);
  if (stats === undefined) return 'absent';
  // Refused with or without --force: replacing the link would be safe, but it hides what a
  // contributor did; the editor should see it.
  if (stats.isSymbolicLink()) throw new EditorFileError(linkRefusal(show(target), 'file'), 'ELINK');
  if (!stats.isFile()) {
    throw new EditorFileError(
      `${show(target)} is ${stats.isDirectory() ? 'a folder' : 'not a regular file'} where the file should be: move it away, then run the command again`,
      stats.isDirectory() ? 'EISDIR' : 'ENOTFILE',
    );
  }
  if (!overwrite) {
    throw new EditorFileError(`${show(target)} already exists: not overwritten. Add --force to replace it`, 'EEXIST');
  }
  return 'file';
}

/** Writes `text` to a new file through `handle`-style calls; removes the file if the write fails. */
async function writeNew(io: FileIo, file: string, text: string, flags: number, mode: number): Promise<void> {
  const handle = await io.open(file, flags, mode);
  try {
    await handle.writeFile(text, 'utf8');
  } catch (error) {
    await handle.close().catch(() => undefined);
    await io.unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/**
 * Writes `text` to `rel` inside the content folder, creating its folders. Never through a link
 * (a linked `content/articles`, year, story folder or file is refused, with or without
 * `overwrite`), never outside the folder. Without `overwrite` the file is created exclusively, so
 * a file that appeared meanwhile is not lost; with it the file is replaced in one step (written
 * beside it, then renamed over it), so a full disk leaves the old file whole. On failure, what this
 * call created is removed and the error is an {@link EditorFileError}. Returns what it did.
 */
export async function writeContentFile(
  contentDir: string,
  rel: string,
  text: string,
  options: WriteOptions,
): Promise<'created' | 'replaced'> {
  const { io, show, root, parts, target } = await locate(contentDir, rel, options);
  const created: string[] = [];
  try {
    const parent = await walkFolders(io, root, parts, show, created);
    // Belt and braces: the folder must really be where the walk says (no link swapped in between).
    const expected = path.join(await io.realpath(root), ...parts.slice(0, -1));
    if ((await io.realpath(parent)) !== expected) {
      throw new EditorFileError(linkRefusal(show(parent), 'folder'), 'ELINK');
    }
    const existing = await inspectTarget(io, target, show, options.overwrite);
    const exclusive = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    if (existing === 'absent') {
      await writeNew(io, target, text, exclusive, 0o666);
      return 'created';
    }
    // Replacing: a new file beside the old one, renamed over it. rename() replaces the directory
    // entry itself, so even a link swapped in at the last moment is replaced, not followed.
    const mode = (await io.lstat(target)).mode & 0o777;
    const temporary = path.join(parent, `.${parts.at(-1) ?? 'file'}.${process.pid}.${Date.now()}.tmp`);
    try {
      await writeNew(io, temporary, text, exclusive, mode);
      await io.rename(temporary, target);
    } catch (error) {
      await io.unlink(temporary).catch(() => undefined);
      // The editor knows the file, not the temporary name beside it.
      if ((error as NodeJS.ErrnoException).path === temporary) (error as NodeJS.ErrnoException).path = target;
      throw error;
    }
    return 'replaced';
  } catch (error) {
    // Leave no empty folders behind: rmdir removes a folder only if it is still empty.
    for (const dir of created.reverse()) await io.rmdir(dir).catch(() => undefined);
    throw asEditorError(error, target, show);
  }
}
