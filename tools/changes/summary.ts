/**
 * The heart of `npm run changes`: turns the changed files of the content folder into stories
 * (grouped per story and language, with preview URLs, the translation status of each story and the
 * alias a moved version needs), registry entries and other files, and splits the checker's problems
 * into those in touched files and the rest. Pure: the command does the git and file access (git.ts,
 * read.ts) and hands the results in.
 */
import type { Problem } from '#pipeline/check/problems.ts';
import { classifyContentPath, REGISTRY_COLLECTIONS } from '#pipeline/check/layout.ts';
import { storyPath } from '#lib/paths.ts';
import type { CollectionName } from '#schemas/common.ts';
import type { AssetChange, ContentChanges, RegistryChange, StoryChange, VersionChange } from './model.ts';
import type { FileChange } from './name-status.ts';
import { aliasHint } from './aliases.ts';
import { articleOf, assetStory, inContent } from './paths.ts';
import type { FileFacts } from './read.ts';
import { storyTranslations } from './translations.ts';

/** What `summariseChanges` needs. */
export interface SummaryInput {
  /** The changed files. */
  readonly changes: readonly FileChange[];
  /** The content folder, relative to the repository root (`content`, or '' for the root). */
  readonly contentPrefix: string;
  /** Configured locale codes, default first. */
  readonly locales: readonly string[];
  /** Every article file at the head commit (repository-relative), to tell new stories from changed ones. */
  readonly headArticles: readonly string[];
  /** Contents of the files `planReads` asked for, by path (head versions; base versions of removed files). */
  readonly facts: ReadonlyMap<string, FileFacts>;
  /** Absolute site URL of the preview (`SITE_URL`). */
  readonly siteUrl: string;
  /** Base path of the preview (`BASE_PATH`), e.g. `/previews/pr-42/`. */
  readonly basePath: string;
  /** Checker problems of the head working tree (paths repository-relative), or none when not run. */
  readonly problems: readonly Problem[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The preview page of one language version of a story. */
type UrlOf = (year: string, slug: string, language: string) => string;

/** A story while its changed files are gathered: versions by language, files beside them. */
interface StoryDraft {
  readonly versions: Map<string, VersionChange>;
  readonly assets: AssetChange[];
}

/** The changed files sorted into stories, registry entries and other files. */
interface Grouped {
  readonly stories: Map<string, StoryDraft>;
  readonly registry: RegistryChange[];
  readonly other: AssetChange[];
  /** Files that exist at head and changed: the checker's problems in them concern the change. */
  readonly touchedFiles: Set<string>;
}

/** A language version of a story at the head commit. */
interface HeadVersion {
  readonly year: string;
  readonly slug: string;
  readonly language: string;
  readonly file: string;
}

/** The alias hint of a version moved here from another story folder or language, else null. */
function movedAlias(
  v: VersionChange,
  input: SummaryInput,
  headByStory: ReadonlyMap<string, readonly HeadVersion[]>,
): VersionChange['alias'] {
  if (v.movedFrom === null) return null;
  const from = articleOf(v.movedFrom, input.contentPrefix, input.locales);
  const to = articleOf(v.file, input.contentPrefix, input.locales);
  if (!from || !to) return null;
  return aliasHint({
    from,
    to,
    wasDraft: input.facts.get(v.movedFrom)?.draft ?? false,
    oldStoryRemains: (headByStory.get(`${from.year}/${from.slug}`) ?? []).length > 0,
    aliases: input.facts.get(v.file)?.aliases ?? [],
  });
}

/** Groups changed files into stories, registry entries and other files, with preview URLs. */
export function summariseChanges(input: SummaryInput): ContentChanges {
  const urlOf = previewUrls(input.siteUrl, input.basePath);
  const grouped = groupChanges(input, urlOf);
  const headByStory = headVersionsByStory(input.headArticles, input.contentPrefix, input.locales);
  const keys = [...grouped.stories.keys()].sort(byString);
  const translations = storyTranslations(
    keys.flatMap((key) => headByStory.get(key) ?? []),
    input.facts,
    input.locales,
  );
  const stories: StoryChange[] = [];
  for (const key of keys) {
    const atHead = headByStory.get(key) ?? [];
    for (const { file } of atHead) grouped.touchedFiles.add(file);
    const story = completeStory(key, grouped.stories.get(key)!, atHead, input, urlOf);
    stories.push({
      ...story,
      versions: story.versions.map((v) => ({ ...v, alias: movedAlias(v, input, headByStory) })),
      translations: story.status === 'removed' ? null : (translations.get(key) ?? null),
    });
  }
  return {
    stories,
    registry: sortRegistry(grouped.registry),
    other: grouped.other.sort((a, b) => byString(a.file, b.file) || byString(a.status, b.status)),
    ...splitProblems(input.problems, grouped.touchedFiles),
  };
}

/** Preview URLs under the preview's site URL and base path. */
function previewUrls(siteUrl: string, basePath: string): UrlOf {
  return (year, slug, language) =>
    // `|` is legal in a URL path but ends a Markdown table cell; the site URL comes from configuration.
    new URL(storyPath(basePath, language, { year, slug }), siteUrl).href.replaceAll('|', '%7C');
}

/** Sorts each changed file of the content folder into its story, the registry or the other files. */
function groupChanges(input: SummaryInput, urlOf: UrlOf): Grouped {
  const { contentPrefix, locales, facts } = input;
  const stories = new Map<string, StoryDraft>();
  const story = (key: string): StoryDraft => {
    let s = stories.get(key);
    if (!s) stories.set(key, (s = { versions: new Map(), assets: [] }));
    return s;
  };
  const registry: RegistryChange[] = [];
  const other: AssetChange[] = [];
  const touchedFiles = new Set<string>();
  for (const c of input.changes) {
    const rel = inContent(c.path, contentPrefix);
    if (rel === undefined) continue;
    if (c.status !== 'removed') touchedFiles.add(c.path);
    const kind = classifyContentPath(rel, locales);
    const fact = facts.get(c.path);
    if (kind.kind === 'article') {
      const published = c.status !== 'removed' && !(fact?.draft ?? false);
      story(`${kind.year}/${kind.slug}`).versions.set(kind.language, {
        language: kind.language,
        status: c.status,
        file: c.path,
        title: fact?.title ?? null,
        draft: fact?.draft ?? false,
        url: published ? urlOf(kind.year, kind.slug, kind.language) : null,
        movedFrom: c.movedFrom ?? null,
        movedTo: c.movedTo ?? null,
        alias: null,
      });
    } else if (kind.kind === 'entry') {
      registry.push({
        collection: kind.collection,
        id: kind.id,
        status: c.status,
        file: c.path,
        name: fact?.title ?? null,
        movedFrom: c.movedFrom ?? null,
        movedTo: c.movedTo ?? null,
      });
    } else {
      const key = assetStory(c.path, contentPrefix, locales);
      if (key) story(key).assets.push({ file: c.path, status: c.status });
      else other.push({ file: c.path, status: c.status });
    }
  }
  return { stories, registry, other, touchedFiles };
}

/** The language versions of every story at the head commit, by story key. */
function headVersionsByStory(
  headArticles: readonly string[],
  contentPrefix: string,
  locales: readonly string[],
): Map<string, HeadVersion[]> {
  const byStory = new Map<string, HeadVersion[]>();
  for (const file of headArticles) {
    const a = articleOf(file, contentPrefix, locales);
    if (!a) continue;
    const key = `${a.year}/${a.slug}`;
    byStory.set(key, [...(byStory.get(key) ?? []), { year: a.year, slug: a.slug, language: a.language, file }]);
  }
  return byStory;
}

/**
 * A gathered story's final form. Versions at head that did not change tell a new story from a
 * changed one, and when files beside them changed (a new cover image) they are listed too, since
 * their pages look different. Versions come in locale order, files beside them by path.
 */
function completeStory(
  key: string,
  draft: StoryDraft,
  atHead: readonly HeadVersion[],
  input: SummaryInput,
  urlOf: UrlOf,
): Omit<StoryChange, 'translations'> {
  const [year = '', slug = ''] = key.split('/');
  if (draft.assets.length > 0) {
    for (const { language, file } of atHead) {
      if (draft.versions.has(language)) continue;
      const fact = input.facts.get(file);
      draft.versions.set(language, {
        language,
        status: 'unchanged',
        file,
        title: fact?.title ?? null,
        draft: fact?.draft ?? false,
        url: fact?.draft ? null : urlOf(year, slug, language),
        movedFrom: null,
        movedTo: null,
        alias: null,
      });
    }
  }
  const versions = [...draft.versions.values()];
  const existedBefore =
    versions.some((v) => v.status === 'removed' || v.status === 'modified' || v.status === 'unchanged') ||
    atHead.some((h) => draft.versions.get(h.language)?.status !== 'added');
  const status = atHead.length === 0 ? 'removed' : existedBefore ? 'changed' : 'added';
  const order = (language: string): number => {
    const i = input.locales.indexOf(language);
    return i === -1 ? input.locales.length : i;
  };
  return {
    story: key,
    year,
    slug,
    status,
    versions: versions.sort((a, b) => order(a.language) - order(b.language) || byString(a.language, b.language)),
    assets: draft.assets.sort((a, b) => byString(a.file, b.file)),
  };
}

/** Registry entries in collection order (as the checker lists them), then by id. */
function sortRegistry(registry: RegistryChange[]): RegistryChange[] {
  const collectionOrder = (c: CollectionName): number => REGISTRY_COLLECTIONS.indexOf(c);
  return registry.sort(
    (a, b) =>
      collectionOrder(a.collection) - collectionOrder(b.collection) ||
      byString(a.id, b.id) ||
      byString(a.status, b.status),
  );
}

/** The checker's problems in touched files, and a count of those elsewhere. */
function splitProblems(
  problems: readonly Problem[],
  touchedFiles: ReadonlySet<string>,
): Pick<ContentChanges, 'problems' | 'problemsElsewhere'> {
  const elsewhere = problems.filter((p) => !touchedFiles.has(p.file));
  const errors = elsewhere.filter((p) => p.severity === 'error').length;
  return {
    problems: problems.filter((p) => touchedFiles.has(p.file)),
    problemsElsewhere: { errors, warnings: elsewhere.length - errors },
  };
}
