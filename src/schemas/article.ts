/**
 * The article: one Markdown file per language in a story folder,
 * `content/articles/<YYYY>/<story-slug>/<lang>.md`.
 *
 * Shared facts (date, event, speakers, organisations, tags, featured) are declared once, in the story's
 * primary file (the default locale's, else the first configured locale present). A translation
 * may leave them out and inherits them; if it repeats one, the checker requires it to agree.
 */
import { z } from 'astro/zod';
import { normaliseAlias } from '#lib/aliases.ts';
import {
  plainText,
  publishedAt,
  referenceList,
  webUrl,
  type SchemaContext,
} from './common.ts';

/**
 * Old site paths that must keep working: `/news/2024/old-name/`, no host, no `..`. The pattern is
 * what editors' tools see (JSON Schema); the normaliser shared with the build refuses the rest
 * (bad escapes, `%2F`, `%00`, hidden names...). Clashes with the site's pages are the checker's.
 */
const aliasPath = z
  .string({ error: 'each alias must be a path such as /news/2024/old-name/' })
  .regex(/^\/(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9\-._~/%]*$/, {
    error: 'an alias must be a site path starting with "/" (no host, no spaces, no "..")',
    abort: true,
  })
  .superRefine((alias, ctx) => {
    const result = normaliseAlias(alias);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, input: alias });
  });

/** How a correction is written, for editors (the message of a wrongly shaped `corrections`). */
const CORRECTION_SHAPE =
  'each correction needs a date and a text: "- date: 2024-05-03" then, on the next line, "  text: What was corrected."';

/** The shape message for a value of the wrong type; other issues (unknown fields…) keep their own. */
const correctionShape = (iss: { readonly code: string }): string | undefined =>
  iss.code === 'invalid_type' ? CORRECTION_SHAPE : undefined;

/** The frontmatter schema of one article file. */
export function articleSchema<Image extends z.ZodType>(ctx: SchemaContext<Image>) {
  return z.strictObject({
    /** Headline in the file's language. */
    title: plainText('title').max(300, { error: 'title is longer than 300 characters: shorten the headline' }),
    /** Publication date `YYYY-MM-DD`, or date-time with offset; required in the primary file, inherited by translations. */
    date: publishedAt(ctx, 'date').optional(),
    /** Language of this file; must match the file name (`en.md` → `en`). */
    language: z.enum(ctx.locales, {
      error: (iss) =>
        iss.input === undefined
          ? 'language is missing: add "language: " with the file\'s language code'
          : `language must be one of: ${ctx.locales.join(', ')}`,
    }),
    /** One or two sentences shown in listings, feeds and search results. */
    summary: plainText('summary').max(600, { error: 'summary is longer than 600 characters: keep it to two sentences' }),
    /** Id of the event the story covers (a file in `content/events/`). */
    event: ctx.reference('events').optional(),
    /** Speakers in order of appearance: an id, or `{ id, role }` with the role they held in this story. */
    speakers: z
      .array(
        z.union([
          z.strictObject({
            /** Id of the speaker (a file in `content/speakers/`). */
            id: ctx.reference('speakers'),
            /** The role the speaker held in this story, in the file's language (overrides their usual role). */
            role: plainText('role').optional(),
          }),
          ctx.reference('speakers'),
        ]),
        { error: 'speakers must be a list: one "- id" (or "- id: ... role: ...") per line' },
      )
      .transform((items) => items.map((item) => ('collection' in item ? { id: item } : item)))
      .optional(),
    /** Ids of organisations the story is about (files in `content/organisations/`). */
    organisations: referenceList(ctx, 'organisations').optional(),
    /** Ids of tags from the vocabulary in `content/tags/`. */
    tags: referenceList(ctx, 'tags').optional(),
    /** Lead image; `src` is relative to this file. A translation without a cover inherits the primary's. */
    cover: z
      .strictObject({
        /** Image file, relative to the article (e.g. `./forum.jpg`). */
        src: ctx.image(),
        /** What the image shows, for readers who cannot see it. */
        alt: plainText('cover alt text'),
        /** Caption shown under the image. */
        caption: plainText('cover caption').optional(),
        /** Who made the image, e.g. "ZGC Forum". */
        credit: plainText('cover credit').optional(),
      })
      .optional(),
    /** Address of the original publication this story is based on. */
    source: webUrl('source').optional(),
    /** `true` keeps the file out of the published site (listings, feeds, sitemap, search). */
    draft: z.boolean({ error: 'draft must be true or false' }).default(false),
    /**
     * `true` makes the story the lead of the home page: first, with its cover large. A shared fact,
     * written in the primary file and inherited by translations. When several published stories are
     * featured, the newest of them leads and `npm run check` warns at the others.
     */
    featured: z
      .boolean({
        error:
          'featured must be true or false: "featured: true" puts the story at the top of the home page; leave it out otherwise',
      })
      .optional(),
    /** Date this language version was last substantively revised. */
    updated: publishedAt(ctx, 'updated').optional(),
    /**
     * Corrections published with this language version, each dated, in the file's language (not a
     * shared fact: every file keeps its own list). Shown at the top of the page, in feeds and JSON-LD.
     */
    corrections: z
      .array(
        z.strictObject(
          {
            /** When the correction was made: `YYYY-MM-DD` or date-time with offset, not before the story's date. */
            date: publishedAt(ctx, 'correction date'),
            /** What was corrected, in the file's language, one line. */
            text: plainText('correction text'),
          },
          { error: correctionShape },
        ),
        { error: correctionShape },
      )
      .optional(),
    /** Old paths of this story that must redirect here. */
    aliases: z.array(aliasPath, { error: 'aliases must be a list of paths, one "- /old/path/" per line' }).optional(),
  });
}

/** The fields that a story's translations share, inherited from the primary file (the story rules' list). */
export { SHARED_FIELDS as SHARED_ARTICLE_FIELDS } from '#lib/stories.ts';
