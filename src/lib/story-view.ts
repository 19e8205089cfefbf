/**
 * One story version as the site shows it, resolved once per build: its speakers (with the role they
 * held, or their usual one), organisations, tags and event looked up in the registries and named in
 * the version's locale, the cover it shows (its own or the primary's, with that cover's language),
 * its neighbours in the locale's reading order, and the words of its facts for search. The story
 * page, its SEO and JSON-LD, the feeds and the share cards all read this view instead of resolving
 * the story again, so they cannot disagree. Pure TS: registries and config arrive as arguments.
 */
import { localize, otherForms } from './format.ts';
import { hasGeneratedShareImage } from './share-card-stories.ts';
import { neighboursIn } from './indexes.ts';
import { searchMetaValue } from './search-meta.ts';
import { shownCover, type SharedFacts, type ShownCover, type Story, type StoryVersion } from './stories.ts';

/** Text given per locale. */
type LocalizedText = Readonly<Record<string, string>>;

/** What the view needs of an article's frontmatter. */
export interface ViewArticleData extends SharedFacts {
  /** Draft flag (drafts are never in stories; kept for the story rules' type). */
  readonly draft: boolean;
  /** Headline. */
  readonly title: string;
  /** Lead image, if the file gives one. */
  readonly cover?: unknown;
}

/** The registries a story refers to, by id; `E` is the site's event entry, handed through whole. */
export interface ViewRegistries<E> {
  /** Speakers: names and usual roles per locale. */
  readonly speakers: ReadonlyMap<
    string,
    { readonly data: { readonly name: LocalizedText; readonly role?: LocalizedText | undefined } }
  >;
  /** Organisations: names and short names per locale. */
  readonly organisations: ReadonlyMap<
    string,
    { readonly data: { readonly name: LocalizedText; readonly short?: LocalizedText | undefined } }
  >;
  /** Tags: labels per locale. */
  readonly tags: ReadonlyMap<string, { readonly data: { readonly label: LocalizedText } }>;
  /** Events. */
  readonly events: ReadonlyMap<string, E>;
}

/** Everything besides the stories and registries that shapes a view. */
export interface StoryViewOptions<L extends string> {
  /** Every configured locale code, default first (the fallback of every per-locale text). */
  readonly locales: readonly L[];
  /** The BCP 47 tag of a locale (`htmlLang`), for segmenting search words. */
  readonly htmlLang: (locale: L) => string;
  /** Keys of the stories that get generated share cards (`shareCardStoryKeys`). */
  readonly cardStories: ReadonlySet<string>;
  /**
   * The name forms a version's body makes searchable, by its entry id: other-language forms of the
   * registry names it mentions (src/lib/name-mentions.ts). Searchable with the facts, never quoted.
   */
  readonly mentionedNames?: ((entryId: string) => readonly string[]) | undefined;
}

/** A speaker of a story version. */
export interface ViewSpeaker {
  /** Speaker id. */
  readonly id: string;
  /** Name in the view's locale. */
  readonly name: string;
  /** The role held in this story (written in the file's language), else the usual role, localized. */
  readonly role: string | undefined;
  /** The name's other-language forms, space-separated (for search). */
  readonly aka: string;
}

/** An organisation a story version is about. */
export interface ViewOrganisation {
  /** Organisation id. */
  readonly id: string;
  /** Name in the view's locale. */
  readonly name: string;
  /** Other-language forms of the name and every short name, space-separated (for search). */
  readonly aka: string;
}

/** A tag of a story version. */
export interface ViewTag {
  /** Tag id. */
  readonly id: string;
  /** Label in the view's locale. */
  readonly label: string;
  /** The label's other-language forms, space-separated (for search). */
  readonly aka: string;
}

/** A neighbouring story in the locale's reading order. */
export interface ViewNeighbour {
  /** Folder year. */
  readonly year: string;
  /** Folder slug. */
  readonly slug: string;
  /** Its headline in the view's locale (neighbours always have a version there). */
  readonly title: string;
}

