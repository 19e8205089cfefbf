/**
 * Whether the build can read an image's width and height. Astro sizes every image a content entry
 * names (a cover, a photo, a Markdown image, a raw `<img>` handed over by rehype-raw-images) before
 * anything else, with its vendored image-size, and an image it cannot size stops the build with
 * `NoImageMetadata`: no Markdown file, no line, no reason. A draw.io export is the usual case: its
 * `<svg>` start tag carries the whole diagram in a `content="…"` attribute, while image-size looks
 * for a complete start tag in the first 1,000 bytes only.
 *
 * The verdict is Astro's own: {@link imageSizeProblem} asks `imageMetadata` from `astro/assets/utils`,
 * the function the build calls, so the checker and the build cannot disagree on any format or edge
 * case, today or after an Astro upgrade. Only the explanation ({@link sizeFailureReason}) is ours.
 * Pure TS, no `astro:` imports.
 */
import { readFile } from 'node:fs/promises';
import { readFileHead, sniffImage, type ImageFormat } from '#lib/image-files.ts';

/** The bytes of an SVG that Astro's image-size searches for a complete `<svg …>` start tag. */
export const SVG_PROBE_BYTES = 1000;

/** Format names as editors know them. */
const FORMAT_NAMES: Readonly<Record<ImageFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  avif: 'AVIF',
  svg: 'SVG',
  tiff: 'TIFF',
};

/** Astro's pattern for the SVG start tag (vendor/image-size/types/svg.js), for explaining a failure. */
const SVG_START_TAG = /<svg\s(?:[^>"']|"[^"]*"|'[^']*')*>/;

/**
 * Why the build cannot size an image whose first bytes are `head`, as advice for the editor. Called
 * only once Astro has refused the image; it never quotes the file.
 */
export function sizeFailureReason(head: Uint8Array): string {
  const format = sniffImage(head.subarray(0, 1024));
  if (format === undefined) return 'it is damaged or not really an image; save it again as PNG, JPEG or WebP';
  if (format !== 'svg') return `its ${FORMAT_NAMES[format]} header is damaged or cut short; save the picture again`;
  const text = new TextDecoder().decode(head.subarray(0, SVG_PROBE_BYTES));
  if (SVG_START_TAG.test(text)) {
    return 'its <svg> tag has neither a width and height in pixels (or cm, mm, pt…; not %) nor a viewBox the build can read: add viewBox="0 0 <width> <height>" to it';
  }
  const start = text.search(/<svg\s/);
  if (start < 0) {
    return 'the build reads the size from the <svg> tag\'s attributes in the first 1,000 bytes, and finds none: give the tag a viewBox="0 0 <width> <height>", after at most a short comment';
  }
  // The start tag runs past the probe: name draw.io's diagram copy, the one attribute known to do this.
  return /\scontent\s*=/.test(text.slice(start))
    ? 'its <svg> tag does not end within the first 1,000 bytes, where the build reads the size: draw.io put a copy of the diagram there (content="…"); export it again without "Include a copy of my diagram", or delete the content attribute from the <svg> tag'
    : 'its <svg> tag does not end within the first 1,000 bytes, where the build reads the size: shorten the tag (remove long attributes such as style="…")';
}

/**
 * Why the build cannot read the size of the image `bytes`, or undefined when it can. `bytes` may be
 * the file's start: Astro's readers read fixed places and fail past the end, so a size read from the
 * start is the whole file's, while a failure on a part must be asked again with the whole file.
 */
export async function imageSizeProblem(bytes: Uint8Array): Promise<string | undefined> {
  // Imported on first use: `npm run check` on a folder without images never loads Astro's modules.
  const { imageMetadata } = await import('astro/assets/utils');
  try {
    await imageMetadata(bytes);
    return undefined;
  } catch {
    return sizeFailureReason(bytes);
  }
}

/**
 * How much of a file is tried before the whole of it: 4 KiB holds the size of almost every PNG,
 * GIF, WebP and SVG (and draw.io's start tag is refused from its first 1,000 bytes), 128 KiB that of
 * a JPEG behind a camera's EXIF block. Reading less keeps `npm run check` fast on photo archives.
 */
const HEAD_SIZES = [4 * 1024, 128 * 1024] as const;

/** The start of an image file that {@link imageFileSizeProblem} tries first: read it once, to sniff the format too. */
export function readImageHead(file: string): Uint8Array {
  return readFileHead(file, HEAD_SIZES[0]);
}

/**
 * {@link imageSizeProblem} for a file on disk. Tries its start first (`first`, when the caller has
 * read it with {@link readImageHead}), and the whole file (read as Astro reads it, with `readFile`)
 * only when the start is not enough.
 */
export async function imageFileSizeProblem(file: string, first?: Uint8Array): Promise<string | undefined> {
  for (const size of HEAD_SIZES) {
    const head = size === HEAD_SIZES[0] && first !== undefined ? first : readFileHead(file, size);
    const problem = await imageSizeProblem(head);
    // A size read from the start is the whole file's; a file shorter than the read is all there is.
    if (problem === undefined || head.length < size) return problem;
  }
  return imageSizeProblem(await readFile(file));
}
