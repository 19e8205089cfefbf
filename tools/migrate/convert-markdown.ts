/**
 * The Markdown the migration writes (images with captions, fences, callouts) and what it needs to know
 * about the old body to write it safely: where code is (never converted), where each line starts.
 * The old body is read with remark-parse and remark-gfm, as the site reads it, so that "inside code"
 * means what it means when the article is rendered; positions come from that tree.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** A `[start, end)` range of offsets. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** The body as the site's parser reads it (no directives: they do not change where code is). */
export function parseBody(body: string): Root {
  return parser.parse(body);
}

/** The ranges of fenced, indented and inline code in `tree`, whose text is never converted. */
export function codeRanges(tree: Root): Range[] {
  const ranges: Range[] = [];
  visit(tree, ['code', 'inlineCode'], (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) ranges.push({ start, end });
  });
  return ranges;
}

/** Whether `offset` lies inside one of `ranges`. */
export function inside(ranges: readonly Range[], offset: number): boolean {
  return ranges.some((range) => offset >= range.start && offset < range.end);
}

/** The line break the body uses (CRLF files stay CRLF). */
export function lineBreak(body: string): string {
  return body.includes('\r\n') ? '\r\n' : '\n';
}

/** The start offset of the line holding `offset`. */
export function lineStart(body: string, offset: number): number {
  let at = offset;
  while (at > 0 && body[at - 1] !== '\n' && body[at - 1] !== '\r') at--;
  return at;
}

/** The end offset of the line holding `offset` (before its line break). */
export function lineEnd(body: string, offset: number): number {
  let at = offset;
  while (at < body.length && body[at] !== '\n' && body[at] !== '\r') at++;
  return at;
}

/**
 * What a new line inserted at `offset` must start with to stay in the same blockquote or list item:
 * the quote markers and indentation before `offset` on its line, when nothing else is there.
 */
export function containerPrefix(body: string, offset: number): string | undefined {
  const before = body.slice(lineStart(body, offset), offset);
  return /^[ \t>]*$/.test(before) ? before : undefined;
}

/** Text escaped for an image description or link text (`[…]`). */
export function escapeLabel(value: string): string {
  return value.replace(/[\\[\]]/g, (char) => `\\${char}`).replace(/\s*\r?\n\s*/g, ' ');
}

/** Text escaped for a link or image title (`"…"`), on one line. */
export function escapeTitle(value: string): string {
  return value
    .replace(/[\\"]/g, (char) => `\\${char}`)
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim();
}

/** A link destination, in angle brackets where it has spaces or brackets. */
export function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

/** A Markdown image, with its title (which rehype-figures makes the caption) when there is one. */
export function image(alt: string, src: string, title: string): string {
  const titled = title.trim() === '' ? '' : ` "${escapeTitle(title)}"`;
  return `![${escapeLabel(alt)}](${destination(src)}${titled})`;
}

/** The fence for `code`: backticks, one more than the longest run of backticks in it (at least three). */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The colons for a callout around `content`: one more than any `:::` line inside (at least three). */
export function colonsFor(content: string): string {
  const runs = content.match(/^[ \t>]*:{3,}/gm) ?? [];
  const longest = Math.max(0, ...runs.map((run) => run.replace(/[ \t>]/g, '').length));
  return ':'.repeat(Math.max(3, longest + 1));
}

/** Whether an address is relative to the page (`./a.png`, `img/a.png`), not a URL or a site-absolute path. */
export function isRelative(url: string): boolean {
  return !/^(?:[a-z][a-z\d+.-]*:|\/|#)/i.test(url);
}
