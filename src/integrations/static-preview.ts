/**
 * `astro preview` through the site's own static server (tools/lib/static-server.ts), which answers
 * as static hosts do: `/en` is a 301 to `/en/`. Astro's own preview server answers every address
 * without its trailing slash with a 404 when `trailingSlash` is `'always'` (its
 * vite-plugin-astro-preview checks this before looking for a file), and it drops `vite.plugins`,
 * so no middleware can be added to it. An adapter's `previewEntrypoint` replaces it, also for a
 * static build; this integration sets one for the `preview` command only, so builds are untouched.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The integration: only `astro preview` sees its adapter. */
export function staticPreview(): AstroIntegration {
  let command: string | undefined;
  return {
    name: 'news-archive:static-preview',
    hooks: {
      'astro:config:setup': (options) => {
        command = options.command;
      },
      'astro:config:done': ({ setAdapter }) => {
        if (command !== 'preview') return;
        setAdapter({
          name: 'news-archive-static-preview',
          previewEntrypoint: fileURLToPath(import.meta.resolve('#tools/lib/static-preview.ts')),
          entrypointResolution: 'auto',
          // It builds nothing, only serves what was built, so no build feature is held back.
          supportedAstroFeatures: {
            staticOutput: 'stable',
            hybridOutput: 'stable',
            serverOutput: 'stable',
            sharpImageService: 'stable',
          },
        });
      },
    },
  };
}
