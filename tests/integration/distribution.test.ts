// Builds the fixture site (tests/fixtures/site) once, in Asia/Shanghai time, and asserts what issue
// 16 found missing in distribution: covers in the RSS, Atom and JSON feeds (the story page's own
// share image file), no internal attributes in feed HTML, x-default of a story = its primary
// version (pages and sitemap agree), sitemap `lastmod` from content dates in UTC, a site card as the
// share image of pages without one, and body images sized for the article column.
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as fastXml from 'fast-xml-parser';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import sharp from 'sharp';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_IMAGE_SIZES } from '#lib/image-sizes.ts';
import { root, sharedBuild } from './build-site.ts';

const content = path.join(root, 'tests/fixtures/site/content');
const SITE = 'https://news.example.org';
const COVER_STORY = '2024/forum-photo-report';
let out: string;

// The build is shared read-only with other test files of the run that ask for the same (sharedBuild).
beforeAll(async () => {
  // A zone far from UTC: a date-only value read in local time would move to the day before.
  const shared = await sharedBuild({ CONTENT_DIR: content, TZ: 'Asia/Shanghai' });
  ({ out } = shared);
  const { build } = shared;
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.stdout}\n${build.stderr}`);
  // The build waits for the build lock behind other test files' builds (tests/integration/build-site.ts).
}, 600_000);

const read = (file: string) => readFile(path.join(out, file), 'utf8');
const exists = (file: string) =>
  access(path.join(out, file)).then(
    () => true,
    () => false,
  );
/** The dist file of an absolute URL of the site. */
const fileOf = (url: string) => decodeURI(new URL(url).pathname).replace(/\/$/, '/index.html').slice(1);

/** Every element of a page named `tag` matching `test`. */
function elements(tree: Root, tag: string, test: (node: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node) => {
    if (node.tagName === tag && test(node)) found.push(node);
  });
  return found;
}
const page = async (file: string) => fromHtml(await read(file));
const meta = (tree: Root, property: string) =>
  elements(tree, 'meta', (n) => n.properties['property'] === property || n.properties['name'] === property)[0]
    ?.properties['content'];
const hreflangs = (tree: Root) =>
  Object.fromEntries(
    elements(tree, 'link', (n) => n.properties['rel']?.toString() === 'alternate' && !!n.properties['hrefLang']).map(
      (n) => [String(n.properties['hrefLang']), String(n.properties['href'])],
    ),
  );

/** Every file under the output folder, as relative paths. */
async function files(): Promise<string[]> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(out, path.join(e.parentPath, e.name)));
}

const parser = new fastXml.XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'entry', 'link', 'url', 'xhtml:link'].includes(name),
});

describe('feed covers', () => {
  for (const locale of ['en', 'zh']) {
    it(`${locale}: RSS, Atom and JSON Feed carry the story page's own share image of the cover`, async () => {
      const story = await page(`${locale}/${COVER_STORY}/index.html`);
      const image = String(meta(story, 'og:image'));
      const alt = String(meta(story, 'og:image:alt'));
      expect(image).toMatch(new RegExp(`^${SITE}/_astro/`));
      expect(await exists(fileOf(image))).toBe(true);
      const url = `${SITE}/${locale}/${COVER_STORY}/`;

      interface Media {
        '@_url'?: string;
        'media:description'?: { '#text': string };
      }
      const rss = parser.parse(await read(`${locale}/rss.xml`)) as {
        rss: { channel: { item: { link: string[]; 'media:content'?: Media; 'media:thumbnail'?: Media }[] } };
      };
      const item = rss.rss.channel.item.find((i) => i.link[0] === url);
      expect(item?.['media:content']?.['@_url']).toBe(image);
      expect(item?.['media:content']?.['media:description']?.['#text']).toBe(alt);
      expect(item?.['media:thumbnail']?.['@_url']).toBe(image);

      const atom = parser.parse(await read(`${locale}/atom.xml`)) as {
        feed: { entry: { id: string; link: { '@_rel': string; '@_href': string }[] }[] };
      };
      const entry = atom.feed.entry.find((e) => e.id === url);
      expect(entry?.link.find((l) => l['@_rel'] === 'enclosure')?.['@_href']).toBe(image);

      const json = JSON.parse(await read(`${locale}/feed.json`)) as {
        items: { id: string; image?: string; content_html?: string }[];
      };
      const jsonItem = json.items.find((i) => i.id === url);
      expect(jsonItem?.image).toBe(image);
      // Full content starts with the cover, alt text included.
      const figure = elements(fromHtml(jsonItem?.content_html ?? '', { fragment: true }), 'figure')[0];
      const img = figure && elements({ type: 'root', children: [figure] }, 'img')[0];
      expect(img?.properties['src']).toBe(image);
      expect(img?.properties['alt']).toBe(alt);
      expect(jsonItem?.content_html?.startsWith('<figure')).toBe(true);
    });
  }

  it('items of stories without a cover carry no image', async () => {
    const json = JSON.parse(await read('en/feed.json')) as { items: { id: string; image?: string }[] };
    const withImage = json.items.filter((i) => i.image !== undefined).map((i) => i.id);
    expect(withImage).toContain(`${SITE}/en/${COVER_STORY}/`);
    expect(withImage.length).toBeLessThan(json.items.length);
  });
});

describe('feed HTML', () => {
  it('has no internal attribute in any feed, though the pages have them', async () => {
    const all = await files();
    const feeds = all.filter((f) => /(?:rss\.xml|atom\.xml|feed\.json)$/.test(f));
    expect(feeds.length).toBeGreaterThan(6);
    const internal = /data-(?:search-words|pagefind|astro)|__ASTRO_IMAGE_/i;
    for (const feed of feeds) expect(await read(feed), feed).not.toMatch(internal);
    // The pages do carry them: the feeds' test would not catch a leak otherwise.
    const pages = await Promise.all(all.filter((f) => /^(en|zh)\/20\d\d\/[^/]+\/index\.html$/.test(f)).map(read));
    expect(pages.some((html) => html.includes('data-search-words='))).toBe(true);
  });
});

