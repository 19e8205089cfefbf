/**
 * The articles loader: Astro's `glob()` loader, with Markdown rendered on worker threads during a
 * build (src/loaders/markdown-pool.ts). Everything else (reading, ids, digests that skip unchanged
 * files, schema validation, the store) is the glob loader's own; only the render function of `.md`
 * entries is swapped for one that sends the body to a worker running the same processor.
 */
import type { AstroConfig, ContentEntryRenderFunction, ContentEntryType } from 'astro';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { MarkdownPool } from './markdown-pool.ts';

/** Where the articles are: a glob pattern under a base folder. */
export interface ArticlesLoaderOptions {
  /** Glob pattern, e.g. `*\/*\/*.md`. */
  readonly pattern: string;
  /** The folder the pattern applies in. */
  readonly base: string;
}

/**
 * The loader context as Astro passes it to its glob loader: with the entry types by file extension,
 * which the public `LoaderContext` type leaves out.
 */
type GlobLoaderContext = LoaderContext & { readonly entryTypes: Map<string, ContentEntryType> };

/** The options Astro's Markdown entry type passes to `processor.createRenderer`, as plain data. */
function rendererOptions(config: AstroConfig): Record<string, unknown> {
  const { image, markdown } = config;
  const options = {
    image,
    syntaxHighlight: markdown.syntaxHighlight,
    shikiConfig: markdown.shikiConfig,
    gfm: markdown.gfm,
    smartypants: markdown.smartypants,
  };
  // Through JSON: a worker receives a structured clone, which cannot carry functions.
  return JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
}

/** `glob()` over the articles, rendering Markdown on every core in builds (one thread in dev). */
export function articlesLoader(options: ArticlesLoaderOptions): Loader {
  // The raw Markdown is not kept in the data store (nothing reads `entry.body`; the rendered HTML is):
  // the store is bundled into the build as one module, and at 10,000 stories the bodies are 86 MB.
  const inner = glob({ pattern: options.pattern, base: options.base, retainBody: false });
  return {
    name: 'articles',
    load: async (loaderContext) => {
      const context = loaderContext as GlobLoaderContext;
      const markdown = context.entryTypes.get('.md');
      // The dev server renders one changed file at a time: a pool would only add start-up time.
      if (context.watcher || !markdown?.getRenderFunction) return inner.load(context);
      const pool = new MarkdownPool({
        siteUrl: String(context.config.site ?? ''),
        renderer: rendererOptions(context.config),
      });
      const render: ContentEntryRenderFunction = async (entry) => {
        const { html, metadata } = await pool.render({
          body: entry.body ?? '',
          frontmatter: entry.data,
          filePath: entry.filePath,
        });
        // What Astro's own Markdown render function returns (vite-plugin-markdown).
        return {
          html,
          metadata: { ...metadata, imagePaths: metadata.localImagePaths.concat(metadata.remoteImagePaths) },
        };
      };
      const entryTypes = new Map<string, ContentEntryType>(context.entryTypes);
      entryTypes.set('.md', { ...markdown, getRenderFunction: () => Promise.resolve(render) });
      try {
        await inner.load({ ...context, entryTypes } as GlobLoaderContext);
      } finally {
        await pool.close();
      }
    },
  };
}
