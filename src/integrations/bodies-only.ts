/**
 * Turns Astro's incremental build off for a body-only rebuild (pipeline/rebuild.ts) once the content
 * has been synced, without changing the configuration Astro hashes. Astro clears its content store
 * when the hash of its configuration changes (everything but `vite`, `integrations` and `adapter`),
 * so a rebuild that set `experimental.incrementalBuild: false` in the config re-rendered all 18,500
 * Markdown files of a 10,000-story archive (77 s), and so did the next full build. The flag is read
 * again only when the pages are generated, after `astro:build:start`: turned off there, Astro
 * neither copies pages from its incremental cache nor prunes the cache of the pages this rebuild
 * leaves out, which the next full build still needs.
 */
import type { AstroConfig, AstroIntegration } from 'astro';

/** The integration; add it only to a body-only rebuild. */
export function bodiesOnlyBuild(): AstroIntegration {
  let config: AstroConfig | undefined;
  return {
    name: 'news-archive:bodies-only',
    hooks: {
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:start': () => {
        if (config) (config.experimental as { incrementalBuild: boolean }).incrementalBuild = false;
      },
    },
  };
}
