// The locale's RSS 2.0 feed (`/en/rss.xml`): its own stories, newest first.
import type { APIRoute } from 'astro';
import { localeFeedKeys } from '#data/cache-keys.ts';
import { feedPath, rssXml } from '#lib/feeds.ts';
import { localeCodes, type Locale } from '#site.config';
import { localeFeed } from '#data/site-feeds.ts';

export async function getStaticPaths() {
  const keys = await localeFeedKeys();
  return localeCodes.map((lang) => ({ params: { lang }, cacheKey: keys[lang] }));
}

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params['lang'] as Locale;
  const feed = await localeFeed(locale, site, feedPath(import.meta.env.BASE_URL, locale, 'rss'));
  return new Response(await rssXml(feed), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
