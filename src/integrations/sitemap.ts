/**
 * The sitemap: `@astrojs/sitemap` with its `i18n` option, so every page that exists in several
 * locales lists its language versions as `xhtml:link hreflang` alternates. The integration cannot
 * write `x-default` and reads the landing page as a default-locale home page, so `serialize` fixes
 * both (`withXDefault`). Redirect pages are left out by route: a small integration placed before the
 * sitemap collects the files those routes generated, and the sitemap's filter skips them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { isSitemapPage, sitemapLocales, withXDefault } from '#lib/seo.ts';

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
      serialize: (item) => (root ? withXDefault(item, root.href) : item),
    }),
  ];
}
