// Astro configuration. Site URL and base path come from the environment so that preview deploys
// (SITE_URL=https://example.org BASE_PATH=/previews/pr-42/) build the same site under a sub-path.
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://news.example.org',
  base: process.env.BASE_PATH ?? '/',
  trailingSlash: 'always',
  output: 'static',
  outDir: process.env.OUT_DIR ?? './dist',
  build: { format: 'directory' },
  // Whitespace between inline elements matters in mixed English/Chinese text: keep it.
  compressHTML: false,
  markdown: { processor: unified() },
});
