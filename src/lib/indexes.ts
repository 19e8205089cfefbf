/**
 * Cross-indexes computed once per build: stories by speaker, organisation, event, tag, year and
 * month, and the relations between registry entries. Pages look things up here instead of
 * scanning every story, so the cost of a build grows with the number of stories, not its square.
 */
import type { SharedFacts } from './stories.ts';

/** What indexing needs of a story: its day and its versions' shared facts. */
export interface IndexableStory {
  /** Publication date (`day` is `YYYY-MM-DD`). */
  readonly date: { readonly day: string };
  /** Published versions by language. */
  readonly versions: ReadonlyMap<string, { readonly data: SharedFacts }>;
}

/** Lists of items by key, each list in input order. */
export type Index<T> = ReadonlyMap<string, readonly T[]>;

/** Files each item under every key `keysOf` gives it (once per key), keeping input order. */
export function indexBy<T>(items: Iterable<T>, keysOf: (item: T) => Iterable<string>): Index<T> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      const list = index.get(key);
      if (list) list.push(item);
      else index.set(key, [item]);
    }
  }
  return index;
}

/** The stories, indexed every way the site lists them. */
export interface StoryIndexes<S> {
  /** Stories naming a speaker, by speaker id. */
  readonly bySpeaker: Index<S>;
  /** Stories about an organisation, by organisation id. */
  readonly byOrganisation: Index<S>;
  /** Stories covering an event, by event id. */
  readonly byEvent: Index<S>;
  /** Stories carrying a tag, by tag id. */
  readonly byTag: Index<S>;
  /** Stories by publication year, `YYYY`. */
  readonly byYear: Index<S>;
  /** Stories by publication month, `YYYY-MM`. */
  readonly byMonth: Index<S>;
}

/** Every id a story's versions give for one shared field (versions agree; the union is safe). */
function idsOf(story: IndexableStory, field: 'event' | 'speakers' | 'organisations' | 'tags'): string[] {
  const ids: string[] = [];
  for (const { data } of story.versions.values()) {
    if (field === 'event') {
      if (data.event) ids.push(data.event.id);
    } else if (field === 'speakers') {
      for (const speaker of data.speakers ?? []) ids.push(speaker.id.id);
    } else {
      for (const ref of data[field] ?? []) ids.push(ref.id);
    }
  }
  return ids;
}

/** Builds all story indexes in one pass per index; stories keep the order they come in (newest first). */
export function indexStories<S extends IndexableStory>(stories: readonly S[]): StoryIndexes<S> {
  return {
    bySpeaker: indexBy(stories, (s) => idsOf(s, 'speakers')),
    byOrganisation: indexBy(stories, (s) => idsOf(s, 'organisations')),
    byEvent: indexBy(stories, (s) => idsOf(s, 'event')),
    byTag: indexBy(stories, (s) => idsOf(s, 'tags')),
    byYear: indexBy(stories, (s) => [s.date.day.slice(0, 4)]),
    byMonth: indexBy(stories, (s) => [s.date.day.slice(0, 7)]),
  };
}

/** The distinct ids a list of stories names in one field, in order of first appearance. */
export function idsInStories(
  stories: readonly IndexableStory[],
  field: 'event' | 'speakers' | 'organisations' | 'tags',
): string[] {
  return [...new Set(stories.flatMap((story) => idsOf(story, field)))];
}

/** A story's neighbours in one locale's reading order. */
export interface Neighbours<S> {
  /** The next newer story in that locale, if any. */
  readonly newer?: S | undefined;
  /** The next older story in that locale, if any. */
  readonly older?: S | undefined;
}

/**
 * Previous/next links for every story that has a version in `locale`, by story key. Only stories
 * in the same language are neighbours, so following them never switches the reader's language.
 */
export function neighboursIn<S extends { readonly key: string; readonly versions: ReadonlyMap<string, unknown> }>(
  stories: readonly S[],
  locale: string,
): ReadonlyMap<string, Neighbours<S>> {
  const own = stories.filter((story) => story.versions.has(locale));
  return new Map(own.map((story, i) => [story.key, { newer: own[i - 1], older: own[i + 1] }]));
}

/** One year of the archive with its months. */
export interface ArchiveYear {
  /** `YYYY`. */
  readonly year: string;
  /** Stories that year. */
  readonly count: number;
  /** Months with stories, newest first. */
  readonly months: readonly { readonly month: string; readonly count: number }[];
}

/** The archive's years and months with counts, newest first, from a `YYYY-MM` index. */
export function archiveYears(
  byMonth: ReadonlyMap<string, readonly unknown[]>,
  count = (list: readonly unknown[]) => list.length,
): ArchiveYear[] {
  const years = new Map<string, { month: string; count: number }[]>();
  for (const [key, list] of byMonth) {
    const n = count(list);
    if (n === 0) continue;
    const [year = '', month = ''] = key.split('-');
    const months = years.get(year);
    if (months) months.push({ month, count: n });
    else years.set(year, [{ month, count: n }]);
  }
  return [...years.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([year, months]) => {
      const sorted = months.sort((a, b) => (a.month < b.month ? 1 : -1));
      return { year, count: sorted.reduce((sum, m) => sum + m.count, 0), months: sorted };
    });
}
