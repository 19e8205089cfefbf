/**
 * The variants every cover is published in, chosen by measurement (README "Benchmark", Pictures).
 * The story page's figure, the home's lead, the list thumbnails, `og:image` and the feeds all ask
 * for these widths and formats, so a cover is encoded once per width and format however often it
 * is shown:
 *
 * - `<source>`: WebP at each of {@link COVER_WIDTHS}, for every browser (all read WebP since 2020);
 * - `<img>`: one file in the share format (JPEG, PNG for a PNG source) at {@link coverWidth}, the
 *   same file as the page's `og:image` and the feeds' image, for readers and crawlers without WebP.
 *
 * No AVIF: a 1,200 px variant of a camera photo was 43–62 % smaller than in WebP (124 KB at effort
 * 2, 83 KB at effort 4, against 217 KB) but took 3 to 10 times as long to encode on one core (0.6 s
 * and 1.9 s against 0.2 s): for the 3,300 covers of 10,000 stories, 18 to 75 minutes more of a cold
 * build on two cores.
 */
import { SHARE_IMAGE_WIDTH } from './share-image.ts';

/** Widths, in pixels, of the WebP variants (a smaller cover gets those up to its own width). */
export const COVER_WIDTHS = [480, 800, SHARE_IMAGE_WIDTH] as const;

/** The format of the `<source>` variants. */
export const COVER_SOURCE_FORMAT = 'webp';

/**
 * The width a cover's `<img>` (and share image) is published at, for a cover `originalWidth` pixels
 * wide: its own, at most the largest variant. Without it the fallback `<img src>` was the camera's
 * whole picture: a 4000-pixel JPEG of 2.5 MB, encoded on every cold build.
 */
export function coverWidth(originalWidth: number): number {
  return Math.min(originalWidth, SHARE_IMAGE_WIDTH);
}

/** The `<source>` widths of a cover `originalWidth` pixels wide: the variants up to its own width. */
export function coverWidths(originalWidth: number): number[] {
  const width = coverWidth(originalWidth);
  return [...COVER_WIDTHS.filter((w) => w < width), width];
}
