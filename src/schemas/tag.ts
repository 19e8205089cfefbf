/** A tag of the controlled vocabulary: `content/tags/<id>.yaml`. */
import { z } from 'astro/zod';
import { localizedText, type SchemaContext } from './common.ts';

/** The schema of a tag file. */
export function tagSchema(ctx: SchemaContext) {
  return z.strictObject({
    /** Label per language, e.g. `en: Innovation`, `zh: 创新`. */
    label: localizedText(ctx, 'label'),
    /** What the tag covers, per language; shown on the tag page. */
    description: localizedText(ctx, 'description').optional(),
  });
}
