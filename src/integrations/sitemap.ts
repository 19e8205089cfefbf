/**
 * The sitemap: `@astrojs/sitemap` with its `i18n` option, so every page that exists in several
 * locales lists its language versions as `xhtml:link hreflang` alternates. The integration cannot
 * write `x-default` and reads the landing page as a default-locale home page, so `serialize` fixes
 * both (`withXDefault`), taking each page's `x-default` and dates (`lastmod`) from the page's own
 * built `<head>`, so the sitemap and the pages cannot disagree. Redirect pages are left out by route: a small integration placed before the
 * sitemap collects the files those routes generated, and the sitemap's filter skips them.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { isSitemapPage, pageHeadFacts, sitemapLocales, withXDefault, type PageHeadFacts } from '#lib/seo.ts';

/** Bytes read at a time from a built page while looking for the end of its `<head>`. */
const HEAD_CHUNK = 8_192;

/**
 * The head of a built page (the file's text up to `</head>`), read in chunks so a long article is
 * not read whole; `''` when the page has no file (a route the sitemap lists that wrote none).
 */
function readHead(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const chunk = Buffer.allocUnsafe(HEAD_CHUNK);
      const read = readSync(fd, chunk, 0, HEAD_CHUNK, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('</head>');
      if (end >= 0) return text.slice(0, end);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Options of the site's sitemap. */
export interface SiteSitemapOptions {
  /** Every locale, default first: URL segment and hreflang tag. */
  readonly locales: readonly [
    { readonly code: string; readonly htmlLang: string },
    ...{ readonly code: string; readonly htmlLang: string }[],
  ];
  /** Routes (as Astro names them, e.g. `/[...alias]`) whose pages stay out of the sitemap. */
  readonly routesLeftOut: readonly string[];
}

/** The sitemap integrations: the collector of left-out pages, then `@astrojs/sitemap` itself. */
export function siteSitemap(options: SiteSitemapOptions): AstroIntegration[] {
  const excluded = new Set<string>();
  let root: URL | undefined;
  let outDir: string | undefined;
  // The sitemap says what each page's own head says (x-default, dates): read from the built page.
  const factsOf = (url: string): PageHeadFacts => {
    if (!root || !outDir || !url.startsWith(root.href)) return {};
    const relative = decodeURI(url.slice(root.href.length));
    return pageHeadFacts(readHead(path.join(outDir, relative, 'index.html')));
  };
  const collector: AstroIntegration = {
    name: 'news-archive:sitemap-exclusions',
    hooks: {
      'astro:config:done': ({ config }) => {
        if (config.site) root = new URL(config.base, config.site);
      },
      // Runs before the sitemap's own `astro:build:done` (integrations run in order).
      'astro:build:done': ({ dir, assets }) => {
        if (!root) return;
        const out = fileURLToPath(dir);
        outDir = out;
        for (const route of options.routesLeftOut) {
          for (const file of assets.get(route) ?? []) {
            const relative = path.relative(out, fileURLToPath(file)).split(path.sep).join('/');
            excluded.add(new URL(relative.replace(/(^|\/)index\.html$/, '$1'), root).href);
          }
        }
      },
    },
  };
  return [
    collector,
    sitemap({
      i18n: { defaultLocale: options.locales[0].code, locales: sitemapLocales(options.locales) },
      filter: (url) => isSitemapPage(url, excluded),
      serialize: (item) => (root ? withXDefault(item, root.href, factsOf(item.url)) : item),
    }),
  ];
}