describe('x-default', () => {
  it('of every story in several languages is its primary version, in the page and in the sitemap', async () => {
    const sitemap = parser.parse(await read('sitemap-0.xml')) as {
      urlset: { url: { loc: string; 'xhtml:link'?: { '@_hreflang': string; '@_href': string }[] }[] };
    };
    const inSitemap = new Map(
      sitemap.urlset.url.map((u) => [
        u.loc,
        Object.fromEntries((u['xhtml:link'] ?? []).map((l) => [l['@_hreflang'], l['@_href']])),
      ]),
    );
    const stories = (await files()).filter((f) => /^(en|zh)\/20\d\d\/[^/]+\/index\.html$/.test(f));
    let bilingual = 0;
    for (const file of stories) {
      const links = hreflangs(await page(file));
      if (links['zh-Hans'] === undefined || links['en'] === undefined) continue;
      bilingual++;
      // The primary version is the first configured locale the story has: English, here.
      expect(links['x-default'], file).toBe(links['en']);
      expect(inSitemap.get(`${SITE}/${file.replace(/index\.html$/, '')}`)?.['x-default'], file).toBe(links['en']);
    }
    expect(bilingual).toBeGreaterThan(4);
  });

  it('of listing pages stays the landing page', async () => {
    for (const file of ['en/index.html', 'zh/tags/index.html', 'en/archive/index.html']) {
      expect(hreflangs(await page(file))['x-default'], file).toBe(`${SITE}/`);
    }
  });
});

describe('sitemap lastmod', () => {
  /** `lastmod` by URL. */
  async function lastmods(): Promise<Map<string, string | undefined>> {
    const sitemap = parser.parse(await read('sitemap-0.xml')) as {
      urlset: { url: { loc: string; lastmod?: string }[] };
    };
    return new Map(sitemap.urlset.url.map((u) => [u.loc, u.lastmod]));
  }

  it('is the newest of date and revision, in UTC, on every story page', async () => {
    const byUrl = await lastmods();
    // From the fixture's frontmatter: a date-only story, an updated one, a timed one (+08:00).
    expect(byUrl.get(`${SITE}/en/${COVER_STORY}/`)).toBe('2024-04-23T00:00:00.000Z');
    expect(byUrl.get(`${SITE}/zh/2023/year-end-review-2023/`)).toBe('2024-01-05T00:00:00.000Z');
    expect(byUrl.get(`${SITE}/en/2024/speaker-roundtable/`)).toBe('2024-09-09T23:30:00.000Z');
    const storyUrls = [...byUrl.keys()].filter((u) => /\/(en|zh)\/20\d\d\/[^/]+\/$/.test(u));
    expect(storyUrls.length).toBeGreaterThan(20);
    for (const url of storyUrls) {
      const tree = await page(fileOf(url));
      const dates = [meta(tree, 'article:published_time'), meta(tree, 'article:modified_time')]
        .filter((d) => d !== undefined)
        .map((d) => Date.parse(String(d)));
      expect(Date.parse(byUrl.get(url) ?? ''), url).toBe(Math.max(...dates));
    }
  });

  it('is left out where no honest date exists (listings, entity pages)', async () => {
    const byUrl = await lastmods();
    for (const url of [`${SITE}/`, `${SITE}/en/`, `${SITE}/zh/tags/`, `${SITE}/en/archive/2024/`]) {
      expect(byUrl.has(url), url).toBe(true);
      expect(byUrl.get(url), url).toBeUndefined();
    }
  });
});

describe('site cards', () => {
  for (const locale of ['en', 'zh']) {
    it(`${locale}: a 1200×630 PNG shared by pages without an image of their own`, async () => {
      const png = await readFile(path.join(out, locale, 'og.png'));
      const info = await sharp(png).metadata();
      expect([info.format, info.width, info.height]).toEqual(['png', 1200, 630]);
      for (const file of [`${locale}/index.html`, `${locale}/tags/index.html`, `${locale}/archive/index.html`]) {
        const tree = await page(file);
        expect(meta(tree, 'og:image'), file).toBe(`${SITE}/${locale}/og.png`);
        expect(meta(tree, 'twitter:image'), file).toBe(`${SITE}/${locale}/og.png`);
        expect(meta(tree, 'og:image:width'), file).toBe('1200');
        expect(meta(tree, 'og:image:height'), file).toBe('630');
        expect(String(meta(tree, 'og:image:alt') ?? '').length, file).toBeGreaterThan(5);
      }
    });
  }

  it('leaves a page with its own image alone', async () => {
    const story = await page(`en/${COVER_STORY}/index.html`);
    expect(meta(story, 'og:image')).not.toBe(`${SITE}/en/og.png`);
  });
});

describe('body images', () => {
  it('are sized for the article column, with candidates to choose from', async () => {
    const tree = await page(`en/${COVER_STORY}/index.html`);
    const body = elements(tree, 'div', (n) => String(n.properties['className'] ?? '').includes('article__body'))[0];
    expect(body).toBeDefined();
    const images = body ? elements({ type: 'root', children: [body] }, 'img') : [];
    expect(images.length).toBeGreaterThan(0);
    for (const img of images) {
      expect(img.properties['sizes']).toBe(BODY_IMAGE_SIZES);
      expect(String(img.properties['srcSet'] ?? '')).toMatch(/\d+w/);
    }
  });
});
