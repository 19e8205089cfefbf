import { describe, expect, it } from 'vitest';
import {
  BODY_START,
  bodyHash,
  feedContentText,
  feedEscapes,
  feedFormatOf,
  spliceFeed,
  spliceStoryPage,
} from '#lib/body-splice.ts';
import { atomXml, jsonFeed, rssXml } from '#lib/feed-formats.ts';
import type { Feed, FeedFormat, FeedItem } from '#lib/feeds.ts';

const indexed = (html: string) => ({ hash: bodyHash(html), length: html.length });

describe('spliceStoryPage', () => {
  const old = '<p>Old &amp; <em>true</em>.</p>';
  const page = `<h1>T</h1>${BODY_START}${old}</div><!-- x --><div class="article__facts">`;

  it('replaces the indexed body after the body start, and nothing else', () => {
    expect(spliceStoryPage(page, indexed(old), '<p>New</p>')).toEqual({
      text: `<h1>T</h1>${BODY_START}<p>New</p></div><!-- x --><div class="article__facts">`,
      before: old,
    });
  });

  it('finds the body after the space a compressed template leaves', () => {
    const spaced = `${BODY_START} ${old} </div>`;
    expect(spliceStoryPage(spaced, indexed(old), '<p>New</p>')?.text).toBe(`${BODY_START} <p>New</p> </div>`);
  });

  it('refuses a page whose body is not the indexed one', () => {
    expect(spliceStoryPage(page, indexed('<p>Other</p>'), '<p>New</p>')).toBeUndefined();
    expect(spliceStoryPage(page, { ...indexed(old), length: old.length + 1 }, '<p>New</p>')).toBeUndefined();
    expect(spliceStoryPage('<h1>no body</h1>', indexed(old), '<p>New</p>')).toBeUndefined();
  });
});

describe('feedEscapes', () => {
  it('tells the addresses a feed writes as they are from those it escapes', () => {
    expect(feedEscapes('https://news.example.org/en/2024/launch/')).toBe(false);
    expect(feedEscapes('https://news.example.org/zh/2024/%E5%8F%91%E5%B8%83/')).toBe(false);
    for (const c of ['&', '<', '>', '"', "'", '\\']) expect(feedEscapes(`https://x.example/${c}/`)).toBe(true);
  });
});

describe('feedFormatOf', () => {
  it('knows the feed files by name', () => {
    expect(feedFormatOf('en/rss.xml')).toBe('rss');
    expect(feedFormatOf('en/tags/ai/atom.xml')).toBe('atom');
    expect(feedFormatOf('zh/feed.json')).toBe('json');
    expect(feedFormatOf('en/events.ics')).toBeUndefined();
    expect(feedFormatOf('en/2024/rss-xml/index.html')).toBeUndefined();
  });
});

const published = { day: '2024-05-01', instant: '2024-05-01T00:00:00.000Z', hasTime: false };
const item = (url: string, contentHtml: string): FeedItem => ({
  url,
  title: `Title of ${url}`,
  summary: 'A "summary" <b>',
  contentHtml,
  published,
  language: 'en',
  categories: [{ id: 'ai', label: 'AI & data' }],
});
const feed = (items: FeedItem[]): Feed => ({
  title: 'News',
  description: 'All news',
  language: 'en',
  home: 'https://news.example.org/en/',
  self: 'https://news.example.org/en/feed',
  author: { name: 'Office', url: 'https://example.org/' },
  items,
});
const serialise = (format: FeedFormat, f: Feed): Promise<string> =>
  format === 'rss' ? rssXml(f) : Promise.resolve(format === 'atom' ? atomXml(f) : jsonFeed(f));

const a = 'https://news.example.org/en/2024/a/';
const b = 'https://news.example.org/en/2024/b/';
const cover = '<figure><img src="https://news.example.org/c.jpg" alt="A &quot;cover&quot;"></figure>';
const before = '<p>Old text with <a href="https://x.example/?a=1&amp;b=2">a link</a> &amp; “quotes” 知识产权.</p>';
const after = '<p>New text, <code>&lt;script&gt;</code> ]]&gt; and \u2028 a separator.</p>';

describe.each<FeedFormat>(['rss', 'atom', 'json'])('spliceFeed (%s)', (format) => {
  it('gives the feed the serialiser writes with the new body, byte for byte', async () => {
    const was = await serialise(format, feed([item(b, '<p>Other</p>'), item(a, cover + before)]));
    const now = await serialise(format, feed([item(b, '<p>Other</p>'), item(a, cover + after)]));
    const spliced = spliceFeed(
      was,
      format,
      a,
      await feedContentText(format, before),
      await feedContentText(format, after),
    );
    expect(spliced).toEqual({ text: now, count: 1 });
  });

  it('leaves a feed without the story as it is', async () => {
    const text = await serialise(format, feed([item(b, '<p>Other</p>')]));
    const spliced = spliceFeed(
      text,
      format,
      a,
      await feedContentText(format, before),
      await feedContentText(format, after),
    );
    expect(spliced).toEqual({ text, count: 0 });
  });

  it('refuses when another item ends with the same body', async () => {
    const text = await serialise(format, feed([item(b, `<p>Preface</p>${before}`), item(a, before)]));
    const spliced = spliceFeed(
      text,
      format,
      a,
      await feedContentText(format, before),
      await feedContentText(format, after),
    );
    expect(spliced).toBeUndefined();
  });
});
