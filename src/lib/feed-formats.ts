/**
 * The feed formats: RSS 2.0 (through `@astrojs/rss`), Atom 1.0 and JSON Feed 1.1 (small serializers
 * here: each is a few elements, and a library would add a dependency for what XML escaping does).
 *
 * Dates: a date-only value is a calendar day and is written as 00:00 UTC of that day, the same
 * instant the story rules order by (`PublishedAt.instant`), so feed order and dates always agree; a
 * value with a time is written as its instant. Everything is written in UTC, whatever the build
 * machine's time zone. Nothing reads the clock: the same content gives byte-identical feeds.
 */
import { getRssString } from '@astrojs/rss';
import type { PublishedAt } from './dates.ts';
import { FEED_FORMATS, type Feed, type FeedImage } from './feeds.ts';

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
const MEDIA_NS = 'http://search.yahoo.com/mrss/';

/**
 * An item's cover in Media RSS, in RSS and Atom alike: `media:content` (the image, its size and its
 * alt text as `media:description`) and `media:thumbnail`, which readers (Feedly, Inoreader,
 * NetNewsWire, Thunderbird) show beside the item. Chosen over RSS `<enclosure>`, which requires the
 * file's length in bytes: the image is encoded after the feed route has run, and readers treat an
 * enclosure as a download (a podcast's audio) rather than the item's picture.
 */
function mediaXml(image: FeedImage): string {
  const size = `width="${image.width}" height="${image.height}"`;
  return (
    `<media:content url="${xmlEscape(image.url)}" type="${xmlEscape(image.type)}" medium="image" ${size}>` +
    `<media:description type="plain">${xmlEscape(image.alt)}</media:description>` +
    `</media:content>` +
    `<media:thumbnail url="${xmlEscape(image.url)}" ${size}/>`
  );
}

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
    xmlns: { atom: ATOM_NS, dc: DC_NS, media: MEDIA_NS },
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
        `<dc:language>${xmlEscape(item.language)}</dc:language>` +
        (item.image ? mediaXml(item.image) : ''),
    })),
  });
}

/** Atom 1.0. */
export function atomXml(feed: Feed): string {
  const updated = feedUpdated(feed);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}" xmlns:media="${MEDIA_NS}" xml:lang="${xmlEscape(feed.language)}">`,
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
      // Atom's own attachment link (its `length` is optional), and Media RSS for readers' thumbnails.
      ...(item.image
        ? [
            `    <link rel="enclosure" type="${xmlEscape(item.image.type)}" href="${xmlEscape(item.image.url)}"/>`,
            `    ${mediaXml(item.image)}`,
          ]
        : []),
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
      // JSON Feed's `image` is "the main image for the item"; it has no alt text field.
      ...(item.image ? { image: item.image.url } : {}),
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
