// Glue shared by the feed and calendar routes: gathers plain data from the site data (each story
// version's view) and the dictionaries for the pure builders in src/lib/feeds.ts and
// src/lib/icalendar.ts, and builds the feed routes themselves: every feed route file is one line
// over `localeFeedRoute` or `entryFeedRoute`.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { render } from 'astro:content';
import { feedBodies, withCacheKeys } from './cache-keys.ts';
import { loadSiteData, storyView, type EventEntry, type PublishedStory, type SiteData } from './content.ts';
import { coverShareImage } from './page-meta.ts';
import { localeInfo, uiStrings } from '#i18n/index.ts';
import { atomXml, jsonFeed, rssXml } from '#lib/feed-formats.ts';
import {
  FEED_FORMATS,
  feedItems,
  feedPath,
  speakerFeedPath,
  tagFeedPath,
  type Feed,
  type FeedFormat,
  type FeedImage,
} from '#lib/feeds.ts';
import { formatPublished, localize } from '#lib/format.ts';
import { eventStamp, eventUid, type Calendar, type CalendarEvent } from '#lib/icalendar.ts';
import { localizedPath } from '#lib/paths.ts';
import { shareImageMediaType } from '#lib/seo.ts';
import { localePaths, type StaticEndpoint } from './page.ts';
import { defaultLocale, localeCodes, siteConfig, type Locale } from '#site.config';

let container: Promise<AstroContainer> | undefined;
const bodies = new Map<string, Promise<string | undefined>>();

/**
 * An article's body as its page shows it, made once per build however many feeds carry it. The
 * loader has rendered every body already: one without local images is that HTML as it stands (what
 * Astro's `render` would give back unchanged), so it is used directly. Only a body with local images
 * goes through Astro's `render` again, which resolves them to the files the build emits for pages.
 */
function renderedBody(data: SiteData, entryId: string): Promise<string | undefined> {
  let body = bodies.get(entryId);
  if (!body) {
    body = (async () => {
      const entry = data.articles.get(entryId);
      if (!entry?.rendered?.metadata?.imagePaths?.length) return entry?.rendered?.html;
      try {
        container ??= AstroContainer.create();
        const { Content } = await render(entry);
        return await (await container).renderToString(Content);
      } catch {
        // The stored HTML still serves: `feedHtml` drops its unresolved image placeholders.
        return entry.rendered.html;
      }
    })();
    bodies.set(entryId, body);
  }
  return body;
}

/**
 * The cover a story version shows, as its feed items carry it: the story page's share image of the
 * cover (the same published file, no encode of its own), with the page's caption and credit.
 */
async function feedImage(data: SiteData, story: PublishedStory, locale: Locale, site: string | URL) {
  const view = storyView(data, story, locale);
  const shared = await coverShareImage(view, site);
  if (!shared || !view.cover) return undefined;
  const { image: cover, inherited, language } = view.cover;
  const image: FeedImage = {
    url: shared.url,
    type: shareImageMediaType(cover.src.format),
    width: shared.width ?? cover.src.width,
    height: shared.height ?? cover.src.height,
    alt: shared.alt,
    lang: inherited ? localeInfo(language).htmlLang : undefined,
    caption: cover.caption,
    credit: cover.credit === undefined ? undefined : uiStrings(locale).credit(cover.credit),
  };
  return image;
}

/** What a feed route asks for. */
export interface FeedRequest {
  /** The feed's locale. */
  readonly locale: Locale;
  /** `Astro.site` (the production URL when unset). */
  readonly site: URL | undefined;
  /** Candidate stories, newest first; `feedItems` keeps the locale's own versions. */
  readonly stories: readonly PublishedStory[];
  /** Feed title. */
  readonly title: string;
  /** Feed description. */
  readonly description: string;
  /** Site path of the page the feed follows. */
  readonly home: string;
  /** Site path of the feed file itself. */
  readonly self: string;
}

/** A feed's plain data, ready for `rssXml`, `atomXml` or `jsonFeed`. */
export async function buildFeed(request: FeedRequest): Promise<Feed> {
  const data = await loadSiteData();
  const site = request.site ?? siteConfig.productionUrl;
  const { htmlLang } = localeInfo(request.locale);
  const full: boolean = siteConfig.feedContent === 'full';
  const items = await feedItems(request.stories, {
    site,
    base: import.meta.env.BASE_URL,
    locale: request.locale,
    locales: localeCodes,
    htmlLang,
    size: siteConfig.feedSize,
    categories: (story) => storyView(data, story, request.locale).tags,
    bodyHtml: full ? (entryId) => renderedBody(data, entryId) : undefined,
    image: (story) => feedImage(data, story, request.locale, site),
    correctionLabel: (c) =>
      uiStrings(request.locale).correction(formatPublished(c.date, localeInfo(request.locale).dateLocale)),
  });
  return {
    title: request.title,
    description: request.description,
    language: htmlLang,
    home: new URL(request.home, site).href,
    self: new URL(request.self, site).href,
    author: { name: localize(siteConfig.publisher.name, request.locale, defaultLocale), url: siteConfig.publisher.url },
    items,
    // An empty feed is dated by the archive's newest story: deterministic, and never the clock.
    emptyUpdated: data.stories[0]?.date,
  };
}

