/**
 * What each page type says to search engines and social networks: share images (optimised with
 * Astro's `getImage`) and JSON-LD documents. This module turns the site's entries into the plain,
 * localised inputs of the pure builders in `src/lib/structured-data.ts`, so each page needs one call.
 */
import type { ImageMetadata } from 'astro';
import type { Graph, Thing } from 'schema-dts';
import { coverFallback } from './cover-pictures.ts';
import { localeInfo, uiStrings } from '#i18n/index.ts';
import { correctionsNewestFirst } from '#lib/corrections.ts';
import { formatMonth, localize } from '#lib/format.ts';
import { pagePath } from '#lib/pagination.ts';
import { localizedPath, storyPath } from '#lib/paths.ts';
import { absoluteUrl, isoDate, newestDate, revisionDates, type ArticleMeta, type ShareImage } from '#lib/seo.ts';
import { shareImagePath } from '#lib/share-card-stories.ts';
import { SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH } from '#lib/share-image.ts';
import {
  breadcrumbLd,
  eventLd,
  jsonLdGraph,
  newsArticleLd,
  organizationLd,
  personLd,
  webSiteLd,
  type PageRef,
  type PublisherInput,
  type StoryVersionRef,
} from '#lib/structured-data.ts';
import { defaultLocale, siteConfig, type Locale } from '#site.config';
import type { SiteData, SiteStoryView } from './content.ts';

/** Where a page is: its locale, the base path and the site's address (`Astro.site`). */
export interface SeoContext {
  /** Locale of the page. */
  readonly locale: Locale;
  /** Base path (`import.meta.env.BASE_URL`). */
  readonly base: string;
  /** The site's absolute URL (`Astro.site`). */
  readonly site: URL | undefined;
}

/** Helpers bound to one page's context. */
function helpers(ctx: SeoContext) {
  const site = ctx.site ?? siteConfig.productionUrl;
  const t = uiStrings(ctx.locale);
  const url = (...segments: string[]) => absoluteUrl(localizedPath(ctx.base, ctx.locale, ...segments), site);
  const text = (value: Readonly<Record<string, string>>) => localize(value, ctx.locale, defaultLocale);
  const page = (collection: string, id: string, name: Readonly<Record<string, string>>): PageRef => ({
    name: text(name),
    url: url(collection, id),
  });
  // Every breadcrumb trail starts at the locale's home page.
  const crumbs = (...trail: PageRef[]) => breadcrumbLd([{ name: t.home, url: url() }, ...trail]);
  return { site, t, url, text, page, crumbs };
}

/** The publisher, named in the page's language. */
function publisher(locale: Locale): PublisherInput {
  const names: Readonly<Record<string, string>> = siteConfig.publisher.name;
  return { name: localize(names, locale, defaultLocale), url: siteConfig.publisher.url };
}

/** An image as it is shared: its cover fallback file (src/data/cover-pictures.ts), by absolute URL. */
async function shareImage(src: ImageMetadata, alt: string, site: string | URL): Promise<ShareImage> {
  const file = await coverFallback(src);
  return { url: absoluteUrl(file.src, site), alt, width: file.width, height: file.height };
}

/**
 * A story version's cover as it is shared: the optimised file of `og:image`, which feeds carry too
 * (the same `getImage` options give the same published file), or `undefined` without a cover.
 */
export async function coverShareImage(view: SiteStoryView, site: string | URL): Promise<ShareImage | undefined> {
  return view.cover && shareImage(view.cover.image.src, view.cover.image.alt, site);
}

/** What a story page says: its share image, `article:*` facts and JSON-LD. */
export interface StorySeo {
  /** Cover (optimised) or generated card; none when neither exists. */
  readonly image: ShareImage | undefined;
  /** Open Graph article facts. */
  readonly article: ArticleMeta;
  /** `NewsArticle` and `BreadcrumbList`. */
  readonly jsonLd: Graph;
}

