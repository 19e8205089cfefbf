/**
 * `npm run new`'s logic: from a title and options to the path and text of a new story's file, or
 * from an existing story to the file that starts its translation. Every problem is collected and
 * returned with a fix hint, so the command can report them all at once and write nothing.
 */
import type { CollectionName } from '#schemas/common.ts';
import { dayInTimeZone, parsePublishedAt } from '#lib/dates.ts';
import { primaryLanguage } from '#lib/stories.ts';
import { didYouMean } from '#lib/suggest.ts';
import { renderArticle, TODO, type ArticleDraft } from './article-file.ts';
import { translationDraft, type SourceArticle } from './article-translation.ts';
import { articlePath, storiesWithSlug, type ContentState, type StoryFolder } from './content-folder.ts';
import { isValidSlug, slugify } from '#pipeline/check/slug.ts';

/** What the editor asked `npm run new` for. */
export interface NewArticleRequest {
  /** Headline. */
  readonly title: string;
  /** Language code (default: the default locale). */
  readonly language?: string;
  /** `YYYY-MM-DD` or a date-time with offset (default: today in the site's time zone). */
  readonly date?: string;
  /** Event id. */
  readonly event?: string;
  /** Speaker ids. */
  readonly speakers?: readonly string[];
  /** Organisation ids. */
  readonly organisations?: readonly string[];
  /** Tag ids. */
  readonly tags?: readonly string[];
  /** Story slug (default: derived from the title). */
  readonly slug?: string;
  /** Draft (default true: a skeleton full of to-dos must not be published by accident). */
  readonly draft?: boolean;
  /** Overwrite the file if it exists. */
  readonly force?: boolean;
}

/** What the planner needs besides the request. */
export interface PlanContext {
  /** The content folder's stories and registry. */
  readonly state: ContentState;
  /** Configured locale codes, default first. */
  readonly locales: readonly string[];
  /** The site's time zone, in which dates with a time are dated. */
  readonly timeZone: string;
  /** Today in the site's time zone, `YYYY-MM-DD` (see {@link todayIn}; injectable so tests need no clock). */
  readonly today: string;
}

/** Today's date in `timeZone` at the instant `now`: the default date of a new story. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayInTimeZone(now, timeZone);
}

/** A file to write, or every reason not to. */
export type FilePlan =
  | { readonly ok: true; readonly rel: string; readonly text: string; readonly overwrites: boolean }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Singular names for messages. */
const SINGULAR: Record<CollectionName, string> = {
  speakers: 'speaker',
  organisations: 'organisation',
  events: 'event',
  tags: 'tag',
};

/** Checks ids against a registry collection; each unknown one gets a "did you mean" hint. */
export function unknownIds(state: ContentState, collection: CollectionName, ids: readonly string[]): string[] {
  const known = state.registry[collection];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      errors.push(`${SINGULAR[collection]} "${id}" is given twice: give it once`);
      continue;
    }
    seen.add(id);
    if (!known.has(id)) {
      errors.push(
        `unknown ${SINGULAR[collection]} "${id}".${didYouMean(id, known.keys()) || ` Add content/${collection}/${id}.yaml first, or check the spelling.`}`,
      );
    }
  }
  return errors;
}

/** Where a language file of a story is, for messages: `articles/2024/slug/en.md`. */
function describeStory(story: StoryFolder): string {
  return `articles/${story.year}/${story.slug}/`;
}

/** The placeholder body of a new story. */
function newBody(): string {
  return [
    '<!-- Markdown: "## " starts a section heading. An image saved beside this file is written',
    '![what it shows](./photo.jpg) with its credit on the next line, e.g. (Photo: ZGC Forum). -->',
    '',
    `${TODO}: write the story.`,
  ].join('\n');
}

