/**
 * What an image file really is, read from its first bytes. The checker refuses a "cover.png" that
 * is a text file (or a link to one) before Astro's image pipeline sees it: that pipeline would fail
 * with a parse error quoting a line of the file, and a build log is often public.
 *
 * Hand-written because only the signatures are needed: a decoding library (sharp, image-size)
 * would parse the file, which is exactly what must not happen to a file that is not an image.
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';

/** The image formats the site publishes, by the extension Astro's image pipeline accepts. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg' | 'tiff';

/** Extensions of the image files content may use. */
export const IMAGE_EXTENSIONS: Readonly<Record<string, ImageFormat>> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
  avif: 'avif',
  svg: 'svg',
  tif: 'tiff',
  tiff: 'tiff',
};

/** Bytes read to recognise a format: enough for every signature and an SVG's XML prologue. */
export const HEAD_BYTES = 1024;

/** Which image format `head` (a file's first bytes) starts with, if any. */
export function sniffImage(head: Uint8Array): ImageFormat | undefined {
  const b = (i: number): number => head[i] ?? -1;
  const ascii = (from: number, to: number): string => String.fromCharCode(...head.subarray(from, to));
  if (b(0) === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(8, 12))) return 'avif';
  if ((ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') && head.length >= 8) return 'tiff';
  // SVG is text: an optional BOM, XML declaration, comments and doctype, then the <svg> element.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const prologue =
    /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+svg[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;
  if (prologue.test(text)) return 'svg';
  return undefined;
}

/**
 * The first `size` bytes of `file` (fewer when it is shorter), in a buffer exactly as long as what
 * was read, so that a reader going past them fails as it would on the whole file. `noFollow` refuses
 * a file that is itself a symbolic link. Throws as `fs` does (missing, a folder, unreadable).
 */
export function readFileHead(file: string, size: number, options: { readonly noFollow?: boolean } = {}): Uint8Array {
  const fd = openSync(file, options.noFollow ? constants.O_RDONLY | constants.O_NOFOLLOW : constants.O_RDONLY);
  try {
    const buffer = new Uint8Array(size);
    return buffer.slice(0, readSync(fd, buffer, 0, size, 0));
  } finally {
    closeSync(fd);
  }
}

/** The format of a file on disk by its first bytes; undefined when it is not an image we publish. */
export function sniffImageFile(file: string): ImageFormat | undefined {
  return sniffImage(readFileHead(file, HEAD_BYTES));
}

/** The format an image path's extension promises, if it is one we publish. */
export function formatByExtension(file: string): ImageFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : IMAGE_EXTENSIONS[ext];
}
