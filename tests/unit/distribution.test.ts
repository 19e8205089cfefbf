// Distribution rules of issue 16: covers in feeds (Media RSS, Atom enclosure, JSON Feed `image`,
// a cover figure in full content), internal attributes stripped from feed HTML, x-default of a
// story = its primary version, the sitemap's `lastmod`, the locale site cards, body image `sizes`.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fastXml from 'fast-xml-parser';
import type { Root } from 'hast';
import { h } from 'hastscript';
import sharp from 'sharp';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishedAt } from '#lib/dates.ts';
import { atomXml, jsonFeed, rssXml } from '#lib/feed-formats.ts';
import { coverFigureHtml, feedHtml, isInternalProperty } from '#lib/feed-html.ts';
import { feedItems, type Feed, type FeedImage } from '#lib/feeds.ts';
import { ARTICLE_MEASURE_REM, BODY_IMAGE_MAX_WIDTH, BODY_IMAGE_SIZES } from '#lib/image-sizes.ts';
import {
  hreflangLinks,
  newestDate,
  pageHeadFacts,
  revisionDates,
  shareImageMediaType,
  sitemapLastmod,
  withXDefault,
  xDefaultPath,
} from '#lib/seo.ts';
import { renderShareImage, SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH } from '#lib/share-image.ts';
import { siteCard, siteCardImage, siteCardPath } from '#lib/site-card.ts';
import { buildStories } from '#lib/stories.ts';
import { rehypeImageSizes } from '#plugins/rehype-image-sizes.ts';

const SITE = 'https://news.example.org';
const PAGE = `${SITE}/en/2024/x/`;
const day = (d: string): PublishedAt => ({ day: d, instant: `${d}T00:00:00.000Z`, hasTime: false });
const timed = (dayInZone: string, instant: string): PublishedAt => ({ day: dayInZone, instant, hasTime: true });
const wellFormed = (xml: string): true | object =>
  (fastXml as unknown as { XMLValidator: { validate(xml: string): true | object } }).XMLValidator.validate(xml);

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

/** Runs `fn` under several process time zones and returns each result: they must all be equal. */
function inZones<T>(fn: () => T): T[] {
  return ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((zone) => {
    process.env['TZ'] = zone;
    return fn();
  });
}

const COVER: FeedImage = {
  url: `${SITE}/_astro/cover.abc123_Z1.jpg`,
  type: 'image/jpeg',
  width: 1200,
  height: 800,
  alt: 'Stage & "audience"',
  caption: 'The opening session',
  credit: 'Photo: ZGC Forum',
};

describe('feed HTML: internal attributes', () => {
  it('names every data-* property and the image placeholder internal, nothing a reader uses', () => {
    for (const key of [
      'dataSearchWords',
      'dataPagefindBody',
      'dataPagefindIgnore',
      'dataAstroImage',
      'dataFootnotes',
    ]) {
      expect(isInternalProperty(key), key).toBe(true);
    }
    expect(isInternalProperty('__ASTRO_IMAGE_')).toBe(true);
    for (const key of ['href', 'src', 'alt', 'lang', 'className', 'title', 'database', 'dateTime']) {
      expect(isInternalProperty(key), key).toBe(false);
    }
  });

  it('strips search words, Pagefind and Astro attributes, keeps lang, class and alt', () => {
    const html =
      '<p lang="zh-Hans" data-search-words="中关村 论坛" data-pagefind-index-attrs="data-search-words">中关村论坛</p>' +
      '<section data-footnotes class="footnotes" data-pagefind-ignore="all"><p>Note</p></section>' +
      '<img src="/_astro/a.webp" alt="A" data-astro-image="constrained" data-astro-image-pos="center">';
    const out = feedHtml(html, PAGE);
    expect(out).not.toMatch(/data-/);
    expect(out).toBe(
      '<p lang="zh-Hans">中关村论坛</p><section class="footnotes"><p>Note</p></section>' +
        `<img src="${SITE}/_astro/a.webp" alt="A">`,
    );
  });
});

