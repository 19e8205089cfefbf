/**
 * Feeds of a locale's stories: RSS 2.0 (through `@astrojs/rss`), Atom 1.0 and JSON Feed 1.1 (small
 * serializers here). Inputs are plain data; the routes in `src/pages/` only gather them.
 *
 * Dates: a date-only value is a calendar day and is written as 00:00 UTC of that day, the same
 * instant the story rules order by (`PublishedAt.instant`), so feed order and dates always agree; a
 * value with a time is written as its instant. Everything is written in UTC, whatever the build
 * machine's time zone. Nothing reads the clock: the same content gives byte-identical feeds.
 */
import { getRssString } from '@astrojs/rss';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { PublishedAt } from './dates.ts';
import { localize } from './format.ts';
import { filePath, storyPath } from './paths.ts';
import { listingItems, type SharedFacts, type Story } from './stories.ts';

/** The feed formats the site publishes per locale. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** Media type and file name of each feed format. */
export const FEED_FORMATS: Readonly<Record<FeedFormat, { type: string; file: string; name: string }>> = {
  rss: { type: 'application/rss+xml', file: 'rss.xml', name: 'RSS' },
  atom: { type: 'application/atom+xml', file: 'atom.xml', name: 'Atom' },
  json: { type: 'application/feed+json', file: 'feed.json', name: 'JSON Feed' },
};

/** The path of a locale's feed: `/base/en/rss.xml`, `/base/en/atom.xml`, `/base/en/feed.json`. */
export function feedPath(base: string, locale: string, format: FeedFormat): string {
  return filePath(base, locale, FEED_FORMATS[format].file);
}

/** The path of a tag's RSS feed: `/base/en/tags/innovation/rss.xml`. */
export function tagFeedPath(base: string, locale: string, id: string): string {
  return filePath(base, locale, 'tags', id, FEED_FORMATS.rss.file);
}

/** The path of a speaker's RSS feed: `/base/en/speakers/zhang-wei/rss.xml`. */
export function speakerFeedPath(base: string, locale: string, id: string): string {
  return filePath(base, locale, 'speakers', id, FEED_FORMATS.rss.file);
}

/** One `<link rel="alternate">` of a page's `<head>` pointing at a feed. */
export interface FeedLink {
  /** Always `alternate`: feed autodiscovery. */
  readonly rel: 'alternate';
  /** The feed's media type. */
  readonly type: string;
  /** Site path of the feed (base path included). */
  readonly href: string;
  /** Human title, from the locale's dictionary. */
  readonly title: string;
}

/**
 * The `<link rel="alternate">` tags of a locale's RSS, Atom and JSON feeds, e.g.
 * `feedLinks(import.meta.env.BASE_URL, 'en', t.feedLinkTitle)`; `title` gets the format's name.
 */
export function feedLinks(base: string, locale: string, title: (format: string) => string): FeedLink[] {
  return (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({
    rel: 'alternate',
    type: FEED_FORMATS[format].type,
    href: feedPath(base, locale, format),
    title: title(FEED_FORMATS[format].name),
  }));
}

/** Who publishes the feed. */
export interface FeedAuthor {
  /** Name in the feed's language. */
  readonly name: string;
  /** Website. */
  readonly url?: string | undefined;
}

/** A category of an item: a tag's id and its label in the feed's language. */
export interface FeedCategory {
  /** Tag id (Atom `term`). */
  readonly id: string;
  /** Localized label (RSS `category`, Atom `label`, JSON Feed `tags`). */
  readonly label: string;
}

/** One story version as every feed format carries it. */
export interface FeedItem {
  /** Absolute URL of the story version: link, RSS guid, Atom id, JSON Feed id. */
  readonly url: string;
  /** Headline. */
  readonly title: string;
  /** Summary: always present, the RSS description. */
  readonly summary: string;
  /** Whole article as HTML with absolute links, when the site publishes full content. */
  readonly contentHtml?: string | undefined;
  /** Publication date. */
  readonly published: PublishedAt;
  /** Last substantive revision, if any. */
  readonly updated?: PublishedAt | undefined;
  /** BCP 47 tag of the version's language. */
  readonly language: string;
  /** Tags, in the story's order. */
  readonly categories: readonly FeedCategory[];
}

/** A feed, independent of its format. */
export interface Feed {
  /** Title. */
  readonly title: string;
  /** One-line description. */
  readonly description: string;
  /** BCP 47 tag of the feed's language. */
  readonly language: string;
  /** Absolute URL of the page the feed follows (locale home, tag page...). */
  readonly home: string;
  /** Absolute URL of this feed file (`rel="self"`); set per format by the caller. */
  readonly self: string;
  /** Publisher, written as the author. */
  readonly author: FeedAuthor;
  /** Newest first. */
  readonly items: readonly FeedItem[];
  /** Feed-level date when there are no items (Atom requires one), e.g. the site's newest story. */
  readonly emptyUpdated?: PublishedAt | undefined;
}

