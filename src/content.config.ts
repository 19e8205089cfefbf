// Wires Astro's glob() loaders over the top-level content/ folder to the schemas in src/schemas/
// (articles through src/loaders/articles.ts: glob() with Markdown rendered on worker threads; the
// registries through src/loaders/registry.ts). Both read every file with the checker's reader and
// refuse symbolic links. Nothing else lives here: the schemas are shared with `npm run check`.
import { defineCollection, reference } from 'astro:content';
import type { z } from 'astro/zod';
import { articlesLoader } from '#loaders/articles.ts';
import { registryLoader } from '#loaders/registry.ts';
import { articleSchema } from '#schemas/article.ts';
import { eventSchema } from '#schemas/event.ts';
import { organisationSchema } from '#schemas/organisation.ts';
import { speakerSchema } from '#schemas/speaker.ts';
import { tagSchema } from '#schemas/tag.ts';
import type { SchemaContext } from '#schemas/common.ts';
import { buildSettings } from '#lib/environment.ts';
import { localeCodes, siteConfig } from './site.config.ts';

/** The content folder; tests point CONTENT_DIR at fixture sites. */
const { contentDir } = buildSettings(process.env);

/** Builds the shared schema context from Astro's helpers. */
function context<Image extends z.ZodType>(image: () => Image): SchemaContext<Image> {
  return {
    locales: localeCodes as SchemaContext['locales'],
    timeZone: siteConfig.timeZone,
    reference: reference,
    image,
  };
}

const yamlFiles = (folder: string) => registryLoader({ contentDir, folder });

export const collections = {
  articles: defineCollection({
    loader: articlesLoader({ pattern: '*/*/*.md', base: `${contentDir}/articles`, contentDir }),
    schema: ({ image }) => articleSchema(context(image)),
  }),
  speakers: defineCollection({
    loader: yamlFiles('speakers'),
    schema: ({ image }) => speakerSchema(context(image)),
  }),
  organisations: defineCollection({
    loader: yamlFiles('organisations'),
    schema: ({ image }) => organisationSchema(context(image)),
  }),
  events: defineCollection({
    loader: yamlFiles('events'),
    schema: ({ image }) => eventSchema(context(image)),
  }),
  tags: defineCollection({
    loader: yamlFiles('tags'),
    schema: ({ image }) => tagSchema(context(image)),
  }),
};
