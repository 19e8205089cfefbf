/**
 * The translation status of the stories a change touches, by the rule of `npm run status`
 * (tools/authoring/translation-status.ts, called here on those stories' versions at the head
 * commit), so the pull-request summary and `npm run status` never disagree on what is stale.
 */
import { primaryLanguage } from '#lib/stories.ts';
import type { ArticleVersion } from '#tools/authoring/status.ts';
import { translationStatus } from '#tools/authoring/translation-status.ts';
import type { StoryTranslations } from './model.ts';
import type { FileFacts } from './read.ts';

/** One language version of a story at the head commit. */
export interface HeadFile {
  /** Year folder. */
  readonly year: string;
  /** Slug. */
  readonly slug: string;
  /** Language. */
  readonly language: string;
  /** The file (repository-relative). */
  readonly file: string;
}

/**
 * The translation status of each story (`YYYY/slug`) whose versions are given. A version whose
 * dates were not read counts as present but of unknown age, so it is never called stale.
 */
export function storyTranslations(
  files: readonly HeadFile[],
  facts: ReadonlyMap<string, FileFacts>,
  locales: readonly string[],
): Map<string, StoryTranslations> {
  const versions: ArticleVersion[] = files.map((f) => {
    const fact = facts.get(f.file);
    return {
      ...f,
      title: fact?.title,
      draft: fact?.draft ?? false,
      date: fact?.dates?.date,
      updated: fact?.dates?.updated,
      datesKnown: fact?.dates?.datesKnown ?? false,
      problem: undefined,
    };
  });
  const report = translationStatus(versions, locales);
  const byStory = new Map<string, StoryTranslations>();
  for (const f of files) {
    const key = `${f.year}/${f.slug}`;
    if (byStory.has(key)) continue;
    const have = new Set(files.filter((g) => g.year === f.year && g.slug === f.slug).map((g) => g.language));
    byStory.set(key, {
      primary: primaryLanguage(have, locales) ?? null,
      languages: locales.filter((l) => have.has(l)),
      missing: report.missing.find((m) => m.story === key)?.missing ?? [],
      stale: report.stale
        .filter((s) => s.story === key)
        .map(({ language, file, changed, changedFrom, primary, primaryChanged, primaryChangedFrom }) => ({
          language,
          file,
          changed,
          changedFrom,
          primary,
          primaryChanged,
          primaryChangedFrom,
        })),
    });
  }
  return byStory;
}
