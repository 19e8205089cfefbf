/**
 * Story rules shared by the checker and the site's data module: which file of a story is primary,
 * what translations inherit from it (the shared facts, and the cover a translation shows), and where
 * a translation drifts from it. Every inheritance rule is written here and nowhere else.
 */
import type { PublishedAt } from './dates.ts';

/** The minimum an article's data must carry for the story rules. */
export interface SharedFacts {
  /** Publication date. */
  readonly date?: PublishedAt | undefined;
  /** Event reference. */
  readonly event?: { readonly id: string } | undefined;
  /** Speakers, each with an id reference. */
  readonly speakers?:
    readonly { readonly id: { readonly id: string }; readonly role?: string | undefined }[] | undefined;
  /** Organisation references. */
  readonly organisations?: readonly { readonly id: string }[] | undefined;
  /** Tag references. */
  readonly tags?: readonly { readonly id: string }[] | undefined;
  /** Put forward as the home page's lead story (src/lib/front-page.ts). */
  readonly featured?: boolean | undefined;
}

/** A shared field's name. */
export type SharedField = keyof SharedFacts;

/**
 * The shared fields, in the order they are checked and reported; the one list (the article schema
 * and the authoring tools import it).
 */
export const SHARED_FIELDS = [
  'date',
  'event',
  'speakers',
  'organisations',
  'tags',
  'featured',
] as const satisfies readonly SharedField[];

/**
 * The primary language of a story: the first configured locale (default first) that the story has.
 * The primary file carries the shared facts that translations inherit.
 */
export function primaryLanguage<L extends string>(available: Iterable<L>, locales: readonly L[]): L | undefined {
  const have = new Set(available);
  return locales.find((code) => have.has(code));
}

/** A comparable rendering of one shared field, or `undefined` when the file leaves it out. */
export function sharedFieldKey(facts: SharedFacts, field: SharedField): string | undefined {
  switch (field) {
    case 'date':
      return facts.date && `${facts.date.day}|${facts.date.instant}`;
    case 'event':
      return facts.event?.id;
    case 'speakers':
      // Order may differ between languages (word order does); membership may not.
      return facts.speakers && [...facts.speakers.map((s) => s.id.id)].sort().join(',');
    case 'organisations':
    case 'tags':
      return facts[field] && [...facts[field].map((r) => r.id)].sort().join(',');
    case 'featured':
      return facts.featured === undefined ? undefined : String(facts.featured);
  }
}

/** A human rendering of a shared field's value, for messages. */
export function describeSharedField(facts: SharedFacts, field: SharedField): string {
  switch (field) {
    case 'date':
      return facts.date ? (facts.date.hasTime ? facts.date.instant : facts.date.day) : '(none)';
    case 'event':
      return facts.event?.id ?? '(none)';
    case 'speakers':
      return `[${(facts.speakers ?? []).map((s) => s.id.id).join(', ')}]`;
    case 'organisations':
    case 'tags':
      return `[${(facts[field] ?? []).map((r) => r.id).join(', ')}]`;
    case 'featured':
      return facts.featured === undefined ? '(none)' : String(facts.featured);
  }
}

/** The shared fields a translation repeats with a value that differs from the primary's. */
export function driftedFields(primary: SharedFacts, translation: SharedFacts): SharedField[] {
  return SHARED_FIELDS.filter((field) => {
    const mine = sharedFieldKey(translation, field);
    return mine !== undefined && mine !== sharedFieldKey(primary, field);
  });
}

/**
 * A translation's data with every shared field it leaves out taken from the primary. Inherited
 * speakers lose their per-article `role`: it is written in the primary's language.
 */
export function inheritSharedFacts<T extends SharedFacts>(primary: SharedFacts, translation: T): T {
  const merged = { ...translation } as Record<string, unknown>;
  for (const field of SHARED_FIELDS) {
    if (merged[field] !== undefined || primary[field] === undefined) continue;
    merged[field] = field === 'speakers' ? primary.speakers?.map((s) => ({ id: s.id })) : primary[field];
  }
  return merged as T;
}

/** The cover a story version shows, and where it comes from. */
export interface ShownCover<C> {
  /** The cover as the article file gives it. */
  readonly image: C;
  /** True when the version has no cover of its own and shows the primary's. */
  readonly inherited: boolean;
  /** Locale code of the version whose file gives the cover (its alt text and caption are in that language). */
  readonly language: string;
}

/**
 * The cover a version shows: its own, else (a translation without one) the primary's, since the
 * picture is the same in every language; `undefined` when neither has one. Not a shared field: a
 * translation may have a cover of its own, and never drifts by having one.
 */
