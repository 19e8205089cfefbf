// A tag's RSS feed (`/en/tags/innovation/rss.xml`), in every locale like the tag page itself; a tag
// without stories in the locale gets a valid empty feed, so a subscription never breaks.
import type { APIRoute } from 'astro';
import { loadSiteData } from '../../../../data/content.ts';
import { uiStrings } from '../../../../i18n/index.ts';
import { rssXml, tagFeedPath } from '../../../../lib/feeds.ts';
import { localize } from '../../../../lib/format.ts';
import { localizedPath } from '../../../../lib/paths.ts';
import { defaultLocale, localeCodes, type Locale } from '../../../../site.config.ts';
import { buildFeed } from '../../../_feeds.ts';

export async function getStaticPaths() {
  const { tags } = await loadSiteData();
  return localeCodes.flatMap((lang) => [...tags.keys()].map((id) => ({ params: { lang, id } })));
}

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params['lang'] as Locale;
  const id = params['id'] ?? '';
  const t = uiStrings(locale);
  const base = import.meta.env.BASE_URL;
  const data = await loadSiteData();
  const label = localize(data.tags.get(id)?.data.label ?? {}, locale, defaultLocale) || id;
  const feed = await buildFeed({
    locale,
    site,
    stories: data.indexes.byTag.get(id) ?? [],
    title: t.topicFeedTitle(label),
    description: t.topicFeedDescription(label),
    home: localizedPath(base, locale, 'tags', id),
    self: tagFeedPath(base, locale, id),
  });
  return new Response(await rssXml(feed), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
