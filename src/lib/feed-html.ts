/**
 * An article's rendered HTML made fit for a feed reader: every URL absolute, what only the site can
 * show removed. Works on the hast tree of the body (hast-util-from-html, rehype-stringify).
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { h } from 'hastscript';
import type { FeedImage } from './feeds.ts';
import { srcsetCandidates } from './srcset.ts';

/** Attributes holding one URL. */
const URL_PROPERTIES = ['href', 'src', 'poster', 'cite'] as const;

/** Whether an element is an image Astro's pipeline did not resolve (`<img __ASTRO_IMAGE_="...">`). */
function isImagePlaceholder(node: Element): boolean {
  return node.tagName === 'img' && Object.keys(node.properties).some((key) => key.toLowerCase() === '__astro_image_');
}

/**
 * Whether a hast property is for the site's own machinery, not for readers: every `data-*`
 * attribute (search words and Pagefind's `data-pagefind-*`, Astro's `data-astro-*` layout hints,
 * the footnotes marker), which only the site's scripts, styles and indexer read, and Astro's
 * `__ASTRO_IMAGE_` placeholder. hast names `data-search-words` `dataSearchWords`.
 */
export function isInternalProperty(key: string): boolean {
  return /^data(?:[A-Z0-9-]|$)/.test(key) || key.toLowerCase() === '__astro_image_';
}

/** Schemes a feed may link to; the article pipeline already refuses others, this is a second line. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** An attribute's URL made absolute against the story page; `undefined` when unparsable or unsafe. */
function absolute(value: string, pageUrl: string): string | undefined {
  try {
    const url = new URL(value, pageUrl);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Rewrites one element for a feed reader, or returns `undefined` to drop it. */
function feedElement(node: Element, pageUrl: string): Element | undefined {
  // An unresolved local image has no address a reader could load: leave it out.
  if (isImagePlaceholder(node)) return undefined;
  // The self-link beside a heading is for the page (its label is for screen readers with our CSS).
  const classes = node.properties['className'];
  if (node.tagName === 'a' && Array.isArray(classes) && classes.includes('heading-anchor')) return undefined;
  for (const key of Object.keys(node.properties)) {
    if (isInternalProperty(key)) delete node.properties[key];
  }
  for (const key of URL_PROPERTIES) {
    const value = node.properties[key];
    if (typeof value !== 'string') continue;
    const resolved = absolute(value, pageUrl);
    if (resolved === undefined) delete node.properties[key];
    else node.properties[key] = resolved;
  }
  const srcSet = node.properties['srcSet'];
  if (srcSet !== undefined && srcSet !== null) {
    node.properties['srcSet'] = srcsetCandidates(srcSet)
      .flatMap(({ url, descriptors }) => {
        const resolved = absolute(url, pageUrl);
        return resolved === undefined ? [] : [[resolved, ...descriptors.split(/\s+/).filter(Boolean)].join(' ')];
      })
      .join(', ');
  }
  node.children = feedChildren(node.children, pageUrl);
  // A caption and credit without their picture would describe nothing.
  if (node.tagName === 'figure' && !node.children.some(isFigureBody)) return undefined;
  return node;
}

/** Whether a figure's child is something the caption can describe (not the caption, not blank). */
function isFigureBody(node: ElementContent): boolean {
  if (node.type === 'element') return node.tagName !== 'figcaption';
  return node.type === 'text' && node.value.trim() !== '';
}

/** Children rewritten for a feed reader, dropped elements removed. */
function feedChildren<T extends ElementContent | RootContent>(children: readonly T[], pageUrl: string): T[] {
  return children.flatMap((child) => {
    if (child.type !== 'element') return [child];
    const kept = feedElement(child, pageUrl);
    return kept ? [kept as T] : [];
  });
}

/**
 * An article's rendered HTML made fit for a feed: every URL absolute (against the story's page),
 * unresolved image placeholders and heading self-links removed, figures left without media dropped.
 * The HTML has already been sanitized by the article pipeline; this does not sanitize again.
 */
export function feedHtml(html: string, pageUrl: string): string {
  const tree: Root = fromHtml(html, { fragment: true });
  tree.children = feedChildren(tree.children, pageUrl);
  return unified().use(rehypeStringify).stringify(tree).trim();
}

/**
 * Feed HTML already made, by body HTML (the same string object every time a build asks for an
 * entry's body) and page URL: one story is in its locale's three feeds and in several tag and
 * speaker feeds, and re-parsing its body for each was a tenth of a cold build's feed time.
 */
const feedHtmlMade = new Map<string, Map<string, string>>();

/** {@link feedHtml}, made once per body and page URL in a build. */
export function memoizedFeedHtml(html: string, pageUrl: string): string {
  let byUrl = feedHtmlMade.get(html);
  if (!byUrl) {
    byUrl = new Map();
    feedHtmlMade.set(html, byUrl);
  }
  let made = byUrl.get(pageUrl);
  if (made === undefined) {
    made = feedHtml(html, pageUrl);
    byUrl.set(pageUrl, made);
  }
  return made;
}

/**
 * A story's cover as the first thing of a full-content item, as the page shows it: a `<figure>`
 * with the image (alt text, size), and caption and credit when it has them; `lang` when the cover's
 * text is in another language than the item (an inherited cover).
 */
export function coverFigureHtml(image: FeedImage): string {
  const caption: ElementContent[] = [];
  if (image.caption) caption.push({ type: 'text', value: image.caption });
  if (image.credit) {
    if (caption.length > 0) caption.push({ type: 'text', value: ' ' });
    caption.push(h('span.credit', image.credit));
  }
  const figure = h('figure', { lang: image.lang }, [
    h('img', { src: image.url, alt: image.alt, width: image.width, height: image.height }),
    ...(caption.length > 0 ? [h('figcaption', caption)] : []),
  ]);
  return unified()
    .use(rehypeStringify)
    .stringify({ type: 'root', children: [figure] });
}