/** The SEO of one language version of a story, from its view (resolved once in src/data/content.ts). */
export async function storySeo(view: SiteStoryView, ctx: SeoContext): Promise<StorySeo> {
  const { site, t, url, text, crumbs } = helpers(ctx);
  const { story, version } = view;
  const own = version.data;
  const versionUrl = (code: string) => absoluteUrl(storyPath(ctx.base, code, story), site);
  let image: ShareImage | undefined = await coverShareImage(view, site);
  if (!image && view.shareCard) {
    // The card the `og.png` route draws beside the story page, by the same rule.
    image = {
      url: absoluteUrl(shareImagePath(ctx.base, ctx.locale, story), site),
      alt: own.title,
      width: SHARE_IMAGE_WIDTH,
      height: SHARE_IMAGE_HEIGHT,
    };
  }
  const tags = view.tags.map((tag) => tag.label);
  const publishedTime = isoDate(story.date);
  const revised = newestDate(revisionDates(own));
  const modifiedTime = revised && isoDate(revised);
  const { event } = view;
  const ref = (code: string): StoryVersionRef[] => {
    const other = story.versions.get(code);
    return other ? [{ headline: other.data.title, url: versionUrl(code), inLanguage: localeInfo(code).htmlLang }] : [];
  };
  const article = newsArticleLd({
    headline: own.title,
    description: own.summary,
    url: versionUrl(ctx.locale),
    inLanguage: localeInfo(ctx.locale).htmlLang,
    datePublished: publishedTime,
    dateModified: modifiedTime,
    image: image && { url: image.url, width: image.width, height: image.height, caption: image.alt },
    publisher: publisher(ctx.locale),
    speakers: view.speakers.map((s) => ({ name: s.name, url: url('speakers', s.id), jobTitle: s.role })),
    organisations: view.organisations.map((o) => ({ name: o.name, url: url('organisations', o.id) })),
    event: event && {
      name: text(event.data.name),
      url: url('events', event.id),
      startDate: event.data.start,
      endDate: event.data.end,
    },
    keywords: tags,
    // The primary version is the original; the others are its translations.
    translationOf: view.isPrimary ? undefined : ref(story.primaryLanguage)[0],
    translations: view.isPrimary ? [...story.versions.keys()].filter((code) => code !== ctx.locale).flatMap(ref) : [],
    corrections: correctionsNewestFirst(own.corrections).map((c) => ({ text: c.text, datePublished: isoDate(c.date) })),
  });
  const breadcrumbs = crumbs(
    { name: t.archive, url: url('archive') },
    { name: story.year, url: url('archive', story.year) },
    { name: own.title, url: versionUrl(ctx.locale) },
  );
  return {
    image,
    article: { publishedTime, modifiedTime, tags },
    jsonLd: jsonLdGraph([article, breadcrumbs]),
  };
}

/** What a speaker page says: the portrait as share image, and JSON-LD. */
export interface ProfileSeo {
  /** The portrait, optimised, when there is one. */
  readonly image: ShareImage | undefined;
  /** `Person` and `BreadcrumbList`. */
  readonly jsonLd: Graph;
}

/** The SEO of a speaker page. */
export async function speakerSeo(data: SiteData, id: string, ctx: SeoContext): Promise<ProfileSeo> {
  const { site, t, url, text, page, crumbs } = helpers(ctx);
  const speaker = data.speakers.get(id);
  if (!speaker) throw new Error(`speakerSeo: unknown speaker ${id}`);
  const self = page('speakers', id, speaker.data.name);
  const org = speaker.data.organisation && data.organisations.get(speaker.data.organisation.id);
  const image = speaker.data.photo && (await shareImage(speaker.data.photo, self.name, site));
  const person = personLd({
    ...self,
    alternateNames: otherTexts(speaker.data.name, self.name),
    jobTitle: speaker.data.role && text(speaker.data.role),
    worksFor: org && page('organisations', org.id, org.data.name),
    image: image?.url,
    sameAs: (speaker.data.links ?? []).map((link) => link.url),
    description: speaker.data.bio && text(speaker.data.bio),
  });
  return { image, jsonLd: jsonLdGraph([person, crumbs({ name: t.speakers, url: url('speakers') }, self)]) };
}

/** The other distinct texts of a per-language value (names in other languages). */
function otherTexts(values: Readonly<Record<string, string>>, shown: string): string[] {
  return [...new Set(siteConfig.locales.flatMap((l) => values[l.code] ?? []))].filter((v) => v !== shown);
}

/** The chain of larger bodies (or events) above an entry, outermost first; stops at a cycle. */
function ancestors<T extends { readonly id: string }>(start: T, parentOf: (item: T) => T | undefined): T[] {
  const chain: T[] = [];
  const seen = new Set([start.id]);
  for (let p = parentOf(start); p && !seen.has(p.id); p = parentOf(p)) {
    seen.add(p.id);
    chain.unshift(p);
  }
  return chain;
}

/** The JSON-LD of an organisation page: `Organization` and `BreadcrumbList`. */
export function organisationJsonLd(data: SiteData, id: string, ctx: SeoContext): Graph {
  const { t, url, text, page, crumbs } = helpers(ctx);
  const org = data.organisations.get(id);
  if (!org) throw new Error(`organisationJsonLd: unknown organisation ${id}`);
  const self = page('organisations', id, org.data.name);
  const parentOf = (o: typeof org) => (o.data.parent ? data.organisations.get(o.data.parent.id) : undefined);
  const parent = parentOf(org);
  const node = organizationLd({
    ...self,
    alternateNames: [...otherTexts(org.data.name, self.name), ...(org.data.short ? [text(org.data.short)] : [])].filter(
      (name, i, all) => name !== self.name && all.indexOf(name) === i,
    ),
    website: org.data.url,
    parent: parent && page('organisations', parent.id, parent.data.name),
    members: (data.organisationsByParent.get(id) ?? []).map((o) => page('organisations', o.id, o.data.name)),
  });
  const trail = ancestors(org, parentOf).map((o) => page('organisations', o.id, o.data.name));
  return jsonLdGraph([node, crumbs({ name: t.organisations, url: url('organisations') }, ...trail, self)]);
}

