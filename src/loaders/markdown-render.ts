/**
 * The site's Markdown renderer for story bodies, as the articles loader's worker threads build it
 * (src/loaders/markdown-worker.ts) and as a body-only rebuild renders an edited body without Astro
 * (pipeline/splice.ts): the processor of src/plugins/markdown-options.ts with the options Astro
 * passes to `createRenderer`, rendering a body with its file's frontmatter as Astro's glob loader
 * hands them over. One function, so both give the same HTML.
 */
import { unified } from '@astrojs/markdown-remark';
import { pathToFileURL } from 'node:url';
import { articleMarkdownOptions } from '#plugins/markdown-options.ts';
import type { Rendered, WorkerSetup } from './markdown-pool.ts';

/** One body to render: the Markdown, its raw frontmatter, and its file (relative images resolve from it). */
export interface BodySource {
  /** The Markdown body, as the entry type's `getEntryInfo` returns it. */
  readonly body: string;
  /** The file's frontmatter as read (the plugins read its `language`). */
  readonly frontmatter: Record<string, unknown>;
  /** Absolute path of the file. */
  readonly filePath: string | undefined;
}

/** Renders story bodies as the articles loader does, with the processor `setup` describes. */
export async function bodyRenderer(setup: WorkerSetup): Promise<(source: BodySource) => Promise<Rendered>> {
  const processor = await unified(articleMarkdownOptions(setup.siteUrl, setup.base)).createRenderer(setup.renderer);
  return async (source) => {
    const result = await processor.render(source.body, {
      frontmatter: source.frontmatter,
      ...(source.filePath === undefined ? {} : { fileURL: pathToFileURL(source.filePath) }),
    });
    return { html: result.code, metadata: result.metadata };
  };
}
