// The header, the language switcher of an untranslated page, and the printout, in Chromium on the
// built fixture site: one compact row at 375 px in both languages, a "Menu" that opens by click and
// by keyboard with JavaScript off, the navigation once in the accessibility tree at every width,
// axe at 0 violations with the menu open and closed in light and dark, and a print masthead and URL.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '#tools/lib/static-server.ts';
import { axeResults, skipBrowser, startFixtureSite, warnWhenSkipped, type FixtureSite } from './fixture-site.ts';

warnWhenSkipped('HEADER BROWSER TESTS');

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
/** A story of the fixture site written in English only: its page has no Chinese alternate. */
const EN_ONLY = '/en/2024/green-patents-pilot/';
/** A story in both languages. */
const BOTH = '/en/2024/forum-photo-report/';

let site: FixtureSite | undefined;
let server: StaticServer;
let browser: Browser;

/** A new page at `viewport`, JavaScript off unless asked for, in the given colour scheme. */
async function open(
  viewport: { width: number; height: number },
  options: { javaScript?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport,
    javaScriptEnabled: options.javaScript ?? false,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  return { page: await context.newPage(), context };
}

/** Goes to a site path and checks that it answered. */
async function visit(page: Page, sitePath: string): Promise<void> {
  const response = await page.goto(`${server.origin}${sitePath}`);
  expect(response?.status(), sitePath).toBe(200);
}

/**
 * Every axe violation (any impact) in the header and the footer, as "rule: targets" lines. The
 * open menu lies over the page, so it is checked where it is; the rest of each page is checked by
 * tests/browser/site.test.ts.
 */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await axeResults(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'], {
    include: ['.site-header', '.site-footer'],
  });
  return results.violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** How many navigation landmarks named `name` the accessibility tree of the page holds. */
async function navigationsNamed(page: Page, name: string): Promise<number> {
  const tree = await page.locator('body').ariaSnapshot();
  return tree.split('\n').filter((line) => line.trim().startsWith(`- navigation "${name}"`)).length;
}

