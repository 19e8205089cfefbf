/**
 * The git commands behind `npm run changes`: where the repository is, which commits the refs name,
 * what changed in the content folder between two commits, and the contents of files at a commit.
 * Git runs through execFile with argument arrays, never a shell; refs reach it only after the
 * command line refused those starting with "-", and file reads only name resolved commit ids.
 */
import { execFile } from 'node:child_process';
import { fileChanges, parseNameStatus, type FileChange } from './name-status.ts';

/** Git's output as bytes; rejects with git's own message on failure. */
function git(args: readonly string[], options: { cwd: string; input?: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      // Settings of the user's git config that would change what the commands print.
      ['-c', 'core.quotePath=false', '-c', 'diff.relative=false', '-c', 'color.ui=false', ...args],
      { cwd: options.cwd, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(stderr.toString('utf8').trim() || error.message));
        else resolve(stdout);
      },
    );
    // A git command that exits without reading its input closes the pipe: its exit status tells.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** Git's output as text. */
const text = async (args: readonly string[], cwd: string): Promise<string> =>
  (await git(args, { cwd })).toString('utf8');

/** The top folder of the repository `cwd` is in; rejects outside a repository. */
export async function repositoryRoot(cwd: string): Promise<string> {
  return (await text(['rev-parse', '--show-toplevel'], cwd)).trim();
}

/** The commit id a ref names; rejects when it names no commit (unknown, or not fetched). */
export async function resolveCommit(top: string, ref: string): Promise<string> {
  return (await text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], top)).trim();
}

/** The merge base of two commits; rejects when they have none (or the clone is too shallow). */
export async function mergeBaseOf(top: string, a: string, b: string): Promise<string> {
  return (await text(['merge-base', a, b], top)).trim();
}

/** The changed files of the content folder from `from` to `to`, renames detected. */
export async function contentChangesBetween(
  top: string,
  from: string,
  to: string,
  contentPrefix: string,
): Promise<FileChange[]> {
  // Limited to the content folder; `:(literal)` so that a folder name is never read as a pattern.
  const pathspec = contentPrefix === '' ? [] : ['--', `:(literal)${contentPrefix}`];
  const diff = await text(
    ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', from, to, ...pathspec],
    top,
  );
  return fileChanges(parseNameStatus(diff));
}

/** Every file under the content folder's `articles/` at a commit (repository-relative). */
export async function articlesAt(top: string, commit: string, contentPrefix: string): Promise<string[]> {
  const articlesPrefix = contentPrefix === '' ? 'articles' : `${contentPrefix}/articles`;
  return (await text(['ls-tree', '-r', '-z', '--name-only', commit, '--', `:(literal)${articlesPrefix}`], top))
    .split('\0')
    .filter((file) => file !== '');
}

/** Reads files at a commit with one `git cat-file --batch` (one process, however many files). */
export async function readAt(top: string, commit: string, files: readonly string[]): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  if (files.length === 0) return contents;
  // Paths in the plan are article and registry files, whose names never hold a newline.
  const out = await git(['cat-file', '--batch'], { cwd: top, input: files.map((f) => `${commit}:${f}\n`).join('') });
  let offset = 0;
  for (const file of files) {
    const eol = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, eol).toString('utf8');
    offset = eol + 1;
    const match = / blob (\d+)$/.exec(header);
    if (!match) continue; // "missing": nothing to show
    const size = Number(match[1]);
    contents.set(file, out.subarray(offset, offset + size));
    offset += size + 1;
  }
  return contents;
}