export function shownCover<D extends { readonly cover?: unknown }>(
  story: { readonly primaryLanguage: string; readonly versions: ReadonlyMap<string, { readonly data: D }> },
  language: string,
): ShownCover<NonNullable<D['cover']>> | undefined {
  const own = story.versions.get(language)?.data.cover;
  if (own) return { image: own, inherited: false, language };
  const primary = story.versions.get(story.primaryLanguage)?.data.cover;
  return primary ? { image: primary, inherited: true, language: story.primaryLanguage } : undefined;
}

/** One language version of a story, as the site's data module hands it to the story rules. */
export interface StoryVersion<D extends SharedFacts & { readonly draft: boolean }> {
  /** Locale code of this version. */
  readonly language: string;
  /** Validated frontmatter, with shared facts already inherited from the primary. */
  readonly data: D;
  /** Whatever the caller needs to render the body later (an Astro entry, a path...). */
  readonly entryId: string;
}

/** A story: one folder, one slug, one version per language. */
export interface Story<D extends SharedFacts & { readonly draft: boolean }> {
  /** `YYYY/slug`, unique. */
  readonly key: string;
  /** Folder year. */
  readonly year: string;
  /** Folder slug, shared by every language. */
  readonly slug: string;
  /** The primary version's language. */
  readonly primaryLanguage: string;
  /** Published versions by language (drafts are left out by the visibility rule). */
  readonly versions: ReadonlyMap<string, StoryVersion<D>>;
  /** Publication date of the story (the primary's). */
  readonly date: PublishedAt;
}

/** The one visibility rule: a draft version is never published anywhere (pages, lists, feeds, sitemap). */
export function isPublished(data: { readonly draft: boolean }): boolean {
  return !data.draft;
}

/** The one ordering rule: newest first; same instant, then slug, so the order is stable. */
export function compareStories(
  a: { readonly date: PublishedAt; readonly slug: string },
  b: { readonly date: PublishedAt; readonly slug: string },
): number {
  if (a.date.instant !== b.date.instant) return a.date.instant < b.date.instant ? 1 : -1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** An article file as read from the content collection. */
export interface ArticleRecord<D extends SharedFacts & { readonly draft: boolean }> {
  /** Collection id, `YYYY/slug/lang`. */
  readonly id: string;
  /** Validated frontmatter, as written (not yet inherited). */
  readonly data: D & { readonly language: string };
}

/**
 * Groups article files into stories, applies inheritance from each story's primary file and the
 * visibility rule, and returns the published stories in the one order (newest first).
 */
export function buildStories<D extends SharedFacts & { readonly draft: boolean }>(
  records: readonly ArticleRecord<D>[],
  locales: readonly string[],
): Story<D>[] {
  const folders = new Map<string, ArticleRecord<D>[]>();
  for (const record of records) {
    const key = record.id.split('/').slice(0, 2).join('/');
    const list = folders.get(key);
    if (list) list.push(record);
    else folders.set(key, [record]);
  }
  const stories: Story<D>[] = [];
  for (const [key, members] of folders) {
    const [year = '', slug = ''] = key.split('/');
    const primaryLang = primaryLanguage(
      members.map((m) => m.data.language),
      locales,
    );
    const primary = members.find((m) => m.data.language === primaryLang);
    if (!primary?.data.date) continue; // The checker refuses this; never publish a dateless story.
    const versions = new Map<string, StoryVersion<D>>();
    for (const code of locales) {
      const member = members.find((m) => m.data.language === code);
      if (!member || !isPublished(member.data)) continue;
      const data = member === primary ? member.data : inheritSharedFacts(primary.data, member.data);
      versions.set(code, { language: code, data, entryId: member.id });
    }
    if (versions.size === 0) continue;
    stories.push({ key, year, slug, primaryLanguage: primary.data.language, versions, date: primary.data.date });
  }
  return stories.sort(compareStories);
}

/** A story as one locale's listing shows it. */
export interface ListingItem<D extends SharedFacts & { readonly draft: boolean }> {
  /** The story. */
  readonly story: Story<D>;
  /** The version shown: the locale's own, or another language's when untranslated. */
  readonly version: StoryVersion<D>;
  /** True when the version is in another language than the listing. */
  readonly isFallback: boolean;
}

/**
 * What a locale's listing shows for each story: its own version, or (per the site config) another
 * language's version with a badge, or nothing.
 */
export function listingItems<D extends SharedFacts & { readonly draft: boolean }>(
  stories: readonly Story<D>[],
  locale: string,
  locales: readonly string[],
  untranslated: 'show-with-badge' | 'hide',
): ListingItem<D>[] {
  const items: ListingItem<D>[] = [];
  for (const story of stories) {
    const own = story.versions.get(locale);
    if (own) {
      items.push({ story, version: own, isFallback: false });
      continue;
    }
    if (untranslated === 'hide') continue;
    const code = locales.find((l) => story.versions.has(l));
    const other = code === undefined ? undefined : story.versions.get(code);
    if (other) items.push({ story, version: other, isFallback: true });
  }
  return items;
}
