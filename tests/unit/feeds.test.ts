import * as fastXml from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishedAt } from '#lib/dates.ts';
import { atomXml, feedUpdated, jsonFeed, rfc3339, rfc822, rssXml, xmlEscape } from '#lib/feed-formats.ts';
import { feedHtml } from '#lib/feed-html.ts';
import { feedItems, feedLinks, speakerFeedPath, tagFeedPath, type Feed, type FeedArticleData } from '#lib/feeds.ts';
import { buildStories } from '#lib/stories.ts';
import { resolveStoryViews } from '#lib/story-view.ts';

/**
 * Whether XML is well-formed. `XMLValidator` is marked deprecated in favour of the separate
 * `fast-xml-validator` package, which is not a dependency here; it still works, so use it knowingly.
 */
const wellFormed = (xml: string): true | object =>
  (fastXml as unknown as { XMLValidator: { validate(xml: string): true | object } }).XMLValidator.validate(xml);

const day = (d: string): PublishedAt => ({ day: d, instant: `${d}T00:00:00.000Z`, hasTime: false });
const timed = (dayInZone: string, instant: string): PublishedAt => ({ day: dayInZone, instant, hasTime: true });
const HOSTILE = 'A </script><script>alert(1)</script> & "><img src=x onerror=alert(2)> ]]> \u0001end';

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

/** Runs `fn` under several process time zones: output must not depend on them. */
function inZones(fn: () => void): void {
  for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
    process.env['TZ'] = zone;
    fn();
  }
}

const small: Feed = {
  title: 'News Archive',
  description: 'Event news.',
  language: 'en',
  home: 'https://news.example.org/en/',
  self: 'https://news.example.org/en/rss.xml',
  author: { name: 'News Office', url: 'https://news.example.org' },
  items: [
    {
      url: 'https://news.example.org/en/2024/b/',
      title: 'Second',
      summary: 'The second story.',
      contentHtml: '<p>Body &amp; more</p>',
      published: timed('2024-09-10', '2024-09-09T23:30:00.000Z'),
      language: 'en',
      categories: [{ id: 'innovation', label: 'Innovation' }],
    },
    {
      url: 'https://news.example.org/en/2023/a/',
      title: 'First',
      summary: 'The first story.',
      published: day('2023-12-28'),
      updated: day('2024-01-05'),
      language: 'en',
      categories: [],
    },
  ],
};

describe('dates', () => {
  it('really runs under other process time zones (so the checks below mean something)', () => {
    const hours = new Set<number>();
    inZones(() => hours.add(new Date('2024-01-01T00:00:00Z').getHours()));
    expect(hours.size).toBeGreaterThan(1);
  });
  it('writes calendar days as 00:00 UTC and timed values as their instant, in any process time zone', () => {
    inZones(() => {
      expect(rfc822(day('2024-12-02'))).toBe('Mon, 02 Dec 2024 00:00:00 GMT');
      expect(rfc822(timed('2024-09-10', '2024-09-09T23:30:00.000Z'))).toBe('Mon, 09 Sep 2024 23:30:00 GMT');
      expect(rfc3339(day('2024-12-02'))).toBe('2024-12-02T00:00:00Z');
      expect(rfc3339(timed('2024-09-10', '2024-09-09T23:30:00.000Z'))).toBe('2024-09-09T23:30:00Z');
    });
  });
  it('dates a feed by its newest publication or revision, never by the clock', () => {
    expect(feedUpdated(small)?.instant).toBe('2024-09-09T23:30:00.000Z');
    expect(feedUpdated({ items: [small.items[1]!] })?.instant).toBe('2024-01-05T00:00:00.000Z');
    expect(feedUpdated({ items: [] })).toBeUndefined();
    expect(feedUpdated({ items: [], emptyUpdated: day('2024-12-02') })?.day).toBe('2024-12-02');
  });
});