/** An RFC 822 date (RSS): `Mon, 02 Dec 2024 00:00:00 GMT`, always in UTC. */
export function rfc822(date: PublishedAt): string {
  // `toUTCString` is specified (ECMA-262) as exactly this RFC 1123 form, independent of the process TZ.
  return new Date(date.instant).toUTCString();
}

/** An RFC 3339 date-time (Atom, JSON Feed): `2024-12-02T00:00:00Z`, always in UTC. */
export function rfc3339(date: PublishedAt): string {
  return new Date(date.instant).toISOString().replace(/\.000Z$/, 'Z');
}

/** The feed's own date: the newest publication or revision among its items. */
export function feedUpdated(feed: Pick<Feed, 'items' | 'emptyUpdated'>): PublishedAt | undefined {
  let newest: PublishedAt | undefined;
  for (const item of feed.items) {
    for (const date of [item.published, item.updated]) {
      if (date && (!newest || date.instant > newest.instant)) newest = date;
    }
  }
  return newest ?? feed.emptyUpdated;
}

// Characters XML 1.0 does not allow at all (C0 controls but tab and newlines, lone surrogates,
// U+FFFE/U+FFFF): escaping cannot save them, so they are dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text without the characters XML 1.0 forbids. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text escaped for XML content and attribute values (`]]>` cannot survive: `>` is escaped too). */
export function xmlEscape(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const DC_NS = 'http://purl.org/dc/elements/1.1/';
const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** RSS 2.0, with `atom:link rel="self"`, Dublin Core creator and language, and `content:encoded`. */
export function rssXml(feed: Feed): Promise<string> {
  const updated = feedUpdated(feed);
  // `@astrojs/rss` parses `customData` and writes it out again, escaping text itself.
  const channelData = [
    `<language>${xmlEscape(feed.language)}</language>`,
    `<atom:link href="${xmlEscape(feed.self)}" rel="self" type="${FEED_FORMATS.rss.type}"/>`,
    updated ? `<lastBuildDate>${rfc822(updated)}</lastBuildDate>` : '',
  ].join('');
  return getRssString({
    title: xmlSafe(feed.title),
    description: xmlSafe(feed.description),
    site: feed.home,
    xmlns: { atom: ATOM_NS, dc: DC_NS },
    customData: channelData,
    items: feed.items.map((item) => ({
      title: xmlSafe(item.title),
      link: item.url,
      description: xmlSafe(item.summary),
      pubDate: new Date(item.published.instant),
      categories: item.categories.map((c) => xmlSafe(c.label)),
      ...(item.contentHtml === undefined ? {} : { content: xmlSafe(item.contentHtml) }),
      customData:
        `<dc:creator>${xmlEscape(feed.author.name)}</dc:creator>` +
        `<dc:language>${xmlEscape(item.language)}</dc:language>`,
    })),
  });
}

/** Atom 1.0. */
export function atomXml(feed: Feed): string {
  const updated = feedUpdated(feed);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}" xml:lang="${xmlEscape(feed.language)}">`,
    `  <id>${xmlEscape(feed.self)}</id>`,
    `  <title type="text">${xmlEscape(feed.title)}</title>`,
    `  <subtitle type="text">${xmlEscape(feed.description)}</subtitle>`,
    // Atom requires a feed date; an empty feed without `emptyUpdated` falls back to the epoch (never the clock).
    `  <updated>${updated ? rfc3339(updated) : '1970-01-01T00:00:00Z'}</updated>`,
    `  <link rel="self" type="${FEED_FORMATS.atom.type}" href="${xmlEscape(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" hreflang="${xmlEscape(feed.language)}" href="${xmlEscape(feed.home)}"/>`,
    '  <author>',
    `    <name>${xmlEscape(feed.author.name)}</name>`,
    ...(feed.author.url ? [`    <uri>${xmlEscape(feed.author.url)}</uri>`] : []),
    '  </author>',
  ];
  for (const item of feed.items) {
    lines.push(
      `  <entry xml:lang="${xmlEscape(item.language)}">`,
      `    <id>${xmlEscape(item.url)}</id>`,
      `    <title type="text">${xmlEscape(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(item.url)}"/>`,
      `    <published>${rfc3339(item.published)}</published>`,
      `    <updated>${rfc3339(item.updated ?? item.published)}</updated>`,
      `    <summary type="text">${xmlEscape(item.summary)}</summary>`,
      ...(item.contentHtml === undefined ? [] : [`    <content type="html">${xmlEscape(item.contentHtml)}</content>`]),
      ...item.categories.map((c) => `    <category term="${xmlEscape(c.id)}" label="${xmlEscape(c.label)}"/>`),
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}

/** JSON Feed 1.1. `<`, `>`, `&` and U+2028/9 are written as `\u` escapes, so the file stays inert if inlined. */
export function jsonFeed(feed: Feed): string {
  const author = { name: feed.author.name, ...(feed.author.url ? { url: feed.author.url } : {}) };
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.home,
    feed_url: feed.self,
    description: feed.description,
    language: feed.language,
    authors: [author],
    items: feed.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.summary,
      // JSON Feed requires content_html or content_text; a summary-only feed carries the summary as text.
      ...(item.contentHtml === undefined ? { content_text: item.summary } : { content_html: item.contentHtml }),
      date_published: rfc3339(item.published),
      ...(item.updated ? { date_modified: rfc3339(item.updated) } : {}),
      language: item.language,
      ...(item.categories.length > 0 ? { tags: item.categories.map((c) => c.label) } : {}),
    })),
  };
  const escapes: Readonly<Record<string, string>> = {
    '<': '\\u003c',
    '>': '\\u003e',
    '&': '\\u0026',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029',
  };
  return `${JSON.stringify(document, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => escapes[c] ?? c)}\n`;
}