describe('feed covers', () => {
  it('writes the cover as a figure with alt text, size, caption and credit', () => {
    expect(coverFigureHtml(COVER)).toBe(
      `<figure><img src="${COVER.url}" alt="Stage &#x26; &#x22;audience&#x22;" width="1200" height="800">` +
        '<figcaption>The opening session <span class="credit">Photo: ZGC Forum</span></figcaption></figure>',
    );
    expect(coverFigureHtml({ ...COVER, caption: undefined, credit: undefined, lang: 'zh-Hans' })).toBe(
      `<figure lang="zh-Hans"><img src="${COVER.url}" alt="Stage &#x26; &#x22;audience&#x22;" width="1200" height="800"></figure>`,
    );
  });

  const feed: Feed = {
    title: 'News Archive',
    description: 'Event news.',
    language: 'en',
    home: `${SITE}/en/`,
    self: `${SITE}/en/rss.xml`,
    author: { name: 'News Office' },
    items: [
      {
        url: PAGE,
        title: 'With cover',
        summary: 'Summary.',
        published: day('2024-05-01'),
        language: 'en',
        categories: [],
        image: COVER,
      },
      {
        url: `${SITE}/en/2024/y/`,
        title: 'No cover',
        summary: 'S.',
        published: day('2024-04-01'),
        language: 'en',
        categories: [],
      },
    ],
  };
  const parser = new fastXml.XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['item', 'entry', 'link'].includes(name),
  });

  it('RSS: Media RSS content (size, type, alt) and thumbnail, no enclosure', async () => {
    const xml = await rssXml(feed);
    expect(wellFormed(xml)).toBe(true);
    expect(xml).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    interface Media {
      '@_url': string;
      'media:description': { '#text': string };
    }
    interface Item {
      'media:content'?: Media;
      'media:thumbnail'?: Media;
      enclosure?: unknown;
    }
    const [withCover, without] = (parser.parse(xml) as { rss: { channel: { item: Item[] } } }).rss.channel.item;
    expect(withCover?.['media:content']).toMatchObject({
      '@_url': COVER.url,
      '@_type': 'image/jpeg',
      '@_medium': 'image',
      '@_width': '1200',
      '@_height': '800',
    });
    expect(withCover?.['media:content']?.['media:description']['#text']).toBe(COVER.alt);
    expect(withCover?.['media:thumbnail']?.['@_url']).toBe(COVER.url);
    expect(withCover?.enclosure).toBeUndefined();
    expect(without?.['media:content']).toBeUndefined();
  });

  it('Atom: an enclosure link and Media RSS', () => {
    const xml = atomXml(feed);
    expect(wellFormed(xml)).toBe(true);
    interface Entry {
      link: Record<string, string>[];
      'media:thumbnail'?: { '@_url': string };
    }
    const [withCover, without] = (parser.parse(xml) as { feed: { entry: Entry[] } }).feed.entry;
    expect(withCover?.link).toContainEqual({ '@_rel': 'enclosure', '@_type': 'image/jpeg', '@_href': COVER.url });
    expect(withCover?.['media:thumbnail']?.['@_url']).toBe(COVER.url);
    expect(without?.link).toHaveLength(1);
  });

  it('JSON Feed: `image`', () => {
    const document = JSON.parse(jsonFeed(feed)) as { items: { image?: string }[] };
    expect(document.items.map((item) => item.image)).toEqual([COVER.url, undefined]);
  });

  it('feedItems puts the cover first in full content, and on the item either way', async () => {
    const stories = buildStories(
      [
        {
          id: '2024/x/en',
          data: { title: 'X', summary: 'S', draft: false, language: 'en', date: day('2024-05-01') },
        },
      ],
      ['en'],
    );
    const options = {
      site: SITE,
      base: '/',
      locale: 'en',
      locales: ['en'],
      htmlLang: 'en',
      size: 10,
      categories: () => [],
      image: () => COVER,
    };
    const [full] = await feedItems(stories, { ...options, bodyHtml: () => '<p data-search-words="x">Body</p>' });
    expect(full?.image).toEqual(COVER);
    expect(full?.contentHtml).toBe(`${coverFigureHtml(COVER)}<p>Body</p>`);
    const [summary] = await feedItems(stories, options);
    expect(summary?.image).toEqual(COVER);
    expect(summary?.contentHtml).toBeUndefined();
  });

  it('names the media type of the share image made from each source format', () => {
    expect(shareImageMediaType('png')).toBe('image/png');
    expect(shareImageMediaType('jpeg')).toBe('image/jpeg');
    expect(shareImageMediaType('webp')).toBe('image/jpeg');
  });
});

