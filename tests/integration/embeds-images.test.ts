// Builds the fixture site (tests/fixtures/site) and asserts on the story `2024/digital-archive-launch`,
// whose English and Chinese bodies hold a YouTube iframe (not the privacy-enhanced host), a Vimeo link
// alone on its line and a raw-HTML `<img src="./diagram.png">`: the iframe and the link become
// privacy-enhanced, lazy, sandboxed, titled players with a link to the video's own page, and the raw
// image goes through Astro's image pipeline like a Markdown image (a hashed file in `_astro/` that
// exists, `srcset`, width and height).
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runBuild, type BuildResult } from './build-site.ts';

const STORY = '2024/digital-archive-launch';
const SANDBOX = 'allow-scripts allow-same-origin allow-presentation allow-popups';

let dir: string;
let out: string;
let build: BuildResult;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-embeds-'));
  out = path.join(dir, 'dist');
  await cp(path.join(root, 'tests/fixtures/site/content'), path.join(dir, 'content'), { recursive: true });
  build = await runBuild({ CONTENT_DIR: path.join(dir, 'content'), OUT_DIR: out });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every element under `node`, in document order. */
function elements(node: Root | Element): Element[] {
  return node.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}

const prop = (e: Element, name: string): string | undefined => {
  const value = e.properties[name];
  return Array.isArray(value) ? value.join(' ') : value === undefined || value === null ? undefined : String(value);
};

/** The article body of the story's page in `locale`. */
async function body(locale: string): Promise<Element> {
  const tree = fromHtml(await readFile(path.join(out, locale, STORY, 'index.html'), 'utf8'));
  const found = elements(tree).find((e) => (prop(e, 'className') ?? '').split(' ').includes('article__body'));
  if (!found) throw new Error(`no article body in ${locale}/${STORY}/`);
  return found;
}

/** Each `figure.embed` of a body: its player's attributes, and the caption link's address and text. */
function embeds(article: Element): { classes: string; iframe: Element; href: string | undefined; link: string }[] {
  return elements(article)
    .filter((e) => e.tagName === 'figure' && (prop(e, 'className') ?? '').split(' ').includes('embed'))
    .map((figure) => {
      const inside = elements(figure);
      const iframe = inside.find((e) => e.tagName === 'iframe');
      const caption = inside.find((e) => e.tagName === 'figcaption');
      const link = caption && elements(caption).find((e) => e.tagName === 'a');
      if (!iframe || !link) throw new Error('an embed figure without its player or its link');
      return { classes: prop(figure, 'className') ?? '', iframe, href: prop(link, 'href'), link: toString(link) };
    });
}

describe('video embeds and raw-HTML images in a built page', () => {
  it('the fixture site builds', () => {
    expect(build.status, build.stderr).toBe(0);
  });

  it.each([
    ['en', 'Launch ceremony of the news archive', 'Video'],
    ['zh', '新闻档案库上线仪式', '视频'],
  ])(
    '%s: the YouTube iframe and the bare Vimeo link are privacy-enhanced players with a link to the video',
    async (locale, title, label) => {
      const article = await body(locale);
      // Nothing of the player is left outside its figure, and nothing from youtube.com itself is loaded.
      expect(elements(article).filter((e) => e.tagName === 'iframe')).toHaveLength(2);
      const [youtube, vimeo] = embeds(article);
      expect(youtube?.classes).toBe('embed embed--youtube');
      expect(youtube?.iframe.properties).toMatchObject({
        src: 'https://www.youtube-nocookie.com/embed/Xy7pQ2rT9aB?start=42',
        title,
      });
      expect(youtube?.href).toBe('https://www.youtube.com/watch?v=Xy7pQ2rT9aB&t=42s');
      expect(youtube?.link).toBe(title);
      expect(vimeo?.classes).toBe('embed embed--vimeo');
      expect(vimeo?.iframe.properties).toMatchObject({
        src: 'https://player.vimeo.com/video/123456789?dnt=1',
        title: label,
      });
      expect(vimeo?.href).toBe('https://vimeo.com/123456789');
      expect(vimeo?.link).toBe(label);
      for (const embed of [youtube, vimeo]) {
        expect(prop(embed!.iframe, 'loading')).toBe('lazy');
        expect(prop(embed!.iframe, 'sandbox')).toBe(SANDBOX);
        expect(prop(embed!.iframe, 'referrerPolicy')).toBe('strict-origin-when-cross-origin');
      }
      // The bare link's paragraph is gone: the address is not printed as well as embedded.
      expect(toString(article)).not.toContain('https://vimeo.com/123456789');
    },
  );

  it.each(['en', 'zh'])('%s: the raw-HTML image is an optimised image in _astro/ that exists', async (locale) => {
    const article = await body(locale);
    const images = elements(article).filter((e) => e.tagName === 'img');
    expect(images).toHaveLength(1);
    const img = images[0]!;
    expect(prop(img, 'src')).toMatch(/^\/_astro\/diagram\.[\w-]+\.webp$/);
    expect(prop(img, 'alt')).toMatch(locale === 'en' ? /^Diagram: a press release/ : /^示意图：新闻稿/);
    expect([prop(img, 'width'), prop(img, 'height'), prop(img, 'loading')]).toEqual(['800', '450', 'lazy']);
    const candidates = (prop(img, 'srcSet') ?? '').split(',').map((c) => c.trim().split(/\s+/)[0] ?? '');
    expect(candidates.length).toBeGreaterThan(1);
    for (const url of [prop(img, 'src') ?? '', ...candidates]) {
      expect(url, url).toMatch(/^\/_astro\//);
      expect((await stat(path.join(out, url))).size, url).toBeGreaterThan(0);
    }
    const html = await readFile(path.join(out, locale, STORY, 'index.html'), 'utf8');
    expect(html).not.toContain('__ASTRO_IMAGE_');
    expect(html).not.toContain('./diagram.png');
  });

  it('the pages are valid HTML', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    for (const locale of ['en', 'zh']) {
      const report = await validator.validateFile(path.join(out, locale, STORY, 'index.html'));
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    }
  });

  it('a feed reader, which shows no player, still gets the links to the videos', async () => {
    const rss = await readFile(path.join(out, 'en/rss.xml'), 'utf8');
    expect(rss).toContain('https://vimeo.com/123456789');
    expect(rss).toContain('https://www.youtube.com/watch?v=Xy7pQ2rT9aB');
  });
});
