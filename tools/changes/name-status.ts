/**
 * Reading `git diff --name-status -z` output into changed files: the first step of `npm run changes`.
 *
 * Renames (`R<score>`) become a removal of the old path and an addition of the new one, each naming
 * the other (`movedTo` / `movedFrom`): a story that moves folder changes its URL, so the old page
 * disappears and a new one appears, which is what an editor needs to see (and why the old path may
 * need an `aliases` entry). Copies (`C`) are additions; type changes and unmerged paths are
 * modifications.
 */

/** One record of `git diff --name-status -z`. */
export interface NameStatusEntry {
  /** The status letter: A, C, D, M, R, T, U, X or B. */
  readonly status: string;
  /** The similarity score of a rename or copy (`R100` → 100), else undefined. */
  readonly score: number | undefined;
  /** The path after the change (for a deletion: the deleted path). */
  readonly path: string;
  /** The path before a rename or copy, else undefined. */
  readonly from: string | undefined;
}

/**
 * Parses `git diff --name-status -z` output: NUL-separated fields, a status (`M`, `R100`…) then one
 * path, or two for renames and copies. `-z` leaves paths unquoted, so any file name survives.
 */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const fields = output.split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < fields.length;) {
    const code = fields[i++] ?? '';
    const match = /^([A-Z])(\d*)$/.exec(code);
    if (!match) throw new Error(`unexpected git diff --name-status output at "${code}": was it run with -z?`);
    const status = match[1] ?? '';
    const score = match[2] ? Number(match[2]) : undefined;
    if (status === 'R' || status === 'C') {
      const from = fields[i++];
      const to = fields[i++];
      if (from === undefined || to === undefined) throw new Error(`git diff output ends inside a ${code} record`);
      entries.push({ status, score, path: to, from });
    } else {
      const file = fields[i++];
      if (file === undefined) throw new Error(`git diff output ends inside a ${code} record`);
      entries.push({ status, score, path: file, from: undefined });
    }
  }
  return entries;
}

/** What happened to one file, after renames are split. */
export type FileStatus = 'added' | 'modified' | 'removed';

/** One changed file (repository-relative path). */
export interface FileChange {
  /** Added, modified or removed. */
  readonly status: FileStatus;
  /** The file. */
  readonly path: string;
  /** For the new half of a rename: the old path. */
  readonly movedFrom: string | undefined;
  /** For the old half of a rename: the new path. */
  readonly movedTo: string | undefined;
}

/** Splits renames into removal + addition and maps git's letters to three statuses. */
export function fileChanges(entries: readonly NameStatusEntry[]): FileChange[] {
  return entries.flatMap((e): FileChange[] => {
    switch (e.status) {
      case 'A':
      case 'C':
        return [{ status: 'added', path: e.path, movedFrom: undefined, movedTo: undefined }];
      case 'D':
        return [{ status: 'removed', path: e.path, movedFrom: undefined, movedTo: undefined }];
      case 'R':
        return [
          { status: 'removed', path: e.from ?? e.path, movedFrom: undefined, movedTo: e.path },
          { status: 'added', path: e.path, movedFrom: e.from, movedTo: undefined },
        ];
      default:
        return [{ status: 'modified', path: e.path, movedFrom: undefined, movedTo: undefined }];
    }
  });
}