/** Plans a new story's file: validates everything, derives the slug, writes the skeleton. */
export function planNewArticle(request: NewArticleRequest, context: PlanContext): FilePlan {
  const { state, locales } = context;
  const errors: string[] = [];
  const title = request.title.replace(/\s+/gu, ' ').trim();
  if (title === '')
    errors.push('the title is empty: give it in quotes, e.g. npm run new -- "WIPO Holds Talks with CNIPA"');
  const language = request.language ?? locales[0] ?? 'en';
  if (!locales.includes(language)) {
    errors.push(
      `unknown language "${language}".${didYouMean(language, locales) || ''} The site's languages are: ${locales.join(', ')}.`,
    );
  }
  let day = context.today;
  let date = day;
  if (request.date !== undefined) {
    const parsed = parsePublishedAt(request.date, context.timeZone);
    if (parsed.ok) {
      day = parsed.value.day;
      date = request.date.trim();
    } else {
      errors.push(`--date: ${parsed.message}`);
    }
  }
  errors.push(
    ...unknownIds(state, 'events', request.event === undefined ? [] : [request.event]),
    ...unknownIds(state, 'speakers', request.speakers ?? []),
    ...unknownIds(state, 'organisations', request.organisations ?? []),
    ...unknownIds(state, 'tags', request.tags ?? []),
  );
  const slug = request.slug ?? slugify(title);
  if (request.slug !== undefined && !isValidSlug(request.slug)) {
    errors.push(
      `--slug "${request.slug}" is not a valid slug: use lowercase letters, digits and single hyphens, e.g. ${slugify(request.slug) || 'wipo-cnipa-talks'}`,
    );
  } else if (slug === '' && title !== '') {
    errors.push('no slug can be made from this title (it has no letters or digits): give one with --slug my-story');
  }
  const year = day.slice(0, 4);
  let overwrites = false;
  if (slug !== '' && isValidSlug(slug)) {
    const rel = articlePath(year, slug, language);
    for (const story of storiesWithSlug(state, slug)) {
      if (story.year === year && story.languages.includes(language)) {
        if (request.force) overwrites = true;
        else errors.push(`${rel} already exists: not overwritten. Add --force to replace it, or choose another --slug`);
      } else if (story.year === year) {
        errors.push(
          `story ${describeStory(story)} already exists in ${story.languages.join(', ')}: add this language to it with --translate ${year}/${slug} --lang ${language}, or choose another --slug`,
        );
      } else {
        errors.push(
          `slug "${slug}" is already used by ${describeStory(story)}: slugs must be unique across years, choose another with --slug`,
        );
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const article: ArticleDraft = {
    title,
    date,
    language,
    summary: `${TODO}: one or two sentences for listings, feeds and search results`,
    ...(request.event !== undefined ? { event: request.event } : {}),
    ...(request.speakers && request.speakers.length > 0 ? { speakers: request.speakers.map((id) => ({ id })) } : {}),
    ...(request.organisations && request.organisations.length > 0 ? { organisations: request.organisations } : {}),
    ...(request.tags && request.tags.length > 0 ? { tags: request.tags } : {}),
    draft: request.draft ?? true,
    body: newBody(),
  };
  const draftNote = article.draft ? 'set to false to publish' : 'true keeps it out of the site';
  return { ok: true, rel: articlePath(year, slug, language), text: renderArticle(article, { draftNote }), overwrites };
}

/** Finds the story a `--translate` argument names: `2024/slug` or a bare slug. */
export function findStory(
  state: ContentState,
  ref: string,
): { ok: true; story: StoryFolder } | { ok: false; error: string } {
  const cleaned = ref
    .trim()
    .replace(/^(?:.*\/)?articles\//, '')
    .replace(/\/(?:[a-z]{2,3}\.md)?$/, '');
  const match = /^(?:(\d{4})\/)?([^/]+)$/.exec(cleaned);
  const slug = match?.[2] ?? cleaned;
  const found = storiesWithSlug(state, slug).filter((s) => match?.[1] === undefined || s.year === match[1]);
  if (found.length === 1 && found[0]) return { ok: true, story: found[0] };
  if (found.length > 1) {
    return {
      ok: false,
      error: `several stories are called "${slug}" (${found.map(describeStory).join(', ')}): give the year, e.g. --translate ${found[0]?.year}/${slug}`,
    };
  }
  const hint = didYouMean(slug, new Set(state.stories.map((s) => s.slug)));
  return {
    ok: false,
    error: `no story "${ref}" in the content folder.${hint || ' Give its folder as YYYY/slug, e.g. --translate 2024/ip-protection-forum.'}`,
  };
}

/** What a translation plan needs: the story, the language asked for, and a way to read its primary file. */
export interface TranslationRequest {
  /** The story to translate. */
  readonly story: StoryFolder;
  /** The language to add (default: the first configured language the story lacks). */
  readonly language?: string;
  /** Overwrite the file if it exists. */
  readonly force?: boolean;
}

/** Picks the translation's language and source file, or says why it cannot. */
export function translationTarget(
  request: TranslationRequest,
  locales: readonly string[],
):
  | {
      ok: true;
      from: string;
      to: string;
      rel: string;
      sourceRel: string;
      overwrites: boolean;
      /** The new file comes first in the configured order, so it becomes the primary file. */
      becomesPrimary: boolean;
    }
  | { ok: false; error: string } {
  const { story } = request;
  const from = primaryLanguage(story.languages, locales);
  if (from === undefined) return { ok: false, error: `${describeStory(story)} has no article file to translate from` };
  const to = request.language ?? locales.find((l) => !story.languages.includes(l));
  if (to === undefined) {
    return {
      ok: false,
      error: `${describeStory(story)} already exists in every language (${story.languages.join(', ')}): nothing to add`,
    };
  }
  if (!locales.includes(to)) {
    return {
      ok: false,
      error: `unknown language "${to}".${didYouMean(to, locales) || ''} The site's languages are: ${locales.join(', ')}.`,
    };
  }
  const rel = articlePath(story.year, story.slug, to);
  if (to === from) {
    return {
      ok: false,
      error: `${rel} is the story's primary file (the one translations are made from): choose another --lang`,
    };
  }
  const exists = story.languages.includes(to);
  if (exists && !request.force) {
    return {
      ok: false,
      error: `${rel} already exists: not overwritten. Add --force to replace it with a new translation skeleton`,
    };
  }
  return {
    ok: true,
    from,
    to,
    rel,
    sourceRel: articlePath(story.year, story.slug, from),
    overwrites: exists,
    becomesPrimary: locales.indexOf(to) < locales.indexOf(from),
  };
}

/**
 * The text of a translation file made from the primary file's content. When the new file becomes the
 * primary (its language is configured first), it carries the shared facts instead of inheriting them.
 */
export function translationText(source: SourceArticle, from: string, to: string, becomesPrimary = false): string {
  return renderArticle(translationDraft(source, from, to, { becomesPrimary }), {
    ...(becomesPrimary ? {} : { inheritsFrom: from }),
    ...(source.source !== undefined ? { sourceHint: source.source } : {}),
    draftNote: 'set to false once translated',
  });
}
