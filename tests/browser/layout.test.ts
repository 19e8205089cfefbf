// Layout in a real browser (Debian's Chromium through playwright-core, as in site.test.ts): no page of
// the fixture site is wider than the window at 375 px and 1,280 px (every built page, not a sample:
// one long code line or wide table on any story used to make the page 3,977 px wide); long code lines
// and wide tables scroll inside their own focusable box; highlighted code shows coloured tokens with
// enough contrast in the light and the dark scheme; axe finds nothing serious on the code-heavy story.
// Without Chromium the tier is skipped loudly; under CI it fails.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '#tools/lib/static-server.ts';
import { root } from '#tests/integration/build-site.ts';
import {
  axeResults,
  chromium,
  inCI,
  openRecordingErrors,
  skipBrowser,
  startFixtureSite,
  warnWhenSkipped,
  type FixtureSite,
} from './fixture-site.ts';

warnWhenSkipped('LAYOUT BROWSER TESTS');

const artifacts = path.join(root, 'test-results', 'screenshots');
const WIDTHS = [375, 1280] as const;
/** The code-heavy fixture story (tests/fixtures/site/README.md). */
const CODE_STORY = (locale: string) => `/${locale}/2024/patent-data-api/`;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let site: FixtureSite | undefined;
let out: string;
let server: StaticServer;
let browser: Browser;
const consoleErrors: string[] = [];

/** A page in a new browser context at `width`, in a colour scheme, recording console errors. */
const open = (
  width: number,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; context: BrowserContext }> =>
  openRecordingErrors(browser, { viewport: { width, height: 900 }, colorScheme }, consoleErrors);

/** Goes to a site path and waits for what the page shows late (search results). */
async function visit(page: Page, sitePath: string): Promise<void> {
  const response = await page.goto(`${server.origin}${sitePath}`);
  expect(response?.status(), sitePath).toBe(200);
  if (sitePath.includes('/search/?q=')) await page.locator('.search__results li').first().waitFor();
}

/**
 * Every page of the built site as a site path, without the alias redirect pages (they leave for their
 * target at once) and with each search page asked a query, so that its results are laid out too.
 */
async function everyPage(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const paths: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file, 'utf8')).includes('http-equiv="refresh"')) continue;
    const relative = path.relative(dir, file).split(path.sep).join('/');
    const sitePath = '/' + relative.replace(/(^|\/)index\.html$/, '$1');
    paths.push(
      /^\/(en|zh)\/search\/$/.test(sitePath)
        ? `${sitePath}?q=${sitePath.startsWith('/zh') ? '论坛' : 'forum'}`
        : sitePath,
    );
  }
  return paths.sort();
}

