/**
 * Has the production build read Astro's content store from its file instead of compiling it as
 * JavaScript. Astro bundles the store (every rendered body: 124 MB at 10,000 stories) as one module,
 * `export default JSON.parse("…")`, and V8 compiles a module's source in time that grows much
 * faster than its size: a 20 MB string literal compiles in 0.6 s, 40 MB in 5.6 s, the 10,000-story
 * store in about 100 s of every build, cold or warm (measured with Node 24, README "Benchmark").
 * The module is replaced by one that reads the same file Astro wrote it from
 * (`<cacheDir>/data-store.json`) when the build's pages run: the same JSON, parsed by the same
 * `JSON.parse`, with no source to compile.
 *
 * The replacement loads the module before Astro's own `load` does (a hook ordered `pre`), not by
 * transforming Astro's result: Astro's load reads the whole file, parses it once to check it and
 * writes it out again as a string literal, three copies of the store at once that made Vite's
 * bundling the peak of a 10,000-story build's memory (2.75 GiB, against 2.2 GiB before and after).
 * The module keeps Astro's metadata marking it as content data, which Astro's incremental build
 * leaves out of the pages' code hash.
 *
 * Astro's `collectionStorage: 'chunked'` also avoids the one big module, but writing its chunks made
 * a cold content sync of 10,000 stories take 5 minutes instead of 84 s; it stays for archives whose
 * store could not be one string at all (src/lib/content-size.ts). Only Astro's single-file module is
 * replaced, and only in `astro build`: the dev server keeps Astro's module and its updates.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';

/** Astro's resolved id of the content store module (`astro:data-layer-content`). */
const STORE_MODULE = '\0astro:data-layer-content';

/**
 * The module metadata Astro gives its content store module (`createContentDataIncrementalMetadata`
 * in astro/dist/core/build/incremental-metadata.js, not exported): its incremental build leaves
 * modules marked so out of the hash of the pages' code, since their changes are content changes.
 */
const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } } as const;

/** The module that reads the store from `file` when it runs. */
export function storeReaderModule(file: string): string {
  return `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
}

/** Whether Astro keeps the store in one file (`single-file`, its default) rather than in chunks. */
function isSingleFile(storage: AstroConfig['experimental']['collectionStorage']): boolean {
  return storage === undefined || storage === 'single-file';
}

/** The integration; it adds one Vite plugin to production builds of a single-file store. */
export function contentStoreFile(): AstroIntegration {
  return {
    name: 'news-archive:content-store-file',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build' || !isSingleFile(config.experimental.collectionStorage)) return;
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'news-archive:content-store-file',
                load: {
                  order: 'pre',
                  filter: { id: /^\0astro:data-layer-content$/ },
                  handler(id) {
                    // No file (an empty archive): Astro's own load answers with an empty store.
                    if (id !== STORE_MODULE || !existsSync(file)) return undefined;
                    return { code: storeReaderModule(file), map: { mappings: '' }, meta: CONTENT_DATA_META };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
