/**
 * Building blocks shared by the content schemas. Each schema module is a factory that takes a
 * `SchemaContext`: the Astro build passes Astro's `reference()` and `image()`, the checker passes
 * its own, so one definition serves both.
 */
import { z } from 'astro/zod';
import { didYouMean } from '#lib/suggest.ts';
import { parseEventDay, parsePublishedAt, type PublishedAt } from '#lib/dates.ts';

/** The collections that content files can point at by id. */
export type CollectionName = 'speakers' | 'organisations' | 'events' | 'tags';

/** What a reference to another entry becomes once parsed (the shape Astro's `reference()` gives). */
export interface EntryReference<C extends CollectionName = CollectionName> {
  /** The referenced entry's id (its file name without extension). */
  readonly id: string;
  /** The collection it belongs to. */
  readonly collection: C;
}

/** What every schema factory receives: locales, time zone, and the reference and image helpers. */
export interface SchemaContext<Image extends z.ZodType = z.ZodType> {
  /** Configured locale codes, default locale first. */
  readonly locales: readonly [string, ...string[]];
  /** IANA zone in which timed publication dates are dated. */
  readonly timeZone: string;
  /** Makes the schema of an id pointing into `collection`. */
  readonly reference: <C extends CollectionName>(collection: C) => z.ZodType<EntryReference<C>, unknown>;
  /** Makes the schema of an image path relative to the content file. */
  readonly image: () => Image;
}

/** Text given per locale: `{ en: ..., zh: ... }`; the default locale is required, others optional. */
export type LocalizedText = Readonly<Record<string, string>>;

/** How a text field may be written: one line (the default), or several (a biography). */
export interface TextOptions {
  /**
   * Whether line breaks and tabs are part of the text. Only fields shown as running prose may hold
   * them (a biography written with `bio: |`); in a title, name, alt text or caption they would be
   * lost or misplaced (a page title, a feed item, a share card, a calendar entry), so they are refused.
   */
  readonly multiline?: boolean;
}

/**
 * A non-empty text, trimmed, one line unless `multiline`. Invisible control characters and
 * bidirectional overrides are refused (see {@link invisibleCharacterProblem}): they would be
 * published as they are, in pages, feeds (where most make the XML unreadable) and search results.
 */
export function plainText(what: string, options: TextOptions = {}) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is missing` : `${what} must be text`) })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .superRefine((text, zctx) => {
      const message = invisibleCharacterProblem(text, what, options);
      if (message !== undefined) zctx.addIssue({ code: 'custom', message, input: text });
    });
}

/**
 * Text given once per locale. The default locale's text is required (unless `partial`); other
 * locales are optional and fall back to it. An unknown locale key (a typo such as `zn`) is an error.
 * Each language's text follows the rules of {@link plainText} (one line unless `multiline`).
 */
export function localizedText(
  ctx: Pick<SchemaContext, 'locales'>,
  what: string,
  options: { partial?: boolean } & TextOptions = {},
) {
  const [first, ...rest] = ctx.locales;
  const text = (code: string) => plainText(`${what} (${code})`, { multiline: options.multiline ?? false });
  const firstText = text(first);
  // A partial map (e.g. sort keys) may give any subset of languages, the default one included.
  const shape: Record<string, z.ZodType> = { [first]: options.partial ? firstText.optional() : firstText };
  for (const code of rest) shape[code] = text(code).optional();
  return z
    .strictObject(shape, {
      error: (iss) => {
        if (iss.code === 'invalid_type') {
          return `${what} is given per language: write it as a map such as "${first}: ..." on its own lines`;
        }
        if (iss.code === 'unrecognized_keys') {
          const [key = ''] = iss.keys;
          const hint = didYouMean(key, ctx.locales) || ` The site's languages are: ${ctx.locales.join(', ')}.`;
          return `"${key}" is not one of the site's languages.${hint}`;
        }
        return undefined;
      },
    })
    .transform((v) => v as LocalizedText);
}

// Characters no text field may hold: C0 controls (tab and line feed only in multi-line text), DEL,
// C1 controls, the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069:
// they make text display in another order than it is written, the "Trojan Source" trick), and the
// two noncharacters U+FFFE/U+FFFF that XML (the feeds, the sitemap) cannot carry. Left alone: the
// invisible marks real text needs (zero-width joiner, left-to-right and right-to-left marks).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/gu;

