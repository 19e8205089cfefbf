/**
 * Astro's sharp image service, with each source decoded once per build instead of once per variant.
 *
 * Hand-written around Astro's service because Astro calls `transform(source, options)` once per
 * output file, and sharp decodes the whole source every time: a camera JPEG of 12 megapixels was
 * decoded for each of its 7 variants. Astro hands every variant of one source the same buffer, one
 * after another (`generateImagesForPath`), so the decoded pixels are kept per buffer object (a
 * `WeakMap`, freed with the buffer) and each variant is resized and encoded from them.
 *
 * Only still JPEG, PNG and WebP sources go this way; anything else (SVG, GIF and animated WebP,
 * whose frames the raw pixels would lose, or a format sharp may not read) is Astro's own service
 * unchanged, and so is any transform with a background to flatten onto. Sizes, the resize kernel,
 * `fit`, `position`, quality and the encoders' options are Astro's, through the same config.
 */
import type { LocalImageService } from 'astro';
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from 'astro/assets/services/sharp';
import sharp, { type FormatEnum, type Sharp } from 'sharp';

/** A source's pixels after decoding and EXIF rotation, in sRGB, and the format it was in. */
interface Decoded {
  readonly format: string;
  readonly data: Buffer;
  readonly info: { readonly width: number; readonly height: number; readonly channels: 1 | 2 | 3 | 4 };
}

/** Source formats decoded once: still raster images whose pixels are all there is to them. */
const DECODED_ONCE = new Set(['jpeg', 'png', 'webp']);

/** Astro's CSS `object-fit` names mapped to sharp's (as Astro's service maps them). */
const FIT: Readonly<Record<string, 'fill' | 'inside' | 'cover' | 'outside'>> = {
  fill: 'fill',
  contain: 'inside',
  cover: 'cover',
  none: 'outside',
  'scale-down': 'inside',
  outside: 'outside',
  inside: 'inside',
};

/** Decoded pixels per source buffer, for as long as Astro holds the buffer. */
const decodedSources = new WeakMap<Uint8Array, Promise<Decoded | undefined>>();

/** How many sources were decoded in this process (a test reads it). */
export const decodeCount = { value: 0 };

/**
 * The source's format when it can be decoded once, else `undefined`: from sharp's own reading of
 * the header, so a file named `.jpg` that is not a JPEG takes Astro's path and its error. One frame
 * of 8 bits per channel only: 16-bit PNGs keep Astro's path, which keeps their depth.
 */
async function decodableFormat(input: Uint8Array): Promise<string | undefined> {
  try {
    const { format, pages, depth } = await sharp(input).metadata();
    return DECODED_ONCE.has(format) && (pages ?? 1) === 1 && depth === 'uchar' ? format : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes `input` once: EXIF orientation applied, as Astro's service does before resizing. */
function decode(
  input: Uint8Array,
  limitInputPixels: SharpImageServiceConfig['limitInputPixels'],
): Promise<Decoded | undefined> {
  let decoded = decodedSources.get(input);
  if (!decoded) {
    decoded = (async () => {
      const format = await decodableFormat(input);
      if (!format) return undefined;
      decodeCount.value += 1;
      const { data, info } = await sharp(input, { failOn: 'none', limitInputPixels })
        .rotate()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { format, data, info: { width: info.width, height: info.height, channels: info.channels } };
    })();
    decodedSources.set(input, decoded);
  }
  return decoded;
}

/** The transform Astro passes (its `BaseServiceTransform`, of which the service reads these). */
interface Transform {
  readonly src: string;
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  readonly format?: string | undefined;
  readonly quality?: string | null;
  readonly fit?: string | undefined;
  readonly position?: string | undefined;
  readonly background?: string | undefined;
}

/** Resizes `image` as Astro's service does: never enlarged, `fit` only when both sides are given. */
function resized(image: Sharp, t: Transform, kernel: SharpImageServiceConfig['kernel']): Sharp {
  const width = t.width === undefined ? undefined : Math.round(t.width);
  const height = t.height === undefined ? undefined : Math.round(t.height);
  if (width && height) {
    const fit = t.fit === undefined ? undefined : (FIT[t.fit] ?? 'inside');
    return image.resize({ width, height, kernel, fit, position: t.position, withoutEnlargement: true });
  }
  if (width || height) return image.resize({ width, height, kernel, withoutEnlargement: true });
  return image;
}

/** Encodes `image` as `format` with Astro's encoder options for the transform's quality. */
function encoded(
  image: Sharp,
  format: string,
  t: Transform,
  sourceFormat: string,
  config: SharpImageServiceConfig,
): Sharp {
  const options = resolveSharpEncoderOptions({ format, quality: t.quality ?? null }, sourceFormat, config);
  if (format === 'webp') return image.webp(options);
  if (format === 'png') return image.png(options);
  if (format === 'avif') return image.avif(options);
  if (format === 'jpeg' || format === 'jpg') return image.jpeg(options);
  return image.toFormat(format as keyof FormatEnum, options);
}

/** The image service of the site (`image.service` in astro.config.mjs). */
const imageService: LocalImageService<SharpImageServiceConfig> = {
  ...sharpService,
  async transform(inputBuffer, transformOptions, imageConfig, logger) {
    const t = transformOptions as Transform;
    const config = imageConfig.service.config;
    const decoded = t.background ? undefined : await decode(inputBuffer, config.limitInputPixels);
    if (!decoded) return sharpService.transform(inputBuffer, transformOptions, imageConfig, logger);
    // Astro's default output for a raster source is WebP (`DEFAULT_OUTPUT_FORMAT`).
    const format = t.format ?? 'webp';
    const image = sharp(decoded.data, { raw: decoded.info });
    const { data, info } = await encoded(resized(image, t, config.kernel), format, t, decoded.format, config).toBuffer({
      resolveWithObject: true,
    });
    return { data, format: info.format };
  },
};

export default imageService;
