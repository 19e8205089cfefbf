// The front pages in Chromium on the built fixture site: no layout shift on the home page at 375 and
// 1,280 px while its images arrive late (each image response held back, the page scrolled to the
// end so every lazy thumbnail loads), the stories of home and speaker pages in one column, and axe
// at 0 violations of any impact on the home and a speaker page, light and dark, in both languages.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '#tools/lib/static-server.ts';
import {
  axeResults,
  openRecordingErrors,
  skipBrowser,
  startFixtureSite,
  warnWhenSkipped,
  type FixtureSite,
} from './fixture-site.ts';

warnWhenSkipped('FRONT PAGE BROWSER TESTS');

const WIDTHS = [375, 1280] as const;
const SPEAKER = (locale: string) => `/${locale}/speakers/zhang-wei/`;
/** How long each image response is held back: the page is laid out long before any image is in. */
const IMAGE_DELAY_MS = 400;

let site: FixtureSite | undefined;
let server: StaticServer;
let browser: Browser;
const consoleErrors: string[] = [];

/** A page in a new context at `width`, in a colour scheme, recording console errors. */
const open = (
  width: number,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; context: BrowserContext }> =>
  openRecordingErrors(browser, { viewport: { width, height: 900 }, colorScheme }, consoleErrors);

/** Goes to a site path and checks that it answered. */
async function visit(page: Page, sitePath: string): Promise<void> {
  const response = await page.goto(`${server.origin}${sitePath}`);
  expect(response?.status(), sitePath).toBe(200);
}

/** Every layout shift the page recorded since it started, summed as the CLS metric sums them. */
const layoutShift = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __shift: number }).__shift);

describe.skipIf(skipBrowser)('the front pages in a real browser', () => {
  beforeAll(async () => {
    site = await startFixtureSite('front-page');
    ({ server, browser } = site);
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const width of WIDTHS) {
    it(
      `does not shift the home page's layout at ${width} px while its images arrive`,
      { timeout: 120_000 },
      async () => {
        const { page, context } = await open(width);
        // Recorded from the first paint on; shifts right after input do not count, as in CLS.
        await page.addInitScript(() => {
          const state = window as unknown as { __shift: number };
          state.__shift = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & {
              value: number;
              hadRecentInput: boolean;
            })[]) {
              if (!entry.hadRecentInput) state.__shift += entry.value;
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        let images = 0;
        await page.route(/\/_astro\/.+\.(avif|webp|png|jpe?g)$/, async (route) => {
          images++;
          await new Promise((resolve) => setTimeout(resolve, IMAGE_DELAY_MS));
          await route.continue();
        });
        for (const locale of ['en', 'zh']) {
          await visit(page, `/${locale}/`);
          // Down to the end, so that every lazy thumbnail is asked for, then until every image is in.
          await page.evaluate(async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
              window.scrollTo(0, y);
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          });
          await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
          const pictures = await page.locator('main picture img').count();
          expect(pictures, `${locale} at ${width}`).toBeGreaterThanOrEqual(2);
          expect(await layoutShift(page), `layout shift of /${locale}/ at ${width} px`).toBeLessThan(0.01);
        }
        expect(images).toBeGreaterThanOrEqual(4);
        await context.close();
      },
    );
  }

  it(
    'lists stories in one column on the home and a speaker page, thumbnails beside their text',
    { timeout: 60_000 },
    async () => {
      for (const width of WIDTHS) {
        const { page, context } = await open(width);
        for (const sitePath of ['/en/', SPEAKER('en'), SPEAKER('zh')]) {
          await visit(page, sitePath);
          const boxes = await page.locator('.story-list > li').evaluateAll((items) =>
            items.map((item) => {
              const box = item.getBoundingClientRect();
              const thumb = item.querySelector('.story-card__thumb')?.getBoundingClientRect();
              return {
                left: box.left,
                width: box.width,
                thumb: thumb && { left: thumb.left, top: thumb.top - box.top },
              };
            }),
          );
          expect(boxes.length, sitePath).toBeGreaterThan(1);
          // One column: every story starts at the same edge and is as wide as the others.
          expect(new Set(boxes.map((b) => Math.round(b.left))).size, `${sitePath} at ${width}`).toBe(1);
          expect(new Set(boxes.map((b) => Math.round(b.width))).size, `${sitePath} at ${width}`).toBe(1);
          // A thumbnail sits at the card's end (the right, in these left-to-right pages), at its top.
          const withThumb = boxes.filter((b) => b.thumb);
          expect(withThumb.length, sitePath).toBeGreaterThan(0);
          for (const b of withThumb) {
            expect(b.thumb!.left).toBeGreaterThan(b.left + b.width / 2);
            expect(b.thumb!.top).toBeLessThan(32);
          }
        }
        await context.close();
      }
    },
  );

  it('has no axe violation on the home and a speaker page, light and dark', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of WIDTHS) {
        const { page, context } = await open(width, scheme);
        for (const sitePath of ['/en/', '/zh/', SPEAKER('en'), SPEAKER('zh')]) {
          await visit(page, sitePath);
          const results = await axeResults(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
          for (const v of results.violations) {
            failures.push(
              `${sitePath} ${scheme} ${width}: ${v.id} (${v.impact ?? '?'}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
          }
        }
        await context.close();
      }
    }
    expect(failures).toEqual([]);
  });

  // Every test fails on its own JavaScript errors: what its pages logged is checked after it.
  afterEach(() => {
    expect(consoleErrors.splice(0).join('\n'), 'JavaScript errors on the pages of this test').toBe('');
  });
});
