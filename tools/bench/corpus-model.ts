/**
 * The data model of the benchmark corpus (tools/bench/corpus.ts): its proportions, the planned
 * registry entries and stories, the sub-streams of the seeded generator each kind of decision draws
 * from, and the day arithmetic the planners and writers share.
 */
import type { Bilingual, SluggedTerm } from './vocabulary.ts';
import type { ImagePlan, StoryImages } from './images.ts';

/** First and last publication day of the archive (ten years, ending before the benchmark was written). */
export const FIRST_DAY = '2017-01-01';
/** See {@link FIRST_DAY}. */
export const LAST_DAY = '2026-09-30';

/** The languages the corpus is written in (the site's two locales). */
export type Lang = 'en' | 'zh';

/**
 * How a story exists: in both languages, written first in English (`en-original`) or in Chinese
 * (`zh-original`, whose Chinese file repeats the shared facts, which must agree with `en.md`), or in
 * one language only.
 */
export type StoryShape = 'en-original' | 'zh-original' | 'en-only' | 'zh-only';

/** Target shares of story shapes: 85 % bilingual (a quarter of them Chinese originals), a few zh-only. */
export const SHAPE_SHARES: Readonly<Record<StoryShape, number>> = {
  'en-original': 0.6375,
  'zh-original': 0.2125,
  'en-only': 0.11,
  'zh-only': 0.04,
};

/** Share of English versions that quote a whole paragraph in Chinese. */
export const MIXED_SHARE = 0.1;
/** Share of story versions with a GFM table. */
export const TABLE_SHARE = 0.15;

/** How big the archive and its registries are. */
export interface CorpusOptions {
  /** Number of stories (story folders). */
  readonly stories: number;
  /** Seed of the generator (default {@link DEFAULT_SEED}). */
  readonly seed?: number;
  /** Whether stories get pictures (default true): covers, body photos and diagrams (images.ts). */
  readonly images?: boolean;
}

/** How many entries each registry gets. */
export interface RegistrySizes {
  /** Files in `speakers/`. */
  readonly speakers: number;
  /** Files in `organisations/`. */
  readonly organisations: number;
  /** Files in `events/`. */
  readonly events: number;
  /** Files in `tags/`. */
  readonly tags: number;
}

/** A speaker file. */
export interface SpeakerEntry {
  readonly id: string;
  readonly name: Bilingual;
  /** English sort key for names written given name first. */
  readonly sortAs?: string;
  readonly role?: Bilingual;
  readonly organisation?: string;
  readonly bio?: Bilingual;
  readonly link?: string;
}

/** An organisation file. */
export interface OrganisationEntry {
  readonly id: string;
  readonly name: Bilingual;
  readonly short?: Bilingual;
  readonly url?: string;
  readonly parent?: string;
}

/** An event file, with what stories about it talk about. */
export interface EventEntry {
  readonly id: string;
  readonly name: Bilingual;
  readonly year: number;
  /** First day as a day number (see `dayNumber`); absent while unknown. */
  readonly start?: number;
  /** Last day as a day number, for events of several days. */
  readonly end?: number;
  readonly city: SluggedTerm;
  readonly topic: SluggedTerm;
  readonly kind: SluggedTerm;
  readonly venue?: Bilingual;
  readonly organisers: readonly string[];
  readonly theme?: Bilingual;
  readonly partOf?: string;
  readonly url?: string;
}

/** A tag file. */
export interface TagEntry {
  readonly id: string;
  readonly label: Bilingual;
  readonly description?: Bilingual;
}

/** A speaker as listed in a story, with the role held in that story if any. */
export interface StorySpeaker {
  readonly id: string;
  readonly role?: Bilingual;
}

/** Everything decided about one story before any text is written. */
export interface StoryPlan {
  readonly index: number;
  readonly year: number;
  readonly slug: string;
  /** `YYYY-MM-DD`, or a date-time with the +08:00 offset. */
  readonly date: string;
  readonly shape: StoryShape;
  /** Its languages, the primary file's first. */
  readonly languages: readonly Lang[];
  readonly event?: string;
  readonly speakers: readonly StorySpeaker[];
  readonly organisations: readonly string[];
  readonly tags: readonly string[];
  readonly city: SluggedTerm;
  readonly topic: SluggedTerm;
  readonly kind: SluggedTerm;
  readonly source?: string;
  readonly updated?: string;
  readonly alias?: string;
  /** Whether the English version quotes a paragraph in Chinese. */
  readonly mixed: boolean;
  /** Whether each version has a table. */
  readonly table: boolean;
  readonly footnote: boolean;
  readonly quote: boolean;
  /** Its cover and body pictures (none when the corpus is made without pictures). */
  readonly images: StoryImages;
}

/** The whole archive, planned. */
export interface CorpusPlan {
  readonly seed: number;
  readonly sizes: RegistrySizes;
  readonly speakers: readonly SpeakerEntry[];
  readonly organisations: readonly OrganisationEntry[];
  readonly events: readonly EventEntry[];
  readonly tags: readonly TagEntry[];
  readonly stories: readonly StoryPlan[];
}

/** One text file of the corpus: its path inside the content folder (forward slashes) and its text. */
export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

/** One picture of the corpus: its path inside the content folder and what to make. */
export interface CorpusImage {
  readonly path: string;
  readonly image: ImagePlan;
}

/** Sub-streams of the generator: one per kind of decision, so adding a registry entry does not change every story. */
export const STREAM = { organisations: 1, speakers: 2, events: 3, tags: 4, story: 5, body: 6, title: 7 } as const;
/** Sub-streams of the two language versions of a story. */
export const LANG_STREAM: Readonly<Record<Lang, number>> = { en: 1, zh: 2 };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day. */
export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** The `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** The first publication day as a day number. */
export const FIRST = dayNumber(FIRST_DAY);
/** The last publication day as a day number. */
export const LAST = dayNumber(LAST_DAY);

/** Capitalises the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The path of one language version of a story, inside the content folder. */
export function articlePath(story: StoryPlan, lang: Lang): string {
  return `articles/${story.year}/${story.slug}/${lang}.md`;
}
