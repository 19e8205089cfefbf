#!/usr/bin/env node
// Checks the links of a built site: every internal URL of every page must lead to a file of dist/
// (and to an element, for #fragments) under the base path. Exit 1 on broken links, 2 on usage errors.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkSiteLinks, formatLinkProblem } from '#pipeline/links.ts';
import { buildSettings } from '#lib/environment.ts';

const HELP = `Usage: node tools/bin/check-links.ts [<dist-folder>] [--base <path>] [--site <url>] [--json]

Reads every .html page of the built site (default: dist/) and checks every URL a browser would
follow or fetch: links, images and srcset candidates, stylesheets, scripts, media, iframes,
meta refresh and form actions. Internal URLs (relative, root-relative, or absolute on the site's
origin) must lead to a file under the base path, and #fragments to an element id of their page.
External links are not fetched. Prints one line per problem:  page: url → kind (detail)
Exits 1 if there is any broken link, 2 on a usage error.

  --base <path>  base path the site was built for (default: $BASE_PATH, else /)
  --site <url>   absolute site URL (default: $SITE_URL, else https://news.example.org)
  --json         print the result as JSON instead
  --help         show this help`;

/** Prints a usage error and exits 2, so scripts can tell it from broken links (1). */
function usageError(message: string): never {
  console.error(`check-links: ${message}`);
  console.error('Run node tools/bin/check-links.ts --help for usage.');
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      site: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  usageError(error instanceof Error ? error.message : String(error));
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (positionals.length > 1) usageError(`expected one dist folder, got ${positionals.length}: ${positionals.join(' ')}`);

// The same defaults as astro.config.mjs, so a plain run checks what a plain build produced (an
// empty variable, as CI templates often leave, counts as unset).
const base = values.base ?? buildSettings(process.env).basePath;
const siteUrl = values.site ?? buildSettings(process.env).siteUrl;
if (!base.startsWith('/')) usageError(`the base path must start with "/", e.g. /previews/pr-42/ (got "${base}")`);
if (!/^https?:\/\//i.test(siteUrl) || !URL.canParse(siteUrl)) {
  usageError(`the site URL must be a full http(s) address such as https://news.example.org (got "${siteUrl}")`);
}

const distDir = path.resolve(positionals[0] ?? 'dist');
const info = await stat(distDir).catch(() => undefined);
if (!info?.isDirectory()) usageError(`no built site at ${distDir}: run npm run build first`);

const started = performance.now();
const result = await checkSiteLinks({ distDir, base, siteUrl });
const seconds = ((performance.now() - started) / 1000).toFixed(2);
if (result.pages === 0) usageError(`no .html pages in ${distDir}: run npm run build first`);

const count = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const checked = `${count(result.links, 'link')} on ${count(result.pages, 'page')}`;
if (values.json) {
  console.log(JSON.stringify({ distDir, base, siteUrl, ...result }, null, 2));
} else {
  for (const p of result.problems) console.log(formatLinkProblem(p));
  if (result.problems.length === 0) {
    console.log(`✔ ${checked}: no broken links, ${seconds} s`);
  } else {
    const broken = new Set(result.problems.map((p) => p.page)).size;
    console.log(
      `✖ ${count(result.problems.length, 'broken link')} on ${count(broken, 'page')} (${checked} checked), ${seconds} s`,
    );
  }
}
process.exitCode = result.problems.length > 0 ? 1 : 0;
