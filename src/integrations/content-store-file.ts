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
 * Archives whose store could not be one string at all are stored in chunks (`collectionStorage:
 * 'chunked'`, src/lib/content-size.ts): Astro's module then imports one module per 20 MB chunk file,
 * each `export default "…"`, and at 50,000 stories Vite's bundling of those literals held 9 GB.
 * Each chunk module is loaded the same way, as one that reads its chunk file when it runs; Astro's
 * small manifest module stays. Only in `astro build`: the dev server keeps Astro's modules and their
 * updates.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';

/** Astro's resolved id of the content store module (`astro:data-layer-content`). */
const STORE_MODULE = '\0astro:data-layer-content';

/** The start and end of Astro's resolved id of a chunk module of a chunked store. */
const CHUNK_MODULE_PREFIX = '\0astro:data-layer-content-chunk:';
const CHUNK_MODULE_SUFFIX = '.mjs';

/** The name of a chunk file (an xxhash of its text), as Astro checks it: nothing that leaves the folder. */
const CHUNK_FILE_NAME = /^[a-f0-9]{16}\.txt$/;

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

/** The module that exports the text of the chunk file `file` when it runs. */
export function chunkReaderModule(file: string): string {
  return `import { readFileSync } from 'node:fs';\nexport default readFileSync(${JSON.stringify(file)}, 'utf8');\n`;
}

/** Whether Astro keeps the store in one file (`single-file`, its default) rather than in chunks. */
function isSingleFile(storage: AstroConfig['experimental']['collectionStorage']): boolean {
  return storage === undefined || storage === 'single-file';
}

/**
 * The module to load for the resolved id `id` in a build whose Astro cache folder is `cacheDir`, or
 * `undefined` to leave it to Astro (another module; a store file not written yet: an empty archive).
 */
export function storeModule(id: string, cacheDir: URL, singleFile: boolean): string | undefined {
  if (singleFile) {
    const file = fileURLToPath(new URL('data-store.json', cacheDir));
    return id === STORE_MODULE && existsSync(file) ? storeReaderModule(file) : undefined;
  }
  if (!id.startsWith(CHUNK_MODULE_PREFIX) || !id.endsWith(CHUNK_MODULE_SUFFIX)) return undefined;
  const name = id.slice(CHUNK_MODULE_PREFIX.length, -CHUNK_MODULE_SUFFIX.length);
  if (!CHUNK_FILE_NAME.test(name)) return undefined;
  const file = fileURLToPath(new URL(`data-store/${name}`, cacheDir));
  return existsSync(file) ? chunkReaderModule(file) : undefined;
}

/** The integration; it adds one Vite plugin to production builds. */
export function contentStoreFile(): AstroIntegration {
  return {
    name: 'news-archive:content-store-file',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        const singleFile = isSingleFile(config.experimental.collectionStorage);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'news-archive:content-store-file',
                load: {
                  order: 'pre',
                  filter: { id: /^\0astro:data-layer-content(?:-chunk:.*)?$/ },
                  handler(id) {
                    const code = storeModule(id, config.cacheDir, singleFile);
                    if (code === undefined) return undefined;
                    // Astro marks the store module as content data; its chunk modules, not.
                    return { code, map: { mappings: '' }, ...(singleFile ? { meta: CONTENT_DATA_META } : {}) };
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
