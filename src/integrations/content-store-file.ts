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
 * Astro's `collectionStorage: 'chunked'` also avoids the one big module, but writing its chunks made
 * a cold content sync of 10,000 stories take 5 minutes instead of 84 s; it stays for archives whose
 * store could not be one string at all (src/lib/content-size.ts). Only Astro's single-file module is
 * replaced, and only in `astro build`: the dev server keeps Astro's module and its updates.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Astro's resolved id of the content store module (`astro:data-layer-content`). */
const STORE_MODULE = '\0astro:data-layer-content';

/** The start of the single-file store module Astro writes (its chunked manifest reads differently). */
const SINGLE_FILE_MODULE = 'export default JSON.parse(';

/** The module that reads the store from `file` when it runs. */
export function storeReaderModule(file: string): string {
  return `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
}

/** The integration; it adds one Vite plugin to production builds. */
export function contentStoreFile(): AstroIntegration {
  return {
    name: 'news-archive:content-store-file',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'news-archive:content-store-file',
                transform(code, id) {
                  if (id !== STORE_MODULE || !code.startsWith(SINGLE_FILE_MODULE)) return undefined;
                  return { code: storeReaderModule(file), map: null };
                },
              },
            ],
          },
        });
      },
    },
  };
}
