/** An organisation: `content/organisations/<id>.yaml`. */
import { z } from 'astro/zod';
import { localizedText, webUrl, type SchemaContext } from './common.ts';

/** The schema of an organisation file. */
export function organisationSchema(ctx: SchemaContext) {
  return z.strictObject({
    /** Full name per language, e.g. `en: World Intellectual Property Organization`. */
    name: localizedText(ctx, 'name'),
    /** Short name or acronym per language, e.g. `en: WIPO`, `zh: 产权组织`. */
    short: localizedText(ctx, 'short').optional(),
    /** Official website. */
    url: webUrl('url').optional(),
    /** Id of the larger body this one belongs to (e.g. an office of WIPO). */
    parent: ctx.reference('organisations').optional(),
  });
}
