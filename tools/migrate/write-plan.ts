/**
 * The writer of `npm run migrate` (issue 15): checks a {@link MigrationPlan} against the output
 * folder, then writes it. Every path goes through the editor commands' safe-write helpers
 * (content-io.ts, content-write.ts): never outside the output folder, never through a symbolic link,
 * folders created one at a time. Everything is checked before the first write, so a refused plan
 * leaves the folder as it was; a file whose content is already what the plan says is left untouched,
 * so running the migration again changes nothing and says "unchanged".
 */
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import {
  asEditorError,
  contentFolderProblem,
  contentPathParts,
  EditorFileError,
  readContentFile,
} from '#tools/authoring/content-io.ts';
import { checkContentFile, writeContentFile } from '#tools/authoring/content-write.ts';
import type { MigrationPlan, PlannedFile } from './plan.ts';

/** Options of {@link checkPlan} and {@link writePlan}. */
export interface PlanWriteOptions {
  /** Replace existing files whose content differs (`--force`). Links are refused even so. */
  readonly force: boolean;
  /** Called after each file with how many are done, for a progress line. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Something that stops the write: the planned path it is about and why, in one line. */
export interface PlanProblem {
  /** The planned path (relative to the output folder). */
  readonly path: string;
  /** What is wrong and what to do. */
  readonly message: string;
}

/** What a planned file would do to the output folder. */
export type FileState = 'new' | 'replace' | 'unchanged';

/** What {@link writePlan} did: per-file results and the counts. */
export interface WriteOutcome {
  readonly written: number;
  readonly unchanged: number;
  readonly files: readonly { readonly path: string; readonly state: FileState }[];
}

const READ_NO_FOLLOW = { flag: constants.O_RDONLY | constants.O_NOFOLLOW };

/** The bytes a planned file should have; a copied file is read without following a link. */
async function wantedBytes(file: PlannedFile): Promise<Buffer> {
  if ('text' in file) return Buffer.from(file.text, 'utf8');
  const stats = await fsp.lstat(file.copyFrom);
  if (stats.isSymbolicLink()) {
    throw new EditorFileError(`${file.copyFrom} (to copy) is a symbolic link: migrate copies only real files`, 'ELINK');
  }
  if (!stats.isFile()) throw new EditorFileError(`${file.copyFrom} (to copy) is not a regular file`, 'ENOTFILE');
  return fsp.readFile(file.copyFrom, READ_NO_FOLLOW);
}

/** Why the output folder cannot be written into, or undefined; a missing folder is fine (it is created). */
async function outFolderProblem(outDir: string): Promise<string | undefined> {
  const problem = await contentFolderProblem(outDir);
  if (problem === undefined || problem.code === 'ENOENT') return undefined;
  // contentFolderProblem words it for --content; migrate's option is --out.
  const shown = path.relative(process.cwd(), path.resolve(outDir)) || '.';
  return problem.code === 'ELINK'
    ? `the output folder ${shown} is a symbolic link: give the real folder with --out <dir>`
    : `the output folder ${shown} is a file, not a folder: give a folder with --out <dir>`;
}

/** Paths given twice, or used both as a file and as a folder: they would overwrite one another. */
function clashes(files: readonly PlannedFile[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const seen = new Set<string>();
  for (const { path: rel } of files) {
    if (seen.has(rel))
      problems.push({ path: rel, message: `${rel} is planned twice (a mapping bug: please report it)` });
    seen.add(rel);
  }
  for (const rel of seen) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (seen.has(folder))
        problems.push({ path: rel, message: `${folder} is planned both as a file and as a folder` });
    }
  }
  return problems;
}

/** The state of one planned file in `outDir`, or the problem that stops it. */
async function inspect(
  file: PlannedFile,
  outDir: string,
  exists: boolean,
  force: boolean,
): Promise<{ state: FileState; bytes: Buffer } | { problem: string }> {
  try {
    contentPathParts(file.path); // absolute paths, "..", empty parts: refused before any look
    const bytes = await wantedBytes(file);
    if (!exists) return { state: 'new', bytes };
    // overwrite: true so that an existing file is reported, not refused: it may be identical.
    const target = await checkContentFile(outDir, file.path, { overwrite: true });
    if (target === 'absent') return { state: 'new', bytes };
    const current = await readContentFile(outDir, file.path);
    if (current.equals(bytes)) return { state: 'unchanged', bytes };
    if (!force) {
      const shown = path.relative(process.cwd(), path.join(path.resolve(outDir), file.path));
      return { problem: `${shown} already exists with other content: not overwritten. Add --force to replace it` };
    }
    return { state: 'replace', bytes };
  } catch (error) {
    const where = 'copyFrom' in file ? file.copyFrom : path.join(path.resolve(outDir), file.path);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && 'copyFrom' in file) {
      return { problem: `${file.copyFrom} (to copy to ${file.path}) does not exist` };
    }
    return { problem: asEditorError(error, where, (abs) => path.relative(process.cwd(), abs) || '.').message };
  }
}