describe.skipIf(skipBrowser)('on the fixture site', () => {
  // The build waits for the build lock behind other test files' builds.
  beforeAll(async () => {
    site = await startFixtureSite('header');
    ({ server, browser } = site);
  }, 900_000);

  afterAll(async () => {
    await site?.close();
  });

  describe('the header', () => {
    it('is one row, at most 64 px high, at 375 px in both languages', { timeout: 60_000 }, async () => {
      const { page, context } = await open(PHONE);
      const heights: string[] = [];
      for (const sitePath of ['/en/', '/zh/', '/en/speakers/', '/zh/organisations/', EN_ONLY]) {
        await visit(page, sitePath);
        const header = await page.locator('.site-header').boundingBox();
        expect(header, sitePath).not.toBeNull();
        heights.push(`${sitePath} ${header!.height}px`);
        expect(header!.height, sitePath).toBeLessThanOrEqual(64);
        // Name, language switch and menu button side by side: each starts right of the one before.
        const boxes = await Promise.all(
          ['.site-name', '.language-switcher', '.site-menu > summary'].map((s) => page.locator(s).boundingBox()),
        );
        for (const [i, box] of boxes.entries()) {
          expect(box, `${sitePath} item ${i}`).not.toBeNull();
          expect(box!.y + box!.height, `${sitePath} item ${i} inside the header`).toBeLessThanOrEqual(header!.height);
          if (i > 0) expect(box!.x, `${sitePath} item ${i} right of the last`).toBeGreaterThan(boxes[i - 1]!.x);
        }
        // The language switch is there without opening anything; the navigation is not.
        await expect(page.locator('.language-switcher a').first().isVisible()).resolves.toBe(true);
        await expect(page.locator('.site-nav a').first().isVisible()).resolves.toBe(false);
      }
      console.log(`header at 375 px: ${heights.join(', ')}`);
      await context.close();
    });

    it('opens its menu by click, without JavaScript, and its links lead on', { timeout: 60_000 }, async () => {
      const { page, context } = await open(PHONE);
      for (const locale of ['en', 'zh']) {
        await visit(page, `/${locale}/`);
        const summary = page.locator('.site-menu > summary');
        await expect(summary.getAttribute('aria-expanded')).resolves.toBeNull();
        await summary.click();
        await expect(page.locator('.site-menu').getAttribute('open')).resolves.toBe('');
        const links = page.locator('.site-nav a');
        await expect(links.count()).resolves.toBe(7);
        for (const link of await links.all()) await expect(link.isVisible()).resolves.toBe(true);
        // The open menu lies over the page, below the header row, not squeezed into it.
        const header = await page.locator('.site-header').boundingBox();
        const first = await links.first().boundingBox();
        expect(first!.y).toBeGreaterThanOrEqual(header!.height - 4);
        await page.locator(`.site-nav a[href="/${locale}/archive/"]`).click();
        expect(new URL(page.url()).pathname).toBe(`/${locale}/archive/`);
        // A new page starts with the menu closed.
        await expect(page.locator('.site-menu').getAttribute('open')).resolves.toBeNull();
      }
      await context.close();
    });

    it('opens and closes with Enter and Space, without JavaScript, focus visible', { timeout: 60_000 }, async () => {
      const { page, context } = await open(PHONE);
      await visit(page, '/en/');
      const menu = page.locator('.site-menu');
      // Tab from the top of the page: skip link, site name, language link(s), then the menu button.
      const order: string[] = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        const tag = await page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? '');
        order.push(tag);
        if (tag === 'summary') break;
      }
      expect(order.at(-1)).toBe('summary');
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      });
      expect(ring, 'the focused menu button shows a focus ring').toBe(true);
      await page.keyboard.press('Enter');
      await expect(menu.getAttribute('open')).resolves.toBe('');
      await page.keyboard.press('Space');
      await expect(menu.getAttribute('open')).resolves.toBeNull();
      await page.keyboard.press('Space');
      await expect(menu.getAttribute('open')).resolves.toBe('');
      // The links come next in the tab order, each visible when focused.
      const reached: string[] = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press('Tab');
        const focused = page.locator(':focus');
        await expect(focused.isVisible()).resolves.toBe(true);
        reached.push((await focused.getAttribute('href')) ?? '');
      }
      expect(reached).toEqual([
        '/en/',
        '/en/events/',
        '/en/speakers/',
        '/en/organisations/',
        '/en/tags/',
        '/en/archive/',
        '/en/search/',
      ]);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.origin}/en/search/`);
      await context.close();
    });

    it(
      'shows the navigation inline at desktop width, once in the accessibility tree',
      { timeout: 60_000 },
      async () => {
        for (const [viewport, open_] of [
          [DESKTOP, false],
          [PHONE, true],
          [PHONE, false],
        ] as const) {
          const { page, context } = await open(viewport);
          await visit(page, '/zh/');
          if (open_) await page.locator('.site-menu > summary').click();
          const expected = viewport === DESKTOP || open_;
          await expect(page.locator('.site-menu > summary').isVisible()).resolves.toBe(viewport !== DESKTOP);
          await expect(page.locator('.site-nav a').first().isVisible()).resolves.toBe(expected);
          expect(await navigationsNamed(page, '主导航'), `${viewport.width} px, open: ${open_}`).toBe(expected ? 1 : 0);
          expect(await page.locator('nav[aria-label="主导航"]').count()).toBe(1);
          if (viewport === DESKTOP) {
            // The whole header stays two short lines: name and switch, then the navigation in a row.
            const header = await page.locator('.site-header').boundingBox();
            const links = await page
              .locator('.site-nav a')
              .evaluateAll((as) => as.map((a) => a.getBoundingClientRect().top));
            expect(new Set(links.map(Math.round)).size).toBe(1);
            expect(header!.height).toBeLessThan(120);
          }
          await context.close();
        }
      },
    );

    it('has no axe violations with the menu open and closed, light and dark', { timeout: 300_000 }, async () => {
      const failures: string[] = [];
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const viewport of [PHONE, DESKTOP]) {
          // axe runs as a script in the page; the site itself has none on these pages.
          const { page, context } = await open(viewport, { colorScheme, javaScript: true });
          for (const sitePath of ['/en/', EN_ONLY, '/zh/events/']) {
            for (const menuOpen of viewport === PHONE ? [false, true] : [false]) {
              await visit(page, sitePath);
              if (menuOpen) await page.locator('.site-menu > summary').click();
              const label = `${sitePath} ${colorScheme} ${viewport.width}px menu ${menuOpen ? 'open' : 'closed'}`;
              failures.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
            }
          }
          await context.close();
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('the language switch of a page with no version in a language', () => {
    it('says, in that language, that it leads to the home page and why', { timeout: 60_000 }, async () => {
      for (const viewport of [PHONE, DESKTOP]) {
        const { page, context } = await open(viewport);
        await visit(page, EN_ONLY);
        const link = page.locator('.language-switcher a[hreflang="zh-Hans"]');
        await expect(link.getAttribute('href')).resolves.toBe('/zh/');
        await expect(link.getAttribute('lang')).resolves.toBe('zh-Hans');
        // Its name starts with what it shows (WCAG 2.5.3) and gives the reason.
        const name = (await link.ariaSnapshot()).trim();
        // (Chromium joins the visually hidden part with a space.)
        expect(name).toMatch(/^- link "中文首页 ?（本页没有中文版）"/);
        await expect(link.getByText('中文首页').isVisible()).resolves.toBe(true);
        // The reason is shown where there is room, and read out everywhere.
        const why = await link.locator('.language-switcher__why').boundingBox();
        // (Visually hidden is a 1 px box, which Playwright counts as visible.)
        expect(why!.width > 1, 'reason shown').toBe(viewport === DESKTOP);
        await link.click();
        expect(new URL(page.url()).pathname).toBe('/zh/');

        // A translated page's switch is the plain language name, leading to the same story.
        await visit(page, BOTH);
        const same = page.locator('.language-switcher a[hreflang="zh-Hans"]');
        await expect(same.getAttribute('href')).resolves.toBe('/zh/2024/forum-photo-report/');
        await expect(same.textContent()).resolves.toBe('中文');
        await context.close();
      }
    });
  });

  describe('the printout', () => {
    it(
      'has the site name as masthead and the page address at the end, no navigation',
      { timeout: 60_000 },
      async () => {
        const { page, context } = await open(DESKTOP);
        for (const [sitePath, name, address] of [
          [BOTH, 'News Archive', 'Online at: https://news.example.org/en/2024/forum-photo-report/'],
          ['/zh/events/', '新闻档案', '网址：https://news.example.org/zh/events/'],
        ] as const) {
          await visit(page, sitePath);
          await expect(page.locator('.site-footer__address').isVisible(), 'not on screen').resolves.toBe(false);
          await page.emulateMedia({ media: 'print' });
          const masthead = page.locator('.site-name');
          await expect(masthead.isVisible()).resolves.toBe(true);
          await expect(masthead.textContent()).resolves.toBe(name);
          const top = await masthead.boundingBox();
          const heading = await page.locator('main h1').first().boundingBox();
          expect(top!.y).toBeLessThan(heading!.y);
          const url = page.locator('.site-footer__address');
          await expect(url.isVisible()).resolves.toBe(true);
          await expect(url.textContent()).resolves.toBe(address);
          const end = await url.boundingBox();
          const mainBox = await page.locator('main').boundingBox();
          expect(end!.y).toBeGreaterThanOrEqual(mainBox!.y + mainBox!.height);
          for (const hidden of [
            '.site-nav',
            '.language-switcher',
            '.site-menu',
            '.skip-link',
            '.site-footer p:not(.site-footer__address)',
          ]) {
            for (const element of await page.locator(hidden).all()) {
              await expect(element.isVisible(), `${sitePath}: ${hidden} hidden in print`).resolves.toBe(false);
            }
          }
          await page.emulateMedia({ media: 'screen' });
        }
        await context.close();
      },
    );
  });
});
