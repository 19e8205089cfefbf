/**
 * Writing article files the way the content contract shows them: every field in the schema's order,
 * present or as a commented hint, values as YAML written by the `yaml` package (so quotes, colons and
 * `#` in titles are always escaped), then the Markdown body. Placeholders start with `TODO`, which
 * `npm run check` reports as warnings until an editor replaces them. A translation's draft is made in
 * article-translation.ts.
 */
import { stringify } from 'yaml';
import { SHARED_ARTICLE_FIELDS } from '#schemas/article.ts';

/** Every frontmatter field of an article, in the schema's (and the contract's) order. */
export const ARTICLE_FIELDS = [
  'title',
  'date',
  'language',
  'summary',
  'event',
  'speakers',
  'organisations',
  'tags',
  'cover',
  'source',
  'draft',
  'featured',
  'updated',
  'corrections',
  'aliases',
] as const;

/** The schema's length limits, so generated placeholders never fail the checker. */
export const MAX_TITLE_LENGTH = 300;
/** See {@link MAX_TITLE_LENGTH}. */
export const MAX_SUMMARY_LENGTH = 600;

/** A speaker of the story, with the role held in it when the file gives one. */
export interface SpeakerEntry {
  /** Speaker id. */
  readonly id: string;
  /** Role in this story, in the file's language. */
  readonly role?: string;
}

/** A cover image. */
export interface CoverEntry {
  /** Image path relative to the article. */
  readonly src: string;
  /** Alt text. */
  readonly alt: string;
  /** Caption. */
  readonly caption?: string;
  /** Photo credit. */
  readonly credit?: string;
}

/** The content of an article file to write. Absent optional fields become commented hints. */
export interface ArticleDraft {
  /** Headline. */
  readonly title: string;
  /** `YYYY-MM-DD` (absent in a translation that inherits it). */
  readonly date?: string;
  /** Language code, equal to the file name. */
  readonly language: string;
  /** One or two sentences. */
  readonly summary: string;
  /** Event id. */
  readonly event?: string;
  /** Speakers. */
  readonly speakers?: readonly SpeakerEntry[];
  /** Organisation ids. */
  readonly organisations?: readonly string[];
  /** Tag ids. */
  readonly tags?: readonly string[];
  /** Cover image. */
  readonly cover?: CoverEntry;
  /** Original publication's address. */
  readonly source?: string;
  /** Whether the file is a draft. */
  readonly draft: boolean;
  /** Whether the story leads the home page (a shared fact). */
  readonly featured?: boolean;
  /** Last revision date. */
  readonly updated?: string;
  /** Old paths. */
  readonly aliases?: readonly string[];
  /** Markdown body. */
  readonly body: string;
}

/** How to write the commented hints. */
export interface RenderOptions {
  /** For a translation: the primary file's language; shared facts left out are noted as inherited from it. */
  readonly inheritsFrom?: string;
  /** Photo credits known for the story (from a press release), pre-filled in the cover hint. */
  readonly photoCredits?: readonly string[];
  /** A source address to suggest in the source hint (e.g. the primary file's). */
  readonly sourceHint?: string;
  /** Comment written after `draft:`. */
  readonly draftNote?: string;
}

/** The prefix of every to-do placeholder, found by `npm run check`. */
export const TODO = 'TODO';

/** `text` cut to `max` characters with an ellipsis (for placeholders that quote long originals). */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = [...flat];
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** A to-do placeholder quoting the original text, kept within the field's length limit. */
export function todoText(label: string, original: string, max = Number.POSITIVE_INFINITY): string {
  const prefix = `${TODO} ${label}: `;
  return prefix + clip(original, Math.max(1, max - [...prefix].length));
}

/** A text value on one line, single-quoted as in the contract's examples (`title: 'A: B'`). */
function text(value: string): string {
  return stringify(value.replace(/\s+/gu, ' ').trim(), { defaultStringType: 'QUOTE_SINGLE', lineWidth: 0 }).trimEnd();
}

