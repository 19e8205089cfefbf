/**
 * The one module that reads content collections. Everything else receives plain data from here, so
 * the visibility rule (no drafts) and the ordering rule (newest first) apply to every page.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildStories, type Story } from '../lib/stories.ts';
import { localeCodes } from '../site.config.ts';

/** An article's validated frontmatter. */
export type ArticleData = CollectionEntry<'articles'>['data'];

/** A published story with its language versions. */
export type PublishedStory = Story<ArticleData>;

/** Everything the pages need, read once per build. */
export interface SiteData {
  /** Published stories, newest first. */
  readonly stories: readonly PublishedStory[];
  /** Article entries by id, for rendering bodies. */
  readonly articles: ReadonlyMap<string, CollectionEntry<'articles'>>;
  /** Speakers by id. */
  readonly speakers: ReadonlyMap<string, CollectionEntry<'speakers'>>;
  /** Organisations by id. */
  readonly organisations: ReadonlyMap<string, CollectionEntry<'organisations'>>;
  /** Events by id. */
  readonly events: ReadonlyMap<string, CollectionEntry<'events'>>;
  /** Tags by id. */
  readonly tags: ReadonlyMap<string, CollectionEntry<'tags'>>;
}

let cached: Promise<SiteData> | undefined;

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
    const byId = <T extends { id: string }>(list: readonly T[]): Map<string, T> =>
      new Map(list.map((entry) => [entry.id, entry]));
    return {
      stories: buildStories(articles, localeCodes),
      articles: byId(articles),
      speakers: byId(speakers),
      organisations: byId(organisations),
      events: byId(events),
      tags: byId(tags),
    };
  })();
  return cached;
}
