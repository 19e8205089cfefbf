/** Shared test helpers. */
import { z } from 'astro/zod';
import type { SchemaContext } from '../src/schemas/common.ts';

/** A schema context like the checker's, where every id in `known` exists. */
export function testContext(known: Record<string, readonly string[]> = {}): SchemaContext<z.ZodString> {
  return {
    locales: ['en', 'zh'],
    timeZone: 'Asia/Shanghai',
    reference: (collection) =>
      z.string().transform((id, ctx) => {
        if (!(known[collection] ?? []).includes(id)) {
          ctx.addIssue({ code: 'custom', message: `unknown ${collection} ${id}`, input: id });
          return z.NEVER;
        }
        return { id, collection };
      }),
    image: () => z.string(),
  };
}

/** The messages of a failed parse, as `path: message` lines. */
export function issuesOf(result: { success: boolean; error?: z.ZodError }): string[] {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}
