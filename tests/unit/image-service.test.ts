import type { AstroConfig } from 'astro';
import sharpService from 'astro/assets/services/sharp';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import imageService, { decodeCount } from '#integrations/image-service.ts';

/** The image config Astro passes the service (only `service.config` is read). */
const imageConfig = { service: { entrypoint: 'x', config: {} } } as unknown as AstroConfig['image'];
const logger = { warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined };

/** An 800 × 600 photo-like JPEG (noise, so encoders have work), stored rotated by EXIF orientation 6. */
async function cameraJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(600 * 800 * 3);
  let seed = 7;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = seed >> 23;
  }
  return sharp(pixels, { raw: { width: 600, height: 800, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const transform = (input: Uint8Array, options: Record<string, unknown>) =>
  imageService.transform(input, { src: '/photo.jpg', ...options }, imageConfig, logger);

describe('image service: each source decoded once', () => {
  it('decodes a source once for all its variants and makes what Astro’s service makes', async () => {
    const input = await cameraJpeg();
    const before = decodeCount.value;
    const variants = [
      { width: 240, height: 180, format: 'webp' },
      { width: 480, height: 360, format: 'webp' },
      { width: 1200, height: 900, format: 'jpg' },
      { width: 400, height: 300, format: 'png', quality: 'low' },
    ];
    for (const options of variants) {
      const ours = await transform(input, options);
      const astros = await sharpService.transform(input, { src: '/photo.jpg', ...options }, imageConfig, logger);
      const [a, b] = await Promise.all([sharp(ours.data).metadata(), sharp(astros.data).metadata()]);
      // EXIF orientation 6 is applied: the stored 600 × 800 portrait is shown 800 × 600.
      expect({ w: a.width, h: a.height, f: a.format }).toEqual({ w: b.width, h: b.height, f: b.format });
      expect(ours.format).toBe(astros.format);
      expect(a.orientation).toBeUndefined();
    }
    expect(decodeCount.value - before).toBe(1);
    // Another buffer of the same bytes is another source as far as Astro is concerned.
    await transform(Buffer.from(input), { width: 480, height: 360, format: 'webp' });
    expect(decodeCount.value - before).toBe(2);
  });

  it('never enlarges, and keeps the proportions when only a width is given', async () => {
    const input = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#345' } })
      .png()
      .toBuffer();
    const wide = await sharp((await transform(input, { width: 600, height: 400, format: 'webp' })).data).metadata();
    expect([wide.width, wide.height]).toEqual([300, 200]);
    const half = await sharp((await transform(input, { width: 150 })).data).metadata();
    expect([half.width, half.height, half.format]).toEqual([150, 100, 'webp']);
  });

  it('leaves SVG, animated GIF and background flattening to Astro’s own service', async () => {
    const before = decodeCount.value;
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect((await transform(svg, { format: 'svg' })).format).toBe('svg');
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
      .gif()
      .toBuffer();
    expect((await transform(gif, { width: 4, format: 'webp' })).format).toBe('webp');
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#f000' } })
      .png()
      .toBuffer();
    const flat = await transform(png, { width: 8, format: 'jpg', background: '#ffffff' });
    expect((await sharp(flat.data).metadata()).format).toBe('jpeg');
    expect(decodeCount.value - before).toBe(0);
  });
});
