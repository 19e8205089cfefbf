/**
 * Typographic punctuation for article bodies, in place of Astro's default remark-smartypants: straight
 * quotes become curly ones, `--` an em dash, `...` an ellipsis, ``` ``x'' ``` curly double quotes.
 * remark-smartypants parses every text node into a natural-language tree (retext) to do this and was
 * 40 % of the Markdown cost of an archive build; this plugin reads each block's text once, left to
 * right. It also handles what SmartyPants gets wrong in Chinese: a quote between two Han characters
 * (`他说"你好"。`) has no space to tell opening from closing, so it alternates within the block.
 * Code (inline and fenced), raw HTML and URLs are never touched.
 */
import type { Nodes, Parent, Root } from 'mdast';

/** The replacements made before quotes are decided, in order (SmartyPants' defaults). */
const SEQUENCES: readonly (readonly [RegExp, string])[] = [
  [/``/g, '\u201c'],
  [/''/g, '\u201d'],
  [/---?/g, '\u2014'],
  [/\.\.\.|\. \. \./g, '\u2026'],
];

/** Characters after which a quote opens: nothing, space, an opening bracket or quote, a dash. */
const OPENS_AFTER = /[\s([{<\u2014\u2013\-\u201c\u2018\u300c\u300e\uff08]/u;
/** Characters before which a quote closes: nothing, space, punctuation. */
const CLOSES_BEFORE = /[\s\p{P}]/u;
/** A decade written short: `'80s`, whose apostrophe is never an opening quote. */
const DECADE = /^\d\ds/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Where the walk through one block's text stands. */
interface QuoteState {
  /** The character before the current position (`undefined` at the start of the block). */
  previous: string | undefined;
  /** Whether a double quote is open. */
  doubleOpen: boolean;
}

/** Curly form of the quote at `index` of `text`, judged by its neighbours. */
function curl(text: string, index: number, state: QuoteState): string {
  const quote = text[index];
  const next = text[index + 1];
  const { previous } = state;
  const opensHere = previous === undefined || OPENS_AFTER.test(previous);
  if (quote === '"') {
    let open: boolean;
    if (opensHere) open = true;
    else if (next === undefined || CLOSES_BEFORE.test(next)) open = false;
    // Word characters on both sides (Chinese has no spaces): the first quote opens, the next closes.
    else open = !state.doubleOpen;
    state.doubleOpen = open;
    return open ? '\u201c' : '\u201d';
  }
  // A single quote after a letter is an apostrophe (don't, the editors' desk) or a closing quote:
  // both are ’. After a space it opens, unless it shortens a decade ('80s).
  if (opensHere && next !== undefined && LETTER_OR_DIGIT.test(next) && !DECADE.test(text.slice(index + 1))) {
    return '\u2018';
  }
  return '\u2019';
}

/** The text with typographic punctuation, continuing `state` from the block's earlier text. */
export function educate(value: string, state: QuoteState): string {
  let text = value;
  for (const [pattern, replacement] of SEQUENCES) text = text.replace(pattern, replacement);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    out += char === '"' || char === "'" ? curl(text, i, state) : char;
    state.previous = char;
  }
  return out;
}

/** Node types whose text is code or markup: they are left alone. */
const VERBATIM = new Set(['inlineCode', 'code', 'html', 'math', 'inlineMath', 'yaml', 'toml']);

/** A link that shows its own address (an autolink): its text is a URL, where `--` must stay. */
function isBareUrl(node: Nodes): boolean {
  if (node.type !== 'link' || node.children.length !== 1) return false;
  const [child] = node.children;
  return child?.type === 'text' && node.url.replace(/^mailto:/, '').endsWith(child.value);
}

/**
 * Raw-HTML elements whose text is code or computer output. Markdown keeps each tag of
 * `<code>--flag "x"</code>` as its own `html` node and the text between them as ordinary text, which
 * would otherwise be curled like prose.
 */
const RAW_CODE_OPEN = /^<(code|kbd|samp|pre|tt|var)(?=[\s/>])/i;
const RAW_CODE_CLOSE = /^<\/(code|kbd|samp|pre|tt|var)\s*>/i;

/** A block's quote state, and how many raw-HTML code elements are open at this point of it. */
interface BlockState extends QuoteState {
  rawCode: number;
}

/** Walks a block's inline content in reading order, curling text and carrying the quote state along. */
function walkInline(node: Nodes, state: BlockState): void {
  if (node.type === 'html') {
    if (RAW_CODE_OPEN.test(node.value)) state.rawCode++;
    else if (RAW_CODE_CLOSE.test(node.value)) state.rawCode = Math.max(0, state.rawCode - 1);
    return;
  }
  if (node.type === 'text' && state.rawCode > 0) {
    state.previous = 'x';
    return;
  }
  if (node.type === 'text') {
    node.value = educate(node.value, state);
    return;
  }
  if (VERBATIM.has(node.type) || isBareUrl(node)) {
    // Code and a bare address read as a word: a quote right after them closes.
    state.previous = 'x';
    return;
  }
  if ('children' in node) for (const child of (node as Parent).children) walkInline(child, state);
}

/** Blocks whose children are inline content; every other parent is walked for such blocks. */
const INLINE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

function walkBlocks(node: Nodes): void {
  if (INLINE_BLOCKS.has(node.type)) {
    walkInline(node, { previous: undefined, doubleOpen: false, rawCode: 0 });
    return;
  }
  if (VERBATIM.has(node.type)) return;
  if ('children' in node) for (const child of (node as Parent).children) walkBlocks(child);
}

/** Remark plugin: curls quotes and turns `--` and `...` into dashes and ellipses, block by block. */
export function remarkTypography(): (tree: Root) => void {
  return (tree) => walkBlocks(tree);
}
