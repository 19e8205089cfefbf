/**
 * Fits body headings under the page's own `<h1>` (the story title): the highest heading an editor
 * wrote becomes `<h2>` and the others keep their distance from it, so the outline has no gaps and no
 * second `<h1>`, whatever level the editor started at.
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { hasClass, isElement } from './hast-helpers.ts';

const headingPattern = /^h([1-6])$/;

/** The rank (1–6) of a heading element, or undefined for any other element. */
export function headingRank(node: Element): number | undefined {
  const match = headingPattern.exec(node.tagName);
  return match ? Number(match[1]) : undefined;
}

/** Whether the element is the GFM footnotes section, whose `<h2>` label is generated, not written. */
export function isFootnotesSection(node: Element): boolean {
  return isElement(node, 'section') && (node.properties['dataFootnotes'] !== undefined || hasClass(node, 'footnotes'));
}

/** Rehype plugin: shifts body headings so that the highest becomes `h2`, never beyond `h6`. */
export function rehypeHeadingLevels(): (tree: Root) => void {
  return (tree) => {
    const headings: { node: Element; rank: number }[] = [];
    visit(tree, 'element', (node) => {
      if (isFootnotesSection(node)) return SKIP;
      const rank = headingRank(node);
      if (rank !== undefined) headings.push({ node, rank });
      return undefined;
    });
    if (headings.length === 0) return;
    const shift = 2 - Math.min(...headings.map((h) => h.rank));
    if (shift === 0) return;
    for (const { node, rank } of headings) node.tagName = `h${Math.min(6, rank + shift)}`;
  };
}
