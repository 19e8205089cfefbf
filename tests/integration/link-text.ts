/**
 * A built page's links whose text starts or ends with whitespace: a template line break inside
 * `<a>` that Astro wrote as a space, which browsers underline as part of the link.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';

/**
 * The link without the whitespace between a `<picture>`'s sources (Astro's `Picture` writes it):
 * nothing of it is drawn, so nothing is underlined.
 */
function withoutPictureSpaces(node: Element): Element {
  const inPicture = node.tagName === 'picture';
  return {
    ...node,
    children: node.children.flatMap((child): ElementContent[] => {
      if (child.type === 'text') return inPicture && child.value.trim() === '' ? [] : [child];
      return child.type === 'element' ? [withoutPictureSpaces(child)] : [child];
    }),
  };
}

/** Each `<a href>` of `html` whose text content begins or ends with whitespace, as its outer text quoted. */
export function linksWithEdgeWhitespace(html: string): string[] {
  const found: string[] = [];
  const visit = (node: Root | RootContent): void => {
    if (node.type === 'element') {
      if (node.tagName === 'a' && node.properties['href'] !== undefined) check(node);
      // Template contents and the like are not rendered.
      if (node.tagName === 'template') return;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  const check = (link: Element): void => {
    const text = toString(withoutPictureSpaces(link));
    if (text !== text.trim()) found.push(`${JSON.stringify(text)} → ${String(link.properties['href'])}`);
  };
  visit(fromHtml(html));
  return found;
}
