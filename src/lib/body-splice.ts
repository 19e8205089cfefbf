/**
 * Splicing a story's new body into the pages and feeds of the last build, without Astro: the fast
 * path of a body-only rebuild (pipeline/splice.ts). A body appears in exactly two kinds of output,
 * as the cache keys say (src/data/cache-keys.ts): the story pages that render it, verbatim inside
 * `<div class="article__body prose">`, and the full-content feeds that carry it, made feed-safe
 * (src/lib/feed-html.ts) and escaped by their format. Every full build records where each body is
 * and a hash of it (the body index, written by src/data/body-index.ts); a splice replaces exactly
 * that text and refuses (the build then renders with Astro) whenever what it finds is not what the
 * index says, so it can never patch the wrong place.
 *
 * Hand-written: the output is ours and byte-exact string surgery is the point; an HTML or XML
 * parser and serializer would not give the same bytes back.
 */
import { createHash } from 'node:crypto';
import { atomXml, jsonFeed, rssXml } from './feed-formats.ts';
import type { Feed, FeedFormat } from './feeds.ts';
import type { NameForms } from './name-mentions.ts';

/** Environment variable naming the file the routes write the body index into. */
export const BODY_INDEX_ENV = 'NEWS_ARCHIVE_BODY_INDEX_FILE';

/** Environment variable naming the file the articles loader writes its Markdown set-up into. */
export const MARKDOWN_SETUP_ENV = 'NEWS_ARCHIVE_MARKDOWN_SETUP_FILE';

/** What opens a story body on its page (src/pages/[lang]/[year]/[slug]/index.astro). */
export const BODY_START = '<div class="article__body prose">';

/** Where one body is in the last build, and what it was. */
export interface BodyIndexEntry {
  /** Hash of the rendered body HTML (see {@link bodyHash}). */
  readonly hash: string;
  /** Its length in UTF-16 code units. */
  readonly length: number;
  /** Whether another version's rendered body is the same text (a splice could not tell them apart). */
  readonly shared: boolean;
  /** Whether the body shows local images (Astro replaces them on the page: not spliceable). */
  readonly images: boolean;
  /** Registry names the body mentions (part of its page's search facts). */
  readonly mentions: readonly string[];
  /** Absolute URL of the version's page in its own language (its feed items' link). */
  readonly url: string;
  /** The output files (relative to the site, `/`) of every page that shows the body. */
  readonly pages: readonly string[];
}

/** The body index of a build. */
export interface BodyIndex {
  /** Format of the index; another format is ignored. */
  readonly format: 1;
  /** Every registry entry's name forms, in the order the site's name finder is built from. */
  readonly nameForms: readonly NameForms[];
  /** By the absolute path of the story file. */
  readonly entries: Readonly<Record<string, BodyIndexEntry>>;
}

/** The hash of a body's HTML that the index records. */
export function bodyHash(html: string): string {
  return createHash('sha256').update(html).digest('hex');
}

/**
 * Where the body `was` (as indexed) starts in `page`: right after its first {@link BODY_START} and
 * the white space Astro's compressed template puts there (one space), or `undefined` when the page
 * does not hold that body there.
 */
export function bodyStart(page: string, was: Pick<BodyIndexEntry, 'hash' | 'length'>): number | undefined {
  const at = page.indexOf(BODY_START);
  if (at < 0) return undefined;
  for (let start = at + BODY_START.length; ; start += 1) {
    const end = start + was.length;
    if (end <= page.length && bodyHash(page.slice(start, end)) === was.hash) return start;
    if (!/\s/.test(page.charAt(start))) return undefined;
  }
}

/**
 * `page` with the body `was` (as indexed) replaced by `html`, and the body it replaced; `undefined`
 * when the page does not hold that body where {@link bodyStart} looks.
 */
export function spliceStoryPage(
  page: string,
  was: Pick<BodyIndexEntry, 'hash' | 'length'>,
  html: string,
): { readonly text: string; readonly before: string } | undefined {
  const start = bodyStart(page, was);
  if (start === undefined) return undefined;
  const end = start + was.length;
  return { text: page.slice(0, start) + html + page.slice(end), before: page.slice(start, end) };
}

/**
 * Whether `url` has a character a feed format escapes (`&<>"'` in XML, `"` and `\` in JSON): a
 * story's address is then not written in its feeds as it is, and no item can be matched by it.
 */
export function feedEscapes(url: string): boolean {
  return /[&<>"'\\]/.test(url);
}

/** The feed format of an output file, by its name (`rss.xml`, `atom.xml`, `feed.json`). */
export function feedFormatOf(file: string): FeedFormat | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (name === 'rss.xml') return 'rss';
  if (name === 'atom.xml') return 'atom';
  if (name === 'feed.json') return 'json';
  return undefined;
}

/** Text that no escaping changes, around a probe. */
const PROBE_START = 'QxSPLICEx1x';
const PROBE_END = 'QxSPLICEx2x';

/**
 * How `html` appears in a feed of `format` as (the end of) an item's content: written by the feed
 * format's own serialiser, so it is escaped exactly as the feeds are.
 */
export async function feedContentText(format: FeedFormat, html: string): Promise<string> {
  const published = { day: '2000-01-01', instant: '2000-01-01T00:00:00.000Z', hasTime: false };
  const feed: Feed = {
    title: 'probe',
    description: 'probe',
    language: 'en',
    home: 'https://probe.invalid/',
    self: 'https://probe.invalid/feed',
    author: { name: 'probe' },
    items: [
      {
        url: 'https://probe.invalid/item/',
        title: 'probe',
        summary: 'probe',
        contentHtml: PROBE_START + html + PROBE_END,
        published,
        language: 'en',
        categories: [],
      },
    ],
  };
  const text = format === 'rss' ? await rssXml(feed) : format === 'atom' ? atomXml(feed) : jsonFeed(feed);
  const start = text.indexOf(PROBE_START) + PROBE_START.length;
  return text.slice(start, text.indexOf(PROBE_END, start));
}

/** What follows an item's content in each format: its closing tag, or the JSON string's quote. */
const CONTENT_END: Readonly<Record<FeedFormat, string>> = {
  rss: '</content:encoded>',
  atom: '</content>',
  json: '"',
};

/** What precedes an item's address in each format, the last such text before its content. */
const ITEM_URL: Readonly<Record<FeedFormat, (url: string) => string>> = {
  rss: (url) => `<link>${url}</link>`,
  atom: (url) => `<id>${url}</id>`,
  json: (url) => `"url": ${JSON.stringify(url)}`,
};
const ITEM_URL_START: Readonly<Record<FeedFormat, string>> = { rss: '<link>', atom: '<id>', json: '"url": ' };

/**
 * `text` (a feed of `format`) with each item of `url` whose content ends in `was` ending in `now`
 * instead (both as {@link feedContentText} gives them). `undefined` when that content also ends an
 * item of another address (a longer body that ends with this one: not ours to touch), or when `url`
 * holds a character its format would escape.
 */
export function spliceFeed(
  text: string,
  format: FeedFormat,
  url: string,
  was: string,
  now: string,
): { readonly text: string; readonly count: number } | undefined {
  if (feedEscapes(url)) return undefined;
  const needle = was + CONTENT_END[format];
  const own = ITEM_URL[format](url);
  let out = '';
  let from = 0;
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    const item = text.lastIndexOf(ITEM_URL_START[format], at);
    if (item < 0 || !text.startsWith(own, item)) return undefined;
    out += text.slice(from, at) + now;
    from = at + was.length;
    count += 1;
  }
  return { text: out + text.slice(from), count };
}
