/**
 * Screenshots of a built site in every locale, desktop (1,280 px) and mobile (375 px). By default
 * every page type, for reviewers; `--readme` takes the README's set (home, an article with a cover,
 * the busiest speaker, search results for that speaker), in light and dark, into docs/screenshots/.
 * Usage: node tools/bin/screenshots.ts [dist] [--out dir] [--readme] [--only home-en,speaker-zh]
 * [--full-page] [--base /path/]
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '#tools/lib/chromium.ts';
import { serveDirectory } from '#tools/lib/static-server.ts';
import { everyPageType, readmeSet, type Shot } from '#tools/screenshots/pages.ts';
import { buildSettings } from '#lib/environment.ts';
import { siteConfig } from '#site.config';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    readme: { type: 'boolean', default: false },
    only: { type: 'string' },
    'full-page': { type: 'boolean', default: false },
    base: { type: 'string', default: buildSettings(process.env).basePath },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'Usage: node tools/bin/screenshots.ts [dist] [--out dir] [--readme] [--only name,name] [--full-page] [--base /path/]',
  );
  process.exit(0);
}

const dist = positionals[0] ?? 'dist';
const out = values.out ?? (values.readme ? 'docs/screenshots' : 'screenshots');
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;
const locales = siteConfig.locales.map((l) => l.code);
const wanted = values.only?.split(',');
const shots: Shot[] = (
  values.readme
    ? locales.flatMap((locale) => readmeSet(dist, locale))
    : [
        { name: 'landing', url: '' },
        { name: '404', url: 'no-such-page/' },
        ...locales.flatMap((locale) => everyPageType(dist, locale)),
      ]
).filter((shot) => !wanted || wanted.includes(shot.name));

/** A viewport and colour scheme, named by the file suffix. */
interface Variant {
  readonly suffix: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly colorScheme: 'light' | 'dark';
}

/** Viewports and colour schemes: the README set adds dark mode at both widths. */
const variants: Variant[] = [
  { suffix: 'desktop', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { suffix: 'mobile', viewport: { width: 375, height: 812 }, colorScheme: 'light' },
];
if (values.readme) {
  variants.push(
    { suffix: 'desktop-dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
    { suffix: 'mobile-dark', viewport: { width: 375, height: 812 }, colorScheme: 'dark' },
  );
}

/** Types a search query and waits until results (or the no-results message) are shown. */
async function search(page: Page, query: string): Promise<void> {
  const box = page.locator('input[type="search"]').first();
  await box.fill(query);
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.trim(), undefined, {
    timeout: 15_000,
  });
  await page.waitForTimeout(300);
}

const server = await serveDirectory(dist, base);
const browser = await launchChromium();
await mkdir(out, { recursive: true });
try {
  for (const variant of variants) {
    const context = await browser.newContext({
      viewport: variant.viewport,
      deviceScaleFactor: 1,
      colorScheme: variant.colorScheme,
    });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(`${server.origin}${base}${shot.url}`, { waitUntil: 'load' });
      if (shot.query) await search(page, shot.query);
      // `load` waits for images to arrive, not to be decoded: a large AVIF would still be blank.
      await page.evaluate(() =>
        Promise.all(
          [...document.images]
            .filter((image) => image.complete && image.naturalWidth > 0)
            .map((image) => image.decode()),
        ),
      );
      const file = path.join(out, `${shot.name}-${variant.suffix}.png`);
      await page.screenshot({ path: file, fullPage: values['full-page'] });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
