import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  chunkReaderModule,
  contentStoreFile,
  storeModule,
  storeReaderModule,
} from '#integrations/content-store-file.ts';

interface LoadResult {
  code: string;
  meta: unknown;
}
interface LoadPlugin {
  load: { order: string; filter: { id: RegExp }; handler: (id: string) => LoadResult | undefined };
}

const STORE_ID = '\0astro:data-layer-content';

/** The Vite plugin the integration adds for `command` and `collectionStorage`, or none. */
function pluginFor(command: 'build' | 'dev', cacheDir: URL, collectionStorage?: string): LoadPlugin | undefined {
  let plugins: LoadPlugin[] = [];
  const setup = contentStoreFile().hooks['astro:config:setup'] as (options: unknown) => void;
  setup({
    command,
    config: { cacheDir, experimental: { collectionStorage } },
    updateConfig: (config: { vite: { plugins: LoadPlugin[] } }) => {
      plugins = config.vite.plugins;
    },
  });
  return plugins[0];
}

/** The value a module's source exports. */
async function run(code: string): Promise<unknown> {
  return ((await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: unknown }).default;
}

describe('content store read from its file', () => {
  it("loads Astro's single-file store module as one that reads the same JSON, before Astro's own load", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-store-'));
    try {
      const json = JSON.stringify([['Map', 1], 'articles', { html: '<p>正文 "quoted"</p>' }]);
      await writeFile(path.join(dir, 'data-store.json'), json);
      const plugin = pluginFor('build', pathToFileURL(`${dir}/`), 'single-file');
      expect(plugin?.load.order).toBe('pre');
      expect(plugin?.load.filter.id.test(STORE_ID)).toBe(true);
      const loaded = plugin?.load.handler(STORE_ID);
      expect(loaded?.code).toBe(storeReaderModule(path.join(dir, 'data-store.json')));
      // What Astro's load would have answered: the same value.
      expect(await run(loaded?.code ?? '')).toEqual(await run(`export default JSON.parse(${JSON.stringify(json)})`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("marks the module as content data exactly as Astro does, so its incremental build leaves it out of the code's hash", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-store-'));
    try {
      await writeFile(path.join(dir, 'data-store.json'), '[]');
      const loaded = pluginFor('build', pathToFileURL(`${dir}/`))?.load.handler(STORE_ID);
      // Astro's own helper, by file: the package does not export it.
      const astroMeta = (await import(
        pathToFileURL(path.resolve('node_modules/astro/dist/core/build/incremental-metadata.js')).href
      )) as {
        createContentDataIncrementalMetadata: () => unknown;
        isContentDataIncrementalModule: (i: unknown) => boolean;
      };
      expect(loaded?.meta).toEqual(astroMeta.createContentDataIncrementalMetadata());
      expect(astroMeta.isContentDataIncrementalModule({ meta: loaded?.meta })).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves other modules, a missing store file and the dev server to Astro', () => {
    const plugin = pluginFor('build', new URL('file:///no-such-cache-folder/'));
    expect(plugin?.load.handler('/src/page.ts')).toBeUndefined();
    expect(plugin?.load.handler(STORE_ID)).toBeUndefined();
    expect(pluginFor('dev', new URL('file:///cache/'))).toBeUndefined();
  });

  it("loads each chunk of a chunked store as a module that reads its file, and leaves Astro's manifest module", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-store-'));
    try {
      const cacheDir = pathToFileURL(`${dir}/`);
      const name = '0123456789abcdef.txt';
      const text = '["articles/a",{"html":"<p>正文</p>"}]\n';
      await mkdir(path.join(dir, 'data-store'));
      await writeFile(path.join(dir, 'data-store', name), text);
      const plugin = pluginFor('build', cacheDir, 'chunked');
      const chunkId = `${STORE_ID}-chunk:${name}.mjs`;
      expect(plugin?.load.filter.id.test(chunkId)).toBe(true);
      const loaded = plugin?.load.handler(chunkId);
      expect(loaded?.code).toBe(chunkReaderModule(path.join(dir, 'data-store', name)));
      expect(loaded?.meta).toBeUndefined();
      // What Astro's load would have answered (`export default "…"`): the same text.
      expect(await run(loaded?.code ?? '')).toBe(text);
      expect(plugin?.load.handler(STORE_ID)).toBeUndefined();
      // A name that is not a chunk's, a chunk not written, a chunk id in a single-file build: Astro's.
      expect(storeModule(`${STORE_ID}-chunk:../data-store.json.mjs`, cacheDir, false)).toBeUndefined();
      expect(storeModule(`${STORE_ID}-chunk:fedcba9876543210.txt.mjs`, cacheDir, false)).toBeUndefined();
      expect(storeModule(chunkId, cacheDir, true)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
