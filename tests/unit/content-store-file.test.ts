import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentStoreFile, storeReaderModule } from '#integrations/content-store-file.ts';

interface TransformPlugin {
  transform: (code: string, id: string) => { code: string } | undefined;
}

/** The Vite plugin the integration adds for `command`, or none. */
function pluginFor(command: 'build' | 'dev', cacheDir: URL): TransformPlugin | undefined {
  let plugins: TransformPlugin[] = [];
  const setup = contentStoreFile().hooks['astro:config:setup'] as (options: unknown) => void;
  setup({
    command,
    config: { cacheDir },
    updateConfig: (config: { vite: { plugins: TransformPlugin[] } }) => {
      plugins = config.vite.plugins;
    },
  });
  return plugins[0];
}

describe('content store read from its file', () => {
  it("replaces Astro's single-file store module with one that reads the same JSON", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-store-'));
    try {
      const json = JSON.stringify([['Map', 1], 'articles', { html: '<p>正文 "quoted"</p>' }]);
      await writeFile(path.join(dir, 'data-store.json'), json);
      const plugin = pluginFor('build', pathToFileURL(`${dir}/`));
      const astroModule = `export default JSON.parse(${JSON.stringify(json)})`;
      const replaced = plugin?.transform(astroModule, '\0astro:data-layer-content');
      expect(replaced?.code).toBe(storeReaderModule(path.join(dir, 'data-store.json')));
      // Run both modules: the same value.
      const run = async (code: string) =>
        ((await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: unknown }).default;
      expect(await run(replaced?.code ?? '')).toEqual(await run(astroModule));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves other modules, the chunked store and the dev server alone', () => {
    const plugin = pluginFor('build', new URL('file:///cache/'));
    expect(plugin?.transform('export default 1', '/src/page.ts')).toBeUndefined();
    expect(plugin?.transform('export default{"articles":[]}', '\0astro:data-layer-content')).toBeUndefined();
    expect(pluginFor('dev', new URL('file:///cache/'))).toBeUndefined();
  });
});
