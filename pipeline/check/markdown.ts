/**
 * One parse of an article body for the checker's body rules (images and other assets, what the
 * renderer drops or prints literally, to-dos): the Markdown tree as the site's pipeline parses it
 * (CommonMark and GFM, with remark-parse and remark-gfm, the libraries Astro uses), and on demand the
 * HTML tree with raw HTML parsed the way the sanitizer sees it. Each tree is built at most once and
 * only when a rule asks for it, so a body none of the rules needs (most news text) costs nothing.
 */
import type { Root as HastRoot } from 'hast';
import type { Nodes, Root as MdastRoot } from 'mdast';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { rehypeSelfClosingTags } from '#plugins/rehype-self-closing-tags.ts';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** A 1-based line and column. */
export interface BodyPosition {
  /** 1-based line in the body. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** Something the editor should hear about a place in the body. */
export interface BodyNote extends BodyPosition {
  /** What happens to it and what to write instead. */
  readonly message: string;
}

/** A span of the body by UTF-16 offsets: start inclusive, end exclusive. */
export type Range = readonly [start: number, end: number];

const markdown = unified().use(remarkParse).use(remarkGfm);
// Raw HTML kept, then parsed into elements (with positions), as rehype-sanitize-body does first.
// Raw HTML closed the way the site closes it (src/plugins/rehype-self-closing-tags.ts), then parsed.
const toHtml = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeSelfClosingTags).use(rehypeRaw);

/** A body with its trees, each built the first time it is asked for. */
export class ParsedBody {
  /** The Markdown text after the frontmatter. */
  readonly text: string;
  #mdast: MdastRoot | undefined;
  #hast: HastRoot | undefined;
  #lineStarts: number[] | undefined;

  /** Wraps a body; nothing is parsed yet. */
  constructor(text: string) {
    this.text = text;
  }

  /** The Markdown tree (remark-parse with GFM), with positions. */
  get mdast(): MdastRoot {
    this.#mdast ??= markdown.parse(this.text);
    return this.#mdast;
  }

  /** The HTML tree the renderer builds before sanitizing: Markdown turned to HTML, raw HTML parsed. */
  get hast(): HastRoot {
    this.#hast ??= toHtml.runSync(this.mdast);
    return this.#hast;
  }

