/**
 * The schema context of everything that validates content outside Astro (the checker, `npm run
 * status` and `changes`, the tests): the same schema factories as src/content.config.ts, with
 * references checked against the ids the caller has read instead of Astro's store. The wording of a
 * bad reference or image path lives here, once. (The JSON Schema generator, tools/json-schemas.ts,
 * has its own: there a reference is a described id pattern, not a check.)
 */
import { z } from 'astro/zod';
import type { CollectionName, EntryReference, SchemaContext } from '#schemas/common.ts';
import { didYouMean } from '#lib/suggest.ts';

/** Singular names of the registry collections, for messages. */
export const SINGULAR: Readonly<Record<CollectionName, string>> = {
  speakers: 'speaker',
  organisations: 'organisation',
  events: 'event',
  tags: 'tag',
};

/** The ids of one collection, as a Map or Set of them. */
export interface KnownIds {
  has(id: string): boolean;
  keys(): Iterable<string>;
}

/** What {@link toolSchemaContext} needs. */
export interface ToolContextOptions {
  /** Configured locale codes, default first. */
  readonly locales: readonly [string, ...string[]];
  /** The newsroom's time zone. */
  readonly timeZone: string;
  /**
   * The ids each registry has: a reference to any other is an error with a suggestion. Without it
   * any non-empty id is accepted (reports on single files, which do not read the registry).
   */
  readonly ids?: Readonly<Record<CollectionName, KnownIds>>;
}

/** A schema context whose references are checked against `options.ids` (see the file header). */
export function toolSchemaContext(options: ToolContextOptions): SchemaContext<z.ZodString> {
  const { ids } = options;
  return {
    locales: options.locales,
    timeZone: options.timeZone,
    reference: <C extends CollectionName>(collection: C) =>
      z.unknown().transform((value, ctx): EntryReference<C> => {
        const id = typeof value === 'number' ? String(value) : value;
        if (typeof id !== 'string' || id.trim() === '') {
          const example = ids ? ([...ids[collection].keys()][0] ?? 'an-id') : 'an-id';
          ctx.addIssue({
            code: 'custom',
            message: `expected the id of a ${SINGULAR[collection]}, e.g. ${example}`,
            input: value,
          });
          return z.NEVER;
        }
        if (ids && !ids[collection].has(id)) {
          ctx.addIssue({
            code: 'custom',
            input: value,
            message: `unknown ${SINGULAR[collection]} "${id}".${didYouMean(id, ids[collection].keys()) || ` Add content/${collection}/${id}.yaml or check the spelling.`}`,
          });
          return z.NEVER;
        }
        return { id, collection };
      }),
    image: () => z.string({ error: 'expected the path of an image file, relative to this file, e.g. ./cover.jpg' }),
  };
}
