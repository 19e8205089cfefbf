/**
 * `npm run import`'s logic: a raw press release becomes draft stories, one file per story, with the
 * registry's people, organisations and events filled in and everything the release does not give
 * (titles, summaries, photos) left as `TODO` placeholders that `npm run check` reports as warnings.
 *
 * Photo credits: the raw text has credits but no images, and an image line pointing at a missing file
 * would fail the build. So each credit becomes an HTML comment at its place in the body,
 * `<!-- TODO photo: … (Photo: ZGC Forum) … -->`: the checker warns about it (a to-do), the renderer
 * drops it (comments are never published), and it says exactly what to write once the photo is saved.
 * The credits are also pre-filled in the file's commented `cover` hint and listed in the report.
 */
import { parseCalendarDay } from '#lib/dates.ts';
import { clip, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH, renderArticle, TODO, todoText } from './article-file.ts';
import { articlePath, storiesWithSlug, type ContentState } from './content-folder.ts';
import {
  findNames,
  idsOf,
  mainEvent,
  namePatterns,
  unknownPeople,
  type NameMatch,
  type UnknownName,
} from './name-matcher.ts';
import { parseRelease, type ReleaseStory } from './press-release.ts';
import { firstSentence, type LanguageScripts, type PhotoCredit } from './release-blocks.ts';
import { slugify, suffixedSlug } from '#pipeline/check/slug.ts';

/** What the import needs besides the raw text. */
export interface ImportContext {
  /** The content folder's stories and registry. */
  readonly state: ContentState;
  /** Configured locales with their scripts, default first. */
  readonly locales: readonly LanguageScripts[];
  /** The release's file name, quoted in the drafts. */
  readonly sourceName: string;
  /** `YYYY-MM-DD` given on the command line; wins over the release's date line. */
  readonly date?: string;
  /** Overwrite files that exist. */
  readonly force?: boolean;
}

/** A registry name found in a story. */
export interface FoundName {
  /** `speakers`, `organisations` or `events`. */
  readonly collection: NameMatch['collection'];
  /** The entry's id. */
  readonly id: string;
  /** The name as the release writes it. */
  readonly text: string;
}

/** One story the import will write. */
export interface PlannedStory {
  /** Path relative to the content folder. */
  readonly rel: string;
  /** Language code. */
  readonly language: string;
  /** The title written (a to-do when the release gives none). */
  readonly title: string;
  /** Whether the title is a to-do. */
  readonly titleIsTodo: boolean;
  /** How many paragraphs the body has. */
  readonly paragraphs: number;
  /** Photo credits, in order. */
  readonly credits: readonly PhotoCredit[];
  /** Event id, if one was named. */
  readonly event?: string;
  /** Speaker ids, in order of mention. */
  readonly speakers: readonly string[];
  /** Organisation ids, in order of mention. */
  readonly organisations: readonly string[];
  /** Every registry name found, once per entry, in order of mention. */
  readonly found: readonly FoundName[];
  /** People named who are not in the registry. */
  readonly unknown: readonly UnknownName[];
  /** Whether an existing file is replaced (`--force`). */
  readonly overwrites: boolean;
  /** The file's text. */
  readonly text: string;
}