/** Attributes holding one URL. */
const URL_PROPERTIES = ['href', 'src', 'poster', 'cite'] as const;

/** Whether an element is an image Astro's pipeline did not resolve (`<img __ASTRO_IMAGE_="...">`). */
function isImagePlaceholder(node: Element): boolean {
  return node.tagName === 'img' && Object.keys(node.properties).some((key) => key.toLowerCase() === '__astro_image_');
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
    // Astro's layout hints and the placeholder attribute mean nothing outside the site.
    if (key.startsWith('dataAstro') || key.toLowerCase() === '__astro_image_') delete node.properties[key];
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
    const candidates = (Array.isArray(srcSet) ? srcSet.map(String) : String(srcSet).split(',')).map((c) => c.trim());
    node.properties['srcSet'] = candidates
      .map((candidate) => {
        const [url = '', ...descriptor] = candidate.split(/\s+/);
        const resolved = absolute(url, pageUrl);
        return resolved === undefined ? undefined : [resolved, ...descriptor].join(' ');
      })
      .filter((c): c is string => c !== undefined)
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

function memoizedFeedHtml(html: string, pageUrl: string): string {
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

/** What the feed builder needs of an article's frontmatter. */
export interface FeedArticleData extends SharedFacts {
  /** Draft flag (drafts are never in stories; kept for the story rules' type). */
  readonly draft: boolean;
  /** Headline. */
  readonly title: string;
  /** Summary. */
  readonly summary: string;
  /** Last revision. */
  readonly updated?: PublishedAt | undefined;
}

/** Everything `feedItems` needs besides the stories. */
export interface FeedItemsOptions {
  /** Absolute site URL (`Astro.site`). */
  readonly site: string | URL;
  /** Base path (`import.meta.env.BASE_URL`). */
  readonly base: string;
  /** The feed's locale code. */
  readonly locale: string;
  /** Every configured locale code, default first. */
  readonly locales: readonly string[];
  /** The feed locale's BCP 47 tag (`htmlLang`). */
  readonly htmlLang: string;
  /** Items at most (`siteConfig.feedSize`). */
  readonly size: number;
  /** Tag labels per locale, by tag id; unknown tags are left out. */
  readonly tagLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /**
   * The rendered HTML of an article entry, for full-content feeds; leave out for summary-only
   * feeds. Unresolved `__ASTRO_IMAGE_` placeholders in it are dropped.
   */
  readonly bodyHtml?: ((entryId: string) => string | undefined | Promise<string | undefined>) | undefined;
}

/**
 * A locale's feed items from published stories (newest first, as the data module gives them): only
 * versions in the feed's own language (never another language's fallback), at most `size`.
 */
export async function feedItems<D extends FeedArticleData>(
  stories: readonly Story<D>[],
  options: FeedItemsOptions,
): Promise<FeedItem[]> {
  const [defaultLocale = options.locale] = options.locales;
  // `hide` is the listing rule without fallbacks: the same visibility and order as every listing.
  const chosen = listingItems(stories, options.locale, options.locales, 'hide').slice(0, Math.max(0, options.size));
  return Promise.all(
    chosen.map(async ({ story, version }) => {
      const url = new URL(storyPath(options.base, options.locale, story), options.site).href;
      const html = options.bodyHtml ? await options.bodyHtml(version.entryId) : undefined;
      const categories = (version.data.tags ?? []).flatMap((ref) => {
        const label = options.tagLabels.get(ref.id);
        return label ? [{ id: ref.id, label: localize(label, options.locale, defaultLocale) }] : [];
      });
      return {
        url,
        title: version.data.title,
        summary: version.data.summary,
        contentHtml: html === undefined ? undefined : memoizedFeedHtml(html, url),
        published: story.date,
        updated: version.data.updated,
        language: options.htmlLang,
        categories,
      };
    }),
  );
}
