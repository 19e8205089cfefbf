/**
 * Raw HTML written the JSX way, `<iframe src="…" />` or `<div class="x"/>`, is closed where the
 * editor closed it. HTML has no self-closing syntax for ordinary elements: a browser (and parse5,
 * which rehype-raw uses) reads `<iframe … />` as an opening tag, and an iframe's content is raw text,
 * so everything after it, to the end of the article, disappeared from a real page (a post converted
 * from MDX lost all its text after a video). A `<div/>` would wrap the rest of the article instead.
 *
 * Runs on `raw` nodes before they are parsed: each such tag is cut out of its raw node and followed
 * by its closing tag. The raw node is split rather than rewritten so that every piece keeps its exact
 * source position (hast-util-raw restarts its position count at each raw node), and the checker's
 * file:line:column for elements after the tag stay true. Void elements (`<br/>`, `<img/>`) and
 * SVG/MathML content, where `/>` does close an element, are left alone.
 *
 * Hand-written: no unified utility does this; rehype-raw follows the HTML standard, which is right
 * for HTML and wrong for what editors copy from MDX.
 */
import type { Root } from 'hast';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';

/** Elements that have no content and no closing tag in HTML: `<br/>` is already complete. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * A start tag ending in `/>`: its name, then attributes, whose values may hold `>` or `/` inside
 * quotes or (JSX) braces nested one level deep (`style={{ top: 0 }}`).
 */
const SELF_CLOSING = /<([A-Za-z][A-Za-z0-9-]*)((?:[^>"'{]|"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\})*?)\/>/g;

/** Inside these, `/>` closes the element (foreign content), so nothing is rewritten. */
const FOREIGN_OPEN = /<(svg|math)[\s>/]/i;

/** A raw node of hast (the type lives in mdast-util-to-hast, which adds it to hast's content). */
interface Raw {
  type: 'raw';
  value: string;
  position?: Position | undefined;
}

/** The point `index` characters into `value`, which starts at `start`. */
function pointAt(start: Point, value: string, index: number): Point {
  let { line, column } = start;
  for (let i = 0; i < index; i++) {
    if (value.charCodeAt(i) === 10) {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
  }
  return { line, column, ...(start.offset === undefined ? {} : { offset: start.offset + index }) };
}

/** A raw node for `value[from, to)`, positioned where that text is in the source. */
function piece(node: Raw, from: number, to: number, text = node.value.slice(from, to)): Raw {
  const start = node.position?.start;
  if (!start) return { type: 'raw', value: text };
  return {
    type: 'raw',
    value: text,
    position: { start: pointAt(start, node.value, from), end: pointAt(start, node.value, to) },
  };
}

/** The pieces `node` splits into: text, the tag as written but open, its closing tag, and so on. */
function splitRaw(node: Raw): Raw[] | undefined {
  if (!node.value.includes('/>') || FOREIGN_OPEN.test(node.value)) return undefined;
  const pieces: Raw[] = [];
  let from = 0;
  for (const m of node.value.matchAll(SELF_CLOSING)) {
    const name = (m[1] ?? '').toLowerCase();
    if (VOID.has(name)) continue;
    const end = m.index + m[0].length;
    // `<iframe a="b" />` becomes `<iframe a="b" >`, the same length less one, then `</iframe>`.
    pieces.push(piece(node, from, end, node.value.slice(from, end - 2) + '>'));
    pieces.push(piece(node, end, end, `</${name}>`));
    from = end;
  }
  if (pieces.length === 0) return undefined;
  if (from < node.value.length) pieces.push(piece(node, from, node.value.length));
  return pieces;
}

/** Closes every JSX-style self-closed HTML element in the raw nodes of `tree` (see the file header). */
export function closeSelfClosingTags(tree: Root): void {
  visit(tree, 'raw', (node, index, parent) => {
    const pieces = parent && index !== undefined ? splitRaw(node) : undefined;
    if (!parent || index === undefined || !pieces) return undefined;
    parent.children.splice(index, 1, ...pieces);
    // On after the pieces: they are made of what was just split.
    return index + pieces.length;
  });
}

/** Rehype plugin: {@link closeSelfClosingTags}, for pipelines that parse raw HTML with rehype-raw after it. */
export function rehypeSelfClosingTags(): (tree: Root) => void {
  return closeSelfClosingTags;
}
