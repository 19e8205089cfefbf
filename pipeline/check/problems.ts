/** Problems found in content, and how they are printed for editors and for GitHub. */

/** How bad a problem is: errors stop the build, warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem at one place in one file. */
export interface Problem {
  /** Path of the file, relative to the project (forward slashes). */
  readonly file: string;
  /** 1-based line of the offending key or value (1 when the whole file is at fault). */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Whether it stops the build. */
  readonly severity: Severity;
  /** The frontmatter field at fault, e.g. `speakers[1].id`, or `(file)` for the file itself. */
  readonly field: string;
  /** What is wrong and how to fix it, in plain words. */
  readonly message: string;
}

/** Orders problems by file, then position, then field, so output is stable between runs. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      a.field.localeCompare(b.field, 'en') ||
      a.message.localeCompare(b.message, 'en'),
  );
}

/** One line per problem: `path:line:column  error|warning  field  message`. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.field}  ${p.message}`;
}

/** Escapes a GitHub workflow command's message. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a GitHub workflow command's property value. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A GitHub Actions annotation, so the problem shows on the pull request's diff. */
export function formatAnnotation(p: Problem): string {
  const props = [
    `file=${escapeProperty(p.file)}`,
    `line=${p.line}`,
    `col=${p.column}`,
    `title=${escapeProperty(p.field)}`,
  ].join(',');
  return `::${p.severity} ${props}::${escapeData(p.message)}`;
}

/** The annotations to print: one per problem inside GitHub Actions (`GITHUB_ACTIONS=true`), none elsewhere. */
export function githubAnnotations(
  problems: readonly Problem[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return env['GITHUB_ACTIONS'] === 'true' ? problems.map(formatAnnotation) : [];
}

/** Counts errors and warnings. */
export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}
