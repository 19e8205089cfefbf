/**
 * Gives every body image that Astro's image pipeline will optimise the article column's `sizes`
 * (src/lib/image-sizes.ts), and caps the files made of it at what that column can show. Astro's
 * rehype-images, which runs after every user plugin, copies the `<img>` properties into the image's
 * options, and `getImage` keeps the `sizes`, `width`, `height` and `widths` it is given, so the
 * published `srcset` is chosen for the column, not for the whole window.
 *
 * The widths: without them, Astro's `constrained` layout publishes the image at its own width and at
 * every breakpoint below it: a 4000-pixel camera photo became ten files up to 4000 pixels wide (two
 * seconds of encoding each for the largest), for a column no wider than 672 CSS pixels. An image
 * now gets its own width capped at twice the column ({@link BODY_IMAGE_MAX_WIDTH}, enough for 2x
 * screens) and the column's widths below it ({@link bodyImageWidths}); its size is read from the
 * file's header with Astro's own reader (`imageMetadata`), as the build reads it. Images whose size
 * cannot be read and images given a width by the editor are left as they were.
 *
 * Only images on Astro's lists (Markdown images, and raw-HTML ones rehype-raw-images added) are
 * touched: `sizes` without `srcset` is invalid HTML, and other images get no `srcset`. An editor's
 * own `sizes` is kept.
 */
import path from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { resolveInContent } from '#lib/content-files.ts';
import { readFileHead } from '#lib/image-files.ts';
import { BODY_IMAGE_MAX_WIDTH, BODY_IMAGE_SIZES, bodyImageWidths } from '#lib/image-sizes.ts';

/** Options of {@link rehypeImageSizes}. */
export interface ImageSizesOptions {
  /** The content folder (CONTENT_DIR): local images are read from it, never through a link. */
  readonly contentDir: string;
}

/** Astro's Markdown data on the VFile, typed loosely (its `DataMap` augmentation is Astro's own). */
interface AstroImageData {
  readonly localImagePaths?: readonly string[];
  readonly remoteImagePaths?: readonly string[];
}

/** Bytes read for an image's size: enough for a JPEG's frame header behind a camera's EXIF block. */
const HEAD_BYTES = 128 * 1024;

/** Width and height of the image file at `file`, as Astro reads them, or undefined. */
async function imageSize(file: string): Promise<{ width: number; height: number } | undefined> {
  let head: Uint8Array;
  try {
    head = readFileHead(file, HEAD_BYTES, { noFollow: true });
  } catch {
    return undefined;
  }
  const { imageMetadata } = await import('astro/assets/utils');
  try {
    const { width, height } = await imageMetadata(head);
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/** Gives `node` (a local image at `file`) the column's widths, capped at the largest useful one. */
async function setWidths(node: Element, file: string): Promise<void> {
  if (node.properties['width'] !== undefined || node.properties['height'] !== undefined) return;
  const size = await imageSize(file);
  if (!size) return;
  const width = Math.min(size.width, BODY_IMAGE_MAX_WIDTH);
  node.properties['width'] = width;
  node.properties['height'] = Math.round((size.height * width) / size.width);
  // A list of numbers, as `getImage` takes it: rehype-images hands the properties over as JSON.
  // (hast types every unknown property as a string; the property only lives until rehype-images.)
  (node.properties as Record<string, unknown>)['widths'] = bodyImageWidths(size.width);
}

/** Rehype plugin: `sizes` = {@link BODY_IMAGE_SIZES} on every image Astro's pipeline will optimise, and the column's widths. */
export function rehypeImageSizes(options: ImageSizesOptions): (tree: Root, file: VFile) => Promise<void> {
  const contentDir = path.resolve(options.contentDir);
  return async (tree, file) => {
    const astro = (file.data as { astro?: AstroImageData }).astro;
    const local = new Set(astro?.localImagePaths ?? []);
    const optimised = new Set([...local, ...(astro?.remoteImagePaths ?? [])]);
    if (optimised.size === 0) return;
    const fromRel = file.path ? path.relative(contentDir, file.path).split(path.sep).join('/') : undefined;
    const capping: Promise<void>[] = [];
    visit(tree, 'element', (node) => {
      const src = node.properties['src'];
      if (node.tagName !== 'img' || typeof src !== 'string' || node.properties['sizes'] !== undefined) return;
      let decoded: string;
      try {
        // Astro's rehype-images matches `decodeURI(src)` against its lists: the same test here.
        decoded = decodeURI(src);
      } catch {
        return;
      }
      if (!optimised.has(decoded)) return;
      node.properties['sizes'] = BODY_IMAGE_SIZES;
      if (fromRel === undefined || !local.has(decoded)) return;
      const resolved = resolveInContent(contentDir, fromRel, decoded);
      if (resolved.ok) capping.push(setWidths(node, resolved.abs));
    });
    await Promise.all(capping);
  };
}
