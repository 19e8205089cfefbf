/**
 * JSON Schema files generated from the zod schemas, so editors get completion and inline errors for
 * the YAML registries (and article frontmatter) in their editor. Regenerate with `npm run schemas`.
 */
import { z } from 'astro/zod';
import { articleSchema } from '#schemas/article.ts';
import { ID_PATTERN, type CollectionName, type SchemaContext } from '#schemas/common.ts';
import { eventSchema } from '#schemas/event.ts';
import { organisationSchema } from '#schemas/organisation.ts';
import { speakerSchema } from '#schemas/speaker.ts';
import { tagSchema } from '#schemas/tag.ts';

/** The generated files, by name (written as `schemas/<name>.schema.json`). */
export function contentJsonSchemas(locales: readonly [string, ...string[]], timeZone: string): Record<string, unknown> {
  const ctx: SchemaContext = {
    locales,
    timeZone,
    // In JSON Schema a reference is just an id string; the checker resolves it.
    reference: ((collection: CollectionName) =>
      z
        .string()
        .regex(ID_PATTERN)
        .meta({ description: `id of a file in content/${collection}/` })) as unknown as SchemaContext['reference'],
    image: () => z.string().meta({ description: 'image path relative to this file, e.g. ./photo.jpg' }),
  };
  const schemas = {
    article: articleSchema(ctx),
    speaker: speakerSchema(ctx),
    organisation: organisationSchema(ctx),
    event: eventSchema(ctx),
    tag: tagSchema(ctx),
  };
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      {
        ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
        title: `news-archive ${name}`,
      },
    ]),
  );
}