/** WCAG contrast ratio of two `rgb()`/`rgba()` colours (alpha ignored: Shiki's colours are opaque). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string): number => {
    const [r = 0, g = 0, bl = 0] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const linear = [r, g, bl].map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

describe.skipIf(skipBrowser)('layout in a real browser', () => {
  beforeAll(async () => {
    site = await startFixtureSite('layout');
    ({ out, server, browser } = site);
    await mkdir(artifacts, { recursive: true });
  }, 900_000);

  afterAll(async () => {
    await site?.close();
  });

  for (const width of WIDTHS) {
    it(`no page is wider than a ${width} px window`, { timeout: 600_000 }, async () => {
      const pages = await everyPage(out);
      // Every page type, in both languages, the code-heavy story among them.
      expect(pages.length).toBeGreaterThan(100);
      expect(pages).toEqual(expect.arrayContaining([CODE_STORY('en'), CODE_STORY('zh'), '/404.html', '/']));
      const { page, context } = await open(width);
      const tooWide: string[] = [];
      for (const sitePath of pages) {
        await visit(page, sitePath);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        if (scrollWidth > innerWidth) tooWide.push(`${sitePath}: ${scrollWidth} px`);
      }
      await context.close();
      expect(tooWide).toEqual([]);
    });
  }

  it(
    'scrolls long code lines and wide tables inside their boxes, which the keyboard reaches',
    { timeout: 120_000 },
    async () => {
      const { page, context } = await open(375);
      for (const locale of ['en', 'zh']) {
        await visit(page, CODE_STORY(locale));
        // The boxes really hold content wider than themselves (the page check above is not vacuous).
        const overflowing = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.article__body pre, .article__body .table-scroll')]
            .filter((box) => box.scrollWidth > box.clientWidth + 20)
            .map((box) => box.tagName.toLowerCase()),
        );
        expect(overflowing, locale).toContain('pre');
        expect(overflowing, locale).toContain('div');
        // The wide table scrolls rather than squeezing its columns: no number in it is broken over
        // lines (Chinese text may otherwise break between any two characters, digits too; a heading
        // such as "2013 年" may still wrap at its space).
        const numbers = await page.evaluate(() => {
          const broken: string[] = [];
          let checked = 0;
          for (const cell of document.querySelectorAll('.article__body .table-scroll :is(th, td)')) {
            const node = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT).nextNode();
            for (const match of node?.textContent?.matchAll(/\d[\d,]*/g) ?? []) {
              const range = document.createRange();
              range.setStart(node!, match.index);
              range.setEnd(node!, match.index + match[0].length);
              const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
              checked++;
              if (lines.size > 1) broken.push(match[0]);
            }
          }
          return { broken, checked };
        });
        expect(numbers.checked, locale).toBeGreaterThan(30);
        expect(numbers.broken, locale).toEqual([]);
        // Tab until the first code block and the first table box have had the focus; each shows the
        // focus ring, and the arrow keys scroll it.
        const reached: { tag: string; ring: boolean; scrolled: boolean }[] = [];
        for (let i = 0; i < 80 && reached.length < 2; i++) {
          await page.keyboard.press('Tab');
          const focus = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el || !el.matches('.article__body pre, .article__body .table-scroll')) return undefined;
            const style = getComputedStyle(el);
            return {
              tag: el.tagName.toLowerCase(),
              ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
              wide: el.scrollWidth > el.clientWidth,
            };
          });
          if (!focus || reached.some((r) => r.tag === focus.tag)) continue;
          let scrolled = false;
          if (focus.wide) {
            await page.keyboard.press('ArrowRight');
            await page.keyboard.press('ArrowRight');
            // Keyboard scrolling may be animated: wait for it rather than read it at once (on a busy
            // machine the animation took longer than 3 s once).
            scrolled = await page
              .waitForFunction(() => (document.activeElement as HTMLElement).scrollLeft > 0, undefined, {
                timeout: 10_000,
              })
              .then(() => true)
              .catch(() => false);
          }
          reached.push({ tag: focus.tag, ring: focus.ring, scrolled: scrolled || !focus.wide });
        }
        expect(reached, locale).toEqual([
          { tag: 'pre', ring: true, scrolled: true },
          { tag: 'div', ring: true, scrolled: true },
        ]);
        // The boxes are named for screen readers, in the page's language.
        const names = await page.evaluate(() =>
          [...document.querySelectorAll('.article__body pre, .article__body .table-scroll')].map(
            (box) => `${box.getAttribute('role')} ${box.getAttribute('aria-label') ?? ''}`,
          ),
        );
        for (const name of names)
          expect(name).toMatch(locale === 'en' ? /^group (Code|Table)\b/ : /^group (代码|表格)/);
      }
      await context.close();
    },
  );

  for (const scheme of ['light', 'dark'] as const) {
    it(
      `shows highlighted code with coloured, readable tokens in the ${scheme} scheme`,
      { timeout: 120_000 },
      async () => {
        const { page, context } = await open(1280, scheme);
        await visit(page, CODE_STORY('en'));
        const block = page.locator('.article__body pre[data-label="Python"]');
        await expect(block.isVisible()).resolves.toBe(true);
        const seen = await block.evaluate((pre) => {
          const background = getComputedStyle(pre).backgroundColor;
          const tokens = [...pre.querySelectorAll<HTMLElement>('span[style]')]
            .filter((span) => span.textContent?.trim())
            .map((span) => getComputedStyle(span).color);
          return { background, tokens, label: getComputedStyle(pre, '::before').content };
        });
        expect(seen.label).toContain('Python');
        expect(new Set(seen.tokens).size).toBeGreaterThanOrEqual(4);
        const lows = [...new Set(seen.tokens)].filter((colour) => contrast(colour, seen.background) < 4.5);
        expect(lows).toEqual([]);
        // The scheme is followed: a light block in light, a dark one in dark.
        const onWhite = contrast(seen.background, 'rgb(255, 255, 255)');
        if (scheme === 'light') expect(onWhite).toBeLessThan(1.5);
        else expect(onWhite).toBeGreaterThan(10);
        for (const width of WIDTHS) {
          for (const locale of ['en', 'zh']) {
            await page.setViewportSize({ width, height: 900 });
            await visit(page, CODE_STORY(locale));
            await page.screenshot({
              path: path.join(artifacts, `article-code-${locale}-${width}-${scheme}.png`),
              fullPage: true,
            });
          }
        }
        await context.close();
      },
    );
  }

  it(
    'has no serious or critical axe violations on the code-heavy story, light and dark',
    { timeout: 240_000 },
    async () => {
      const failures: string[] = [];
      // At phone width, where the boxes scroll (axe checks that scrollable regions are focusable);
      // colour contrast does not depend on the width.
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [375]) {
          const { page, context } = await open(width, scheme);
          for (const locale of ['en', 'zh']) {
            await visit(page, CODE_STORY(locale));
            const results = await axeResults(page, AXE_TAGS);
            for (const v of results.violations) {
              if (v.impact === 'serious' || v.impact === 'critical') {
                const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
                failures.push(`${locale} ${scheme} ${width}: ${v.id} (${v.impact}) ${where}`);
              }
            }
          }
          await context.close();
        }
      }
      expect(failures).toEqual([]);
    },
  );

  // Every test fails on its own JavaScript errors: what its pages logged is checked after it.
  afterEach(() => {
    expect(consoleErrors.splice(0).join('\n'), 'JavaScript errors on the pages of this test').toBe('');
  });
});

describe('the layout browser tier itself', () => {
  it.runIf(inCI)('has Chromium under CI', () => {
    expect(chromium, 'apt-get install chromium (the CI script does)').toBeDefined();
  });
});
