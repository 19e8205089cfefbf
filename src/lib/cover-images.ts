/**
 * The variants every cover is published in. The story page's figure, the home's lead and the list
 * thumbnails all ask astro:assets (`Picture`) for these widths and formats, so a cover is encoded
 * once per width and format, and showing it in listings adds no encoding to the build. Each use
 * picks among them with its own `sizes`, never with widths of its own.
 */

/** Widths, in pixels (a smaller cover gets those up to its own width). */
export const COVER_WIDTHS = [480, 800, 1200] as const;

/** Formats offered in `<source>` elements, best first (the `<img>` falls back to the original's). */
export const COVER_FORMATS = ['avif', 'webp'] as const;

/**
 * The width a cover's `<img>` is published at, for a cover `originalWidth` pixels wide: its own, at
 * most the largest variant. Without it the fallback `<img src>` (for browsers without `srcset`) was
 * the camera's whole picture: a 4000-pixel JPEG of 2.5 MB, encoded on every cold build and never
 * chosen by a browser that reads `srcset`.
 */
export function coverWidth(originalWidth: number): number {
  return Math.min(originalWidth, COVER_WIDTHS[COVER_WIDTHS.length - 1] ?? originalWidth);
}
