/**
 * The build's own guard on the files content makes it read (covers, photos, body images): each must
 * be an image file inside the content folder, reached without a symbolic link. `npm run build` runs
 * the checker first, which reports the same with file and line; this guard is for builds that skip
 * it (`astro build`, `astro dev`) and for what changes between the check and the build. It stops
 * the build before Vite or the image service parses the file, because their parse errors quote
 * lines of it (a link named cover.png to a `.env` file would print a secret into a public CI log).
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { resolveInContent, visible } from '#lib/content-files.ts';
import { sniffImageFile } from '#lib/image-files.ts';

/** Where the guard applies. */
export interface ContentGuardOptions {
  /** The content folder (CONTENT_DIR). */
  readonly contentDir: string;
}

/** The file path of a Vite module id: without its query and virtual-module prefix. */
function filePathOf(id: string): string {
  return (
    id
      .replace(/^\0/, '')
      .replace(/^\/@fs\//, '/')
      .split('?')[0] ?? ''
  );
}

/** A folder's real path, or the path itself when it does not exist yet. */
function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** The query flag Astro puts on every image a content entry imports (cover, photo, body image). */
const CONTENT_IMAGE_FLAG = /[?&]astroContentImageFlag(?:[&=]|$)/;

/**
 * Why the build must not read `file`, which a content entry imports as an image, or undefined when
 * it may. Vite hands over the real path (links resolved), so a link to a file outside shows up
 * here as a file outside the content folder.
 */
export function guardedImageProblem(contentDir: string, file: string): string | undefined {
  const content = real(contentDir);
  const rel = path.relative(content, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    return `a content file names an image outside the content folder (or a link to one): ${visible(path.basename(file))}; run npm run check to see which`;
  }
  const shown = rel.split(path.sep).join('/');
  const resolved = resolveInContent(content, '', shown);
  if (!resolved.ok) return resolved.message;
  try {
    if (!lstatSync(file).isFile()) return `the content image ${visible(shown)} is not a regular file`;
    if (!sniffImageFile(file)) {
      return `the content image ${visible(shown)} is not an image (PNG, JPEG, GIF, WebP, AVIF, TIFF or SVG); run npm run check`;
    }
  } catch {
    return undefined; // Missing: Astro names the image it could not find.
  }
  return undefined;
}

/** Astro integration: a Vite plugin that refuses content images breaking the file rule, by name only. */
export function contentGuard(options: ContentGuardOptions): AstroIntegration {
  return {
    name: 'news-archive:content-guard',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'news-archive:content-guard',
                enforce: 'pre',
                load: {
                  // First of all load hooks: Astro's image plugin reads the file in its own load.
                  order: 'pre',
                  handler(id) {
                    if (!CONTENT_IMAGE_FLAG.test(id)) return null;
                    const file = filePathOf(id);
                    const problem = guardedImageProblem(options.contentDir, file);
                    if (!problem) return null;
                    // Astro names the entry that imports the image; the message starts with it.
                    const importer = new URLSearchParams(id.split('?')[1] ?? '').get('importer');
                    const shown = importer
                      ? path.relative(process.cwd(), path.resolve(importer.replace(/^file:\/\//, '')))
                      : '';
                    throw new Error(shown ? `${shown}: ${problem}` : problem);
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
