// A speaker's RSS feed (`/en/speakers/zhang-wei/rss.xml`), in every locale like the speaker page; a
// speaker without stories in the locale gets a valid empty feed, so a subscription never breaks.
import type { APIRoute } from 'astro';
import { feedKey } from '#data/cache-keys.ts';
import { loadSiteData } from '#data/content.ts';
import { entryFeedResponse } from '#data/site-feeds.ts';
import { localeCodes, type Locale } from '#site.config';

export async function getStaticPaths() {
  const data = await loadSiteData();
  return localeCodes.flatMap((lang) =>
    [...data.speakers.keys()].map((id) => ({
      params: { lang, id },
      cacheKey: feedKey(data, lang, data.indexes.bySpeaker.get(id) ?? []),
    })),
  );
}

export const GET: APIRoute = ({ params, site }) =>
  entryFeedResponse('speakers', params['lang'] as Locale, params['id'] ?? '', site);