describe('x-default', () => {
  const locales = [
    { code: 'en', htmlLang: 'en' },
    { code: 'zh', htmlLang: 'zh-Hans' },
  ];
  const alternates = { en: '/en/2024/x/', zh: '/zh/2024/x/' };

  it("is a story's primary version, whichever language that is", () => {
    expect(xDefaultPath(alternates, 'zh', '/')).toBe('/zh/2024/x/');
    expect(xDefaultPath(alternates, 'en', '/')).toBe('/en/2024/x/');
    expect(hreflangLinks(alternates, locales, xDefaultPath(alternates, 'zh', '/'), SITE).at(-1)).toEqual({
      hreflang: 'x-default',
      href: `${SITE}/zh/2024/x/`,
    });
  });

  it('is the landing page for pages without an original, or whose original is not published', () => {
    expect(xDefaultPath(alternates, undefined, '/pr/')).toBe('/pr/');
    expect(xDefaultPath({ en: '/en/2024/x/' }, 'zh', '/')).toBe('/');
  });
});

describe('sitemap lastmod and x-default from the page head', () => {
  const head = (extra: string) =>
    `<!doctype html><html><head><title>T</title><link rel="alternate" hreflang="en" href="${SITE}/en/2024/x/">` +
    `<link rel="alternate" hreflang="x-default" href="${SITE}/zh/2024/x/">${extra}`;

  it('reads x-default and the article dates', () => {
    const facts = pageHeadFacts(
      head(
        '<meta property="article:published_time" content="2024-05-01">' +
          '<meta property="article:modified_time" content="2024-05-03T08:30:00.000Z">',
      ),
    );
    expect(facts).toEqual({
      xDefault: `${SITE}/zh/2024/x/`,
      published: '2024-05-01',
      modified: '2024-05-03T08:30:00.000Z',
    });
  });

  it('is the newer of publication and revision, whatever the time zone', () => {
    const results = inZones(() => [
      sitemapLastmod({ published: '2024-05-01', modified: '2024-05-03' }),
      sitemapLastmod({ published: '2024-05-01T23:30:00.000Z', modified: '2024-05-01' }),
      sitemapLastmod({ published: '2024-05-01' }),
      sitemapLastmod({}),
    ]);
    for (const result of results)
      expect(result).toEqual(['2024-05-03', '2024-05-01T23:30:00.000Z', '2024-05-01', undefined]);
  });

  it("writes the page's own x-default and lastmod into the entry; listings get none", () => {
    const links = [
      { url: `${SITE}/en/2024/x/`, lang: 'en' },
      { url: `${SITE}/zh/2024/x/`, lang: 'zh-Hans' },
    ];
    const story = withXDefault({ url: `${SITE}/en/2024/x/`, links }, `${SITE}/`, {
      xDefault: `${SITE}/zh/2024/x/`,
      published: '2024-05-01',
    });
    expect(story).toEqual({
      url: `${SITE}/en/2024/x/`,
      lastmod: '2024-05-01',
      links: [...links, { url: `${SITE}/zh/2024/x/`, lang: 'x-default' }],
    });
    const listing = withXDefault({ url: `${SITE}/en/tags/`, links }, `${SITE}/`, {});
    expect(listing).not.toHaveProperty('lastmod');
    expect(listing.links?.at(-1)).toEqual({ url: `${SITE}/`, lang: 'x-default' });
  });

  it('takes the newest revision of a version by instant', () => {
    expect(revisionDates({})).toEqual([]);
    expect(revisionDates({ updated: day('2024-05-03') })).toEqual([day('2024-05-03')]);
    const late = timed('2024-05-04', '2024-05-03T20:00:00.000Z');
    expect(newestDate([day('2024-05-03'), late, day('2024-05-01')])).toBe(late);
    expect(newestDate([])).toBeUndefined();
  });
});