  /** The 1-based line and column of an offset in the body. */
  positionAt(offset: number): BodyPosition {
    const starts = (this.#lineStarts ??= lineStarts(this.text));
    // Binary search for the last line starting at or before the offset.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }
}

/** A part of a body parsed on its own: its trees, and where it starts in the body. */
export interface BodyRegion {
  /** The part's text and trees; positions in them are relative to the part. */
  readonly parsed: ParsedBody;
  /** 1-based body line on which the part starts (it always starts at the start of a line). */
  readonly line: number;
}

/** What the body rules look for: a part without any of these is never parsed. */
const INTERESTING = /!\[|<[A-Za-z]|\{[{%#]|\{\/\*|^(?:import|export)\s|(?:javascript|vbscript|data):|TODO|FIXME|TBD/m;
// A line opening a block that may hold blank lines: a code fence, or an HTML block that ends only at
// its closing tag (CommonMark's kinds 1 to 5), after any list or quote markers.
const CONTAINER_PREFIX = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const HTML_OPEN: readonly (readonly [RegExp, RegExp])[] = [
  [/^<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];
/**
 * A link reference definition (not a footnote's): a reference elsewhere needs it (`![a][b]`), so such
 * bodies are parsed whole.
 */
const DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]+\]:/m;

/**
 * The parts of a body worth parsing for the body rules, each parsed on its own: the runs of blocks
 * (text between blank lines) that contain something a rule looks for, with code fences and
 * multi-line HTML blocks kept whole. Markdown's blocks end at blank lines, so a paragraph parses the
 * same alone as in its body; a part could read differently alone when it is indented four columns or
 * more (a list item's continuation would become code) or uses link definitions kept elsewhere, and
 * then the whole body is one part. News bodies hold a few images in long prose: parsing only their
 * paragraphs, not the whole text, is what keeps `npm run check` fast on archives full of markup.
 * `interesting` picks the parts (default: what the body rules look for; links and heading ids ask
 * for their own).
 */
export function bodyRegions(
  text: string,
  interesting: (part: string) => boolean = (part) => INTERESTING.test(part),
): BodyRegion[] {
  if (!interesting(text)) return [];
  const whole = [{ parsed: new ParsedBody(text), line: 1 }];
  if (DEFINITION.test(text)) return whole;
  const lines = text.split('\n');
  // Blocks: [first line, line after the last], split at blank lines outside fences and HTML blocks.
  const blocks: [number, number][] = [];
  let start = -1;
  let closer: ((line: string) => boolean) | undefined;
  lines.forEach((line, index) => {
    if (closer) {
      if (closer(line)) closer = undefined;
      return;
    }
    if (line.trim() === '') {
      if (start !== -1) blocks.push([start, index]);
      start = -1;
      return;
    }
    if (start === -1) start = index;
    const content = line.slice(CONTAINER_PREFIX.exec(line)?.[0].length ?? 0);
    const fence = FENCE_OPEN.exec(content);
    if (fence && !(fence[1]?.startsWith('`') && fence[2]?.includes('`'))) {
      const mark = fence[1] ?? '```';
      const close = new RegExp(`^${mark[0] === '`' ? '`' : '~'}{${mark.length},}\\s*$`);
      closer = (next) => close.test(next.slice(CONTAINER_PREFIX.exec(next)?.[0].length ?? 0));
      return;
    }
    for (const [open, close] of HTML_OPEN) {
      if (!open.test(content)) continue;
      // Closed on its own first line (after the opening tag), or on a later line.
      if (!close.test(content.slice(2))) closer = (next) => close.test(next);
      break;
    }
  });
  if (start !== -1) blocks.push([start, lines.length]);
  // Offsets of line starts, to cut the text.
  const lineStart: number[] = [0];
  for (const line of lines) lineStart.push((lineStart.at(-1) ?? 0) + line.length + 1);
  const regions: BodyRegion[] = [];
  let run: [number, number] | undefined;
  const flush = (): void => {
    if (!run) return;
    const [from, to] = run;
    // Up to the end of the run's last line, without its line break.
    const part = text.slice(lineStart[from], (lineStart[to] ?? text.length + 1) - 1);
    regions.push({ parsed: new ParsedBody(part), line: from + 1 });
    run = undefined;
  };
  for (const [from, to] of blocks) {
    const block = text.slice(lineStart[from], (lineStart[to] ?? text.length + 1) - 1);
    if (!interesting(block)) {
      flush();
      continue;
    }
    // Alone, an indented block could turn from a list item's text into code: parse everything.
    if (/^(?: {4}|\t| {0,3}\t)/.test(block)) return whole;
    // Interesting blocks next to each other stay together (an element opened in one, closed in the next).
    if (run) run[1] = to;
    else run = [from, to];
  }
  flush();
  return regions;
}

/** Offsets at which each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The body's code: fenced and indented blocks and code spans, whose text is shown as written. */
export function codeRanges(tree: MdastRoot): Range[] {
  const ranges: Range[] = [];
  visit(tree, (node: Nodes) => {
    if (node.type !== 'code' && node.type !== 'inlineCode') return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) ranges.push([start, end]);
    return 'skip';
  });
  return ranges;
}

/** HTML comments in the body, which are never shown. */
export function commentRanges(tree: MdastRoot, text: string): Range[] {
  const ranges: Range[] = [];
  visit(tree, 'html', (node) => {
    const base = node.position?.start.offset;
    if (base === undefined || !node.value.includes('<!--')) return;
    for (const match of node.value.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) {
      const start = base + match.index;
      // The node's value is the source text of the node, so offsets map one to one.
      if (text.startsWith(match[0], start)) ranges.push([start, start + match[0].length]);
    }
  });
  return ranges;
}

/** `text` with every character inside `ranges` replaced by a space (line breaks kept), so offsets still match. */
export function maskRanges(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + text.slice(from, end).replace(/[^\n\r]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

/** Whether an offset falls inside one of the ranges. */
export function inRanges(offset: number, ranges: readonly Range[]): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}