/** One story version, resolved. */
export interface StoryView<D extends ViewArticleData, E, L extends string = string> {
  /** The story. */
  readonly story: Story<D>;
  /** The version's locale. */
  readonly locale: L;
  /** The version shown (shared facts already inherited). */
  readonly version: StoryVersion<D>;
  /** Whether this is the story's primary version (the original; the others translate it). */
  readonly isPrimary: boolean;
  /** The cover shown, its own or the primary's (see `shownCover`). */
  readonly cover: ShownCover<NonNullable<D['cover']>> | undefined;
  /** Whether a share card is generated for this version (`hasGeneratedShareImage`). */
  readonly shareCard: boolean;
  /** Speakers found in the registry, in the story's order. */
  readonly speakers: readonly ViewSpeaker[];
  /** Organisations found in the registry, in the story's order. */
  readonly organisations: readonly ViewOrganisation[];
  /** Tags found in the vocabulary, in the story's order. */
  readonly tags: readonly ViewTag[];
  /** The event entry, when the story covers one that exists. */
  readonly event: E | undefined;
  /** The next newer story in this locale. */
  readonly newer: ViewNeighbour | undefined;
  /** The next older story in this locale. */
  readonly older: ViewNeighbour | undefined;
  /**
   * The facts' words for Pagefind's `facts` metadata field (names in every language, roles,
   * topics, the `mentionedNames` of the body): searchable, never quoted in an excerpt. Empty when
   * there are none.
   */
  readonly searchFacts: string;
}

/** Views by locale, then by story key; each locale's map is in the stories' order (newest first). */
export type StoryViews<D extends ViewArticleData, E, L extends string = string> = ReadonlyMap<
  L,
  ReadonlyMap<string, StoryView<D, E, L>>
>;

/** A neighbour as the view carries it. */
function neighbour<D extends ViewArticleData>(story: Story<D> | undefined, locale: string): ViewNeighbour | undefined {
  return story && { year: story.year, slug: story.slug, title: story.versions.get(locale)?.data.title ?? '' };
}

/** One version's view. */
export function resolveStoryView<D extends ViewArticleData, E, L extends string>(
  story: Story<D>,
  version: StoryVersion<D>,
  locale: L,
  neighbours: { readonly newer?: Story<D> | undefined; readonly older?: Story<D> | undefined },
  registries: ViewRegistries<E>,
  options: StoryViewOptions<L>,
): StoryView<D, E, L> {
  const [defaultLocale = locale] = options.locales;
  const text = (value: LocalizedText) => localize(value, locale, defaultLocale);
  const data = version.data;
  const speakers = (data.speakers ?? []).flatMap((s) => {
    const speaker = registries.speakers.get(s.id.id);
    if (!speaker) return [];
    // A role written in this story wins; an inherited speaker has none and shows their usual role.
    const role = s.role ?? (speaker.data.role ? text(speaker.data.role) : undefined);
    const name = text(speaker.data.name);
    return [{ id: s.id.id, name, role, aka: otherForms(speaker.data.name, name) }];
  });
  const organisations = (data.organisations ?? []).flatMap((ref) => {
    const org = registries.organisations.get(ref.id);
    if (!org) return [];
    const name = text(org.data.name);
    const aka = [otherForms(org.data.name, name), ...Object.values(org.data.short ?? {})].join(' ').trim();
    return [{ id: ref.id, name, aka }];
  });
  const tags = (data.tags ?? []).flatMap((ref) => {
    const tag = registries.tags.get(ref.id);
    if (!tag) return [];
    const label = text(tag.data.label);
    return [{ id: ref.id, label, aka: otherForms(tag.data.label, label) }];
  });
  const searchFacts = searchMetaValue(
    [
      ...speakers.flatMap((s) => [s.name, s.aka, s.role]),
      ...organisations.flatMap((o) => [o.name, o.aka]),
      ...tags.flatMap((tag) => [tag.label, tag.aka]),
      ...(options.mentionedNames?.(version.entryId) ?? []),
    ],
    options.htmlLang(locale),
  );
  return {
    story,
    locale,
    version,
    isPrimary: locale === story.primaryLanguage,
    cover: shownCover(story, locale),
    shareCard: hasGeneratedShareImage(story, locale, options.cardStories),
    speakers,
    organisations,
    tags,
    event: data.event && registries.events.get(data.event.id),
    newer: neighbour(neighbours.newer, locale),
    older: neighbour(neighbours.older, locale),
    searchFacts,
  };
}

/** The view of every published version, by locale, resolved once. */
export function resolveStoryViews<D extends ViewArticleData, E, L extends string>(
  stories: readonly Story<D>[],
  registries: ViewRegistries<E>,
  options: StoryViewOptions<L>,
): StoryViews<D, E, L> {
  return new Map(
    options.locales.map((locale) => {
      const neighbours = neighboursIn(stories, locale);
      const views = new Map<string, StoryView<D, E, L>>();
      for (const story of stories) {
        const version = story.versions.get(locale);
        if (!version) continue;
        const around = neighbours.get(story.key) ?? {};
        views.set(story.key, resolveStoryView(story, version, locale, around, registries, options));
      }
      return [locale, views];
    }),
  );
}
