/**
 * What `npm run import` knows of the archive before it writes: the article files already in the
 * content folder (read safely, never through a link), whether a story of the release is one of them
 * (a duplicate), and whether it is the other-language version of one of them (a translation).
 *
 * Duplicates: a story of the release is already in the archive when a file has
 * - the same source address (`source:`, when the release gives one: `Source: https://…`), or
 * - the same day and a similar title in the same language (Dice ≥ {@link TITLE_SIMILARITY} of the
 *   normalised titles: character bigrams for Chinese, words for Latin text; text-similarity.ts), or
 * - the same opening paragraph (Dice ≥ {@link OPENING_SIMILARITY}: equal once normalised, or nearly,
 *   such as after an editor fixed a typo or the punctuation).
 * Translations: a story in language B is the B version of an existing story in language A when the
 * story has no B file, and both are of the same day, name the same event (both must name one) and
 * share speakers (Jaccard ≥ {@link SPEAKER_OVERLAP}, or both name none).
 */
import path from 'node:path';
import { parsePublishedAt } from '#lib/dates.ts';
import { primaryLanguage } from '#lib/stories.ts';
import { readSourceArticle, type SourceArticle } from './article-translation.ts';
import { TODO } from './article-file.ts';
import { articlePath, type ContentState, type StoryFolder } from './content-folder.ts';
import { EditorFileError, readContentFile } from './content-io.ts';
import { dice } from './text-similarity.ts';

/** Title similarity (Dice) from which two titles of the same day are the same story. */
export const TITLE_SIMILARITY = 0.8;
/** Opening-paragraph similarity (Dice) from which two texts are the same story. */
export const OPENING_SIMILARITY = 0.9;
/** Speaker overlap (Jaccard) from which two versions of the same day and event are one story. */
export const SPEAKER_OVERLAP = 0.5;

/** One article file of the archive, with the facts it inherits from its story's primary file. */
export interface ArchiveFile {
  /** Path relative to the content folder. */
  readonly rel: string;
  /** The story folder. */
  readonly story: StoryFolder;
  /** The file's language. */
  readonly language: string;
  /** Whether it is the story's primary file. */
  readonly primary: boolean;
  /** The file's fields. */
  readonly article: SourceArticle;
  /** The story's day (`YYYY-MM-DD`), its own or the primary's. */
  readonly day?: string;
  /** The story's event, its own or the primary's. */
  readonly event?: string;
  /** The story's speaker ids, its own or the primary's. */
  readonly speakers: readonly string[];
  /** The first paragraph of its body, as written. */
  readonly opening?: string;
}

/** The archive as the import reads it, and the files it could not read (named in the report). */
export interface Archive {
  /** Files read. */
  readonly files: readonly ArchiveFile[];
  /** Files that could not be read or have no title (npm run check says why), relative paths. */
  readonly unreadable: readonly string[];
}

