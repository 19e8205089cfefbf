/**
 * The one module that reads content collections. Everything else receives plain data from here, so
 * the visibility rule (no drafts) and the ordering rule (newest first) apply to every page, and
 * every cross-index is computed once per build.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { fingerprint } from '#lib/fingerprint.ts';
import { indexBy, indexStories, type Index, type StoryIndexes } from '#lib/indexes.ts';
import { shareCardStoryKeys } from '#lib/share-image.ts';
import { buildStories, type Story } from '#lib/stories.ts';
import { localeCodes, siteConfig } from '#site.config';

/** An article's validated frontmatter. */
export type ArticleData = CollectionEntry<'articles'>['data'];

/** A published story with its language versions. */
export type PublishedStory = Story<ArticleData>;

/** A speaker entry. */
export type SpeakerEntry = CollectionEntry<'speakers'>;
/** An organisation entry. */
export type OrganisationEntry = CollectionEntry<'organisations'>;
/** An event entry. */
export type EventEntry = CollectionEntry<'events'>;
/** A tag entry. */
export type TagEntry = CollectionEntry<'tags'>;

/** Everything the pages need, read and indexed once per build. */
export interface SiteData {
  /** Published stories, newest first. */
  readonly stories: readonly PublishedStory[];
  /** Stories by speaker, organisation, event, tag, year and month. */
  readonly indexes: StoryIndexes<PublishedStory>;
  /** Article entries by id, for rendering bodies. */
  readonly articles: ReadonlyMap<string, CollectionEntry<'articles'>>;
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
  /** Keys of the stories that get generated share cards (the newest `shareImageStories`). */
  readonly shareCardStories: ReadonlySet<string>;
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
    const stories = buildStories(articles, localeCodes);
    const shareCardStories = shareCardStoryKeys(stories, siteConfig);
    const registryData = (list: readonly { id: string; data: unknown }[]) => list.map((e) => [e.id, e.data]);
    return {
      stories,
      indexes: indexStories(stories),
      articles: byId(articles),
      speakers: byId(speakers),
      organisations: byId(organisations),
      events: byId(events),
      tags: byId(tags),
      speakersByOrganisation: indexBy(speakers, (s) => (s.data.organisation ? [s.data.organisation.id] : [])),
      eventsByOrganiser: indexBy(events, (e) => (e.data.organisers ?? []).map((o) => o.id)),
      organisationsByParent: indexBy(organisations, (o) => (o.data.parent ? [o.data.parent.id] : [])),
      eventsByParent: indexBy(events, (e) => (e.data.partOf ? [e.data.partOf.id] : [])),
      shareCardStories,
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
