/**
 * To-dos left in articles: `npm run new` and `npm run import` write placeholders starting with `TODO`
 * (titles to translate, summaries to write, photos to add), and editors write their own. The checker
 * reports each as a warning, so a draft may carry them while the editor sees what is left.
 *
 * The markers: `TODO` and `FIXME` anywhere, `TBD` only where it opens a line or value ("TBD, content
 * overview"): mid-sentence, "the venue is TBD" is what the story said at the time. `XXX` is not one:
 * Chinese and English news write it for a withheld name or number ("XXX 公司", "XXX@example.com").
 *
 * In a body, only notes count: the word in code (`context.TODO()` in a code span or fence), in a web
 * address or a link's destination, as the whole text of a link (`[TODO](…)`, a page about to-dos),
 * or as part of a name (the TODO Group, `context.TODO()`, `TODO.md`) is left alone.
 */
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { codeRanges, inRanges, ParsedBody, type Range } from './markdown.ts';

/** One to-do found in a frontmatter value. */
export interface FrontmatterTodo {
  /** Path of the value in the data, e.g. `['speakers', 0, 'role']`. */
  readonly path: readonly PropertyKey[];
  /** The value, shortened for the report. */
  readonly text: string;
}

/** One to-do found on a body line. */
export interface BodyTodo {
  /** 0-based index of the line in the body. */
  readonly index: number;
  /** 1-based column where the marker (`TODO`, `FIXME`, `TBD`) starts. */
  readonly column: number;
  /** The line, shortened for the report. */
  readonly text: string;
}

/** Longest excerpt printed: enough to recognise the to-do, short enough for one report line. */
const MAX_EXCERPT = 80;

// A value that starts with a marker (case-sensitive: "Todo" in prose is not one).
const VALUE_TODO = /^(?:TODO|FIXME|TBD)(?![\p{L}\p{N}_])/u;
// A marker anywhere in a body (`TODO:`, `<!-- FIXME photo`), not inside a longer word; `TBD` only at
// the start of a line, after any list or quote markers or a comment's opening.
const WORD_TODO =
  /(?<![\p{L}\p{N}_])(?:TODO|FIXME)(?![\p{L}\p{N}_])|(?<=^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:<!--[ \t]*)?)TBD(?![\p{L}\p{N}_])/gu;
// Web addresses written as text (in raw HTML, or where GFM does not make them links).
const WEB_ADDRESS = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"'`]+/gi;
// Just before the word: a member access or path (`context.TODO`, `pkg::TODO`, `$TODO`, `/TODO`).
const NAME_BEFORE = /(?:[.$#@/\\-]|::|->)$/;
// Just after the word: a call `TODO()`, a file or member `TODO.md`, a compound `TODO-list`, or the
// one name in use, the Linux Foundation's TODO Group ("the TODO Group's survey"). Any other
// capitalised word is the note's first word ("TODO Add photo", "TODO Check the date"), which a rule
// on capitals alone used to take for a name.
const NAME_AFTER = /^(?:\(\)|[.\-/][\p{L}\p{N}]| Groups?(?![\p{L}\p{N}]))/u;
// A body without any of the markers is never parsed.
const ANY_MARKER = /TODO|FIXME|TBD/;

/** Whitespace collapsed and long text cut with an ellipsis, for one-line messages. */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Every string value at any depth of parsed frontmatter that starts with a marker (`TODO`…), in document order. */
export function frontmatterTodos(data: unknown): FrontmatterTodo[] {
  const found: FrontmatterTodo[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === 'string') {
      const trimmed = value.trimStart();
      const marker = VALUE_TODO.exec(trimmed);
      if (marker && !NAME_AFTER.test(trimmed.slice(marker[0].length))) found.push({ path, text: excerpt(value) });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(data, []);
  return found;
}

/** The plain text of a Markdown node (its text, code and children), for comparing link texts. */
function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child)).join('');
  return '';
}

/** Where the word TODO is not a note: code, link destinations, links named TODO, web addresses. */
function quietRanges(parsed: ParsedBody): Range[] {
  const ranges = codeRanges(parsed.mdast);
  const text = parsed.text;
  visit(parsed.mdast, (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (node.type === 'definition') {
      ranges.push([start, end]);
    } else if (node.type === 'link' || node.type === 'linkReference') {
      const label = plainText(node).trim();
      // `[TODO](…)` names a page, and an autolink's text is its address: neither is a note.
      if (label === 'TODO' || (node.type === 'link' && label === node.url)) {
        ranges.push([start, end]);
        return 'skip';
      }
      const textEnd = node.children.at(-1)?.position?.end.offset;
      if (textEnd !== undefined) ranges.push([textEnd, end]);
    } else if (node.type === 'image') {
      // The alt text may be a to-do ("![TODO: describe](…)"); the destination is not.
      const destination = text.lastIndexOf('](', end);
      if (destination > start) ranges.push([destination, end]);
    }
    return undefined;
  });
  for (const match of text.matchAll(WEB_ADDRESS)) ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}

/**
 * Every body line with a to-do note on it (the first on the line), leaving alone the word in code,
 * addresses, link destinations, links named TODO and names. Pass the checker's parsed body to share
 * its Markdown parse; a body without the word is never parsed.
 */
export function bodyTodos(body: string | ParsedBody): BodyTodo[] {
  const text = typeof body === 'string' ? body : body.text;
  if (!ANY_MARKER.test(text)) return [];
  const parsed = typeof body === 'string' ? new ParsedBody(body) : body;
  const quiet = quietRanges(parsed);
  const lines = text.split('\n');
  const found: BodyTodo[] = [];
  let lineStart = 0;
  lines.forEach((line, index) => {
    for (const match of line.matchAll(WORD_TODO)) {
      const before = line.slice(0, match.index);
      const after = line.slice(match.index + match[0].length);
      if (inRanges(lineStart + match.index, quiet) || NAME_BEFORE.test(before) || NAME_AFTER.test(after)) continue;
      found.push({ index, column: match.index + 1, text: excerpt(line) });
      break;
    }
    lineStart += line.length + 1;
  });
  return found;
}
