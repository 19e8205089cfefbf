// A cover as astro:assets publishes it: the WebP `srcset` of its `<source>` and the one fallback file
// that is also the share image (`og:image`, feeds). The variants are chosen in src/lib/cover-images.ts;
// this module turns them into `getImage` calls with exactly the same options wherever a cover is
// shown, because Astro encodes one file per distinct set of options.
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import { COVER_SOURCE_FORMAT, coverWidth, coverWidths } from '#lib/cover-images.ts';
import { shareImageFormat } from '#lib/seo.ts';

/** The fallback file of a cover: its address and size in pixels. */
export interface CoverFile {
  /** Address of the published file (site-absolute, with the base path). */
  readonly src: string;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/** A cover's `<picture>`: its WebP candidates and the fallback file. */
export interface CoverPicture {
  /** Media type of the `<source>`. */
  readonly type: string;
  /** `srcset` of the `<source>`. */
  readonly srcset: string;
  /** The `<img>`'s file, which is also the cover's share image. */
  readonly fallback: CoverFile;
}

/**
 * The cover's fallback file: at most 1,200 pixels wide, JPEG (PNG for a PNG). `layout: 'none'`,
 * because the site's default layout (`constrained`) would add a `srcset` of six more files to
 * every `getImage` call, each of them encoded and none of them used.
 */
export async function coverFallback(src: ImageMetadata): Promise<CoverFile> {
  const width = coverWidth(src.width);
  const image = await getImage({ src, width, format: shareImageFormat(src.format), layout: 'none' });
  return { src: image.src, width, height: Math.round((src.height * width) / src.width) };
}

/** The cover's `<picture>`: WebP at the cover widths, the fallback file for the `<img>`. */
export async function coverPicture(src: ImageMetadata): Promise<CoverPicture> {
  const widths = coverWidths(src.width);
  const [sources, fallback] = await Promise.all([
    getImage({ src, width: coverWidth(src.width), widths, format: COVER_SOURCE_FORMAT, layout: 'none' }),
    coverFallback(src),
  ]);
  return { type: `image/${COVER_SOURCE_FORMAT}`, srcset: sources.srcSet.attribute, fallback };
}
