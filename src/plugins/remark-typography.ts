/**
 * Typographic punctuation for article bodies, in place of Astro's default remark-smartypants: the
 * site's one typography rule (src/lib/typography.ts: curly quotes, dashes, ellipses, full-width
 * punctuation between Han characters), applied to each block's text nodes in reading order.
 * remark-smartypants parses every text node into a natural-language tree (retext) to do this and was
 * 40 % of the Markdown cost of an archive build; this plugin reads each block's text once, left to
 * right. Code (inline and fenced), raw HTML and URLs are never touched.
 */
import type { Nodes, Parent, Root } from 'mdast';
import { educate, type QuoteState } from '#lib/typography.ts';

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
