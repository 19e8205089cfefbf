// Chinese headlines break between words, never inside one (src/lib/line-breaks.ts,
// src/components/Phrases.astro): in Chromium at a phone and a desktop width, every character of the
// article's h1, the neighbour cards and the listing headlines is located (a Range per character),
// its line found from where it is drawn, and no word of a list may have characters on two lines.
// Headlines also keep one face and a tight leading (src/styles/typography.css). The fixture is the
// shared fixture content plus Chinese stories whose titles come from the sample archive and from the
// words of issue 16 (中关村论/坛, 专/利), in a temporary content folder.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '#tests/integration/build-site.ts';
import { skipBrowser, startSite, warnWhenSkipped, type FixtureSite } from './fixture-site.ts';

warnWhenSkipped('LINE-BREAK BROWSER TESTS');

/** Words no line may split. */
const WORDS = ['中关村论坛', '知识产权', '平行论坛', '专利', '生产力', '2024', '办事处'];
/** The Chinese stories added to the fixture: slug and headline. */
const STORIES = [
  ['zgc-clusters', '产权组织在2024中关村论坛举办科技集群平行论坛'],
  ['office-productivity', '产权组织中国办事处：知识产权激发发展新质生产力的创新活力'],
  ['bilateral-talks', '产权组织代表与中国国家知识产权局举行双边会谈'],
  ['patent-pilot', '专利审查提速：绿色技术专利试点延长两年，生产力持续提升'],
  ['forum-report', '中关村论坛平行论坛聚焦知识产权与专利转化，办事处发布2024年报告'],
  ['patent-office-forum', '办事处在中关村论坛平行论坛上介绍专利合作条约与知识产权服务'],
] as const;
const WIDTHS = [375, 1280] as const;

/** What the page measured of one headline. */
interface Headline {
  readonly text: string;
  /** The line (0, 1, …) of each character of `text`, from where it is drawn. */
  readonly lines: readonly number[];
  readonly fontFamily: string;
  /** Line height over font size. */
  readonly leading: number;
}

/** Measures every element matching the selector (runs in the page). */
function measureHeadlines(selector: string): Headline[] {
  return [...document.querySelectorAll<HTMLElement>(selector)].map((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const tops: number[] = [];
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? '';
      for (let i = 0; i < value.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        // A character at a break may have two boxes (a collapsed space): its last one is where it ends.
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
        tops.push(rects.length > 0 ? (rects[rects.length - 1]?.top ?? Number.NaN) : Number.NaN);
        text += value[i];
      }
    }
    const style = getComputedStyle(element);
    const fontSize = parseFloat(style.fontSize);
    // A new line starts where a character is drawn more than half a font size below the one before.
    let line = 0;
    let lineTop = tops.find((t) => !Number.isNaN(t)) ?? 0;
    const lines = tops.map((top) => {
      if (!Number.isNaN(top) && top > lineTop + fontSize / 2) {
        line++;
        lineTop = top;
      }
      return line;
    });
    return { text, lines, fontFamily: style.fontFamily, leading: parseFloat(style.lineHeight) / fontSize };
  });
}

/** The words of WORDS that `headline` splits across lines. */
function splitWords(headline: Headline): string[] {
  const split: string[] = [];
  for (const word of WORDS) {
    for (let at = headline.text.indexOf(word); at !== -1; at = headline.text.indexOf(word, at + 1)) {
      const lines = new Set(headline.lines.slice(at, at + word.length));
      if (lines.size > 1) split.push(word);
    }
  }
  return split;
}

let site: FixtureSite | undefined;
let content: string;

describe.skipIf(skipBrowser)('Chinese headlines break between words in a real browser', () => {
  beforeAll(async () => {
    content = await mkdtemp(path.join(tmpdir(), 'news-archive-line-breaks-content-'));
    await cp(path.join(root, 'tests/fixtures/site/content'), content, { recursive: true });
    // A tag whose label both segmenters cut (知识|产权): the site's vocabulary keeps it whole.
    await writeFile(
      path.join(content, 'tags/intellectual-property.yaml'),
      'label:\n  en: Intellectual property\n  zh: 知识产权\n',
    );
    for (const [index, [slug, title]] of STORIES.entries()) {
      const folder = path.join(content, 'articles/2025', slug);
      await mkdir(folder, { recursive: true });
      await writeFile(
        path.join(folder, 'zh.md'),
        `---\ntitle: ${title}\ndate: 2025-03-${String(10 + index)}\nlanguage: zh\n` +
          `summary: 专家指出,创新是关键。\ntags:\n  - intellectual-property\n---\n\n正文。\n`,
      );
    }
    site = await startSite('line-breaks', { CONTENT_DIR: content });
  }, 600_000);

  afterAll(async () => {
    await site?.close();
    await rm(content, { recursive: true, force: true });
  });

  /** Opens `pagePath` at a window width and measures the headlines matching `selector`. */
  async function headlines(pagePath: string, width: number, selector: string): Promise<Headline[]> {
    if (!site) throw new Error('no site');
    const context = await site.browser.newContext({ viewport: { width, height: 900 } });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${site.server.origin}${pagePath}`);
      expect(response?.status()).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      return await page.evaluate(measureHeadlines, selector);
    } finally {
      await context.close();
    }
  }

  for (const width of WIDTHS) {
    it(`splits no word of a Chinese headline at ${width} px`, { timeout: 120_000 }, async () => {
      let measured = 0;
      let multiLine = 0;
      const faces = new Set<string>();
      for (const [slug, title] of STORIES) {
        const [h1] = await headlines(`/zh/2025/${slug}/`, width, 'main h1');
        expect(h1?.text).toBe(title);
        const neighbours = await headlines(`/zh/2025/${slug}/`, width, '.story-nav a > span:last-child');
        for (const headline of [h1, ...neighbours]) {
          if (!headline) continue;
          expect(splitWords(headline), `${headline.text} at ${width} px: lines ${headline.lines.join('')}`).toEqual([]);
          measured++;
          if (new Set(headline.lines).size > 1) multiLine++;
        }
        if (h1) {
          faces.add(h1.fontFamily);
          expect(h1.leading).toBeLessThan(1.45);
        }
      }
      for (const headline of await headlines('/zh/', width, '.story-card__title')) {
        expect(splitWords(headline), `${headline.text} at ${width} px: lines ${headline.lines.join('')}`).toEqual([]);
        faces.add(headline.fontFamily);
        expect(headline.leading).toBeLessThan(1.45);
        measured++;
        if (new Set(headline.lines).size > 1) multiLine++;
      }
      // The test means something only if headlines wrap: at 375 px nearly all of them do.
      expect(measured).toBeGreaterThan(10);
      if (width === 375) expect(multiLine).toBeGreaterThan(5);
      // One face for Chinese headlines, in listings and on the article.
      expect([...faces]).toHaveLength(1);
    });
  }

  it('shows full-width punctuation in Chinese summaries, as in bodies', { timeout: 60_000 }, async () => {
    const [summary] = await headlines('/zh/2025/zgc-clusters/', 1280, '.article__summary');
    expect(summary?.text).toBe('专家指出，创新是关键。');
  });
});