describe('site cards', () => {
  const en = { siteName: 'News Archive', siteDescription: 'Event news in English and Chinese.', lang: 'en' };

  it('shows the name, the description as the large text and the production host', () => {
    expect(siteCard(en, 'https://news.example.org')).toEqual({
      title: en.siteDescription,
      siteName: 'News Archive',
      date: 'news.example.org',
      lang: 'en',
    });
    expect(siteCardPath('/pr/', 'zh')).toBe('/pr/zh/og.png');
  });

  it('is shared as a 1200×630 image with alt text', () => {
    expect(siteCardImage('/', 'en', en, (label, value) => `${label}: ${value}`)).toEqual({
      url: '/en/og.png',
      alt: 'News Archive: Event news in English and Chinese.',
      width: 1200,
      height: 630,
    });
  });

  it('renders to a 1200×630 PNG, in Chinese too', { timeout: 60_000 }, async () => {
    const zh = siteCard({ siteName: '新闻档案', siteDescription: '中英文活动新闻。', lang: 'zh-Hans' }, SITE);
    const meta = await sharp(await renderShareImage(zh)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', SHARE_IMAGE_WIDTH, SHARE_IMAGE_HEIGHT]);
  });
});

describe('body image sizes', () => {
  it('is the article column of global.css', async () => {
    const css = await readFile(path.resolve(import.meta.dirname, '../../src/styles/global.css'), 'utf8');
    expect(css).toMatch(new RegExp(`--measure:\\s*${ARTICLE_MEASURE_REM}rem;`));
    expect(BODY_IMAGE_SIZES).toBe('(min-width: 44rem) 42rem, calc(100vw - 2rem)');
  });

  it("goes on the images Astro's pipeline optimises, and on no other", async () => {
    const tree: Root = {
      type: 'root',
      children: [
        h('img', { src: './a%20b.png', alt: '' }),
        h('img', { src: './c.png', alt: '', sizes: '10rem' }),
        h('img', { src: 'https://example.org/d.png', alt: '' }),
        h('img', { src: '/e.png', alt: '' }),
      ],
    };
    const file = new VFile({ path: '/content/articles/x/en.md' });
    file.data = { astro: { localImagePaths: ['./a b.png', './c.png'] } };
    // No such files: their size is unknown, so nothing is capped.
    await rehypeImageSizes({ contentDir: '/content' })(tree, file);
    const sizes = tree.children.map((node) => (node.type === 'element' ? node.properties['sizes'] : undefined));
    expect(sizes).toEqual([BODY_IMAGE_SIZES, '10rem', undefined, undefined]);
  });
});

describe('body image widths', () => {
  it('gives an image the column widths below its own, capped at 1,344 pixels, and leaves images with a given width', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-image-widths-'));
    try {
      const story = path.join(dir, 'articles/2024/x');
      await mkdir(story, { recursive: true });
      const make = (width: number, height: number) =>
        sharp({ create: { width, height, channels: 3, background: '#888' } })
          .jpeg()
          .toBuffer();
      await writeFile(path.join(story, 'wide.jpg'), await make(4000, 3000));
      await writeFile(path.join(story, 'small.jpg'), await make(600, 400));
      await writeFile(path.join(story, 'given.jpg'), await make(4000, 3000));
      const tree: Root = {
        type: 'root',
        children: [
          h('img', { src: './wide.jpg', alt: '' }),
          h('img', { src: './small.jpg', alt: '' }),
          h('img', { src: './given.jpg', alt: '', width: 300 }),
          h('img', { src: './missing.jpg', alt: '' }),
        ],
      };
      const file = new VFile({ path: path.join(story, 'en.md') });
      file.data = { astro: { localImagePaths: ['./wide.jpg', './small.jpg', './given.jpg', './missing.jpg'] } };
      await rehypeImageSizes({ contentDir: dir })(tree, file);
      const props = tree.children.map((node) => (node.type === 'element' ? node.properties : {}));
      expect(BODY_IMAGE_MAX_WIDTH).toBe(1344);
      expect(props[0]).toMatchObject({ width: 1344, height: 1008, widths: [672, 1008, 1344] });
      expect(props[1]).toMatchObject({ width: 600, height: 400, widths: [600] });
      for (const p of props.slice(2)) expect(p['widths']).toBeUndefined();
      expect(props[2]?.['width']).toBe(300);
      expect(props[3]?.['width']).toBeUndefined();
      expect(props.every((p) => p['sizes'] === BODY_IMAGE_SIZES)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
