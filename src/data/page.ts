/**
 * What every route under `[lang]/` starts from. Its `getStaticPaths` entries come from
 * `localePaths` (the locale as a `lang` param typed `Locale`, so no route casts it), and its page
 * from `localePage`: locale, dictionary, base path, the site's data, and the helpers pages use on
 * every line (localized text, links to entries, the locale's listing of stories, alternates).
 * Keeps route files to their own data shaping and markup.
 */
import type { APIRoute, InferGetStaticParamsType, InferGetStaticPropsType } from 'astro';
import { localeInfo, uiStrings } from '#i18n/index.ts';
import { localize } from '#lib/format.ts';
import { pageParam, paginateLocales } from '#lib/pagination.ts';
import { localizedPath } from '#lib/paths.ts';
import { listingItems, type ListingItem } from '#lib/stories.ts';
import { defaultLocale, localeCodes, siteConfig, type Locale } from '#site.config';
import { loadSiteData, type ArticleData, type PublishedStory } from './content.ts';

/** Text given per locale. */
type LocalizedText = Readonly<Record<string, string>>;

/** A route's own part of a `getStaticPaths` entry: its params besides `lang`, and its props. */
interface RouteEntry {
  /** Route params besides `lang`. */
  readonly params: Readonly<Record<string, string | undefined>>;
  /** What the page receives as `Astro.props`. */
  readonly props?: object;
}

/** A link as link lists show it (src/components/LinkSection.astro). */
export interface PageLink {
  /** Where it points. */
  readonly href: string;
  /** The link text. */
  readonly label: string;
  /** A link to another site (`rel="noopener noreferrer"`, marked ↗). */
  readonly external?: boolean;
}

/** The `GET` of an endpoint whose `getStaticPaths` is `G`: params and props typed from its entries. */
export type StaticEndpoint<G> = APIRoute<InferGetStaticPropsType<G>, InferGetStaticParamsType<G>>;

/** Whether `code` is a configured locale code. */
export function isLocale(code: string): code is Locale {
  return localeCodes.some((locale) => locale === code);
}

/**
 * The `getStaticPaths` entries of a route under `[lang]/`: `entries(locale)` in every locale, each
 * with its locale as the `lang` param. Astro types `Astro.params` (and `StaticEndpoint` an endpoint's
 * params) from these entries, so `lang` reaches the page as a `Locale`.
 */
export function localePaths<E extends RouteEntry>(entries: (locale: Locale) => readonly E[]) {
  return localeCodes.flatMap((lang) => entries(lang).map((entry) => ({ ...entry, params: { ...entry.params, lang } })));
}

/** The `getStaticPaths` entries of a page that exists once per locale. */
export function everyLocale() {
  return localePaths(() => [{ params: {} }]);
}

/** The `getStaticPaths` entries of a page that exists once per locale and entry id. */
export function everyLocaleAndId(ids: Iterable<string>) {
  const list = [...ids];
  return localePaths(() => list.map((id) => ({ params: { id } })));
}

/** How the listings of `locale` show `stories` (own versions, or badged fallbacks per the site config). */
function localeListing(stories: readonly PublishedStory[], locale: Locale): ListingItem<ArticleData>[] {
  return listingItems(stories, locale, localeCodes, siteConfig.untranslatedStories);
}

/**
 * The `getStaticPaths` entries of a listing of `stories` paginated in every locale, at `segments`
 * (after the locale), with the route's other `params`. Each page gets its items and, as alternates,
 * the same page number in the locales that have it.
 */
export function listingPages<P extends Readonly<Record<string, string>>>(
  stories: readonly PublishedStory[],
  params: P,
  ...segments: string[]
) {
  const base = import.meta.env.BASE_URL;
  return paginateLocales(
    localeCodes,
    (locale) => localeListing(stories, locale),
    siteConfig.pageSize,
    (locale) => localizedPath(base, locale, ...segments),
  ).map(({ locale, page, alternates }) => ({
    params: { ...params, lang: locale, page: pageParam(page.number) },
    props: { page, alternates },
  }));
}

/** The context of a page in `locale` whose path (after the locale) is `segments`. */
export async function localePage(locale: Locale, ...segments: string[]) {
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
    /** The link to entry `id` of `collection` (`speakers`, `events`…) in this locale, named `name`. */
    link: (collection: string, id: string, name: LocalizedText): PageLink => ({
      href: localizedPath(base, locale, collection, id),
      label: text(name),
    }),
    /** How this locale's listings show `stories` (own versions, or badged fallbacks per the site config). */
    listing: (stories: readonly PublishedStory[]): ListingItem<ArticleData>[] => localeListing(stories, locale),
    /** The same page in every locale. */
    alternates: Object.fromEntries(localeCodes.map((code) => [code, localizedPath(base, code, ...segments)])),
  };
}

/** A link to another site, shown by its host unless `label` is given (none without a `url`). */
export function externalLink(url: string | undefined, label?: string): PageLink | undefined {
  return url === undefined ? undefined : { href: url, label: label ?? new URL(url).host, external: true };
}

/**
 * The bilingual landing page: the site's name and description in every language, the same home in
 * every locale, and each locale's latest stories.
 */
export async function landingPage() {
  const base = import.meta.env.BASE_URL;
  const { stories } = await loadSiteData();
  const sections = siteConfig.locales.map((locale) => ({
    locale,
    t: uiStrings(locale.code),
    latest: stories.filter((story) => story.versions.has(locale.code)).slice(0, 3),
  }));
  return {
    base,
    title: sections.map(({ t }) => t.siteName).join(' · '),
    description: sections.map(({ t }) => t.siteDescription).join(' '),
    alternates: Object.fromEntries(localeCodes.map((code) => [code, localizedPath(base, code)])),
    sections,
  };
}
