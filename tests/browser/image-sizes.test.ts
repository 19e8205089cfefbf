// Body images in a real browser (Debian's Chromium through playwright-core): with the article
// column's `sizes` (src/lib/image-sizes.ts), Chromium picks no `srcset` candidate wider than the
// smallest one that covers the image's drawn width times the pixel ratio (with Astro's default
// `sizes`, a 1,280 px window loaded the 1200w file into the 672 px column).
// Without Chromium the tier is skipped loudly; under CI it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipBrowser, startFixtureSite, warnWhenSkipped, type FixtureSite } from './fixture-site.ts';

warnWhenSkipped('IMAGE SIZES BROWSER TESTS');

/** The fixture story with photos in its body (tests/fixtures/site/README.md). */
const PHOTO_STORY = '/en/2024/forum-photo-report/';

let site: FixtureSite | undefined;

beforeAll(async () => {
  if (!skipBrowser) site = await startFixtureSite('image-sizes');
}, 600_000);
afterAll(async () => {
  await site?.close();
});

describe.skipIf(skipBrowser)('body image candidates', () => {
  for (const [width, ratio] of [
    [375, 1],
    [375, 2],
    [1280, 1],
    [1280, 2],
  ] as const) {
    it(`at ${width} px, ${ratio}×: no candidate wider than the smallest that covers the drawn width`, async () => {
      if (!site) throw new Error('no site');
      const context = await site.browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: ratio });
      try {
        const page = await context.newPage();
        await page.goto(`${site.server.origin}${PHOTO_STORY}`);
        const images = page.locator('.article__body img[srcset]');
        expect(await images.count()).toBeGreaterThan(0);
        const image = images.first();
        await image.scrollIntoViewIfNeeded();
        await expect
          .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.currentSrc !== ''))
          .toBe(true);
        const { current, drawn, candidates } = await image.evaluate((img: HTMLImageElement) => ({
          current: img.currentSrc,
          drawn: img.getBoundingClientRect().width,
          candidates: img.srcset.split(',').map((c) => {
            const [url = '', w = ''] = c.trim().split(/\s+/);
            return { url: new URL(url, document.baseURI).href, width: Number.parseInt(w, 10) };
          }),
        }));
        const needed = drawn * ratio;
        const fitting = candidates.filter((c) => c.width >= needed).sort((a, b) => a.width - b.width);
        const widest = candidates.toSorted((a, b) => b.width - a.width)[0];
        const expected = fitting[0] ?? widest;
        // Chromium may take a slightly smaller one (it rounds between neighbours), never a wider one.
        const chosen = candidates.find((c) => c.url === current);
        expect(chosen, current).toBeDefined();
        expect(chosen?.width, `drawn ${drawn} px at ${ratio}×`).toBeLessThanOrEqual(expected?.width ?? 0);
        // The column, not the window: at 1,280 px the image is drawn 42rem (672 px) wide.
        if (width === 1280) expect(drawn).toBe(672);
      } finally {
        await context.close();
      }
    });
  }
});
