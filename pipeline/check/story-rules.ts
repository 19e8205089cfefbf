/**
 * The checker's story rules: the languages of one story folder against each other (the primary
 * file's date and its folder's year, facts shared by every language, covers, drafts), and slugs
 * unique across years. They run with the fields each file could give: a file with an invalid field
 * still takes part, its other fields compared, its invalid ones reported with the file.
 */
import type { PublishedAt } from '#lib/dates.ts';
import {
  buildStories,
  describeSharedField,
  driftedFields,
  primaryLanguage,
  type SharedField,
  type Story,
} from '#lib/stories.ts';
import type { ArticleData, CheckedArticle } from './articles.ts';
import { AT_START, type CheckRun } from './check-run.ts';

/** The article files of each story folder (`YYYY/slug`), in file order. */
export type StoryFolders = Map<string, CheckedArticle[]>;

/** A story version's fields as the checker could read them, with what the story rules need filled in. */
export type CheckedStoryData = Partial<ArticleData> & {
  readonly language: string;
  readonly draft: boolean;
  readonly date: PublishedAt;
};

/**
 * The stories the build will publish, by the build's own rule (`buildStories`: drafts left out,
 * shared facts inherited, newest first), from the fields each file could give. A date that could not
 * be read counts as 1 January of the folder's year: its error is reported with the file, and the
 * story's pages will exist once it is fixed.
 */
export function publishedStories(
  articles: readonly CheckedArticle[],
  locales: readonly string[],
): Story<CheckedStoryData>[] {
  return buildStories(
    articles.map((a) => ({
      id: `${a.year}/${a.slug}/${a.language}`,
      data: {
        ...a.facts,
        language: a.language,
        draft: a.facts.draft ?? false,
        date: a.facts.date ?? { day: `${a.year}-01-01`, instant: `${a.year}-01-01T00:00:00.000Z`, hasTime: false },
      },
    })),
    locales,
  );
}

/** Groups article files by their story folder. */
export function groupStories(articles: readonly CheckedArticle[]): StoryFolders {
  const stories: StoryFolders = new Map();
  for (const a of articles) {
    const key = `${a.year}/${a.slug}`;
    stories.set(key, [...(stories.get(key) ?? []), a]);
  }
  return stories;
}

/** Reports what is wrong between the files of each story, and slugs used in more than one year. */
export function checkStories(run: CheckRun, stories: StoryFolders): void {
  const slugHome = new Map<string, string>();
  for (const [key, members] of stories) {
    const [year = '', slug = ''] = key.split('/');
    if (!members[0]) continue;
    const earlier = slugHome.get(slug);
    if (earlier !== undefined) {
      for (const m of members) {
        run.report(
          m.rel,
          AT_START,
          'error',
          '(folder)',
          `story slug "${slug}" is already used by ${run.display(`articles/${earlier}/${slug}`)}: slugs must be unique across years, rename this folder`,
        );
      }
    } else {
      slugHome.set(slug, year);
    }
    const primaryLang = primaryLanguage(
      members.map((m) => m.language),
      run.locales,
    );
    const primary = members.find((m) => m.language === primaryLang);
    // Without readable frontmatter in the primary there is nothing to compare with (reported with the file).
    if (primary?.raw) checkStoryMembers(run, year, primary, primary.raw, members);
  }
}

/** The primary file's date, and every other language of the story against the primary (`primaryRaw`: its frontmatter). */
function checkStoryMembers(
  run: CheckRun,
  year: string,
  primary: CheckedArticle,
  primaryRaw: Record<string, unknown>,
  members: readonly CheckedArticle[],
): void {
  const main = primary.facts;
  if (primaryRaw['date'] === undefined) {
    run.report(
      primary.rel,
      primary.locate([]),
      'error',
      'date',
      `date is missing: the story's primary file (${primary.language}.md) must give the publication date, e.g. date: ${year}-01-31`,
    );
  } else if (main.date && main.date.day.slice(0, 4) !== year) {
    run.report(
      primary.rel,
      primary.locate(['date']),
      'error',
      'date',
      `date ${main.date.day} is not in ${year}: move the story folder to articles/${main.date.day.slice(0, 4)}/ or fix the date`,
    );
  }
  // A shared field the primary gives but that could not be read has no value to compare with.
  const unreadable = (field: SharedField): boolean => primaryRaw[field] !== undefined && main[field] === undefined;
  for (const m of members) {
    if (m === primary || !m.raw) continue;
    for (const field of driftedFields(main, m.facts)) {
      if (unreadable(field)) continue;
      run.report(
        m.rel,
        m.locate([field]),
        'error',
        field,
        `${field} ${describeSharedField(m.facts, field)} differs from ${primary.language}.md (${describeSharedField(main, field)}): remove it here to inherit, or make both agree`,
      );
    }
    if (primaryRaw['cover'] !== undefined && m.raw['cover'] === undefined) {
      run.report(
        m.rel,
        m.locate([]),
        'warning',
        'cover',
        `no cover: the ${primary.language}.md cover is used, with its alt text and caption in ${primary.language}; add a cover with ${m.language} text`,
      );
    }
    if (m.facts.draft === false && main.draft === true) {
      run.report(
        m.rel,
        m.locate(['draft']),
        'warning',
        'draft',
        `${primary.language}.md is a draft but this translation is not: the translation will be published alone`,
      );
    }
  }
}
