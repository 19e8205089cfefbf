// A tag's RSS feed (`/en/tags/innovation/rss.xml`), in every locale like the tag page itself; a tag
// without stories in the locale gets a valid empty feed, so a subscription never breaks.
import type { APIRoute } from 'astro';
import { feedKey } from '#data/cache-keys.ts';
import { loadSiteData } from '#data/content.ts';
import { entryFeedResponse } from '#data/site-feeds.ts';
import { localeCodes, type Locale } from '#site.config';

export async function getStaticPaths() {
  const data = await loadSiteData();
  return localeCodes.flatMap((lang) =>
    [...data.tags.keys()].map((id) => ({
      params: { lang, id },
      cacheKey: feedKey(data, lang, data.indexes.byTag.get(id) ?? []),
    })),
  );
}

export const GET: APIRoute = ({ params, site }) =>
  entryFeedResponse('tags', params['lang'] as Locale, params['id'] ?? '', site);
