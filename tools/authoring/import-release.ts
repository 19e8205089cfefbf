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
 *
 * The archive is consulted before anything is planned (import-archive.ts): a story already in it is
 * refused, naming the file and why (unless `--force-new`); a story that is the other-language version
 * of an existing one is written as that story's translation, inheriting its shared facts, as
 * `npm run new -- --translate` does (article-translation.ts), automatically or with `--translation-of`.
 * A heading inside a story stays a `##` sub-heading unless it starts another story (press-release.ts;
 * here: it names an event the story so far is not about). ASCII punctuation touching Han becomes full
 * width by the site's one typography rule (src/lib/typography.ts), and the report counts the marks.
 */
import { parseCalendarDay } from '#lib/dates.ts';
import { widenChinesePunctuation } from '#lib/typography.ts';
import {
  clip,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  renderArticle,
  TODO,
  todoText,
  type ArticleDraft,
} from './article-file.ts';
import { translationDraft } from './article-translation.ts';
import { articlePath, storiesWithSlug, type ContentState, type StoryFolder } from './content-folder.ts';
import {
  findDuplicates,
  findTranslationOf,
  storyRef,
  type ArchiveFile,
  type DuplicateMatch,
  type IncomingStory,
} from './import-archive.ts';
import {
  eventsInHeading,
  findNames,
  idsOf,
  mainEvent,
  namePatterns,
  relatedEvents,
  unknownPeople,
  type NameMatch,
  type UnknownName,
} from './name-matcher.ts';
import { translationTarget } from './new-article.ts';
import { parseRelease, type ReleaseStory, type StoryPart } from './press-release.ts';
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
  /** The archive's files (import-archive.ts), compared with the release; without it, nothing is. */
  readonly archive?: readonly ArchiveFile[];
  /** Import every story as a new one: no duplicate refusal, no automatic translation (`--force-new`). */
  readonly forceNew?: boolean;
  /** The story the release's text is a translation of (`--translation-of`); its files must be in `archive`. */
  readonly translationOf?: StoryFolder;
  /** How a path relative to the content folder is shown in messages (default: as is). */
  readonly show?: (rel: string) => string;
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

/** How a story of the release is written as another story's translation. */
export interface PlannedTranslation {
  /** The story, `YYYY/slug`. */
  readonly of: string;
  /** The language of the file it is made from (the story's primary file). */
  readonly from: string;
  /** Found by day, event and speakers (true), or asked for with `--translation-of` (false). */
  readonly automatic: boolean;
  /** The speaker overlap (Jaccard) when found automatically. */
  readonly speakerOverlap?: number;
  /** The new file comes first in the configured order and becomes the primary (it carries the facts). */
  readonly becomesPrimary: boolean;
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
  /** Sub-headings kept in the body as `##` headings, in order. */
  readonly headings: readonly string[];
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
  /** ASCII marks made full width next to Han (`,` → `，`), title and body together. */
  readonly punctuation: number;
  /** The source address the release gives for it. */
  readonly source?: string;
  /** Written as an existing story's translation. */
  readonly translation?: PlannedTranslation;
  /** Things the editor should know (an ambiguous translation, duplicates let through by --force-new). */
  readonly notes: readonly string[];
  /** Whether an existing file is replaced (`--force`). */
  readonly overwrites: boolean;
  /** The file's text. */
  readonly text: string;
}