describe('paths and links', () => {
  it('gives the locale feeds for <link rel="alternate">, under the base path', () => {
    expect(feedLinks('/previews/pr-42/', 'zh', (format) => `新闻档案（${format}）`)).toEqual([
      { rel: 'alternate', type: 'application/rss+xml', href: '/previews/pr-42/zh/rss.xml', title: '新闻档案（RSS）' },
      {
        rel: 'alternate',
        type: 'application/atom+xml',
        href: '/previews/pr-42/zh/atom.xml',
        title: '新闻档案（Atom）',
      },
      {
        rel: 'alternate',
        type: 'application/feed+json',
        href: '/previews/pr-42/zh/feed.json',
        title: '新闻档案（JSON Feed）',
      },
    ]);
    expect(tagFeedPath('/', 'en', 'innovation')).toBe('/en/tags/innovation/rss.xml');
    expect(speakerFeedPath('/b/', 'zh', 'zhang-wei')).toBe('/b/zh/speakers/zhang-wei/rss.xml');
  });
});

describe('xmlEscape', () => {
  it('is needed: the well-formedness check used below refuses raw markup characters', () => {
    expect(wellFormed('<a>x & y</a>')).not.toBe(true);
    expect(wellFormed(`<a>${xmlEscape('x & <y>')}</a>`)).toBe(true);
  });
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(xmlEscape(`a<b>&"'c]]>\u0000\uFFFE\uD800d😀`)).toBe('a&lt;b&gt;&amp;&quot;&apos;c]]&gt;d😀');
  });
});

describe('rssXml', () => {
  it('writes exact RSS 2.0 for a small feed', async () => {
    process.env['TZ'] = 'America/Los_Angeles';
    expect(await rssXml(small)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
        'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
        'xmlns:media="http://search.yahoo.com/mrss/">' +
        '<channel><title>News Archive</title><description>Event news.</description>' +
        '<link>https://news.example.org/en/</link><language>en</language>' +
        '<atom:link href="https://news.example.org/en/rss.xml" rel="self" type="application/rss+xml"/>' +
        '<lastBuildDate>Mon, 09 Sep 2024 23:30:00 GMT</lastBuildDate>' +
        '<item><title>Second</title><link>https://news.example.org/en/2024/b/</link>' +
        '<guid isPermaLink="true">https://news.example.org/en/2024/b/</guid>' +
        '<description>The second story.</description><pubDate>Mon, 09 Sep 2024 23:30:00 GMT</pubDate>' +
        '<content:encoded>&lt;p&gt;Body &amp;amp; more&lt;/p&gt;</content:encoded>' +
        '<dc:creator>News Office</dc:creator><dc:language>en</dc:language><category>Innovation</category></item>' +
        '<item><title>First</title><link>https://news.example.org/en/2023/a/</link>' +
        '<guid isPermaLink="true">https://news.example.org/en/2023/a/</guid>' +
        '<description>The first story.</description><pubDate>Thu, 28 Dec 2023 00:00:00 GMT</pubDate>' +
        '<dc:creator>News Office</dc:creator><dc:language>en</dc:language></item>' +
        '</channel></rss>',
    );
  });
  it('keeps hostile text inert and the XML well-formed', async () => {
    const xml = await rssXml(hostileFeed());
    expect(wellFormed(xml)).toBe(true);
    expect(xml).not.toMatch(/<script|<img/);
    expect(xml).not.toContain('\u0001');
    const parsed = new fastXml.XMLParser({ ignoreAttributes: false }).parse(xml) as {
      rss: { channel: { title: string; item: Record<string, string> } };
    };
    const channel = parsed.rss.channel;
    const clean = HOSTILE.replace('\u0001', '');
    expect(channel.title).toBe(clean);
    expect(channel.item.title).toBe(clean);
    expect(channel.item.description).toBe(clean);
    expect(channel.item.category).toBe(clean);
    expect(channel.item['dc:creator']).toBe(clean);
    expect(channel.item['content:encoded']).toBe(`<p>${clean.replaceAll('&', '&amp;')}</p>`);
  });
  it('is valid with no items', async () => {
    const xml = await rssXml({ ...small, items: [] });
    expect(wellFormed(xml)).toBe(true);
    expect(xml).not.toContain('lastBuildDate');
    expect(xml).not.toContain('<item>');
  });
});

