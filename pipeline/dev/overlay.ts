/**
 * The dev server's error page for content errors: the checker's problems (pipeline/check/) as the
 * error Astro's dev overlay shows, with the file (absolute, so the overlay shows the lines around
 * it), line and column of the first error, its field and message, the fix as a hint, and every
 * error listed. Pure: the integration (./integration.ts) turns the result into the thrown error.
 */
import path from 'node:path';
import type { Problem } from '#pipeline/check/problems.ts';

/** What Astro's dev overlay reads from an error (`AstroError`'s shape). */
export interface OverlayError {
  /** The error's name: also the 500 page's `<title>`. */
  readonly name: string;
  /** The overlay's heading. */
  readonly title: string;
  /** What is wrong: the first error, then the list of all of them. */
  readonly message: string;
  /** How to fix the first error. */
  readonly hint: string;
  /** Where the first error is: the content file's absolute path, 1-based line and column. */
  readonly loc: { readonly file: string; readonly line: number; readonly column: number };
}

/** The name of the errors thrown for content problems. */
export const CONTENT_ERROR_NAME = 'ContentCheckError';

/** The most errors listed in the overlay's message; the rest are counted (npm run check lists all). */
export const LISTED_ERRORS = 20;

/** Verbs that start the fix in a checker message ("…: rename the file…", "…; keep one file"). */
const FIX_VERBS =
  /(?:: |; |\. )(?=(?:remove|rename|fix|write|add|move|delete|save|use|make|keep|export|split|put|take|give|name|check|set|create|link|install|start|change|translate|quote)\b)/gi;

/**
 * The fix a checker message gives, if it gives one: its "Did you mean …?" sentence, or the part
 * after the last ": ", "; " or ". " that starts with a verb such as "remove", "rename" or "fix".
 */
export function fixOf(message: string): string | undefined {
  const didYouMean = /Did you mean [^?]*\?/.exec(message);
  if (didYouMean) return didYouMean[0];
  let last: number | undefined;
  for (const match of message.matchAll(FIX_VERBS)) last = match.index + match[0].length;
  if (last === undefined) return undefined;
  const fix = message.slice(last);
  return fix.charAt(0).toUpperCase() + fix.slice(1);
}

/**
 * Keeps content text from being read as the overlay's Markdown links: Astro renders an error's
 * message as a little Markdown (`[text](url)` becomes a link, any URL scheme), and a message quotes
 * what the file says. A zero-width space between `]` and `(` leaves the text as written.
 */
export function plainText(text: string): string {
  return text.replaceAll('](', ']\u200b(');
}

/** One problem as a line of the overlay's list: `path:line:column  field  message`. */
function listLine(p: Problem): string {
  return `- ${p.file}:${p.line}:${p.column}  ${p.field}  ${p.message}`;
}

/**
 * The overlay error for the content's errors, or undefined when there is none. `root` is the folder
 * the problems' paths are relative to (the checker's `displayRoot`).
 */
export function overlayError(problems: readonly Problem[], root: string): OverlayError | undefined {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (!first) return undefined;
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  const listed = errors.slice(0, LISTED_ERRORS).map(listLine);
  if (errors.length > LISTED_ERRORS) listed.push(`- … and ${errors.length - LISTED_ERRORS} more`);
  const message = [
    `${first.file}:${first.line}:${first.column}  ${first.field}: ${first.message}`,
    '',
    `All ${count} (npm run check lists the same):`,
    ...listed,
  ].join('\n');
  const fix = fixOf(first.message);
  const hint = [
    fix
      ? `${fix} (${first.field}, line ${first.line} of ${first.file}).`
      : `Fix ${first.field} at line ${first.line} of ${first.file}.`,
    'Save the file: the check runs again and this page comes back by itself. The build refuses content with errors.',
  ].join(' ');
  return {
    name: CONTENT_ERROR_NAME,
    title: `Content check: ${count} in the content folder`,
    message: plainText(message),
    hint: plainText(hint),
    loc: { file: path.resolve(root, first.file), line: first.line, column: first.column },
  };
}

/** What the overlay shows of the file at fault: all of its text, or why not. */
export type SourceText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly why: string };

/** The lines around `line` (1-based), numbered, with a caret under `column`: the terminal's code frame. */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

/**
 * The error to throw from a request so that Astro's dev error page shows `overlay`: an `Error`
 * with the overlay's fields and no stack (Astro would read a location from the stack's frames, and
 * they would name this module rather than the content file). Astro joins a location outside the
 * project (`projectRoot`) onto the project's folder, as if it were relative to it: such a location
 * is given relative, so that the join gives back the content file's absolute path. The file's text
 * is given (`source`), never left for Astro to read: it would follow a symbolic link out of the
 * content folder and show what it points to.
 */
export function toThrownError(overlay: OverlayError, projectRoot: string, source: SourceText): Error {
  const inside = !path.relative(projectRoot, overlay.loc.file).startsWith('..');
  const file = inside ? overlay.loc.file : path.relative(projectRoot, overlay.loc.file);
  const fullCode = source.ok ? source.text : `(${source.why})`;
  const frame = source.ok ? codeFrame(source.text, overlay.loc.line, overlay.loc.column) : fullCode;
  const error = Object.assign(new Error(overlay.message), {
    title: overlay.title,
    hint: overlay.hint,
    loc: { ...overlay.loc, file },
    fullCode,
    frame,
  });
  error.name = overlay.name;
  error.stack = '';
  return error;
}