/** Events that have a start date (only those can be put in a calendar), earliest first, then by id. */
export function datedEvents(data: SiteData): EventEntry[] {
  return [...data.events.values()]
    .filter((event) => event.data.start !== undefined)
    .map((event) => ({ event, key: `${event.data.start ?? ''} ${event.id}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ event }) => event);
}

/** An event in a locale as a calendar carries it (the caller has checked it has a start). */
export function calendarEvent(data: SiteData, event: EventEntry, locale: Locale, site: URL | undefined): CalendarEvent {
  const t = uiStrings(locale);
  const base = import.meta.env.BASE_URL;
  const text = (value: Readonly<Record<string, string>> | undefined) =>
    value ? localize(value, locale, defaultLocale) : undefined;
  const place =
    event.data.city || event.data.venue ? t.placeOf(text(event.data.venue), text(event.data.city)) : undefined;
  const organisers = (event.data.organisers ?? []).flatMap((ref) => {
    const org = data.organisations.get(ref.id);
    return org ? [text(org.data.name) ?? ref.id] : [];
  });
  const parent = event.data.partOf && data.events.get(event.data.partOf.id);
  const description = [
    event.data.theme && t.labelled(t.theme, text(event.data.theme) ?? ''),
    organisers.length > 0 && t.labelled(t.organisers, organisers.join(t.listSeparator)),
    parent && t.labelled(t.partOf, text(parent.data.name) ?? parent.id),
  ].filter((line): line is string => typeof line === 'string');
  // DTSTAMP: when the archive last learned about the event (its stories), the same in every locale.
  const instants = (data.indexes.byEvent.get(event.id) ?? []).flatMap((story) => [
    story.date.instant,
    ...[...story.versions.values()].flatMap((v) => (v.data.updated ? [v.data.updated.instant] : [])),
  ]);
  const start = event.data.start ?? '';
  return {
    uid: eventUid(event.id, site ?? siteConfig.productionUrl),
    url: new URL(localizedPath(base, locale, 'events', event.id), site ?? siteConfig.productionUrl).href,
    summary: text(event.data.name) ?? event.id,
    start,
    end: event.data.end,
    location: place || undefined,
    description: description.length > 0 ? description.join('\n') : undefined,
    stamp: eventStamp(start, instants),
  };
}

/** A calendar in a locale. */
export function calendar(locale: Locale, site: URL | undefined, name: string, events: CalendarEvent[]): Calendar {
  const host = new URL(site ?? siteConfig.productionUrl).hostname;
  return { name, prodId: `-//${host}//News Archive//${locale.toUpperCase()}`, events };
}

/** The serializer of each feed format. */
const FEED_WRITERS: Readonly<Record<FeedFormat, (feed: Feed) => string | Promise<string>>> = {
  rss: rssXml,
  atom: atomXml,
  json: jsonFeed,
};

/** A feed written in `format`, as the route's response. */
async function feedResponse(feed: Feed, format: FeedFormat): Promise<Response> {
  return new Response(await FEED_WRITERS[format](feed), {
    headers: { 'Content-Type': `${FEED_FORMATS[format].type}; charset=utf-8` },
  });
}

/**
 * The route of a locale's feed of its whole archive in `format` (`/en/rss.xml`, `/en/atom.xml`,
 * `/en/feed.json`): `export const { getStaticPaths, GET } = localeFeedRoute('rss');`.
 */
export function localeFeedRoute(format: FeedFormat) {
  async function getStaticPaths() {
    const { stories } = await loadSiteData();
    return withCacheKeys(
      localePaths(() => [{ params: {} }]),
      (path) => feedBodies(path.params.lang, stories),
    );
  }
  const GET: StaticEndpoint<typeof getStaticPaths> = async ({ params, site }) => {
    const locale = params.lang;
    const t = uiStrings(locale);
    const base = import.meta.env.BASE_URL;
    const { stories } = await loadSiteData();
    const feed = await buildFeed({
      locale,
      site,
      stories,
      title: t.siteName,
      description: t.siteDescription,
      home: localizedPath(base, locale),
      self: feedPath(base, locale, format),
    });
    return feedResponse(feed, format);
  };
  return { getStaticPaths, GET };
}

/** Which entry pages have a feed of their own: a speaker's stories, a topic's stories. */
export type EntryFeedKind = 'speakers' | 'tags';

/**
 * The route of the RSS feeds of every speaker's or topic's stories, in every locale like their
 * pages (`/en/speakers/zhang-wei/rss.xml`); one without stories in the locale gets a valid empty
 * feed, so a subscription never breaks: `export const { getStaticPaths, GET } = entryFeedRoute('tags');`.
 */
export function entryFeedRoute(kind: EntryFeedKind) {
  const isSpeaker = kind === 'speakers';
  const storiesOf = (data: SiteData, id: string) =>
    (isSpeaker ? data.indexes.bySpeaker : data.indexes.byTag).get(id) ?? [];
  async function getStaticPaths() {
    const data = await loadSiteData();
    const ids = [...(isSpeaker ? data.speakers.keys() : data.tags.keys())];
    return withCacheKeys(
      localePaths(() => ids.map((id) => ({ params: { id } }))),
      (path) => feedBodies(path.params.lang, storiesOf(data, path.params.id)),
    );
  }
  const GET: StaticEndpoint<typeof getStaticPaths> = async ({ params, site }) => {
    const { lang: locale, id } = params;
    const t = uiStrings(locale);
    const base = import.meta.env.BASE_URL;
    const data = await loadSiteData();
    const text = isSpeaker ? data.speakers.get(id)?.data.name : data.tags.get(id)?.data.label;
    const name = localize(text ?? {}, locale, defaultLocale) || id;
    const feed = await buildFeed({
      locale,
      site,
      stories: storiesOf(data, id),
      title: isSpeaker ? t.speakerFeedTitle(name) : t.topicFeedTitle(name),
      description: isSpeaker ? t.speakerFeedDescription(name) : t.topicFeedDescription(name),
      home: localizedPath(base, locale, kind, id),
      self: isSpeaker ? speakerFeedPath(base, locale, id) : tagFeedPath(base, locale, id),
    });
    return feedResponse(feed, 'rss');
  };
  return { getStaticPaths, GET };
}
