/**
 * What every locale page starts from: its locale, dictionary, base path, the site's data, and the
 * helpers pages use on every line (localized text, the locale's listing of stories, alternates).
 * Keeps route files to their own data shaping and markup.
 */
import { localeInfo, uiStrings } from '#i18n/index.ts';
import { localize } from '#lib/format.ts';
import { localizedPath } from '#lib/paths.ts';
import { listingItems, type ListingItem } from '#lib/stories.ts';
import { defaultLocale, localeCodes, siteConfig } from '#site.config';
import { loadSiteData, type ArticleData, type PublishedStory } from './content.ts';

/** Text given per locale. */
type LocalizedText = Readonly<Record<string, string>>;

/** `getStaticPaths` of a page that exists once per locale (keyed with the site fingerprint). */
export async function everyLocale() {
  const { fingerprint } = await loadSiteData();
  return localeCodes.map((lang) => ({ params: { lang }, cacheKey: fingerprint }));
}

/** `getStaticPaths` of a page that exists once per locale and entry id. */
export function everyLocaleAndId(ids: Iterable<string>) {
  const list = [...ids];
  return localeCodes.flatMap((lang) => list.map((id) => ({ params: { lang, id } })));
}

/** The context of a page in locale `lang` whose path (after the locale) is `segments`. */
export async function localePage(lang: string | undefined, ...segments: string[]) {
  const locale = localeCodes.find((code) => code === lang) ?? defaultLocale;
  const base = import.meta.env.BASE_URL;
  function text(value: LocalizedText): string;
  function text(value: LocalizedText | undefined): string | undefined;
  function text(value: LocalizedText | undefined): string | undefined {
    return value ? localize(value, locale, defaultLocale) : undefined;
  }
  return {
    locale,
    base,
    t: uiStrings(locale),
    info: localeInfo(locale),
    data: await loadSiteData(),
    /** A per-locale text in this page's locale (default locale's text as fallback). */
    text,
    /** How this locale's listings show `stories` (own versions, or badged fallbacks per the site config). */
    listing: (stories: readonly PublishedStory[]): ListingItem<ArticleData>[] =>
      listingItems(stories, locale, localeCodes, siteConfig.untranslatedStories),
    /** The same page in every locale. */
    alternates: Object.fromEntries(localeCodes.map((code) => [code, localizedPath(base, code, ...segments)])),
  };
}
