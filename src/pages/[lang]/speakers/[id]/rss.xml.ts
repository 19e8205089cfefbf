// A speaker's RSS feed (`/en/speakers/zhang-wei/rss.xml`), in every locale like the speaker page; a
// speaker without stories in the locale gets a valid empty feed, so a subscription never breaks.
import type { APIRoute } from 'astro';
import { loadSiteData } from '../../../../data/content.ts';
import { uiStrings } from '../../../../i18n/index.ts';
import { rssXml, speakerFeedPath } from '../../../../lib/feeds.ts';
import { localize } from '../../../../lib/format.ts';
import { localizedPath } from '../../../../lib/paths.ts';
import { defaultLocale, localeCodes, type Locale } from '../../../../site.config.ts';
import { buildFeed } from '../../../_feeds.ts';

export async function getStaticPaths() {
  const { speakers } = await loadSiteData();
  return localeCodes.flatMap((lang) => [...speakers.keys()].map((id) => ({ params: { lang, id } })));
}

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params['lang'] as Locale;
  const id = params['id'] ?? '';
  const t = uiStrings(locale);
  const base = import.meta.env.BASE_URL;
  const data = await loadSiteData();
  const name = localize(data.speakers.get(id)?.data.name ?? {}, locale, defaultLocale) || id;
  const feed = await buildFeed({
    locale,
    site,
    stories: data.indexes.bySpeaker.get(id) ?? [],
    title: t.speakerFeedTitle(name),
    description: t.speakerFeedDescription(name),
    home: localizedPath(base, locale, 'speakers', id),
    self: speakerFeedPath(base, locale, id),
  });
  return new Response(await rssXml(feed), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
