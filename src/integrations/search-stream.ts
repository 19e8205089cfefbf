/**
 * Adds the middleware that hands rendered pages to the build pipeline's search indexer
 * (src/integrations/search-stream-middleware.ts, pipeline/search-stream.ts). It runs last, on the
 * page as every other middleware left it.
 */
import type { AstroIntegration } from 'astro';

/** The integration. */
export function searchStream(): AstroIntegration {
  return {
    name: 'news-archive:search-stream',
    hooks: {
      'astro:config:setup': ({ addMiddleware }) => {
        addMiddleware({ entrypoint: new URL('./search-stream-middleware.ts', import.meta.url), order: 'post' });
      },
    },
  };
}
