// Astro configuration. Site URL and base path come from the environment so that preview deploys
// (SITE_URL=https://example.org BASE_PATH=/previews/pr-42/) build the same site under a sub-path.
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { contentGuard } from '#integrations/content-guard.ts';
import { bodiesOnlyBuild } from '#integrations/bodies-only.ts';
import { contentStoreFile } from '#integrations/content-store-file.ts';
import { collectAfterSync } from '#integrations/collect-after-sync.ts';
import { fileAliases } from '#integrations/file-aliases.ts';
import { publishedImages } from '#integrations/published-images.ts';
import { searchStream } from '#integrations/search-stream.ts';
import { siteSitemap } from '#integrations/sitemap.ts';
import { staticPreview } from '#integrations/static-preview.ts';
import { articleMarkdownOptions } from '#plugins/markdown-options.ts';
import { collectionStorageFor, markdownBytes } from '#lib/content-size.ts';
import { buildSettings } from '#lib/environment.ts';
import { REBUILD_PLAN_ENV } from '#lib/rebuild-plan.ts';
import { siteConfig } from '#site.config';

// Defaults in one place (src/lib/environment.ts), shared with the tools.
const settings = buildSettings(process.env);
const site = settings.siteUrl;
const base = settings.basePath;
// A body-only rebuild (pipeline/rebuild.ts) renders only the pages that show the changed bodies, then
// gets the rest from the previous site: Astro's incremental cache and the sitemap, which describe the
// whole site, are left alone. Only integrations change, which Astro leaves out of its config hash.
const bodiesOnly = Boolean(process.env[REBUILD_PLAN_ENV]);

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  output: 'static',
  outDir: settings.outDir,
  // Content layer store and image cache; separate builds (tests, fixture sites) use separate caches.
  cacheDir: settings.cacheDir,
  // `npm run build` publishes dist/ as a link into dist.versions/ (pipeline/publish.ts): the dev
  // server's watcher skips the output folder by itself, but would watch every folder of the versions.
  vite: { server: { watch: { ignored: ['**/dist.versions/**', '**/dist.building/**'] } } },
  build: { format: 'directory' },
  // Pages whose cache key (src/data/cache-keys.ts) and code are unchanged are copied from the
  // previous build's copy in the cache dir instead of rendered: a one-story edit renders a handful.
  experimental: {
    incrementalBuild: true,
    // One store module for most archives; chunks past V8's string limit (src/lib/content-size.ts).
    collectionStorage: collectionStorageFor(markdownBytes(`${settings.contentDir}/articles`)),
  },
  // Astro 7's default ('jsx') drops the whitespace between a word and an inline element that starts
  // the next source line ("the<a>"), which runs words together in mixed English/Chinese text.
  // `true` compresses HTML-aware and lossless; a build test guards against the default coming back.
  compressHTML: true,
  // The sitemap (hreflang alternates and x-default, see src/integrations/sitemap.ts) leaves out the
  // alias redirect pages; the 404 it leaves out itself, and it keeps only HTML pages (no feeds, og.png).
  // The content guard refuses content images outside the content folder, behind links, or not images.
  integrations: [
    contentGuard({ contentDir: settings.contentDir }),
    // The build reads the content store from its file rather than compiling it as a module.
    contentStoreFile(),
    // Frees the sync's garbage before the pages are built on top of it (the build's memory peak).
    collectAfterSync(),
    fileAliases(),
    // Hands each rendered page to `npm run build`'s search indexer, which runs beside Astro's render.
    searchStream(),
    ...(bodiesOnly
      ? [bodiesOnlyBuild()]
      : [siteSitemap({ locales: siteConfig.locales, routesLeftOut: ['/[...alias]'] })]),
    // Last, once every file is written: drops images no page refers to, strips metadata from the rest.
    publishedImages(),
    // `astro preview` only: our static server, which sends `/en` to `/en/` (Astro's answers 404).
    staticPreview(),
  ],
  // Images in article bodies get responsive `srcset`/`sizes`, width and height, lazy loading.
  // The service is Astro's sharp service decoding each source once (src/integrations/image-service.ts).
  // WebP at effort 2: the three variants of a 12-megapixel photo took 201 ms instead of 391 ms at
  // sharp's default effort 4, for 3 % more bytes (README "Benchmark", Pictures).
  image: {
    layout: 'constrained',
    responsiveStyles: false,
    service: { entrypoint: './src/integrations/image-service.ts', config: { webp: { effort: 2 } } },
  },
  markdown: {
    // Our remark/rehype plugins (src/plugins/markdown-options.ts); the Markdown worker threads of the articles
    // loader (src/loaders/) build the same processor from the same options.
    // `base`: site-absolute addresses in bodies get it (src/plugins/rehype-base-path.ts).
    processor: unified(articleMarkdownOptions(site, base)),
    // Code IS highlighted, with Astro's own Shiki plugin, but as one of our rehype plugins
    // (src/plugins/rehype-code-blocks.ts): Astro's setting runs it before every user plugin, so before
    // the sanitizer, which would strip all it writes. Off here so that it does not run twice.
    syntaxHighlight: false,
  },
});
