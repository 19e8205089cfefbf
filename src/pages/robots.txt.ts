// robots.txt: production builds allow crawling and name the sitemap index; preview builds (a
// SITE_URL other than the production URL) disallow everything. Crawlers read it only at the host's
// root, so a build under a base path serves it where the host's own robots.txt must take it over.
import type { APIRoute } from 'astro';
import { isPreviewBuild, robotsTxt } from '#lib/seo.ts';
import { siteConfig } from '#site.config';

export const GET: APIRoute = ({ site }) => {
  const root = new URL(import.meta.env.BASE_URL, site ?? siteConfig.productionUrl);
  const text = robotsTxt({
    preview: isPreviewBuild(import.meta.env.SITE, siteConfig.productionUrl),
    sitemapUrl: new URL('sitemap-index.xml', root).href,
  });
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