/** A feed whose every text is hostile. */
function hostileFeed(): Feed {
  return {
    ...small,
    title: HOSTILE,
    description: HOSTILE,
    author: { name: HOSTILE },
    items: [
      {
        url: 'https://news.example.org/en/2024/hostile/?a=1&b=2',
        title: HOSTILE,
        summary: HOSTILE,
        contentHtml: `<p>${HOSTILE.replaceAll('&', '&amp;')}</p>`,
        published: day('2024-02-05'),
        language: 'en',
        categories: [{ id: 'x', label: HOSTILE }],
      },
    ],
  };
}

describe('atomXml', () => {
  it('writes exact Atom 1.0 for a small feed', () => {
    process.env['TZ'] = 'Asia/Shanghai';
    expect(atomXml({ ...small, self: 'https://news.example.org/en/atom.xml' })).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en">',
        '  <id>https://news.example.org/en/atom.xml</id>',
        '  <title type="text">News Archive</title>',
        '  <subtitle type="text">Event news.</subtitle>',
        '  <updated>2024-09-09T23:30:00Z</updated>',
        '  <link rel="self" type="application/atom+xml" href="https://news.example.org/en/atom.xml"/>',
        '  <link rel="alternate" type="text/html" hreflang="en" href="https://news.example.org/en/"/>',
        '  <author>',
        '    <name>News Office</name>',
        '    <uri>https://news.example.org</uri>',
        '  </author>',
        '  <entry xml:lang="en">',
        '    <id>https://news.example.org/en/2024/b/</id>',
        '    <title type="text">Second</title>',
        '    <link rel="alternate" type="text/html" href="https://news.example.org/en/2024/b/"/>',
        '    <published>2024-09-09T23:30:00Z</published>',
        '    <updated>2024-09-09T23:30:00Z</updated>',
        '    <summary type="text">The second story.</summary>',
        '    <content type="html">&lt;p&gt;Body &amp;amp; more&lt;/p&gt;</content>',
        '    <category term="innovation" label="Innovation"/>',
        '  </entry>',
        '  <entry xml:lang="en">',
        '    <id>https://news.example.org/en/2023/a/</id>',
        '    <title type="text">First</title>',
        '    <link rel="alternate" type="text/html" href="https://news.example.org/en/2023/a/"/>',
        '    <published>2023-12-28T00:00:00Z</published>',
        '    <updated>2024-01-05T00:00:00Z</updated>',
        '    <summary type="text">The first story.</summary>',
        '  </entry>',
        '</feed>',
        '',
      ].join('\n'),
    );
  });
  it('keeps hostile text inert and the XML well-formed', () => {
    const xml = atomXml(hostileFeed());
    expect(wellFormed(xml)).toBe(true);
    expect(xml).not.toMatch(/<script|<img/);
    expect(xml).not.toContain('\u0001');
    type Attributes = Record<string, string>;
    const parsed = new fastXml.XMLParser({ ignoreAttributes: false }).parse(xml) as {
      feed: { title: Attributes; entry: { title: Attributes; category: Attributes; link: Attributes } };
    };
    const feed = parsed.feed;
    const clean = HOSTILE.replace('\u0001', '');
    expect(feed.title['#text']).toBe(clean);
    expect(feed.entry.title['#text']).toBe(clean);
    expect(feed.entry.category['@_label']).toBe(clean);
    expect(feed.entry.link['@_href']).toBe('https://news.example.org/en/2024/hostile/?a=1&b=2');
  });
  it('dates an empty feed by `emptyUpdated`', () => {
    expect(atomXml({ ...small, items: [], emptyUpdated: day('2024-12-02') })).toContain(
      '<updated>2024-12-02T00:00:00Z</updated>',
    );
  });
});

