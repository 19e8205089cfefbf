// Builds the fixture site (tests/fixtures/site) and asserts on its front pages: the lead on page 1 of
// each home (the story marked `featured: true`, 2024/forum-photo-report) with its cover large, the
// list below it without the lead, thumbnails where stories have covers (lazy, sized, decorative
// duplicates of the headline link, in the variants the story page already has), kickers naming the
// event or topic in the page's language, the stories of entity pages in the same one-column list, and
// the home page's weight: HTML and CSS under 100 KB before images.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { load as loadYaml } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, sharedBuild } from './build-site.ts';

const content = path.join(root, 'tests/fixtures/site/content');
const LEAD = '2024/forum-photo-report';
/** The home page's budget, before images: its HTML and every stylesheet it loads. */
const HOME_BUDGET = 100 * 1024;
let out: string;

// The build is shared read-only with other test files of the run (sharedBuild).
beforeAll(async () => {
  const shared = await sharedBuild({ CONTENT_DIR: content });
  ({ out } = shared);
  const { build } = shared;
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.stdout}\n${build.stderr}`);
});

/** The HTML of a built page (`en/`, `en/speakers/zhang-wei/`). */
const html = (page: string) => readFile(path.join(out, page, 'index.html'), 'utf8');
/** A built page, parsed. */
const load = async (page: string): Promise<Root> => fromHtml(await html(page));

/** Every element of a tree, in document order. */
function elements(tree: Root | Element): Element[] {
  return tree.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}
const attr = (e: Element, name: string): string | undefined => {
  const value = e.properties[name];
  return Array.isArray(value) ? value.join(' ') : value === undefined || value === null ? undefined : String(value);
};
const hasClass = (e: Element, name: string) => (attr(e, 'className') ?? '').split(' ').includes(name);
/** Elements named `tag`, with class `cls` when given. */
const select = (tree: Root | Element, tag: string, cls?: string) =>
  elements(tree).filter((e) => e.tagName === tag && (cls === undefined || hasClass(e, cls)));
const first = (tree: Root | Element, tag: string, cls?: string): Element => {
  const found = select(tree, tag, cls)[0];
  if (!found) throw new Error(`no <${tag}${cls ? `.${cls}` : ''}>`);
  return found;
};
/** The story page a card's headline (h2 or h3) links to. */
function headlineHref(card: Element): string | undefined {
  const headline = elements(card).find((e) => hasClass(e, 'story-card__title'));
  return headline && attr(first(headline, 'a'), 'href');
}
/** The cards of a page's story list. */
const cards = (tree: Root) => select(first(tree, 'ol', 'story-list'), 'li', 'story-card');
/** The text of a card's kicker, as a reader sees it (`<wbr>` adds nothing). */
const kicker = (card: Element) => select(card, 'p', 'story-card__kicker').map((p) => toString(p).trim())[0];
/** The name of a registry entry in the fixture, in `locale`. */
async function registryName(collection: string, id: string, locale: string): Promise<string> {
  const data = loadYaml(await readFile(path.join(content, collection, `${id}.yaml`), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
  return (data['name'] ?? data['label'])?.[locale] ?? '';
}
/** Every file a picture offers (sources and the fallback image), without widths. */
const pictureFiles = (picture: Element): string[] =>
  [...select(picture, 'source'), ...select(picture, 'img')].flatMap((e) =>
    [attr(e, 'srcSet') ?? '', attr(e, 'src') ?? ''].flatMap((list) =>
      list
        .split(',')
        .map((part) => part.trim().split(/\s+/)[0] ?? '')
        .filter(Boolean),
    ),
  );

describe('the lead story', () => {
  for (const [locale, lang] of [
    ['en', 'en'],
    ['zh', 'zh-Hans'],
  ] as const) {
    it(`leads page 1 of the ${locale} home with its cover large, and only page 1`, async () => {
      const home = await load(`${locale}/`);
      const leads = select(home, 'article', 'lead-story');
      expect(leads).toHaveLength(1);
      const lead = leads[0]!;
      expect(headlineHref(lead)).toBe(`/${locale}/${LEAD}/`);
      // The cover: a <picture> in WebP, loaded first, its box sized by width and height; the <img> is
      // one file in the share format (this cover is a PNG), the page's share image (src/lib/cover-images.ts).
      const picture = first(lead, 'picture');
      expect(select(picture, 'source').map((s) => attr(s, 'type'))).toEqual(['image/webp']);
      for (const source of select(picture, 'source')) {
        expect(attr(source, 'srcSet')).toMatch(/ 480w, .* 800w, .* 1200w$/);
        expect(attr(source, 'sizes')).toContain('calc(100vw - 2rem)');
      }
      const img = first(picture, 'img');
      expect([attr(img, 'width'), attr(img, 'height')]).toEqual(['1200', '800']);
      expect(attr(img, 'srcSet')).toBeUndefined();
      expect(attr(img, 'src')).toMatch(/\.png$/);
      const story = await load(`${locale}/${LEAD}/`);
      const ogImage = select(story, 'meta').find((m) => attr(m, 'property') === 'og:image');
      expect(attr(ogImage!, 'content')).toContain(attr(img, 'src'));
      expect([attr(img, 'loading'), attr(img, 'fetchPriority'), attr(img, 'alt')]).toEqual(['eager', 'high', '']);
      // The picture repeats the headline's link, out of the tab order and the accessibility tree.
      const imageLink = first(lead, 'a', 'lead-story__image');
      expect([attr(imageLink, 'href'), attr(imageLink, 'tabIndex'), attr(imageLink, 'ariaHidden')]).toEqual([
        `/${locale}/${LEAD}/`,
        '-1',
        'true',
      ]);
      // Its kicker: the event it covers, named in the page's language.
      expect(kicker(lead)).toBe(await registryName('events', 'example-forum-2024-opening', locale));
      // Headline and kicker break between words only: Chinese phrases with <wbr> between them.
      const phrases = select(lead, 'span', 'phrases');
      if (lang === 'zh-Hans') expect(phrases.length).toBe(2);
      else expect(phrases).toEqual([]);

      // Not listed again below it; page 1 holds the page size, the lead included.
      expect(cards(home).map(headlineHref)).not.toContain(`/${locale}/${LEAD}/`);
      expect(cards(home)).toHaveLength(9);
      const second = await load(`${locale}/page/2/`);
      expect(select(second, 'article', 'lead-story')).toEqual([]);
      expect(cards(second).length).toBeGreaterThan(0);
    });
  }
});

describe('story lists', () => {
  it('give stories with a cover a lazy thumbnail, sized, duplicating the headline link for pointers only', async () => {
    for (const page of ['en/', 'zh/', 'en/speakers/zhang-wei/', 'zh/tags/innovation/', 'en/archive/2024/09/']) {
      const tree = await load(page);
      const withThumb = cards(tree).filter((card) => hasClass(card, 'story-card--thumb'));
      expect(withThumb.length, page).toBeGreaterThan(0);
      for (const card of cards(tree)) {
        const thumbs = select(card, 'a', 'story-card__thumb');
        expect(thumbs.length, page).toBe(hasClass(card, 'story-card--thumb') ? 1 : 0);
      }
      for (const card of withThumb) {
        const link = first(card, 'a', 'story-card__thumb');
        expect([attr(link, 'href'), attr(link, 'tabIndex'), attr(link, 'ariaHidden')]).toEqual([
          headlineHref(card),
          '-1',
          'true',
        ]);
        const img = first(link, 'img');
        expect(attr(img, 'loading')).toBe('lazy');
        expect(attr(img, 'alt')).toBe('');
        expect(Number(attr(img, 'width'))).toBeGreaterThan(0);
        expect(Number(attr(img, 'height'))).toBeGreaterThan(0);
        const sources = select(link, 'source');
        expect(sources.map((s) => attr(s, 'type'))).toEqual(['image/webp']);
        expect(attr(sources[0]!, 'sizes')).toBe('(min-width: 40rem) 11rem, 6.5rem');
      }
    }
  });

  it('use no image variant the story page does not already have (nothing new to encode)', async () => {
    for (const locale of ['en', 'zh']) {
      const home = await load(`${locale}/`);
      const shown = [...select(home, 'article', 'lead-story'), ...cards(home)].filter(
        (card) => select(card, 'picture').length > 0,
      );
      expect(shown.length).toBeGreaterThanOrEqual(2);
      for (const card of shown) {
        const story = await load((headlineHref(card) ?? '').slice(1));
        const storyFiles = new Set(pictureFiles(first(first(story, 'figure', 'article__cover'), 'picture')));
        expect(pictureFiles(first(card, 'picture')).filter((file) => !storyFiles.has(file))).toEqual([]);
      }
    }
  });

  it('show an inherited cover: the translation without one shows the primary file’s', async () => {
    const zh = await load('zh/');
    const roundtable = cards(zh).find((card) => headlineHref(card) === '/zh/2024/speaker-roundtable/');
    expect(roundtable && hasClass(roundtable, 'story-card--thumb')).toBe(true);
  });

  it('name the event, else the first topic, in the page’s language, never the entry the page is about', async () => {
    for (const locale of ['en', 'zh']) {
      const innovation = await registryName('tags', 'innovation', locale);
      const home = await load(`${locale}/`);
      const byStory = new Map(cards(home).map((card) => [headlineHref(card), kicker(card)]));
      expect(byStory.get(`/${locale}/2024/digital-archive-launch/`)).toBe(innovation);
      expect(byStory.get(`/${locale}/2024/university-licensing-deals/`)).toBe(
        await registryName('events', 'licensing-roundtable', locale),
      );
      // The kicker links to its page in the page's locale.
      const link = first(first(cards(home)[0]!, 'p', 'story-card__kicker'), 'a');
      expect(attr(link, 'href')).toBe(`/${locale}/tags/innovation/`);
      // On the topic's own page, the next topic; on the event's page, the first topic.
      const tagPage = await load(`${locale}/tags/innovation/`);
      expect(cards(tagPage).map(kicker)).not.toContain(innovation);
      const eventPage = await load(`${locale}/events/example-forum-2024-opening/`);
      expect(cards(eventPage).map(kicker)).toEqual([innovation]);
    }
    // A story shown in another language: its kicker still in the page's language.
    const en = await load('en/page/2/');
    const untranslated = cards(en).find((card) => headlineHref(card) === '/zh/2023/river-delta-tech-forum/');
    expect(untranslated && kicker(untranslated)).toBe(await registryName('tags', 'innovation', 'en'));
  });

  it('are one list of cards on entity pages, headed at level 3 under the section', async () => {
    for (const page of [
      'en/speakers/zhang-wei/',
      'zh/organisations/example-ip-office/',
      'en/events/example-forum-2024-opening/',
    ]) {
      const tree = await load(page);
      const section = select(tree, 'section').find((e) => attr(e, 'ariaLabelledBy') === 'stories');
      if (!section) throw new Error(`no stories section on ${page}`);
      expect(select(section, 'ol', 'story-list'), page).toHaveLength(1);
      for (const card of cards(tree)) expect(select(card, 'h3', 'story-card__title'), page).toHaveLength(1);
    }
  });
});

describe('the home page’s weight', () => {
  it('is under 100 KB of HTML and CSS before images, in every locale', async () => {
    for (const locale of ['en', 'zh']) {
      const page = await html(`${locale}/`);
      const stylesheets = [...page.matchAll(/<link rel="stylesheet" href="\/([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(stylesheets.length).toBeGreaterThan(0);
      let bytes = Buffer.byteLength(page);
      for (const sheet of stylesheets) bytes += (await readFile(path.join(out, sheet))).byteLength;
      expect(bytes, `${locale}/: ${bytes} bytes`).toBeLessThan(HOME_BUDGET);
      // No webfont: no @font-face in any stylesheet, none preloaded.
      for (const sheet of stylesheets)
        expect(await readFile(path.join(out, sheet), 'utf8')).not.toContain('@font-face');
      expect(page).not.toMatch(/<style[^>]*>[^<]*@font-face|rel="preload"[^>]*as="font"/);
    }
  });
});
