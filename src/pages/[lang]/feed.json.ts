// The locale's JSON Feed 1.1 (`/en/feed.json`): the same items as its RSS feed.
import type { APIRoute } from 'astro';
import { localeFeedKeys } from '#data/cache-keys.ts';
import { feedPath, jsonFeed } from '#lib/feeds.ts';
import { localeCodes, type Locale } from '#site.config';
import { localeFeed } from '#data/site-feeds.ts';

export async function getStaticPaths() {
  const keys = await localeFeedKeys();
  return localeCodes.map((lang) => ({ params: { lang }, cacheKey: keys[lang] }));
}

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params['lang'] as Locale;
  const feed = await localeFeed(locale, site, feedPath(import.meta.env.BASE_URL, locale, 'json'));
  return new Response(jsonFeed(feed), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
};