/** An id or path, plain unless YAML would read it as something else (`true`, `2024`). */
function plain(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The YAML frontmatter and body of an article file. */
export function renderArticle(article: ArticleDraft, options: RenderOptions = {}): string {
  const lines: string[] = ['---'];
  const inherited = options.inheritsFrom;
  const absentShared = SHARED_ARTICLE_FIELDS.filter((f) => article[f] === undefined);
  const list = (name: string, ids: readonly string[]): void => {
    lines.push(`${name}:`, ...ids.map((id) => `  - ${plain(id)}`));
  };
  for (const field of ARTICLE_FIELDS) {
    if (inherited !== undefined && absentShared[0] === field) {
      // One note where the shared facts would start, rather than a hint per field.
      lines.push(
        `# ${absentShared.join(', ')}: inherited from ${inherited}.md (repeat one here only if it is exactly the same)`,
      );
    }
    const inheritedHere = inherited !== undefined && (absentShared as readonly string[]).includes(field);
    switch (field) {
      case 'title':
        lines.push(`title: ${text(article.title)}`);
        break;
      case 'date':
        if (article.date !== undefined) {
          // The hint shows how to add a time, so only a plain day gets it.
          const hint = /^\d{4}-\d{2}-\d{2}$/.test(article.date)
            ? ` # or ${article.date}T09:00:00+08:00 with a time`
            : '';
          lines.push(`date: ${plain(article.date)}${hint}`);
        } else if (!inheritedHere) lines.push("# date: 2024-04-23 # required in the story's primary file");
        break;
      case 'language':
        lines.push(`language: ${plain(article.language)} # must match the file name`);
        break;
      case 'summary':
        lines.push(`summary: ${text(article.summary)}`);
        break;
      case 'event':
        if (article.event !== undefined) lines.push(`event: ${plain(article.event)} # id in content/events/`);
        else if (!inheritedHere) lines.push('# event: an-event-id # id in content/events/');
        break;
      case 'speakers':
        if (article.speakers !== undefined) {
          lines.push('speakers: # ids in content/speakers/, in order of appearance');
          for (const s of article.speakers) {
            if (s.role === undefined) lines.push(`  - ${plain(s.id)}`);
            else lines.push(`  - id: ${plain(s.id)}`, `    role: ${text(s.role)}`);
          }
        } else if (!inheritedHere) {
          lines.push(
            '# speakers: # ids in content/speakers/, optionally with the role held in this story',
            '#   - a-speaker-id',
            '#   - id: another-speaker-id',
            '#     role: Role held in this story',
          );
        }
        break;
      case 'organisations':
        if (article.organisations !== undefined) list('organisations', article.organisations);
        else if (!inheritedHere) lines.push('# organisations: [an-organisation-id] # ids in content/organisations/');
        break;
      case 'tags':
        if (article.tags !== undefined) list('tags', article.tags);
        else if (!inheritedHere) lines.push('# tags: [a-tag-id] # ids in content/tags/');
        break;
      case 'cover':
        if (article.cover !== undefined) {
          const c = article.cover;
          lines.push('cover:', `  src: ${plain(c.src)}`, `  alt: ${text(c.alt)}`);
          if (c.caption !== undefined) lines.push(`  caption: ${text(c.caption)}`);
          if (c.credit !== undefined) lines.push(`  credit: ${text(c.credit)}`);
        } else {
          const credits = options.photoCredits ?? [];
          lines.push(
            credits.length > 0
              ? `# cover: # the release credits photos to ${credits.join(', ')}: save one beside this file`
              : '# cover: # an image saved beside this file',
            '#   src: ./photo.jpg',
            '#   alt: What the photo shows',
            '#   caption: Optional caption',
            `#   credit: ${credits[0] ?? 'Optional photo credit'}`,
          );
        }
        break;
      case 'source':
        if (article.source !== undefined) lines.push(`source: ${plain(article.source)}`);
        else lines.push(`# source: ${options.sourceHint ?? 'https://www.example.org/original-report'}`);
        break;
      case 'draft':
        lines.push(`draft: ${article.draft}${options.draftNote ? ` # ${options.draftNote}` : ''}`);
        break;
      case 'featured':
        if (article.featured !== undefined) lines.push(`featured: ${article.featured}`);
        else if (!inheritedHere) lines.push('# featured: true # lead the home page (the newest featured story leads)');
        break;
      case 'updated':
        if (article.updated !== undefined) lines.push(`updated: ${plain(article.updated)}`);
        else lines.push('# updated: 2024-05-02 # last substantive revision of this language version');
        break;
      case 'corrections':
        // A new file has nothing to correct yet: the hint shows the shape for the day it does.
        lines.push(
          "# corrections: # dated notices of corrections, newest last, in this file's language",
          '#   - date: 2024-05-03',
          '#     text: What was corrected.',
        );
        break;
      case 'aliases':
        if (article.aliases !== undefined) list('aliases', article.aliases);
        else lines.push('# aliases: [/old/path/] # old paths that must redirect here');
        break;
    }
  }
  lines.push('---', '', article.body.trim(), '');
  return lines.join('\n');
}