describe('jsonFeed', () => {
  it('writes JSON Feed 1.1 for a small feed', () => {
    process.env['TZ'] = 'Pacific/Kiritimati';
    expect(JSON.parse(jsonFeed({ ...small, self: 'https://news.example.org/en/feed.json' }))).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'News Archive',
      home_page_url: 'https://news.example.org/en/',
      feed_url: 'https://news.example.org/en/feed.json',
      description: 'Event news.',
      language: 'en',
      authors: [{ name: 'News Office', url: 'https://news.example.org' }],
      items: [
        {
          id: 'https://news.example.org/en/2024/b/',
          url: 'https://news.example.org/en/2024/b/',
          title: 'Second',
          summary: 'The second story.',
          content_html: '<p>Body &amp; more</p>',
          date_published: '2024-09-09T23:30:00Z',
          language: 'en',
          tags: ['Innovation'],
        },
        {
          id: 'https://news.example.org/en/2023/a/',
          url: 'https://news.example.org/en/2023/a/',
          title: 'First',
          summary: 'The first story.',
          content_text: 'The first story.',
          date_published: '2023-12-28T00:00:00Z',
          date_modified: '2024-01-05T00:00:00Z',
          language: 'en',
        },
      ],
    });
  });
  it('keeps hostile text inert: no raw angle brackets or ampersands in the file', () => {
    const text = jsonFeed(hostileFeed());
    expect(text).not.toMatch(/[<>&]/);
    const parsed = JSON.parse(text) as { title: string; items: { title: string; tags: string[] }[] };
    expect(parsed.title).toBe(HOSTILE);
    expect(parsed.items[0]?.title).toBe(HOSTILE);
    expect(parsed.items[0]?.tags).toEqual([HOSTILE]);
  });
});

describe('feedHtml', () => {
  const page = 'https://news.example.org/previews/pr-42/en/2024/forum/';
  it('makes links, images and srcset absolute against the story page', () => {
    expect(
      feedHtml(
        '<p><a href="#fn-1">1</a> <a href="../other/">o</a> <a href="/en/tags/x/">t</a> <a href="https://a.example/">a</a></p>' +
          '<img src="/_astro/x.webp" srcset="/_astro/x-640.webp 640w, /_astro/x.webp 1200w" alt="X" data-astro-image="constrained">',
        page,
      ),
    ).toBe(
      '<p><a href="https://news.example.org/previews/pr-42/en/2024/forum/#fn-1">1</a> ' +
        '<a href="https://news.example.org/previews/pr-42/en/2024/other/">o</a> ' +
        '<a href="https://news.example.org/en/tags/x/">t</a> <a href="https://a.example/">a</a></p>' +
        '<img src="https://news.example.org/_astro/x.webp" ' +
        'srcset="https://news.example.org/_astro/x-640.webp 640w, https://news.example.org/_astro/x.webp 1200w" alt="X">',
    );
  });
  it('drops URLs with schemes a reader should never follow', () => {
    expect(feedHtml('<a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AA" alt="">', page)).toBe(
      '<a>x</a><img alt="">',
    );
  });
  it('drops unresolved image placeholders, and figures left with only a caption', () => {
    const html =
      '<p>Before</p><figure><img __ASTRO_IMAGE_="{&#x22;src&#x22;:&#x22;./forum.png&#x22;}">' +
      '<figcaption>Opening <span class="credit">Photo: X</span></figcaption></figure>' +
      '<p>Inline <img __ASTRO_IMAGE_="{&#x22;src&#x22;:&#x22;./a.png&#x22;}"> image</p>' +
      '<figure><table><tr><td>1</td></tr></table><figcaption>Table</figcaption></figure>';
    const out = feedHtml(html, page);
    expect(out).not.toMatch(/__ASTRO_IMAGE_/i);
    expect(out).toBe(
      '<p>Before</p><p>Inline  image</p><figure><table><tbody><tr><td>1</td></tr></tbody></table>' +
        '<figcaption>Table</figcaption></figure>',
    );
  });
  it('removes the heading self-links the page shows for its own navigation', () => {
    expect(
      feedHtml(
        '<div class="heading-wrapper level-h2"><h2 id="a">A</h2><a class="heading-anchor" href="#a">' +
          '<span aria-hidden="true">#</span><span class="sr-only">Link to this section: A</span></a></div>',
        page,
      ),
    ).toBe('<div class="heading-wrapper level-h2"><h2 id="a">A</h2></div>');
  });
});