// Names editors can search for; every other control character is called by its code alone.
const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x00: 'a NUL (null) character',
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x1b: 'an ESC (escape) character',
  0x7f: 'a DEL (delete) character',
  0x202a: 'a left-to-right embedding',
  0x202b: 'a right-to-left embedding',
  0x202c: 'a pop directional formatting character',
  0x202d: 'a left-to-right override',
  0x202e: 'a right-to-left override',
  0x2066: 'a left-to-right isolate',
  0x2067: 'a right-to-left isolate',
  0x2068: 'a first strong isolate',
  0x2069: 'a pop directional isolate',
  0xfffe: 'a noncharacter',
  0xffff: 'a noncharacter',
};

/** `U+001B`: how a character is named in messages (never the character itself, which is invisible). */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The editor-facing message for the first character of `text` that a text field may not hold, or
 * `undefined` when there is none. The message names the character by code point and position,
 * never by itself: printed into a terminal or CI log, an ESC or a bidi override would act there.
 */
export function invisibleCharacterProblem(text: string, what: string, options: TextOptions = {}): string | undefined {
  const found = [...text.matchAll(INVISIBLE)].filter(
    (match) => !(options.multiline && (match[0] === '\t' || match[0] === '\n')),
  );
  const [match] = found;
  if (match === undefined) return undefined;
  const codePoint = match[0].codePointAt(0) ?? 0;
  const name = CHARACTER_NAMES[codePoint] ?? 'a control character';
  // Position in characters as an editor counts them (an emoji or a rare Han character is one).
  const position = [...text.slice(0, match.index)].length + 1;
  const more = found.length > 1 ? ` (and ${found.length - 1} more such character(s))` : '';
  const fix = fixFor(codePoint, options.multiline ?? false);
  return `${what} contains ${name} (${codePointName(codePoint)}) at character ${position}${more}: ${fix}`;
}

/** How to get rid of a character, in the editor's terms. */
function fixFor(codePoint: number, multiline: boolean): string {
  if (!multiline && (codePoint === 0x0a || codePoint === 0x0d)) {
    return 'this field is one line; join the lines (a long value can continue on indented lines, after ">-")';
  }
  if (!multiline && codePoint === 0x09) return 'this field is one line of text; replace the tab with a space';
  if ((codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069)) {
    return 'it is invisible and makes the text display in a different order than it is written; delete it';
  }
  return 'it is invisible (usually pasted in from another program) and would be published as is; delete it';
}

/** The id format of every entry: lowercase letters, digits and single hyphens (URL-safe). */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An absolute http(s) URL. */
export function webUrl(what: string) {
  return z.url({
    protocol: /^https?$/,
    error: `${what} must be a full web address starting with https:// (or http://)`,
  });
}

/** What YAML gives for a date: a string, or a `Date` when Astro's YAML reader saw an unquoted date. */
function dateInput(what: string, example: string) {
  return z
    .union([z.string(), z.date()], {
      error: (iss) => (iss.input === undefined ? `${what} is missing` : `${what} must be a date such as ${example}`),
    })
    .meta({ format: 'date', description: `${what}, e.g. ${example}` });
}

/** A publication date or date-time, strictly checked (2024-02-30 is refused). */
export function publishedAt(ctx: Pick<SchemaContext, 'timeZone'>, what: string) {
  return dateInput(what, '2024-04-23 or 2024-04-23T10:00:00+08:00').transform((value, zctx): PublishedAt => {
    const result = parsePublishedAt(value, ctx.timeZone);
    if (result.ok) return result.value;
    zctx.addIssue({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  });
}

/** A calendar day such as an event's start (`YYYY-MM-DD`). */
export function calendarDay(what: string) {
  return dateInput(what, '2024-04-23').transform((value, zctx): string => {
    const result = parseEventDay(value);
    if (result.ok) return result.value;
    zctx.addIssue({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  });
}

/** A list of references; duplicates are refused since they are always a slip. */
export function referenceList<C extends CollectionName>(ctx: SchemaContext, collection: C) {
  return z
    .array(ctx.reference(collection), { error: `${collection} must be a list of ids, one per line starting with "- "` })
    .superRefine((refs, zctx) => {
      const seen = new Set<string>();
      refs.forEach((ref, index) => {
        if (seen.has(ref.id)) {
          zctx.addIssue({ code: 'custom', path: [index], message: `"${ref.id}" is listed twice`, input: ref.id });
        }
        seen.add(ref.id);
      });
    });
}