/** Looks at every planned file; the problems, and each file's state when it has none. */
async function inspectPlan(
  plan: MigrationPlan,
  outDir: string,
  force: boolean,
): Promise<{ problems: PlanProblem[]; states: Map<string, FileState> }> {
  const folder = await outFolderProblem(outDir);
  if (folder !== undefined) return { problems: [{ path: '.', message: folder }], states: new Map() };
  const exists = (await contentFolderProblem(outDir)) === undefined;
  const problems = clashes(plan.files);
  const states = new Map<string, FileState>();
  for (const file of plan.files) {
    const result = await inspect(file, outDir, exists, force);
    if ('problem' in result) problems.push({ path: file.path, message: result.problem });
    else states.set(file.path, result.state);
  }
  return { problems, states };
}

/**
 * The problems that stop the write, without writing anything: an existing file with other content
 * (unless `force`), a path leaving the output folder, a link on the way or at the target, a file to
 * copy that is a link or missing. Empty when the plan can be written.
 */
export async function checkPlan(
  plan: MigrationPlan,
  outDir: string,
  options: Pick<PlanWriteOptions, 'force'>,
): Promise<readonly PlanProblem[]> {
  return (await inspectPlan(plan, outDir, options.force)).problems;
}

/** What each planned file would do (`--dry-run`), with the problems a real run would stop on. */
export async function previewPlan(
  plan: MigrationPlan,
  outDir: string,
  options: Pick<PlanWriteOptions, 'force'>,
): Promise<{ readonly problems: readonly PlanProblem[]; readonly files: WriteOutcome['files'] }> {
  const { problems, states } = await inspectPlan(plan, outDir, options.force);
  return { problems, files: [...states].map(([rel, state]) => ({ path: rel, state })) };
}

/**
 * Writes the plan into `outDir` (created if missing), after checking it all: throws an
 * {@link EditorFileError} listing the first problem when {@link checkPlan} finds any, so callers
 * should check first and show every problem. Identical files are left untouched.
 */
export async function writePlan(plan: MigrationPlan, outDir: string, options: PlanWriteOptions): Promise<WriteOutcome> {
  const problems = await checkPlan(plan, outDir, options);
  if (problems[0] !== undefined) throw new EditorFileError(problems[0].message, 'EREFUSED');
  const root = path.resolve(outDir);
  // Only the output folder itself is made with mkdir -p: the path to it is the editor's choice.
  // Everything below it goes through writeContentFile, one checked folder at a time.
  await fsp.mkdir(root, { recursive: true });
  const files: { path: string; state: FileState }[] = [];
  let done = 0;
  for (const file of plan.files) {
    const result = await inspect(file, root, true, options.force);
    if ('problem' in result) throw new EditorFileError(result.problem, 'EREFUSED'); // changed meanwhile
    if (result.state !== 'unchanged') await writeBytes(root, file.path, result.bytes, result.state === 'replace');
    files.push({ path: file.path, state: result.state });
    options.onProgress?.(++done, plan.files.length);
  }
  const unchanged = files.filter((f) => f.state === 'unchanged').length;
  return { written: files.length - unchanged, unchanged, files };
}

/**
 * Writes `bytes` through writeContentFile, which takes text: its `open` is adapted so the handle
 * writes the bytes instead (images are binary), keeping every check of the one safe writer.
 */
async function writeBytes(root: string, rel: string, bytes: Buffer, overwrite: boolean): Promise<void> {
  await writeContentFile(root, rel, '', {
    overwrite,
    io: {
      open: async (file, flags, mode) => {
        const handle = await fsp.open(file, flags, mode);
        return { writeFile: () => handle.writeFile(bytes), close: () => handle.close() };
      },
    },
  });
}
