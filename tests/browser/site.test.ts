// The browser tier: the built fixture site served locally and driven by Debian's Chromium through
// playwright-core (no browser download). Journeys in both languages at desktop and 375 px widths,
// keyboard-only navigation, axe-core on every page type, screenshots as artifacts, no console
// errors, and the site without JavaScript. Without Chromium the tier is skipped loudly; under CI it fails.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '#tools/lib/static-server.ts';
import { root } from '#tests/integration/build-site.ts';
import {
  axeResults,
  chromium,
  inCI,
  skipBrowser,
  startFixtureSite,
  startSite,
  warnWhenSkipped,
  type FixtureSite,
} from './fixture-site.ts';

warnWhenSkipped('BROWSER TESTS');

const artifacts = path.join(root, 'test-results', 'screenshots');
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, mobile: { width: 375, height: 812 } } as const;
type Viewport = keyof typeof VIEWPORTS;

let site: FixtureSite | undefined;
let server: StaticServer;
let browser: Browser;
const consoleErrors: string[] = [];
const counts = { pages: 0, journeys: 0, axe: 0 };

/** A new page at a viewport that records console errors and uncaught exceptions. */
async function open(
  viewport: Viewport,
  options: { javaScript?: boolean } = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    javaScriptEnabled: options.javaScript ?? true,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The 404 journey asks for a missing page on purpose; the browser logs that response.
    if (page.url().includes('/no-such-story/') && message.location().url === page.url()) return;
    consoleErrors.push(`${page.url()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  return { page, context };
}

/** Goes to a site path and counts the page. */
async function visit(page: Page, sitePath: string): Promise<void> {
  const response = await page.goto(`${server.origin}${sitePath}`);
  expect(response, sitePath).not.toBeNull();
  counts.pages++;
}

/** The path part of the page's current URL. */
const pathOf = (page: Page) => new URL(page.url()).pathname;

describe.skipIf(skipBrowser)('in a real browser', () => {
  beforeAll(async () => {
    site = await startFixtureSite('browser');
    ({ server, browser } = site);
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await site?.close();
    console.log(
      `browser tier: ${counts.pages} page loads, ${counts.journeys} journeys, ${counts.axe} pages checked with axe`,
    );
  });

  for (const viewport of ['desktop', 'mobile'] as const) {
    describe(`journeys at ${viewport} width`, () => {
      it('home → article → other language → the same story', { timeout: 60_000 }, async () => {
        const { page, context } = await open(viewport);
        for (const [from, to, toLang] of [
          ['en', 'zh', 'zh-Hans'],
          ['zh', 'en', 'en'],
        ] as const) {
          await visit(page, `/${from}/`);
          const first = page.locator('.story-card__title a').first();
          const target = (await first.getAttribute('href')) ?? '';
          await first.click();
          expect(pathOf(page)).toBe(target);
          await page.locator(`.language-switcher a[hreflang="${toLang}"]`).click();
          expect(pathOf(page)).toBe(target.replace(`/${from}/`, `/${to}/`));
          expect(await page.locator('html').getAttribute('lang')).toBe(toLang);
          counts.journeys++;
        }
        await context.close();
      });

      it('article → speaker → another story of theirs', { timeout: 60_000 }, async () => {
        const { page, context } = await open(viewport);
        for (const locale of ['en', 'zh']) {
          await visit(page, `/${locale}/2024/mixed-language-forum/`);
          await page.locator('.people-list a[href$="/speakers/ouyang-jing/"]').click();
          expect(pathOf(page)).toBe(`/${locale}/speakers/ouyang-jing/`);
          const other = page.locator('.story-card__title a:not([href$="/mixed-language-forum/"])').first();
          const href = (await other.getAttribute('href')) ?? '';
          await other.click();
          expect(pathOf(page)).toBe(href);
          await expect(page.locator('.people-list a[href$="/speakers/ouyang-jing/"]').count()).resolves.toBe(1);
          counts.journeys++;
        }
        await context.close();
      });

      it('topic page → next page → a story', { timeout: 60_000 }, async () => {
        const { page, context } = await open(viewport);
        for (const locale of ['en', 'zh']) {
          await visit(page, `/${locale}/tags/innovation/`);
          await page.locator('.pagination a[rel="next"]').click();
          expect(pathOf(page)).toBe(`/${locale}/tags/innovation/page/2/`);
          await page.locator('.story-card__title a').first().click();
          expect(pathOf(page)).toMatch(/^\/(en|zh)\/\d{4}\/[a-z0-9-]+\/$/);
          counts.journeys++;
        }
        await context.close();
      });

      it('archive → month → story', { timeout: 60_000 }, async () => {
        const { page, context } = await open(viewport);
        for (const [locale, month] of [
          ['en', 'April'],
          ['zh', '四月'],
        ] as const) {
          await visit(page, `/${locale}/archive/`);
          await page.locator('.archive-months a', { hasText: month }).first().click();
          expect(pathOf(page)).toBe(`/${locale}/archive/2024/04/`);
          await page.locator('.story-card__title a').first().click();
          expect(pathOf(page)).toMatch(/^\/(en|zh)\/2024\/[a-z0-9-]+\/$/);
          counts.journeys++;
        }
        await context.close();
      });

      it('search in Chinese and in English, then open a result', { timeout: 60_000 }, async () => {
        const { page, context } = await open(viewport);
        for (const [locale, query, expected] of [
          ['zh', '欧阳静', '/zh/2024/mixed-language-forum/'],
          ['en', 'terminology', '/en/2024/mixed-language-forum/'],
          ['en', '术语', '/en/2024/mixed-language-forum/'],
        ] as const) {
          await visit(page, `/${locale}/search/`);
          await page.locator('#search-q').fill(query);
          await page.locator('.search__form button[type="submit"]').click();
          const result = page.locator(`.search__results a[href="${expected}"]`);
          await result.waitFor();
          await expect(page.locator('.search__results mark').count()).resolves.toBeGreaterThan(0);
          await result.click();
          expect(pathOf(page)).toBe(expected);
          counts.journeys++;
        }
        await context.close();
      });

      it('an unknown address answers 404 with the bilingual page', { timeout: 30_000 }, async () => {
        const { page, context } = await open(viewport);
        const response = await page.goto(`${server.origin}/en/no-such-story/`);
        counts.pages++;
        expect(response?.status()).toBe(404);
        await expect(page.locator('section.not-found').count()).resolves.toBe(2);
        await page.locator('section.not-found[lang="zh-Hans"] a').first().click();
        expect(pathOf(page)).toBe('/zh/');
        counts.journeys++;
        await context.close();
      });
    });
  }

  describe('every page type, in both languages', () => {
    const pageTypes = (locale: string): [string, string][] => [
      [`home-${locale}`, `/${locale}/`],
      [`home-page-2-${locale}`, `/${locale}/page/2/`],
      [`article-${locale}`, `/${locale}/2024/forum-photo-report/`],
      [`article-mixed-${locale}`, `/${locale}/2024/mixed-language-forum/`],
      [`article-hostile-${locale}`, `/${locale}/2024/hostile-markup/`],
      [`speakers-${locale}`, `/${locale}/speakers/`],
      [`speaker-${locale}`, `/${locale}/speakers/zhang-wei/`],
      [`organisations-${locale}`, `/${locale}/organisations/`],
      [`organisation-${locale}`, `/${locale}/organisations/example-ip-office/`],
      [`events-${locale}`, `/${locale}/events/`],
      [`event-${locale}`, `/${locale}/events/example-forum-2024/`],
      [`tags-${locale}`, `/${locale}/tags/`],
      [`tag-${locale}`, `/${locale}/tags/innovation/`],
      [`archive-${locale}`, `/${locale}/archive/`],
      [`archive-year-${locale}`, `/${locale}/archive/2024/`],
      [`archive-month-${locale}`, `/${locale}/archive/2024/04/`],
      [`search-${locale}`, `/${locale}/search/?q=${locale === 'zh' ? '论坛' : 'forum'}`],
    ];
    const all: [string, string][] = [['landing', '/'], ['404', '/404.html'], ...pageTypes('en'), ...pageTypes('zh')];

    it('has no serious or critical axe violations (WCAG 2.2 A/AA)', { timeout: 240_000 }, async () => {
      const { page, context } = await open('desktop');
      const failures: string[] = [];
      for (const [name, sitePath] of all) {
        await visit(page, sitePath);
        if (name.startsWith('search')) await page.locator('.search__results li').first().waitFor();
        const results = await axeResults(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
        counts.axe++;
        for (const v of results.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            failures.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          }
        }
      }
      await context.close();
      expect(failures).toEqual([]);
    });

    it(
      'is saved as a screenshot at desktop and 375 px width, without horizontal scrolling',
      { timeout: 240_000 },
      async () => {
        for (const viewport of ['desktop', 'mobile'] as const) {
          const { page, context } = await open(viewport);
          for (const [name, sitePath] of all) {
            await visit(page, sitePath);
            if (name.startsWith('search')) await page.locator('.search__results li').first().waitFor();
            await page.screenshot({ path: path.join(artifacts, `${name}-${viewport}.png`), fullPage: true });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, `${name} at ${viewport}`).toBeLessThanOrEqual(0);
          }
          await context.close();
        }
      },
    );

    it('marks the language of the page and of mixed passages', { timeout: 30_000 }, async () => {
      const { page, context } = await open('desktop');
      await visit(page, '/en/2024/mixed-language-forum/');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await expect(page.locator('.article__body p[lang="zh-Hans"]').count()).resolves.toBe(1);
      await visit(page, '/zh/2024/mixed-language-forum/');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
      await expect(page.locator('.article__body p[lang="en"]').count()).resolves.toBe(1);
      await context.close();
    });
  });

  describe('keyboard only', () => {
    it(
      'starts at a visible skip link and reaches every link with a visible focus ring',
      { timeout: 60_000 },
      async () => {
        const { page, context } = await open('desktop');
        for (const sitePath of ['/en/2024/forum-photo-report/', '/zh/speakers/']) {
          await visit(page, sitePath);
          await page.keyboard.press('Tab');
          const skip = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement;
            const box = el.getBoundingClientRect();
            return { cls: el.className, top: box.top, left: box.left, width: box.width };
          });
          expect(skip.cls).toBe('skip-link');
          expect(skip.top).toBeGreaterThanOrEqual(0);
          expect(skip.left).toBeGreaterThanOrEqual(0);
          expect(skip.width).toBeGreaterThan(0);
          await page.keyboard.press('Enter');
          expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

          const links = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
              .filter((a) => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden')
              .map((a) => a.getAttribute('href')),
          );
          await visit(page, sitePath);
          const reached = new Set<string>();
          const unringed: string[] = [];
          for (let i = 0; i < links.length + 10; i++) {
            await page.keyboard.press('Tab');
            const focus = await page.evaluate(() => {
              const el = document.activeElement as HTMLElement | null;
              if (!el || el === document.body) return undefined;
              const style = getComputedStyle(el);
              return {
                href: el.getAttribute('href'),
                ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
              };
            });
            if (!focus) continue;
            if (focus.href !== null) reached.add(focus.href);
            if (!focus.ring) unringed.push(focus.href ?? '(element)');
          }
          expect(links.filter((href) => href !== null && !reached.has(href))).toEqual([]);
          expect(unringed).toEqual([]);
        }
        counts.journeys++;
        await context.close();
      },
    );
  });

  describe('without JavaScript', () => {
    it('reads and navigates every page type; search says it needs JavaScript', { timeout: 60_000 }, async () => {
      const { page, context } = await open('mobile', { javaScript: false });
      await visit(page, '/zh/');
      await page.locator('.story-card__title a').first().click();
      await page.locator('.language-switcher a[hreflang="en"]').click();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      // At 375 px the navigation is behind the header's "Menu" (a <details>, no JavaScript needed).
      await page.locator('.site-menu > summary').click();
      await page.locator('.site-nav a[href="/en/archive/"]').click();
      await page.locator('.archive-months a').first().click();
      await page.locator('.story-card__title a').first().click();
      await expect(page.locator('article h1').count()).resolves.toBe(1);
      await visit(page, '/en/search/');
      await expect(page.locator('.notice').isVisible()).resolves.toBe(true);
      await expect(page.locator('#search').isVisible()).resolves.toBe(false);
      counts.journeys++;
      await context.close();
    });
  });

  describe('the JavaScript error check', () => {
    it('records an uncaught error and a console error (so the check after each test can fail)', async () => {
      const { page, context } = await open('desktop');
      await visit(page, '/en/');
      await page.evaluate(() => {
        console.error('deliberate console error');
        setTimeout(() => {
          throw new Error('deliberate uncaught error');
        });
      });
      await expect.poll(() => consoleErrors.length).toBeGreaterThanOrEqual(2);
      // Taken out again, so that the check after this test sees only what it did not expect.
      const recorded = consoleErrors.splice(0).join('\n');
      expect(recorded).toContain('deliberate console error');
      expect(recorded).toContain('deliberate uncaught error');
      await context.close();
    });
  });

  // Every test fails on its own JavaScript errors: what its pages logged is checked after it.
  afterEach(() => {
    expect(consoleErrors.splice(0).join('\n'), 'JavaScript errors on the pages of this test').toBe('');
  });
});

/** The first sub-folder of `dir` whose name passes `test`, or undefined. */
async function firstFolder(dir: string, test: (name: string) => boolean = () => true): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && test(e.name))
    .map((e) => e.name)
    .sort()[0];
}

/** A site path of each page type of a built site in one locale: listings, one entry of each, archive, search. */
async function pageOfEachType(out: string, locale: string): Promise<string[]> {
  const at = (...parts: string[]) => `/${[locale, ...parts].join('/')}/`.replace(/\/+/g, '/');
  const paths = [at(''), at('search')];
  const year = await firstFolder(path.join(out, locale), (name) => /^\d{4}$/.test(name));
  const story = year && (await firstFolder(path.join(out, locale, year), (name) => name !== 'page'));
  expect(story, `a story page in ${locale}`).toBeDefined();
  paths.push(at(year ?? '', story ?? ''));
  for (const listing of ['speakers', 'organisations', 'events', 'tags']) {
    const entry = await firstFolder(path.join(out, locale, listing), (name) => name !== 'page');
    expect(entry, `an entry of ${locale}/${listing}/`).toBeDefined();
    paths.push(at(listing), at(listing, entry ?? ''));
  }
  const archiveYear = await firstFolder(path.join(out, locale, 'archive'), (name) => /^\d{4}$/.test(name));
  const month = archiveYear && (await firstFolder(path.join(out, locale, 'archive', archiveYear)));
  expect(month, `a month of ${locale}/archive/`).toBeDefined();
  paths.push(at('archive'), at('archive', archiveYear ?? ''), at('archive', archiveYear ?? '', month ?? ''));
  return paths;
}

describe.skipIf(skipBrowser)('the sample archive in a real browser', () => {
  let sample: FixtureSite | undefined;
  let sampleServer: StaticServer;
  let sampleBrowser: Browser;
  beforeAll(async () => {
    sample = await startSite('browser-sample');
    ({ server: sampleServer, browser: sampleBrowser } = sample);
  });
  afterAll(async () => {
    await sample?.close();
  });

  it(
    'has no serious or critical axe violations on any page type, in both languages',
    { timeout: 240_000 },
    async () => {
      const context = await sampleBrowser.newContext({ viewport: VIEWPORTS.desktop });
      const page = await context.newPage();
      // One page of each type, found in the build rather than named, so the sample's content may change.
      const paths = ['/', '/404.html'];
      for (const locale of ['en', 'zh']) {
        paths.push(...(await pageOfEachType(sample?.out ?? '', locale)));
      }
      const failures: string[] = [];
      for (const sitePath of paths) {
        await page.goto(`${sampleServer.origin}${sitePath}`);
        const results = await axeResults(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
        for (const v of results.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') failures.push(`${sitePath}: ${v.id} (${v.impact})`);
        }
      }
      console.log(`browser tier (sample archive): ${paths.length} pages checked with axe`);
      await context.close();
      expect(failures).toEqual([]);
    },
  );
});

describe('the browser tier itself', () => {
  it.runIf(inCI)('has Chromium under CI', () => {
    expect(chromium, 'apt-get install chromium (the CI script does)').toBeDefined();
  });
});
