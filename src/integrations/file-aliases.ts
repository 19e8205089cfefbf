/**
 * Astro writes every page as `<path>/index.html`. A redirect page for an old address that named a
 * file (`/news/old-story.html`) must be that file, so after the build such pages are moved from
 * `news/old-story.html/index.html` to `news/old-story.html`.
 */
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Whether a built page's path names a file (`news/old.html/`) rather than a directory. */
export function namesFile(pathname: string): boolean {
  return /\.html?\/?$/i.test(pathname);
}

/** The integration that moves file-named pages into place. */
export function fileAliases(): AstroIntegration {
  return {
    name: 'news-archive:file-aliases',
    hooks: {
      'astro:build:done': async ({ dir, pages }) => {
        const out = fileURLToPath(dir);
        for (const { pathname } of pages) {
          if (!namesFile(pathname)) continue;
          const target = `${out}/${pathname.replace(/\/+$/, '')}`;
          const temporary = `${target}.moving`;
          await rename(`${target}/index.html`, temporary);
          await rm(target, { recursive: true });
          await rename(temporary, target);
        }
      },
    },
  };
}
