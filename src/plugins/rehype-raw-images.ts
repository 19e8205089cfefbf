/**
 * Raw-HTML images through Astro's image pipeline, like Markdown images. Astro optimises only the
 * images its remark-collect-images found in Markdown (`![alt](./a.png)`), before raw HTML is even
 * parsed; its rehype-images then marks each `<img>` whose `src` is on that list, and the content
 * layer swaps the mark for a hashed file in `_astro/` with `srcset`, width and height. An
 * `<img src="./diagram.png">` written in HTML was left as a relative address the published page
 * cannot load. This plugin adds such paths to the list (`file.data.astro.localImagePaths`), so
 * Astro's own rehype-images, which runs after every user plugin, treats them exactly alike.
 *
 * Only paths relative to the article, to an image file inside the content folder, are taken: web
 * addresses and site-absolute paths (`/img/a.png`, served from `public/`) stay as they are.
 */
import path from 'node:path';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { resolveInContent } from '#lib/content-files.ts';
import { formatByExtension } from '#lib/image-files.ts';
import { isElement } from './hast-helpers.ts';

/** Options of {@link rehypeRawImages}. */
export interface RawImagesOptions {
  /** The content folder (CONTENT_DIR): images outside it are never read. */
  readonly contentDir: string;
}

/** Astro's Markdown data on the VFile, typed loosely (its `DataMap` augmentation is Astro's own). */
interface AstroData {
  localImagePaths?: string[];
}

/**
 * The path Astro's image pipeline will read for an `<img src>` written in raw HTML, decoded as Astro
 * decodes Markdown image paths, or `undefined` when the address stays as written: a web address,
 * site-absolute (`/a.png`) or protocol-relative, with a query or fragment, not an image file name,
 * or not decodable. A bare file name is read as the browser reads it, `diagram.png` as `./diagram.png`.
 * The checker uses it to know which raw images the build will read.
 */
export function pipelineImagePath(src: unknown): string | undefined {
  if (typeof src !== 'string' || src === '' || src !== src.trim()) return undefined;
  if (URL.canParse(src) || src.startsWith('/') || src.startsWith('\\') || /[?#]/.test(src)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(src);
  } catch {
    return undefined;
  }
  if (!formatByExtension(decoded)) return undefined;
  // Vite would look for a bare `diagram.png` among packages: the browser's reading is `./diagram.png`.
  return /^\.\.?\//.test(decoded) ? decoded : `./${decoded}`;
}

/** A width or height as a whole number of pixels, or `undefined` (`50%`, `auto` mean nothing to the pipeline). */
function pixels(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

/**
 * Rehype plugin: registers every raw-HTML `<img>` whose `src` is a {@link pipelineImagePath} inside
 * the content folder (resolved from the article, no symbolic link on the way) as a local image of
 * the article, for Astro's rehype-images. Images inside `<picture>` or with their own `srcset` are
 * left alone (their other sources would not be rewritten); a `width`/`height` that is not a whole
 * number of pixels is dropped, as the pipeline sizes images in pixels.
 */
export function rehypeRawImages(options: RawImagesOptions): (tree: Root, file: VFile) => void {
  const contentDir = path.resolve(options.contentDir);
  return (tree, file) => {
    // Without a file there is nothing to resolve from, and Astro has no entry to import images for.
    if (!file.path) return;
    const fromRel = path.relative(contentDir, file.path).split(path.sep).join('/');
    const found = new Set<string>();
    visit(tree, 'element', (node, _index, parent) => {
      if (node.tagName !== 'img' || isElement(parent, 'picture')) return;
      if (node.properties['srcSet'] !== undefined) return;
      const local = pipelineImagePath(node.properties['src']);
      if (local === undefined || !resolveInContent(contentDir, fromRel, local).ok) return;
      // Astro's rehype-images matches `decodeURI(src)` against the list (`diagram.png` gets its `./`).
      node.properties['src'] = encodeURI(local);
      for (const key of ['width', 'height']) {
        const size = pixels(node.properties[key]);
        if (size === undefined) delete node.properties[key];
        else node.properties[key] = size;
      }
      found.add(local);
    });
    if (found.size === 0) return;
    const data = file.data as { astro?: AstroData };
    const astro = (data.astro ??= {});
    astro.localImagePaths = [...new Set([...(astro.localImagePaths ?? []), ...found])];
  };
}