describe('feedItems', () => {
  type Data = FeedArticleData & { readonly language: string };
  const record = (id: string, data: Partial<Data> & { language: string }) => ({
    id,
    data: { title: id, summary: `Summary of ${id}`, draft: false, ...data } as Data,
  });
  const stories = buildStories(
    [
      record('2024/both/en', { language: 'en', date: day('2024-05-01'), tags: [{ id: 'ip' }, { id: 'gone' }] }),
      record('2024/both/zh', { language: 'zh', updated: day('2024-05-03') }),
      record('2024/zh-only/zh', { language: 'zh', date: day('2024-06-01') }),
      record('2024/en-only/en', { language: 'en', date: day('2024-04-01') }),
      record('2024/draft/en', { language: 'en', date: day('2024-07-01'), draft: true }),
    ],
    ['en', 'zh'],
  );
  const options = {
    site: 'https://news.example.org',
    base: '/previews/pr-42/',
    locales: ['en', 'zh'],
    size: 50,
  };
  // Categories come from the story views, as the site gives them (unknown tags left out there).
  const views = resolveStoryViews(
    stories,
    {
      speakers: new Map(),
      organisations: new Map(),
      events: new Map(),
      tags: new Map([['ip', { data: { label: { en: 'Intellectual property', zh: '知识产权' } } }]]),
    },
    { locales: options.locales, htmlLang: (code) => code, cardStories: new Set() },
  );
  const categoriesIn = (locale: string) => (story: { key: string }) => views.get(locale)?.get(story.key)?.tags ?? [];

  it("lists only the locale's own versions, newest first, without drafts or fallbacks", async () => {
    const en = await feedItems(stories, { ...options, locale: 'en', htmlLang: 'en', categories: categoriesIn('en') });
    expect(en.map((i) => i.url)).toEqual([
      'https://news.example.org/previews/pr-42/en/2024/both/',
      'https://news.example.org/previews/pr-42/en/2024/en-only/',
    ]);
    expect(en[0]?.categories).toEqual([{ id: 'ip', label: 'Intellectual property' }]);
    expect(en[0]?.contentHtml).toBeUndefined();
    const zh = await feedItems(stories, {
      ...options,
      locale: 'zh',
      htmlLang: 'zh-Hans',
      categories: categoriesIn('zh'),
    });
    expect(zh.map((i) => [i.title, i.language, i.updated?.day])).toEqual([
      ['2024/zh-only/zh', 'zh-Hans', undefined],
      ['2024/both/zh', 'zh-Hans', '2024-05-03'],
    ]);
    expect(zh[1]?.categories).toEqual([{ id: 'ip', label: '知识产权' }]);
  });
  it('stops at the feed size and carries full content when given bodies', async () => {
    const items = await feedItems(stories, {
      ...options,
      locale: 'en',
      htmlLang: 'en',
      categories: categoriesIn('en'),
      size: 1,
      bodyHtml: (entryId) => Promise.resolve(`<p><a href="#x">${entryId}</a></p>`),
    });
    expect(items).toHaveLength(1);
    expect(items[0]?.contentHtml).toBe(
      '<p><a href="https://news.example.org/previews/pr-42/en/2024/both/#x">2024/both/en</a></p>',
    );
  });
});
