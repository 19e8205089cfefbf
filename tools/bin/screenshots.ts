/**
 * Screenshots of every page type of a built site, desktop and 375 px mobile, in every locale, for
 * reviewers and the README. Usage: node tools/bin/screenshots.ts [dist] [--out docs/screenshots]
 * [--only article-en,speakers-zh] [--full-page]
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '#tools/lib/chromium.ts';
import { serveDirectory } from '#tools/lib/static-server.ts';
import { buildSettings } from '#lib/environment.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'screenshots' },
    only: { type: 'string' },
    'full-page': { type: 'boolean', default: false },
    base: { type: 'string', default: buildSettings(process.env).basePath },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'Usage: node tools/bin/screenshots.ts [dist] [--out dir] [--only name,name] [--full-page] [--base /path/]',
  );
  process.exit(0);
}

const dist = positionals[0] ?? 'dist';
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;
/**
 * The first page of a kind in the built site: the sorted sub-folders of `folder` that hold a page,
 * last first when `newest` (years and months), so any archive, not only the sample, is shown.
 */
function firstPage(folder: string, newest = false): string {
  const names = readdirSync(path.join(dist, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dist, folder, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
  const name = newest ? names.at(-1) : names[0];
  return name === undefined ? folder : `${folder}${name}/`;
}

/** The newest story of a locale: the last year folder, then its first story. */
function newestStory(locale: string): string {
  const years = readdirSync(path.join(dist, locale))
    .filter((name) => /^\d{4}$/.test(name))
    .sort();
  const year = years.at(-1);
  return year === undefined ? `${locale}/` : firstPage(`${locale}/${year}/`);
}

/** One page per page type, per locale, found in the built site. */
const pages = (locale: string): [string, string][] => [
  [`home-${locale}`, `${locale}/`],
  [`article-${locale}`, newestStory(locale)],
  [`speakers-${locale}`, `${locale}/speakers/`],
  [`speaker-${locale}`, firstPage(`${locale}/speakers/`)],
  [`organisations-${locale}`, `${locale}/organisations/`],
  [`organisation-${locale}`, firstPage(`${locale}/organisations/`)],
  [`events-${locale}`, `${locale}/events/`],
  [`event-${locale}`, firstPage(`${locale}/events/`)],
  [`tags-${locale}`, `${locale}/tags/`],
  [`tag-${locale}`, firstPage(`${locale}/tags/`)],
  [`archive-${locale}`, `${locale}/archive/`],
  [`month-${locale}`, firstPage(firstPage(`${locale}/archive/`, true), true)],
];
const wanted = values.only?.split(',');
const targets = [
  ['landing', ''] as [string, string],
  ['404', 'no-such-page/'] as [string, string],
  ...pages('en'),
  ...pages('zh'),
].filter(([name]) => !wanted || wanted.includes(name));

const server = await serveDirectory(dist, base);
const browser = await launchChromium();
await mkdir(values.out, { recursive: true });
try {
  for (const [viewport, size] of [
    ['desktop', { width: 1280, height: 900 }],
    ['mobile', { width: 375, height: 812 }],
  ] as const) {
    const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [name, url] of targets) {
      await page.goto(`${server.origin}${base}${url}`, { waitUntil: 'load' });
      const file = path.join(values.out, `${name}-${viewport}.png`);
      await page.screenshot({ path: file, fullPage: values['full-page'] });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
