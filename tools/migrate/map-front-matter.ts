/**
 * The front matter of a migrated story file (`npm run migrate`, issue 15): the old site's dates,
 * titles and summaries put into the shapes our content contract accepts (README, "The content
 * contract"), and the file text written with the `yaml` package so the same story always gives the
 * same bytes. What had to be guessed is written as a `TODO …` value, which `npm run check` reports as
 * a warning (pipeline/check/todos.ts): the editor sees it, and the text is still there to confirm.
 */
import { toString } from 'mdast-util-to-string';
import { stringify } from 'yaml';
import { parseBody } from './convert-markdown.ts';
import { dateText } from './old-urls.ts';

/** Longest summary the contract accepts. */
export const MAX_SUMMARY = 600;
/** What a summary the migration made up starts with: a to-do for the checker, the text kept after it. */
export const SUMMARY_TODO = 'TODO confirm: ';

/** A date in our format, and what could not be kept of the old one. */
export interface MappedDate {
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]±HH:MM`. */
  readonly value: string;
  /** Set when a time without a zone was dropped (our dates need the offset). */
  readonly droppedTime?: string;
}

/** The old date in our format (time and zone kept when both are given), or undefined if it is none. */
export function mapDate(raw: unknown): MappedDate | undefined {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return undefined;
    const iso = raw.toISOString();
    // A parsed date without a time (TOML `2024-04-30`, YAML 1.1 timestamps) is midnight UTC.
    return iso.endsWith('T00:00:00.000Z') ? { value: iso.slice(0, 10) } : { value: `${iso.slice(0, 19)}+00:00` };
  }
  const text = dateText(raw);
  if (text === undefined) return undefined;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
    text,
  );
  if (!m) return undefined;
  const day = `${m[1] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const check = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || !check.toISOString().startsWith(day)) return undefined;
  const time = m[4]?.padStart(m[4].indexOf(':') === 1 ? m[4].length + 1 : m[4].length, '0');
  if (time === undefined) return { value: day };
  const zone = m[5];
  if (zone === undefined) return { value: day, droppedTime: time };
  const offset = /^z$/i.test(zone) ? '+00:00' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return { value: `${day}T${time}${offset}` };
}

/** Markdown as one line of plain text (marks, links and images reduced to their words). */
export function plainText(markdown: string): string {
  return toString(parseBody(markdown), { includeImageAlt: false }).replace(/\s+/g, ' ').trim();
}

/** The first paragraph of a body, as plain text ('' when it has none). */
export function firstParagraph(markdown: string): string {
  const paragraph = parseBody(markdown).children.find((node) => node.type === 'paragraph');
  return paragraph ? toString(paragraph, { includeImageAlt: false }).replace(/\s+/g, ' ').trim() : '';
}

/** `text` cut to `max` characters at a word end, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  // Chinese has no spaces: cut anywhere; other text at the last space, when one is near enough.
  const space = cut.lastIndexOf(' ');
  return `${space > cut.length * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** A page's summary and whether it is a to-do (made from the body, cut, or missing). */
export interface MappedSummary {
  readonly value: string;
  readonly todo?: string;
}

/**
 * The summary: front matter `description` or `summary` as written (plain text, ≤ 600), else the text
 * before the summary divider or the first paragraph, marked as a to-do to confirm.
 */
export function mapSummary(
  frontMatter: Readonly<Record<string, unknown>>,
  body: string,
  truncateAt: number | undefined,
): MappedSummary {
  const written = [frontMatter['description'], frontMatter['summary']].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  if (written !== undefined) {
    const text = plainText(written);
    if ([...text].length <= MAX_SUMMARY) return { value: text };
    const value = `${SUMMARY_TODO}${shorten(text, MAX_SUMMARY - SUMMARY_TODO.length)}`;
    return { value, todo: `the description is longer than ${MAX_SUMMARY} characters: cut, confirm the summary` };
  }
  const source = truncateAt !== undefined ? plainText(body.slice(0, truncateAt)) : firstParagraph(body);
  if (source === '')
    return { value: 'TODO write a summary', todo: 'no description and no text to take a summary from' };
  const where = truncateAt !== undefined ? 'the text before the summary divider' : 'the first paragraph';
  return {
    value: `${SUMMARY_TODO}${shorten(source, MAX_SUMMARY - SUMMARY_TODO.length)}`,
    todo: `summary taken from ${where}: confirm or rewrite it`,
  };
}

/** One story file's front matter, in the contract's field order; absent fields are left out. */
export interface ArticleFields {
  readonly title: string;
  readonly date?: string;
  readonly language: string;
  readonly summary: string;
  readonly speakers?: readonly string[];
  readonly tags?: readonly string[];
  /** The lead image (map-cover.ts): `src` beside the file, `alt`, and `caption` when the source gave one. */
  readonly cover?: { readonly src: string; readonly alt: string; readonly caption?: string };
  readonly draft?: boolean;
  readonly aliases?: readonly string[];
}

/** The story file's text: YAML front matter, then the body, with LF line endings and one final newline. */
export function articleText(fields: ArticleFields, body: string): string {
  const data: Record<string, unknown> = { title: fields.title };
  if (fields.date !== undefined) data['date'] = fields.date;
  data['language'] = fields.language;
  data['summary'] = fields.summary;
  if (fields.speakers && fields.speakers.length > 0) data['speakers'] = [...fields.speakers];
  if (fields.tags && fields.tags.length > 0) data['tags'] = [...fields.tags];
  if (fields.cover !== undefined) data['cover'] = { ...fields.cover };
  if (fields.draft === true) data['draft'] = true;
  if (fields.aliases && fields.aliases.length > 0) data['aliases'] = [...fields.aliases];
  const text = body.replace(/\r\n?/g, '\n').replace(/^\n+/, '').trimEnd();
  return `---\n${stringify(data, { lineWidth: 0 })}---\n${text === '' ? '' : `${text}\n`}`;
}

/** A registry file (speaker, tag) as YAML. */
export function registryText(data: Readonly<Record<string, unknown>>): string {
  return stringify(data, { lineWidth: 0 });
}
