/**
 * The related stories of a story page as listing items (src/lib/related.ts chooses them once per
 * build, in src/data/content.ts): each one in the page's locale, or, when it has no version there,
 * in another language with a badge, by the listings' own rule (`listingItems`).
 */
import { listingItems, type ListingItem } from '#lib/stories.ts';
import { localeCodes, siteConfig, type Locale } from '#site.config';
import type { ArticleData, PublishedStory, SiteData } from './content.ts';

const storiesByKey = new WeakMap<SiteData, ReadonlyMap<string, PublishedStory>>();

/** The stories of the site by key, made once per build. */
function byKey(data: SiteData): ReadonlyMap<string, PublishedStory> {
  let map = storiesByKey.get(data);
  if (!map) {
    map = new Map(data.stories.map((story) => [story.key, story]));
    storiesByKey.set(data, map);
  }
  return map;
}

/** The related stories of `story` on its page in `locale`, best first (none when it has none). */
export function relatedItems(
  data: SiteData,
  story: { readonly key: string },
  locale: Locale,
): ListingItem<ArticleData>[] {
  const stories = byKey(data);
  const keys = data.related.get(locale)?.get(story.key) ?? [];
  const related = keys.flatMap((key) => stories.get(key) ?? []);
  // The listings' rule picks each one's version; it keeps the given order.
  return listingItems(related, locale, localeCodes, siteConfig.untranslatedStories);
}