/** The JSON-LD of an event page: `Event` and `BreadcrumbList`. */
export function eventJsonLd(data: SiteData, id: string, ctx: SeoContext): Graph {
  const { t, url, text, page, crumbs } = helpers(ctx);
  const event = data.events.get(id);
  if (!event) throw new Error(`eventJsonLd: unknown event ${id}`);
  const self = page('events', id, event.data.name);
  const parentOf = (e: typeof event) => (e.data.partOf ? data.events.get(e.data.partOf.id) : undefined);
  const parent = parentOf(event);
  const node = eventLd({
    ...self,
    startDate: event.data.start,
    endDate: event.data.end,
    description: event.data.theme && text(event.data.theme),
    venue: event.data.venue && text(event.data.venue),
    city: event.data.city && text(event.data.city),
    organisers: (event.data.organisers ?? []).flatMap((ref) => {
      const org = data.organisations.get(ref.id);
      return org ? [page('organisations', org.id, org.data.name)] : [];
    }),
    superEvent: parent && page('events', parent.id, parent.data.name),
    subEvents: (data.eventsByParent.get(id) ?? []).map((e) => page('events', e.id, e.data.name)),
    sameAs: event.data.url,
  });
  const trail = ancestors(event, parentOf).map((e) => page('events', e.id, e.data.name));
  return jsonLdGraph([node, crumbs({ name: t.events, url: url('events') }, ...trail, self)]);
}

/** The JSON-LD of a tag listing page (page `pageNumber` of `pageCount`): its `BreadcrumbList`. */
export function tagJsonLd(data: SiteData, id: string, pageNumber: number, pageCount: number, ctx: SeoContext): Graph {
  const { site, t, url, page, crumbs } = helpers(ctx);
  const tag = data.tags.get(id);
  if (!tag) throw new Error(`tagJsonLd: unknown tag ${id}`);
  const self = page('tags', id, tag.data.label);
  const later =
    pageNumber > 1
      ? [
          {
            name: t.pageOf(pageNumber, pageCount),
            url: absoluteUrl(pagePath(localizedPath(ctx.base, ctx.locale, 'tags', id), pageNumber), site),
          },
        ]
      : [];
  return jsonLdGraph([crumbs({ name: t.tags, url: url('tags') }, self, ...later)]);
}

/** The JSON-LD of an archive page (the archive, a year, or a month `MM` of a year): its `BreadcrumbList`. */
export function archiveJsonLd(ctx: SeoContext, year?: string, month?: string): Graph {
  const { t, url, crumbs } = helpers(ctx);
  const trail: PageRef[] = [{ name: t.archive, url: url('archive') }];
  if (year !== undefined) trail.push({ name: year, url: url('archive', year) });
  if (year !== undefined && month !== undefined) {
    trail.push({
      name: formatMonth(`${year}-${month}`, localeInfo(ctx.locale).dateLocale),
      url: url('archive', year, month),
    });
  }
  return jsonLdGraph([crumbs(...trail)]);
}

/** The JSON-LD of a locale's home page: its `WebSite`. */
export function homeJsonLd(ctx: SeoContext): Graph {
  const { t, url } = helpers(ctx);
  return jsonLdGraph([
    webSiteLd({
      name: t.siteName,
      url: url(),
      alternateNames: siteConfig.locales.map((l) => uiStrings(l.code).siteName).filter((n) => n !== t.siteName),
      description: t.siteDescription,
      inLanguage: localeInfo(ctx.locale).htmlLang,
      publisher: publisher(ctx.locale),
    }),
  ]);
}

/** The JSON-LD of the bilingual landing page: the `WebSite` in every language. */
export function landingJsonLd(base: string, site: URL | undefined): Graph {
  const names = siteConfig.locales.map((l) => uiStrings(l.code).siteName);
  const [name = '', ...others] = names;
  const node: Thing = webSiteLd({
    name,
    url: absoluteUrl(base, site ?? siteConfig.productionUrl),
    alternateNames: [...new Set(others)].filter((n) => n !== name),
    description: siteConfig.locales.map((l) => uiStrings(l.code).siteDescription).join(' '),
    inLanguage: siteConfig.locales.map((l) => l.htmlLang),
    publisher: publisher(defaultLocale),
  });
  return jsonLdGraph([node]);
}
