/**
 * Reading a raw press release as pasted from a web page or an e-mail: a title line, a date line (in
 * English, French or Chinese), paragraphs, photo credits, and often several stories in two languages
 * run together, with paragraph breaks lost. This module recovers the stories from the blocks that
 * release-blocks.ts cuts the text into (how the text is cut is told there); it never rewrites a
 * sentence and never cuts one in two.
 *
 * How blocks become stories:
 * - the first heading-like line (short, no closing punctuation, followed by text) is the release's
 *   title and opens the first story;
 * - a later heading-like line opens a new story, and is its title, only when the text really starts
 *   another story there: it is followed by a date line, it comes after a date line that ended the
 *   story before, it is in another language than the story being read, or the caller's
 *   `startsStory` says so (the import asks whether it names an event the story is not about);
 *   otherwise it is a sub-heading of the story being read (a `heading` part, written `## …`);
 * - a date line after a story's text ends that story: what follows is a new story;
 * - a switch of language starts a new story, or resumes the last story in that language if a language
 *   switch interrupted it (pasted pages put a block of the other language in the middle of a story);
 * - a credit belongs to the story being read, except that a credit just before a language switch that
 *   opens a new story is that story's first photo;
 * - a source line (`Source: https://…`) is the `source` of the story being read, or of the next one
 *   when no story has text yet.
 */
import { releaseBlocks, type LanguageScripts, type PhotoCredit, type ReleaseBlock } from './release-blocks.ts';
import { parseReleaseDate } from './release-date.ts';

/** A part of a story's body, in order: a paragraph, a sub-heading, or a photo credit. */
export type StoryPart =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | ({ readonly kind: 'credit' } & PhotoCredit);

/** One story found in the release. */
export interface ReleaseStory {
  /** Language code of the story. */
  readonly language: string;
  /** Title from the release (a heading), if it gives one. */
  readonly title?: string;
  /** Paragraphs, sub-headings and photo credits, in order. */
  readonly parts: readonly StoryPart[];
  /** The address of the original publication, when the release gives one (`Source: https://…`). */
  readonly source?: string;
}

/** How the caller helps decide whether a heading-like line starts a story (see the module comment). */
export interface AssembleOptions {
  /**
   * Whether `heading`, met inside a story in the same language, starts another story; `story` is
   * the text read so far of the story it would end (title and paragraphs).
   */
  readonly startsStory?: (heading: string, story: readonly string[]) => boolean;
}

/** The release, parsed. */
export interface ParsedRelease {
  /** The date line and the day it names, if one was found. */
  readonly date?: { readonly text: string; readonly day: string };
  /** A date line that names a day that does not exist, with the reason. */
  readonly badDate?: { readonly text: string; readonly message: string };
  /** The stories, in order of first appearance. */
  readonly stories: readonly ReleaseStory[];
}

/** A story being assembled. */
interface OpenStory {
  language: string;
  title?: string;
  source?: string;
  parts: StoryPart[];
  /** A language switch (not a heading) ended it, so text in its language may resume it. */
  interrupted: boolean;
}

/** Whether a story has text yet (a title alone does not count). */
const hasText = (story: OpenStory): boolean => story.parts.some((p) => p.kind === 'paragraph');

/** Groups blocks into stories (see the module comment for the rules). */
export function assembleStories(blocks: readonly ReleaseBlock[], options: AssembleOptions = {}): ReleaseStory[] {
  const stories: OpenStory[] = [];
  let current: OpenStory | undefined;
  let pending: StoryPart[] = [];
  let pendingSource: string | undefined;
  // A date line after a story's text: the next heading or paragraph opens a new story.
  let dateBreak = false;
  const open = (language: string, title?: string): OpenStory => {
    const story: OpenStory = { language, parts: [], interrupted: false, ...(title !== undefined ? { title } : {}) };
    if (pendingSource !== undefined) story.source = pendingSource;
    pendingSource = undefined;
    dateBreak = false;
    stories.push(story);
    return story;
  };
  const textOf = (story: OpenStory): string[] => [
    ...(story.title !== undefined ? [story.title] : []),
    ...story.parts.flatMap((p) => (p.kind === 'credit' ? [] : [p.text])),
  ];
  blocks.forEach((block, index) => {
    switch (block.kind) {
      case 'date':
        if (current && hasText(current)) dateBreak = true;
        break;
      case 'source':
        if (current && !dateBreak) current.source ??= block.url;
        else pendingSource ??= block.url;
        break;
      case 'credit':
        pending.push({ kind: 'credit', credit: block.credit, name: block.name });
        break;
      case 'heading': {
        const next = blocks.slice(index + 1).find((b) => b.kind !== 'credit' && b.kind !== 'source');
        const startsStory =
          current === undefined ||
          !hasText(current) ||
          dateBreak ||
          next?.kind === 'date' ||
          block.language !== current.language ||
          options.startsStory?.(block.text, textOf(current)) === true;
        if (current && !startsStory) {
          current.parts.push(...pending, { kind: 'heading', text: block.text });
          pending = [];
          break;
        }
        // Credits just before a heading close the story before it (its last photo).
        if (current) {
          current.parts.push(...pending);
          pending = [];
          current.interrupted = false;
        }
        current = open(block.language, block.text);
        break;
      }
      case 'paragraph': {
        if (!current || dateBreak) {
          if (current) {
            current.parts.push(...pending);
            pending = [];
          }
          current = open(block.language);
        } else if (block.language !== current.language) {
          const resumable = stories.findLast((s) => s !== current && s.interrupted && s.language === block.language);
          current.interrupted = true;
          if (resumable) {
            current.parts.push(...pending);
            pending = [];
            resumable.interrupted = false;
            current = resumable;
          } else {
            current = open(block.language);
          }
        }
        current.parts.push(...pending, { kind: 'paragraph', text: block.text });
        pending = [];
        break;
      }
    }
  });
  if (current) current.parts.push(...pending);
  return stories.filter(hasText).map((s) => ({
    language: s.language,
    parts: s.parts,
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.source !== undefined ? { source: s.source } : {}),
  }));
}

/** Parses a raw press release: its date line and its stories. */
export function parseRelease(
  raw: string,
  locales: readonly LanguageScripts[],
  options: AssembleOptions = {},
): ParsedRelease {
  const blocks = releaseBlocks(raw, locales);
  const date = blocks.find((b) => b.kind === 'date');
  let badDate: ParsedRelease['badDate'];
  if (date === undefined) {
    // A line that looks like a date but names no real day is worth reporting, not silently ignoring.
    for (const b of blocks) {
      if (b.kind !== 'paragraph' && b.kind !== 'heading') continue;
      const parsed = parseReleaseDate(b.text);
      if (parsed !== undefined && 'error' in parsed) {
        badDate = { text: b.text, message: parsed.error };
        break;
      }
    }
  }
  return {
    ...(date !== undefined ? { date: { text: date.text, day: date.day } } : {}),
    ...(badDate !== undefined ? { badDate } : {}),
    stories: assembleStories(
      blocks.filter((b) => !(badDate && 'text' in b && b.text === badDate.text)),
      options,
    ),
  };
}
