/**
 * Gives every body image that Astro's image pipeline will optimise the article column's `sizes`
 * (src/lib/image-sizes.ts). Astro's rehype-images, which runs after every user plugin, copies the
 * `<img>` properties into the image's options, and `getImage` keeps a `sizes` it is given, so the
 * published `srcset` is chosen for the column, not for the whole window.
 *
 * Only images on Astro's lists (Markdown images, and raw-HTML ones rehype-raw-images added) get it:
 * `sizes` without `srcset` is invalid HTML, and other images get no `srcset`. An editor's own
 * `sizes` is kept.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { BODY_IMAGE_SIZES } from '#lib/image-sizes.ts';

/** Astro's Markdown data on the VFile, typed loosely (its `DataMap` augmentation is Astro's own). */
interface AstroImageData {
  readonly localImagePaths?: readonly string[];
  readonly remoteImagePaths?: readonly string[];
}

/** Rehype plugin: `sizes` = {@link BODY_IMAGE_SIZES} on every image Astro's pipeline will optimise. */
export function rehypeImageSizes(): (tree: Root, file: VFile) => void {
  return (tree, file) => {
    const astro = (file.data as { astro?: AstroImageData }).astro;
    const optimised = new Set([...(astro?.localImagePaths ?? []), ...(astro?.remoteImagePaths ?? [])]);
    if (optimised.size === 0) return;
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
      if (optimised.has(decoded)) node.properties['sizes'] = BODY_IMAGE_SIZES;
    });
  };
}
