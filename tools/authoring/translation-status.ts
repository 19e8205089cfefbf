/**
 * The translation status of an archive, from its article versions (read by status.ts): which stories
 * exist in which languages, which translations are missing, and which are older than their story's
 * primary file.
 *
 * Staleness, precisely: a story's primary file (the default locale's, else the first configured
 * locale present, as for inheritance) was last changed on its `updated`, else its `date`. A
 * translation was last changed on its own `updated`, else its own `date`, else the primary's `date`
 * (which it inherits). The translation is stale when the primary's last change is later than the
 * translation's: compared as instants when both values carry a clock time, otherwise as calendar days
 * (a date-only value names a day, not midnight), so an update on the same day is never stale.
 */
import type { PublishedAt } from '#lib/dates.ts';
import { primaryLanguage } from '#lib/stories.ts';
import type { ArticleVersion } from './status.ts';

/** An article file the checker would reject, with the first reason. */
export interface UnreadableFile {
  /** Path as shown to the user. */
  readonly file: string;
  /** The first problem, with its line. */
  readonly message: string;
}

/** Counts for one locale. */
export interface LocaleStatus {
  /** Files in this language. */
  readonly versions: number;
  /** Of those, the ones that are published (not drafts). */
  readonly published: number;
  /** Of those, the drafts. */
  readonly drafts: number;
  /** Stories whose primary file is in this language. */
  readonly primary: number;
  /** Versions in this language that are translations (not the story's primary file). */
  readonly translations: number;
  /** Stories without a file in this language. */
  readonly missing: number;
  /** Translations in this language older than their primary file. */
  readonly stale: number;
}

/** A story without a version in some configured language. */
export interface MissingTranslation {
  /** `YYYY/slug`. */
  readonly story: string;
  /** Year folder. */
  readonly year: string;
  /** Story slug. */
  readonly slug: string;
  /** The languages it has, in locale order. */
  readonly languages: string[];
  /** Of those, the ones that are drafts. */
  readonly drafts: string[];
  /** The configured languages it lacks, in locale order. */
  readonly missing: string[];
}

/** A translation older than its story's primary file. */
export interface StaleTranslation {
  /** `YYYY/slug`. */
  readonly story: string;
  /** Year folder. */
  readonly year: string;
  /** Story slug. */
  readonly slug: string;
  /** The translation's language. */
  readonly language: string;
  /** The translation's file. */
  readonly file: string;
  /** Whether the translation is a draft. */
  readonly draft: boolean;
  /** The translation's last change (`YYYY-MM-DD`, or an ISO instant when a time was given). */
  readonly changed: string;
  /** Where that came from: its own `updated` or `date`, or the `date` it inherits. */
  readonly changedFrom: 'updated' | 'date' | 'inherited date';
  /** The primary file's language. */
  readonly primary: string;
  /** The primary file's last change. */
  readonly primaryChanged: string;
  /** Where that came from: the primary's `updated` or `date`. */
  readonly primaryChangedFrom: 'updated' | 'date';
}

/** The whole translation status of an archive. */
export interface StatusReport {
  /** Configured locales, default first. */
  readonly locales: string[];
  /** Story folders. */
  readonly stories: number;
  /** Article files. */
  readonly versions: number;
  /** Stories with a file in every configured language. */
  readonly complete: number;
  /** Counts per locale, in locale order. */
  readonly byLocale: Record<string, LocaleStatus>;
  /** Stories lacking a language, by story. */
  readonly missing: MissingTranslation[];
  /** Stale translations, by story then locale. */
  readonly stale: StaleTranslation[];
  /** Files the checker would reject, by path. */
  readonly unreadable: UnreadableFile[];
}

/** A publication value as status shows it: the day for date-only values, the instant otherwise. */
function show(value: PublishedAt): string {
  return value.hasTime ? value.instant : value.day;
}

/** Whether `a` is later than `b`: as instants when both carry a time, otherwise as calendar days. */
export function isLater(a: PublishedAt, b: PublishedAt): boolean {
  return a.hasTime && b.hasTime ? a.instant > b.instant : a.day > b.day;
}

/** Computes the translation status from the article versions of an archive. */
export function translationStatus(versions: readonly ArticleVersion[], locales: readonly string[]): StatusReport {
  const stories = new Map<string, ArticleVersion[]>();
  for (const v of versions) {
    const key = `${v.year}/${v.slug}`;
    const list = stories.get(key);
    if (list) list.push(v);
    else stories.set(key, [v]);
  }
  const counts = new Map(
    locales.map((l) => [
      l,
      { versions: 0, published: 0, drafts: 0, primary: 0, translations: 0, missing: 0, stale: 0 },
    ]),
  );
  const missing: MissingTranslation[] = [];
  const stale: StaleTranslation[] = [];
  let complete = 0;
  const keys = [...stories.keys()].sort();
  for (const key of keys) {
    const members = stories.get(key) ?? [];
    const [year = '', slug = ''] = key.split('/');
    const byLang = new Map(members.map((m) => [m.language, m]));
    const primaryLang = primaryLanguage(byLang.keys(), locales);
    const primary = primaryLang === undefined ? undefined : byLang.get(primaryLang);
    for (const m of members) {
      const c = counts.get(m.language);
      if (!c) continue;
      c.versions++;
      if (m.draft) c.drafts++;
      else c.published++;
      if (m === primary) c.primary++;
      else c.translations++;
    }
    const have = locales.filter((l) => byLang.has(l));
    const lacking = locales.filter((l) => !byLang.has(l));
    if (lacking.length === 0) complete++;
    else {
      for (const l of lacking) {
        const c = counts.get(l);
        if (c) c.missing++;
      }
      missing.push({
        story: key,
        year,
        slug,
        languages: have,
        drafts: have.filter((l) => byLang.get(l)?.draft),
        missing: lacking,
      });
    }
    // The primary's age must be known; a dateless primary is a checker error, not a stale translation.
    if (!primary?.datesKnown || primaryLang === undefined) continue;
    const primaryChangedFrom = primary.updated ? 'updated' : 'date';
    const primaryChanged = primary.updated ?? primary.date;
    if (!primaryChanged) continue;
    for (const language of locales) {
      const t = byLang.get(language);
      if (!t || t === primary || !t.datesKnown) continue;
      const changedFrom = t.updated ? 'updated' : t.date ? 'date' : 'inherited date';
      const changed = t.updated ?? t.date ?? primary.date;
      if (!changed || !isLater(primaryChanged, changed)) continue;
      const c = counts.get(language);
      if (c) c.stale++;
      stale.push({
        story: key,
        year,
        slug,
        language,
        file: t.file,
        draft: t.draft,
        changed: show(changed),
        changedFrom,
        primary: primaryLang,
        primaryChanged: show(primaryChanged),
        primaryChangedFrom,
      });
    }
  }
  const unreadable = versions
    .flatMap((v) => (v.problem === undefined ? [] : [{ file: v.file, message: v.problem }]))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    locales: [...locales],
    stories: stories.size,
    versions: versions.length,
    complete,
    byLocale: Object.fromEntries(locales.map((l) => [l, counts.get(l)!])),
    missing,
    stale,
    unreadable,
  };
}
