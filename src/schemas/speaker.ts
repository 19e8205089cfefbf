/** A speaker: one person, `content/speakers/<id>.yaml`. */
import { z } from 'astro/zod';
import { localizedText, plainText, webUrl, type SchemaContext } from './common.ts';

/** The schema of a speaker file. */
export function speakerSchema<Image extends z.ZodType>(ctx: SchemaContext<Image>) {
  return z.strictObject({
    /** Full name per language, e.g. `en: Wang Binying`, `zh: 王彬颖`. */
    name: localizedText(ctx, 'name'),
    /**
     * Name to sort by per language, only where it differs from `name` (e.g. `en: Rojal, Florence`;
     * for a surname the collator reads wrongly, a same-sounding character: `zh: 增卫东` files 曾 under Z).
     */
    sortAs: localizedText(ctx, 'sortAs', { partial: true }).optional(),
    /** Usual role or title per language, e.g. `en: Deputy Director General`. */
    role: localizedText(ctx, 'role').optional(),
    /** Id of the organisation the speaker belongs to (a file in `content/organisations/`). */
    organisation: ctx.reference('organisations').optional(),
    /** Portrait, relative to this file (e.g. `./photos/wang-binying.jpg`). */
    photo: ctx.image().optional(),
    /** A short biography per language; the one text field that may run over several lines (`bio: |`). */
    bio: localizedText(ctx, 'bio', { multiline: true }).optional(),
    /** Official pages about the speaker. */
    links: z
      .array(
        z.strictObject({
          /** What the link is, e.g. "WIPO biography". */
          label: plainText('link label'),
          /** Full address of the page. */
          url: webUrl('link url'),
        }),
        { error: 'links must be a list of items, each with a "label:" and a "url:" line' },
      )
      .optional(),
  });
}
