// The locale's Atom 1.0 feed (`/en/atom.xml`): the same items as its RSS feed.
import type { APIRoute } from 'astro';
import { localeFeedKeys } from '#data/cache-keys.ts';
import { atomXml, feedPath } from '#lib/feeds.ts';
import { localeCodes, type Locale } from '#site.config';
import { localeFeed } from '#data/site-feeds.ts';

export async function getStaticPaths() {
  const keys = await localeFeedKeys();
  return localeCodes.map((lang) => ({ params: { lang }, cacheKey: keys[lang] }));
}

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params['lang'] as Locale;
  const feed = await localeFeed(locale, site, feedPath(import.meta.env.BASE_URL, locale, 'atom'));
  return new Response(atomXml(feed), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