/** The first paragraph of a Markdown body: skips comments, headings, images, directives and tables. */
export function openingParagraph(body: string): string | undefined {
  for (const block of body.split(/\n[ \t]*\n/u)) {
    const text = block.trim();
    if (text === '' || /^(?:<!--|#|!\[|:::|\||<)/u.test(text)) continue;
    return text;
  }
  return undefined;
}

/**
 * Reads the article files of the stories in `years` (every year when undefined). A file that
 * cannot be read or parsed is listed as unreadable, never a reason to stop: `npm run check` explains.
 */
export async function readArchive(
  contentDir: string,
  state: ContentState,
  options: { readonly years?: ReadonlySet<string>; readonly locales: readonly string[]; readonly timeZone: string },
): Promise<Archive> {
  const files: ArchiveFile[] = [];
  const unreadable: string[] = [];
  for (const story of state.stories) {
    if (options.years !== undefined && !options.years.has(story.year)) continue;
    const read = new Map<string, SourceArticle>();
    for (const language of story.languages) {
      const rel = articlePath(story.year, story.slug, language);
      try {
        const parsed = readSourceArticle(await readContentFile(contentDir, rel));
        if (parsed.ok) read.set(language, parsed.value);
        else unreadable.push(rel);
      } catch (error) {
        if (!(error instanceof EditorFileError)) throw error;
        unreadable.push(rel);
      }
    }
    const primaryCode = primaryLanguage(story.languages, options.locales);
    const primary = primaryCode === undefined ? undefined : read.get(primaryCode);
    for (const [language, article] of read) {
      const date = article.shared.date ?? primary?.shared.date;
      const parsedDate = date === undefined ? undefined : parsePublishedAt(date, options.timeZone);
      const event = article.shared.event ?? primary?.shared.event;
      const speakers = (article.speakers.length > 0 ? article.speakers : (primary?.speakers ?? [])).map((s) => s.id);
      const opening = openingParagraph(article.body);
      files.push({
        rel: articlePath(story.year, story.slug, language),
        story,
        language,
        primary: language === primaryCode,
        article,
        ...(parsedDate?.ok ? { day: parsedDate.value.day } : {}),
        ...(event !== undefined ? { event } : {}),
        speakers,
        ...(opening !== undefined ? { opening } : {}),
      });
    }
  }
  return { files, unreadable };
}

/** A story of the release, as far as the archive is compared with it. */
export interface IncomingStory {
  /** Language code. */
  readonly language: string;
  /** The release's title for it (none when the release gives none). */
  readonly title?: string;
  /** The publication day. */
  readonly day: string;
  /** The source address the release gives for it. */
  readonly source?: string;
  /** Its first paragraph. */
  readonly opening?: string;
  /** The event it is filed under. */
  readonly event?: string;
  /** Its speaker ids. */
  readonly speakers: readonly string[];
}

/** One reason a file is taken for the same story. */
export interface DuplicateCriterion {
  /** `source`: same address; `title`: same day, similar title; `opening`: same opening paragraph. */
  readonly kind: 'source' | 'title' | 'opening';
  /** Similarity, 0 to 1 (1 for the same address). */
  readonly similarity: number;
}

/** A file of the archive that is the same story as one of the release. */
export interface DuplicateMatch {
  /** The file, relative to the content folder. */
  readonly rel: string;
  /** Every criterion it meets. */
  readonly criteria: readonly DuplicateCriterion[];
}

/** A web address for comparison: no fragment, no trailing slash, host in lower case (URL does that). */
function sameAddress(a: string, b: string): boolean {
  const key = (url: string): string => {
    try {
      const u = new URL(url);
      u.hash = '';
      return u.href.replace(/\/$/u, '');
    } catch {
      return url.trim();
    }
  };
  return key(a) === key(b);
}

/** Whether a title is an import's placeholder (`TODO title …`), which says nothing about the story. */
const isTodoTitle = (title: string): boolean => title.startsWith(TODO);

/** Rounds down, so that a figure shown as 0.80 did pass a 0.8 threshold. */
const figure = (n: number): number => Math.floor(n * 100) / 100;

/** The files of the archive that are the same story as `story`, with the criteria each meets. */
export function findDuplicates(story: IncomingStory, archive: readonly ArchiveFile[]): DuplicateMatch[] {
  const matches: DuplicateMatch[] = [];
  for (const file of archive) {
    const criteria: DuplicateCriterion[] = [];
    if (
      story.source !== undefined &&
      file.article.source !== undefined &&
      sameAddress(story.source, file.article.source)
    ) {
      criteria.push({ kind: 'source', similarity: 1 });
    }
    if (
      story.title !== undefined &&
      file.language === story.language &&
      file.day === story.day &&
      !isTodoTitle(file.article.title)
    ) {
      const similarity = dice(story.title, file.article.title);
      if (similarity >= TITLE_SIMILARITY) criteria.push({ kind: 'title', similarity: figure(similarity) });
    }
    if (story.opening !== undefined && file.opening !== undefined) {
      const similarity = dice(story.opening, file.opening);
      if (similarity >= OPENING_SIMILARITY) criteria.push({ kind: 'opening', similarity: figure(similarity) });
    }
    if (criteria.length > 0) matches.push({ rel: file.rel, criteria });
  }
  return matches;
}

/** The Jaccard index of two id lists (1 when both are empty). */
function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const id of sa) if (sb.has(id)) common++;
  return common / (sa.size + sb.size - common);
}

/** An existing story that a story of the release is the other-language version of. */
export interface TranslationMatch {
  /** The primary file it translates. */
  readonly file: ArchiveFile;
  /** Speaker overlap (Jaccard), for the report. */
  readonly speakers: number;
}

/**
 * The existing story that `story` translates (see the module comment), or undefined when none does
 * or several do equally well (the editor then says which with `--translation-of`).
 */
export function findTranslationOf(
  story: IncomingStory,
  archive: readonly ArchiveFile[],
): { readonly match?: TranslationMatch; readonly ambiguous: readonly string[] } {
  if (story.event === undefined) return { ambiguous: [] };
  const candidates = archive
    .filter(
      (f) => f.primary && !f.story.languages.includes(story.language) && f.day === story.day && f.event === story.event,
    )
    .map((file) => ({ file, speakers: jaccard(story.speakers, file.speakers) }))
    .filter((c) => c.speakers >= SPEAKER_OVERLAP)
    .sort((a, b) => b.speakers - a.speakers);
  const [best, second] = candidates;
  if (best === undefined) return { ambiguous: [] };
  if (second !== undefined && second.speakers === best.speakers) {
    return { ambiguous: candidates.filter((c) => c.speakers === best.speakers).map((c) => c.file.rel) };
  }
  return { match: { file: best.file, speakers: figure(best.speakers) }, ambiguous: [] };
}

/** `year/slug` of a story folder, as `--translation-of` takes it. */
export function storyRef(story: StoryFolder): string {
  return path.posix.join(story.year, story.slug);
}