/** A story of the release that is already in the archive. */
export interface DuplicateStory {
  /** 1-based position in the release. */
  readonly story: number;
  /** Its language. */
  readonly language: string;
  /** Its title, or its first sentence when the release gives none. */
  readonly label: string;
  /** The files it matches. */
  readonly matches: readonly DuplicateMatch[];
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
  | {
      readonly ok: false;
      /** Every reason, one line each, duplicates first. */
      readonly errors: readonly string[];
      /** The stories found in the archive (also worded in `errors`). */
      readonly duplicates: readonly DuplicateStory[];
    };

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

/** The body of an imported story: paragraphs, `##` sub-headings and photo to-dos, in the release's order. */
function storyBody(parts: readonly StoryPart[]): string {
  return parts
    .map((p) =>
      p.kind === 'paragraph'
        ? escapeMarkdown(p.text)
        : p.kind === 'heading'
          ? `## ${escapeMarkdown(p.text)}`
          : photoTodo(p),
    )
    .join('\n\n');
}

/** A story of the release with its text typeset and its registry names found. */
interface ReadStory {
  readonly story: ReleaseStory;
  readonly title?: string;
  readonly parts: readonly StoryPart[];
  readonly paragraphs: readonly string[];
  readonly headings: readonly string[];
  readonly punctuation: number;
  readonly matches: readonly NameMatch[];
  readonly text: string;
  readonly opening: string;
}

/** The story's title and text with ASCII punctuation next to Han made full width, and the count. */
function typesetStory(story: ReleaseStory, patterns: ReturnType<typeof namePatterns>): ReadStory {
  let punctuation = 0;
  const widen = (text: string): string => {
    const result = widenChinesePunctuation(text);
    punctuation += result.changed;
    return result.text;
  };
  const title = story.title === undefined ? undefined : widen(story.title);
  const parts: StoryPart[] = story.parts.map((p) => (p.kind === 'credit' ? p : { kind: p.kind, text: widen(p.text) }));
  const paragraphs = parts.flatMap((p) => (p.kind === 'paragraph' ? [p.text] : []));
  const headings = parts.flatMap((p) => (p.kind === 'heading' ? [p.text] : []));
  const text = [title ?? '', ...parts.flatMap((p) => (p.kind === 'credit' ? [] : [p.text]))].join('\n\n');
  return {
    story,
    ...(title !== undefined ? { title } : {}),
    parts,
    paragraphs,
    headings,
    punctuation,
    matches: findNames(text, patterns),
    text,
    opening: paragraphs[0] ?? '',
  };
}

/** What a duplicate's criteria are, in words: `same opening paragraph (similarity 1.00)`. */
export function describeCriteria(match: DuplicateMatch, day: string, source?: string): string {
  return match.criteria
    .map((c) =>
      c.kind === 'source'
        ? `same source address${source !== undefined ? ` (${source})` : ''}`
        : c.kind === 'title'
          ? `same day (${day}) and a similar title (similarity ${c.similarity.toFixed(2)})`
          : `same opening paragraph (similarity ${c.similarity.toFixed(2)})`,
    )
    .join('; ');
}

/** Turns a raw press release into planned draft files. */
export function planImport(raw: string, context: ImportContext): ImportPlan {
  const { state } = context;
  const show = context.show ?? ((rel: string): string => rel);
  const locales = context.locales.map((l) => l.code);
  const archive = context.archive ?? [];
  const patterns = namePatterns(state.registry);
  // A heading inside a story starts another one when it names an event the story so far is not about.
  const startsStory = (heading: string, story: readonly string[]): boolean => {
    const storyEvents = idsOf(findNames(story.join('\n\n'), patterns), 'events');
    return eventsInHeading(heading, patterns, state.registry).some(
      (id) => !storyEvents.some((e) => relatedEvents(id, e, state.registry)),
    );
  };
  const release = parseRelease(raw, context.locales, { startsStory });
  const errors: string[] = [];
  const fail = (): ImportPlan => ({ ok: false, errors, duplicates: [] });

  // --translation-of: the story and its primary file, read with the archive.
  const target = context.translationOf;
  const targetPrimary =
    target === undefined
      ? undefined
      : archive.find((f) => f.story.year === target.year && f.story.slug === target.slug && f.primary);
  if (target !== undefined && targetPrimary === undefined) {
    errors.push(
      `--translation-of ${storyRef(target)}: its primary file cannot be read. Run npm run check to see why, then import again`,
    );
  }
  if (target !== undefined && release.stories.length > 1) {
    errors.push(
      `--translation-of takes the text of one story, and ${context.sourceName} holds ${release.stories.length} (${release.stories.map((s) => s.language).join(', ')}): keep only the translation in the file`,
    );
  }

  let date: { day: string; from: string } | undefined;
  if (context.date !== undefined) {
    const checked = parseCalendarDay(context.date);
    if (checked.ok) date = { day: checked.value, from: '--date' };
    else errors.push(`--date: ${checked.message}`);
  } else if (release.date) {
    date = { day: release.date.day, from: `the line "${release.date.text}"` };
  } else if (release.badDate) {
    errors.push(`${release.badDate.message}. Fix the line, or give the date with --date YYYY-MM-DD`);
  } else if (targetPrimary?.day !== undefined) {
    // A translation inherits its story's date: the release need not give one.
    date = { day: targetPrimary.day, from: `the story ${storyRef(targetPrimary.story)}` };
  } else {
    errors.push(
      `no date line found in ${context.sourceName} (such as "30 avril 2024", "April 30, 2024", "2024年4月30日" or "2024-04-30"): give the date with --date YYYY-MM-DD`,
    );
  }
  if (release.stories.length === 0) errors.push(`${context.sourceName} has no paragraphs of text to import`);
  if (errors.length > 0 || date === undefined) return fail();

  const day = date.day;
  const year = day.slice(0, 4);
  const plannedSlugs = new Set<string>();
  const plannedFiles = new Set<string>();
  const stories: PlannedStory[] = [];
  const duplicates: DuplicateStory[] = [];
  release.stories.forEach((releaseStory, index) => {
    const read = typesetStory(releaseStory, patterns);
    const { matches, paragraphs, opening: firstParagraph } = read;
    const credits = releaseStory.parts.flatMap((p) =>
      p.kind === 'credit' ? [{ credit: p.credit, name: p.name }] : [],
    );
    // A title that names an event in other words (`与中国国家知识产权局的双边会谈`) files a story that
    // names none by name under it.
    const event =
      mainEvent(matches, state.registry) ??
      (read.title === undefined ? undefined : eventsInHeading(read.title, patterns, state.registry)[0]);
    const speakers = idsOf(matches, 'speakers');
    const organisations = idsOf(matches, 'organisations');
    const opening = firstSentence(firstParagraph);
    const title = read.title ?? todoText('title (the release gives none)', opening, MAX_TITLE_LENGTH);
    const summary = todoText('summary (the story starts)', opening, MAX_SUMMARY_LENGTH);
    const language = releaseStory.language;
    const notes: string[] = [];
    const incoming: IncomingStory = {
      language,
      ...(read.title !== undefined ? { title: read.title } : {}),
      day,
      ...(releaseStory.source !== undefined ? { source: releaseStory.source } : {}),
      ...(firstParagraph !== '' ? { opening: firstParagraph } : {}),
      ...(event !== undefined ? { event } : {}),
      speakers,
    };

    // Which file: the asked-for translation, an automatic one, or a new story.
    let translation: PlannedTranslation | undefined;
    let translationFile: ArchiveFile | undefined;
    let rel: string | undefined;
    let overwrites = false;
    if (target !== undefined && targetPrimary !== undefined) {
      const checked = translationTarget({ story: target, language, force: context.force ?? false }, locales);
      if (!checked.ok) {
        errors.push(`--translation-of ${storyRef(target)}: ${checked.error}`);
        return;
      }
      rel = checked.rel;
      overwrites = checked.overwrites;
      translationFile = targetPrimary;
      translation = {
        of: storyRef(target),
        from: checked.from,
        automatic: false,
        becomesPrimary: checked.becomesPrimary,
      };
    } else {
      const found = context.forceNew ? [] : findDuplicates(incoming, archive);
      // The slug: from the title; an untitled story is named after its event, else its first words.
      const base = slugify(read.title ?? '') || event || slugify(clip(opening, 60)) || 'imported-story';
      let slug = base;
      for (let n = 2; ; n++) {
        const folders = plannedSlugs.has(slug) ? undefined : storiesWithSlug(state, slug);
        if (folders?.length === 0) break;
        const existing = folders?.find((f) => f.year === year && f.languages.includes(language));
        if (folders?.length === 1 && existing && !context.forceNew) {
          // Importing the same release again: the file exists. Replace it only when asked to.
          if (context.force) overwrites = true;
          else if (found.length === 0) {
            errors.push(
              `${show(articlePath(year, slug, language))} already exists: not overwritten. Add --force to replace the imported files`,
            );
          }
          break;
        }
        // Another story has this slug (in another year or language, or earlier in this release): try the next.
        slug = suffixedSlug(base, n);
      }
      plannedSlugs.add(slug);
      rel = articlePath(year, slug, language);
      // --force replaces the file an earlier import of this release wrote: that file is no duplicate.
      const duplicatesHere = found.filter((m) => !(overwrites && m.rel === rel));
      if (duplicatesHere.length > 0) {
        duplicates.push({
          story: index + 1,
          language,
          label: clip(read.title ?? opening, 80),
          matches: duplicatesHere,
        });
        return;
      }
      if (!context.forceNew) {
        const auto = findTranslationOf(incoming, archive);
        const autoRel = auto.match && articlePath(auto.match.file.story.year, auto.match.file.story.slug, language);
        if (auto.match && autoRel !== undefined && !plannedFiles.has(autoRel)) {
          const from = auto.match.file.language;
          plannedSlugs.delete(slug);
          rel = autoRel;
          overwrites = false;
          translationFile = auto.match.file;
          translation = {
            of: storyRef(auto.match.file.story),
            from,
            automatic: true,
            speakerOverlap: auto.match.speakers,
            becomesPrimary: locales.indexOf(language) < locales.indexOf(from),
          };
        } else if (auto.ambiguous.length > 0) {
          notes.push(
            `it may translate ${auto.ambiguous.map(show).join(' or ')} (same day, event and speakers): imported as a new story; to attach it, import it alone with --translation-of YYYY/slug`,
          );
        }
      }
    }
    plannedFiles.add(rel);

    const seen = new Set<string>();
    const foundNames: FoundName[] = [];
    for (const m of matches) {
      const key = `${m.collection}/${m.id}`;
      if (!seen.has(key)) foundNames.push({ collection: m.collection, id: m.id, text: m.text });
      seen.add(key);
    }
    const creditNames = [...new Set(credits.map((c) => c.name))];
    const body = storyBody(read.parts);
    let fileText: string;
    if (translation !== undefined && translationFile !== undefined) {
      // The translation as `npm run new -- --translate` makes it (shared facts inherited, roles and
      // cover texts to translate), with the release's text instead of the original's.
      const draft: ArticleDraft = {
        ...translationDraft(translationFile.article, translation.from, language, {
          becomesPrimary: translation.becomesPrimary,
        }),
        title,
        summary,
        ...(releaseStory.source !== undefined ? { source: releaseStory.source } : {}),
        body,
      };
      fileText = renderArticle(draft, {
        ...(translation.becomesPrimary ? {} : { inheritsFrom: translation.from }),
        photoCredits: creditNames,
        ...(translationFile.article.source !== undefined ? { sourceHint: translationFile.article.source } : {}),
        draftNote: `imported from ${context.sourceName} as the ${language} version of ${translation.of}: check the text, fill in the to-dos, then set to false`,
      });
      const differs = event !== undefined && translationFile.event !== undefined && event !== translationFile.event;
      if (differs) {
        notes.push(
          `the text names the event ${event}, the story is filed under ${translationFile.event}: the translation inherits ${translationFile.event}`,
        );
      }
    } else {
      fileText = renderArticle(
        {
          title,
          date: day,
          language,
          summary,
          ...(event !== undefined ? { event } : {}),
          ...(speakers.length > 0 ? { speakers: speakers.map((id) => ({ id })) } : {}),
          ...(organisations.length > 0 ? { organisations } : {}),
          ...(releaseStory.source !== undefined ? { source: releaseStory.source } : {}),
          draft: true,
          body,
        },
        {
          photoCredits: creditNames,
          draftNote: `imported from ${context.sourceName}: check the text, fill in the to-dos, then set to false`,
        },
      );
    }
    stories.push({
      rel,
      language,
      title,
      titleIsTodo: read.title === undefined,
      paragraphs: paragraphs.length,
      headings: read.headings,
      credits,
      ...(event !== undefined ? { event } : {}),
      speakers,
      organisations,
      found: foundNames,
      unknown: unknownPeople(read.text, matches),
      punctuation: read.punctuation,
      ...(releaseStory.source !== undefined ? { source: releaseStory.source } : {}),
      ...(translation !== undefined ? { translation } : {}),
      notes,
      overwrites,
      text: fileText,
    });
  });
  if (duplicates.length > 0) {
    const lines = duplicates.flatMap((d) =>
      d.matches.map(
        (m) =>
          `story ${d.story} (${d.language}, "${d.label}") is already in the archive: ${show(m.rel)}: ${describeCriteria(m, day, release.stories[d.story - 1]?.source)}`,
      ),
    );
    const count = duplicates.length;
    lines.push(
      `${count} of the ${release.stories.length} stories of ${context.sourceName} ${count === 1 ? 'is' : 'are'} already in the archive. Add --force-new to import ${count === 1 ? 'it' : 'them'} as new stories anyway`,
    );
    return { ok: false, errors: [...lines, ...errors], duplicates };
  }
  if (errors.length > 0) return fail();
  return { ok: true, date, stories };
}
