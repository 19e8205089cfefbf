/**
 * Screenshots of every page type of a built site, desktop and 375 px mobile, in every locale, for
 * reviewers and the README. Usage: node tools/bin/screenshots.ts [dist] [--out docs/screenshots]
 * [--only article-en,speakers-zh] [--full-page]
 */
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
/** One page per page type of the sample archive, per locale. */
const pages = (locale: string): [string, string][] => [
  [`home-${locale}`, `${locale}/`],
  [`article-${locale}`, `${locale}/2024/zgc-forum-technology-clusters/`],
  [`speakers-${locale}`, `${locale}/speakers/`],
  [`speaker-${locale}`, `${locale}/speakers/carsten-fink/`],
  [`organisations-${locale}`, `${locale}/organisations/`],
  [`organisation-${locale}`, `${locale}/organisations/wipo/`],
  [`events-${locale}`, `${locale}/events/`],
  [`event-${locale}`, `${locale}/events/zgc-forum-2024-clusters/`],
  [`tags-${locale}`, `${locale}/tags/`],
  [`tag-${locale}`, `${locale}/tags/innovation/`],
  [`archive-${locale}`, `${locale}/archive/`],
  [`month-${locale}`, `${locale}/archive/2024/04/`],
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