/** The import's outcome: the files to write, or every reason not to write any. */
export type ImportPlan =
  | {
      readonly ok: true;
      /** The publication day and where it came from. */
      readonly date: { readonly day: string; readonly from: string };
      /** The stories, in order of first appearance in the release. */
      readonly stories: readonly PlannedStory[];
    }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Backslash-escapes what Markdown would read as markup in plain text (web addresses are left alone). */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(https?:\/\/\S+)/u)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\`*_]|<(?=[A-Za-z/!?])/g, '\\$&')))
    .join('')
    .replace(/^([#>+=-])(?=\s|$)/u, '\\$1')
    .replace(/^(\d+)([.)])(?=\s)/u, '$1\\$2');
}

/** The to-do comment that stands where the release had a photo. */
export function photoTodo(credit: PhotoCredit): string {
  // `--` may not appear inside an HTML comment.
  const shown = credit.credit.replace(/-{2,}/g, '-');
  return `<!-- ${TODO} photo: the release has a photo here, credited "${shown}". Save it beside this file, then replace this line with ![what it shows](./photo.jpg) and, on the next line, (${shown}) -->`;
}

/** The body of an imported story: paragraphs and photo to-dos, in the release's order. */
function storyBody(story: ReleaseStory): string {
  return story.parts.map((p) => (p.kind === 'paragraph' ? escapeMarkdown(p.text) : photoTodo(p))).join('\n\n');
}

/** Turns a raw press release into planned draft files. */
export function planImport(raw: string, context: ImportContext): ImportPlan {
  const { state } = context;
  const release = parseRelease(raw, context.locales);
  const errors: string[] = [];
  let date: { day: string; from: string } | undefined;
  if (context.date !== undefined) {
    const checked = parseCalendarDay(context.date);
    if (checked.ok) date = { day: checked.value, from: '--date' };
    else errors.push(`--date: ${checked.message}`);
  } else if (release.date) {
    date = { day: release.date.day, from: `the line "${release.date.text}"` };
  } else if (release.badDate) {
    errors.push(`${release.badDate.message}. Fix the line, or give the date with --date YYYY-MM-DD`);
  } else {
    errors.push(
      `no date line found in ${context.sourceName} (such as "30 avril 2024", "April 30, 2024", "2024年4月30日" or "2024-04-30"): give the date with --date YYYY-MM-DD`,
    );
  }
  if (release.stories.length === 0) errors.push(`${context.sourceName} has no paragraphs of text to import`);
  if (errors.length > 0 || date === undefined) return { ok: false, errors };

  const year = date.day.slice(0, 4);
  const patterns = namePatterns(state.registry);
  const plannedSlugs = new Set<string>();
  const stories: PlannedStory[] = [];
  for (const story of release.stories) {
    const paragraphs = story.parts.flatMap((p) => (p.kind === 'paragraph' ? [p.text] : []));
    const credits = story.parts.flatMap((p) => (p.kind === 'credit' ? [{ credit: p.credit, name: p.name }] : []));
    const text = [story.title ?? '', ...paragraphs].join('\n\n');
    const matches = findNames(text, patterns);
    const event = mainEvent(matches, state.registry);
    const speakers = idsOf(matches, 'speakers');
    const organisations = idsOf(matches, 'organisations');
    const opening = firstSentence(paragraphs[0] ?? '');
    const title = story.title ?? todoText('title (the release gives none)', opening, MAX_TITLE_LENGTH);

    // The slug: from the title; an untitled story is named after its event, else its first words.
    const base = slugify(story.title ?? '') || event || slugify(clip(opening, 60)) || 'imported-story';
    let slug = base;
    let overwrites = false;
    for (let n = 2; ; n++) {
      const folders = plannedSlugs.has(slug) ? undefined : storiesWithSlug(state, slug);
      if (folders?.length === 0) break;
      const existing = folders?.find((f) => f.year === year && f.languages.includes(story.language));
      if (folders?.length === 1 && existing) {
        // Importing the same release again: the file exists. Replace it only when asked to.
        const rel = articlePath(year, slug, story.language);
        if (context.force) overwrites = true;
        else errors.push(`${rel} already exists: not overwritten. Add --force to replace the imported files`);
        break;
      }
      // Another story has this slug (in another year or language, or earlier in this release): try the next.
      slug = suffixedSlug(base, n);
    }
    plannedSlugs.add(slug);

    const seen = new Set<string>();
    const found: FoundName[] = [];
    for (const m of matches) {
      const key = `${m.collection}/${m.id}`;
      if (!seen.has(key)) found.push({ collection: m.collection, id: m.id, text: m.text });
      seen.add(key);
    }
    const creditNames = [...new Set(credits.map((c) => c.name))];
    const fileText = renderArticle(
      {
        title,
        date: date.day,
        language: story.language,
        summary: todoText('summary (the story starts)', opening, MAX_SUMMARY_LENGTH),
        ...(event !== undefined ? { event } : {}),
        ...(speakers.length > 0 ? { speakers: speakers.map((id) => ({ id })) } : {}),
        ...(organisations.length > 0 ? { organisations } : {}),
        draft: true,
        body: storyBody(story),
      },
      {
        photoCredits: creditNames,
        draftNote: `imported from ${context.sourceName}: check the text, fill in the to-dos, then set to false`,
      },
    );
    stories.push({
      rel: articlePath(year, slug, story.language),
      language: story.language,
      title,
      titleIsTodo: story.title === undefined,
      paragraphs: paragraphs.length,
      credits,
      ...(event !== undefined ? { event } : {}),
      speakers,
      organisations,
      found,
      unknown: unknownPeople(text, matches),
      overwrites,
      text: fileText,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, date, stories };
}
