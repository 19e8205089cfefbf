/**
 * The articles loader: Astro's `glob()` loader, reading each file with the checker's reader
 * (src/loaders/read-entry.ts: the same frontmatter split and YAML rules as `npm run check`), with
 * Markdown rendered on worker threads during a build (src/loaders/markdown-pool.ts). Symbolic links
 * in the articles folder are refused before anything is read. Everything else (ids, digests that
 * skip unchanged files, schema validation, the store) is the glob loader's own; only `getEntryInfo`
 * and the render function of `.md` entries are swapped.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, ContentEntryRenderFunction, ContentEntryType } from 'astro';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { writeFileSync } from 'node:fs';
import { MARKDOWN_SETUP_ENV } from '#lib/body-splice.ts';
import { MarkdownPool, type WorkerSetup } from './markdown-pool.ts';
import { rendererDigest } from './renderer-digest.ts';
import { assertLoaderFolder, strictEntryTypes, type EntryTypes } from './read-entry.ts';

/** Where the articles are: a glob pattern under a base folder. */
export interface ArticlesLoaderOptions {
  /** Glob pattern, e.g. `*\/*\/*.md`. */
  readonly pattern: string;
  /** The folder the pattern applies in. */
  readonly base: string;
  /** The content folder above it, which must not be a symbolic link either. */
  readonly contentDir?: string;
}

/**
 * The loader context as Astro passes it to its glob loader: with the entry types by file extension,
 * which the public `LoaderContext` type leaves out.
 */
type GlobLoaderContext = LoaderContext & { readonly entryTypes: EntryTypes };

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

/** The loader's meta key of the renderer digest its stored bodies were rendered with. */
const RENDERER_KEY = 'renderer-digest';

/** `glob()` over the articles, rendering Markdown on every core in builds (one thread in dev). */
export function articlesLoader(options: ArticlesLoaderOptions): Loader {
  // The raw Markdown is not kept in the data store (nothing reads `entry.body`; the rendered HTML is):
  // the store is bundled into the build as one module, and at 10,000 stories the bodies are 86 MB.
  const inner = glob({ pattern: options.pattern, base: options.base, retainBody: false });
  return {
    name: 'articles',
    load: async (loaderContext) => {
      const context = loaderContext as GlobLoaderContext;
      const root = fileURLToPath(context.config.root);
      const base = path.resolve(root, options.base);
      const contentDir = options.contentDir === undefined ? undefined : path.resolve(root, options.contentDir);
      assertLoaderFolder(root, base, contentDir);
      const entryTypes = strictEntryTypes(context.entryTypes, { root, base, failFast: !context.watcher });
      // Bodies rendered by other code (a changed plugin, an upgraded package) are never reused.
      const digest = await rendererDigest(root);
      if (context.meta.get(RENDERER_KEY) !== digest) {
        context.store.clear();
        context.meta.set(RENDERER_KEY, digest);
      }
      const markdown = entryTypes.get('.md');
      // The dev server renders one changed file at a time: a pool would only add start-up time.
      if (context.watcher || !markdown?.getRenderFunction) {
        return inner.load({ ...context, entryTypes } as GlobLoaderContext);
      }
      const setup: WorkerSetup = {
        siteUrl: String(context.config.site ?? ''),
        // Astro's store is cleared when its config changes (`base` included), so no body rendered
        // under another base is ever reused.
        base: context.config.base,
        renderer: rendererOptions(context.config),
      };
      // `npm run build` renders an edited body with the same set-up when it splices it (pipeline/splice.ts).
      const setupFile = process.env[MARKDOWN_SETUP_ENV];
      if (setupFile) writeFileSync(setupFile, JSON.stringify(setup));
      const pool = new MarkdownPool(setup);
      // Once the load has failed, the glob loader still works through the files it had queued:
      // their renders are skipped, and those already sent finish before the pool closes, so the
      // one message that matters is not buried under "pool was closed" errors, one per file.
      let failed = false;
      const rendering = new Set<Promise<unknown>>();
      const render: ContentEntryRenderFunction = async (entry) => {
        if (failed) return { html: '' };
        const job = pool.render({
          body: entry.body ?? '',
          frontmatter: entry.data,
          filePath: entry.filePath,
        });
        rendering.add(job);
        try {
          const { html, metadata } = await job;
          // What Astro's own Markdown render function returns (vite-plugin-markdown).
          return {
            html,
            metadata: { ...metadata, imagePaths: metadata.localImagePaths.concat(metadata.remoteImagePaths) },
          };
        } finally {
          rendering.delete(job);
        }
      };
      entryTypes.set('.md', {
        ...markdown,
        getRenderFunction: () => Promise.resolve(render),
      } satisfies ContentEntryType);
      try {
        await inner.load({ ...context, entryTypes } as GlobLoaderContext);
      } catch (error) {
        failed = true;
        await Promise.allSettled([...rendering]);
        throw error;
      } finally {
        await pool.close();
      }
    },
  };
}
