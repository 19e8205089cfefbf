/**
 * The one module that reads content collections. Everything else receives plain data from here, so
 * the visibility rule (no drafts) and the ordering rule (newest first) apply to every page, and
 * every cross-index and every story version's view (src/lib/story-view.ts) is computed once per build.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { fingerprint } from '#lib/fingerprint.ts';
import { indexBy, indexStories, type Index, type StoryIndexes } from '#lib/indexes.ts';
import { htmlText, nameMentionFinder, registryNameForms, type NameForms } from '#lib/name-mentions.ts';
import { relatedStories, type RelatedStories } from '#lib/related.ts';
import { shareCardStoryKeys } from '#lib/share-card-stories.ts';
import { buildStories, type Story } from '#lib/stories.ts';
import { resolveStoryViews, type StoryView, type StoryViews } from '#lib/story-view.ts';
import { typesetArticleText } from '#lib/typography.ts';
import { localeInfo } from '#i18n/index.ts';
import { localeCodes, siteConfig, type Locale } from '#site.config';
import { prerenderShareCards } from './share-cards.ts';

/** An article's validated frontmatter. */
export type ArticleData = CollectionEntry<'articles'>['data'];

/** A published story with its language versions. */
export type PublishedStory = Story<ArticleData>;

/** An article entry (its body rendered by the loader). */
export type ArticleEntry = CollectionEntry<'articles'>;

/** A speaker entry. */
export type SpeakerEntry = CollectionEntry<'speakers'>;
/** An organisation entry. */
export type OrganisationEntry = CollectionEntry<'organisations'>;
/** An event entry. */
export type EventEntry = CollectionEntry<'events'>;
/** A tag entry. */
export type TagEntry = CollectionEntry<'tags'>;

/** One published story version as every page shows it (see src/lib/story-view.ts). */
export type SiteStoryView = StoryView<ArticleData, EventEntry, Locale>;

/** Everything the pages need, read and indexed once per build. */
export interface SiteData {
  /** Published stories, newest first. */
  readonly stories: readonly PublishedStory[];
  /** Stories by speaker, organisation, event, tag, year and month. */
  readonly indexes: StoryIndexes<PublishedStory>;
  /** Every published version's view, by locale then story key, newest first. */
  readonly views: StoryViews<ArticleData, EventEntry, Locale>;
  /** Article entries by id, for rendering bodies. */
  readonly articles: ReadonlyMap<string, ArticleEntry>;
  /** Speakers by id. */
  readonly speakers: ReadonlyMap<string, SpeakerEntry>;
  /** Organisations by id. */
  readonly organisations: ReadonlyMap<string, OrganisationEntry>;
  /** Events by id. */
  readonly events: ReadonlyMap<string, EventEntry>;
  /** Tags by id. */
  readonly tags: ReadonlyMap<string, TagEntry>;
  /** Speakers by the id of their organisation. */
  readonly speakersByOrganisation: Index<SpeakerEntry>;
  /** Events by the id of each organiser. */
  readonly eventsByOrganiser: Index<EventEntry>;
  /** Organisations by the id of their parent. */
  readonly organisationsByParent: Index<OrganisationEntry>;
  /** Events by the id of the event they are part of. */
  readonly eventsByParent: Index<EventEntry>;
  /**
   * Related stories of each version, by locale then story key (src/lib/related.ts). They show
   * other stories' frontmatter only, which the site fingerprint covers: no cache key of their own.
   */
  readonly related: RelatedStories;
  /** Keys of the stories that get generated share cards (the newest `shareImageStories`). */
  readonly shareCardStories: ReadonlySet<string>;
  /** Every registry entry's name forms, which the bodies' name mentions are found from. */
  readonly nameForms: readonly NameForms[];
  /** The registry names a version's body mentions (src/lib/name-mentions.ts), found once per build. */
  readonly mentionedNames: (entryId: string) => readonly string[];
  /**
   * A hash of everything pages show besides article bodies: every published version's frontmatter,
   * the registries, the share-card stories. The cache key of pages in incremental builds.
   */
  readonly fingerprint: string;
}

let cached: Promise<SiteData> | undefined;

