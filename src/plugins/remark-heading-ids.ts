/**
 * Custom heading ids in the syntax of Hugo, Docusaurus, Pandoc and PHP Markdown Extra:
 * `## Results {#results}`. The `{#id}` is taken out of the heading's text (so it never shows, nor
 * reaches the self-link's label or the search index) and handed to rehype-heading-anchors, which
 * gives the heading that id instead of a slug of its text (src/plugins/source-marks.ts says how it
 * gets past the sanitizer).
 *
 * Hand-written: the npm plugins for this (remark-heading-id, remark-custom-heading-id) are small
 * single releases from 2024, and both write the id as an HTML property, which our sanitizer would
 * prefix with `user-content-` like any id written in raw HTML; this is a dozen lines.
 */
import type { Heading, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { setMark } from './source-marks.ts';

/**
 * An id an editor may choose: letters (any script), digits, `-`, `_` and `.` (`{#1.2}` is a valid HTML
 * id and a working `#1.2` link). Anything else (spaces, quotes, `#`) leaves the braces as written, so
 * a typo shows on the page instead of vanishing, and `npm run check` says why.
 */
export const customIdPattern = /^[\p{L}\p{M}\p{N}_.-]+$/u;

/** The `{#id}` at the end of a heading's text, with the spaces before it. */
const trailingId = /[ \t]*\{#([^{}\s]+)\}[ \t]*$/u;
/** Anything in `{#…}` braces at the end of a heading's text: what the editor meant as an id. */
const meantId = /\{#([^{}\n]*)\}[ \t]*$/u;

/** The `source` of this plugin's file messages, by which the checker knows them. */
export const headingIdsMessageSource = 'remark-heading-ids';

/** The id written at the end of `value`, and the text before it; `undefined` when there is none. */
export function splitHeadingId(value: string): { text: string; id: string } | undefined {
  const match = trailingId.exec(value);
  const id = match?.[1];
  if (!match || id === undefined || !customIdPattern.test(id)) return undefined;
  return { text: value.slice(0, match.index), id };
}

/** Remark plugin: takes `{#id}` off the end of headings and marks the heading with the id. */
export function remarkHeadingIds(): (tree: Root, file: VFile) => void {
  return (tree, file) => {
    const source = String(file.value);
    visit(tree, 'heading', (node) => {
      apply(node, file, source);
      return SKIP;
    });
  };
}

function apply(heading: Heading, file: VFile, source: string): void {
  const last = heading.children.at(-1);
  if (last?.type !== 'text') return;
  const found = splitHeadingId(last.value);
  if (!found) {
    reportUnusable(last, file, source);
    return;
  }
  if (isEscaped(last, source, last.value.length - found.text.length)) return;
  if (found.text.trim() === '') heading.children.pop();
  else last.value = found.text.replace(/[ \t]+$/, '');
  setMark(file, heading, 'headingId', { id: found.id });
}

/**
 * Tells the editor (a file message, printed by `npm run check`, ignored by Astro) about `{#…}` braces
 * that hold no usable id (`{#}`, `{#two words}`, Pandoc's `{#id .class}`): they stay in the heading's
 * text, which is then also what its id is made from, and links to the intended id lead nowhere.
 */
function reportUnusable(last: Text, file: VFile, source: string): void {
  const match = meantId.exec(last.value);
  if (!match || isEscaped(last, source, last.value.length - match.index)) return;
  const written = (match[1] ?? '').trim();
  const braces = `{#${match[1] ?? ''}}`;
  const tokens = written.split(/\s+/u);
  // `{#id .class key=value}` (Pandoc's attributes) means the id `id`; `{#two words}` means one id.
  const attributes = tokens.slice(1).some((token) => token.startsWith('.') || token.includes('='));
  const suggestion = (attributes ? (tokens[0] ?? '') : tokens.join('-')).replace(/[^\p{L}\p{M}\p{N}_.-]/gu, '');
  const what =
    written === ''
      ? `heading id ${braces} is empty`
      : `heading id ${braces} cannot be used: an id holds only letters, digits, "-", "_" and "." (no spaces${attributes ? ', quotes or classes' : ' or quotes'})`;
  const fix = suggestion === '' ? 'write an id after the "#", e.g. {#results}' : `write {#${suggestion}}`;
  const end = last.position?.end;
  const place = end && { line: end.line, column: end.column - (last.value.length - match.index) };
  file.message(`${what}, so the braces show in the heading and its id is made from its text instead: ${fix}`, {
    place,
    source: headingIdsMessageSource,
    ruleId: 'heading-id',
  });
}

/**
 * Whether the editor escaped the brace (`\{#id}`) or wrote the id with escapes or entities: then the
 * source does not end with the literal `{#id}`, and the text is left as written.
 */
function isEscaped(node: Text, source: string, length: number): boolean {
  const end = node.position?.end.offset;
  if (end === undefined) return false;
  const written = source.slice(end - length, end);
  return written !== node.value.slice(-length) || source[end - length - 1] === '\\';
}
