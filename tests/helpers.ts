/** Shared test helpers. */
import { z } from 'astro/zod';
import { toolSchemaContext } from '#pipeline/check/schema-context.ts';
import type { CollectionName, SchemaContext } from '#schemas/common.ts';

/** The checker's schema context (pipeline/check/schema-context.ts), where every id in `known` exists. */
export function testContext(
  known: Partial<Record<CollectionName, readonly string[]>> = {},
): SchemaContext<z.ZodString> {
  const ids = (collection: CollectionName): Set<string> => new Set(known[collection] ?? []);
  return toolSchemaContext({
    locales: ['en', 'zh'],
    timeZone: 'Asia/Shanghai',
    ids: { speakers: ids('speakers'), organisations: ids('organisations'), events: ids('events'), tags: ids('tags') },
  });
}

/** The messages of a failed parse, as `path: message` lines. */
export function issuesOf(result: { success: boolean; error?: z.ZodError }): string[] {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}