const byId = <T extends { id: string }>(list: readonly T[]): Map<string, T> =>
  new Map(list.map((entry) => [entry.id, entry]));

/** Reads every collection once and shapes it; later calls in the same build reuse the result. */
export function loadSiteData(): Promise<SiteData> {
  cached ??= (async () => {
    const [articles, speakers, organisations, events, tags] = await Promise.all([
      getCollection('articles'),
      getCollection('speakers'),
      getCollection('organisations'),
      getCollection('events'),
      getCollection('tags'),
    ]);
    // Typography outside the body (src/lib/typography.ts, the body's rule) is applied here, once,
    // where the site's story data is shaped: every page, feed, JSON-LD block, meta tag, search
    // record and share card reads these stories. The entries themselves (rendered bodies) and the
    // checker, which quotes the files as written, never see the change.
    const stories = buildStories(
      articles.map((entry) => ({ ...entry, data: typesetArticleText(entry.data) })),
      localeCodes,
    );
    const shareCardStories = shareCardStoryKeys(stories, siteConfig);
    const registries = {
      speakers: byId(speakers),
      organisations: byId(organisations),
      events: byId(events),
      tags: byId(tags),
    };
    // Registry names the bodies mention, for cross-language search (src/lib/name-mentions.ts), read
    // from the rendered HTML in the data store: the loader keeps no Markdown (`retainBody: false`),
    // and a mention list made in the Markdown workers would go stale when only a registry changes
    // (unchanged files are not rendered again). One linear pass per version, once per build.
    const nameForms = registryNameForms({ speakers, organisations, events, tags });
    const findNames = nameMentionFinder(nameForms);
    const articleById = byId(articles);
    const mentions = new Map<string, readonly string[]>();
    const mentionedNames = (entryId: string): readonly string[] => {
      let names = mentions.get(entryId);
      if (!names) {
        names = findNames(htmlText(articleById.get(entryId)?.rendered?.html ?? ''));
        mentions.set(entryId, names);
      }
      return names;
    };
    const views = resolveStoryViews(stories, registries, {
      locales: localeCodes,
      htmlLang: (code) => localeInfo(code).htmlLang,
      cardStories: shareCardStories,
      mentionedNames,
    });
    // Cards are drawn ahead on a second core while pages render; the dev server draws on request.
    if (import.meta.env.PROD) prerenderShareCards(views);
    const registryData = (list: readonly { id: string; data: unknown }[]) => list.map((e) => [e.id, e.data]);
    return {
      stories,
      indexes: indexStories(stories),
      views,
      articles: articleById,
      ...registries,
      speakersByOrganisation: indexBy(speakers, (s) => (s.data.organisation ? [s.data.organisation.id] : [])),
      eventsByOrganiser: indexBy(events, (e) => (e.data.organisers ?? []).map((o) => o.id)),
      organisationsByParent: indexBy(organisations, (o) => (o.data.parent ? [o.data.parent.id] : [])),
      eventsByParent: indexBy(events, (e) => (e.data.partOf ? [e.data.partOf.id] : [])),
      related: relatedStories(stories, {
        locales: localeCodes,
        partOf: (id) => registries.events.get(id)?.data.partOf?.id,
        untranslated: siteConfig.untranslatedStories,
      }),
      shareCardStories,
      nameForms,
      mentionedNames,
      fingerprint: fingerprint([
        ...stories.map((story) => [story.key, [...story.versions].map(([code, v]) => [code, v.entryId, v.data])]),
        registryData(speakers),
        registryData(organisations),
        registryData(events),
        registryData(tags),
        shareCardStories,
      ]),
    };
  })();
  return cached;
}

/** The view of `story` in `locale`; throws when the story has no version there (a route's bug). */
export function storyView(data: SiteData, story: { readonly key: string }, locale: Locale): SiteStoryView {
  const view = data.views.get(locale)?.get(story.key);
  if (!view) throw new Error(`${story.key} has no ${locale} version`);
  return view;
}

/** The article entry of a story version, whose body Astro renders; throws when it is missing. */
export function articleEntry(data: SiteData, view: SiteStoryView): ArticleEntry {
  const entry = data.articles.get(view.version.entryId);
  if (!entry) throw new Error(`no article entry ${view.version.entryId}`);
  return entry;
}
