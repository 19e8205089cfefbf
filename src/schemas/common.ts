/**
 * Building blocks shared by the content schemas. Each schema module is a factory that takes a
 * `SchemaContext`: the Astro build passes Astro's `reference()` and `image()`, the checker passes
 * its own, so one definition serves both.
 */
import { z } from 'astro/zod';
import { didYouMean } from '../lib/suggest.ts';
import { parseEventDay, parsePublishedAt, type PublishedAt } from '../lib/dates.ts';

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

/** A non-empty single line of text, trimmed. */
export function plainText(what: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is missing` : `${what} must be text`) })
    .trim()
    .min(1, { error: `${what} must not be empty` });
}

/**
 * Text given once per locale. The default locale's text is required (unless `partial`); other
 * locales are optional and fall back to it. An unknown locale key (a typo such as `zn`) is an error.
 */
export function localizedText(ctx: Pick<SchemaContext, 'locales'>, what: string, options: { partial?: boolean } = {}) {
  const [first, ...rest] = ctx.locales;
  const firstText = plainText(`${what} (${first})`);
  // A partial map (e.g. sort keys) may give any subset of languages, the default one included.
  const shape: Record<string, z.ZodType> = { [first]: options.partial ? firstText.optional() : firstText };
  for (const code of rest) shape[code] = plainText(`${what} (${code})`).optional();
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
