import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { corpusImages, corpusStats, planCorpus } from '#tools/bench/corpus.ts';
import { ImageMaker, planStoryImages, withJpegComment, withPngComment } from '#tools/bench/images.ts';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const city = { en: 'Beijing', zh: '北京' };

describe('benchmark pictures: plan', () => {
  it('gives a third of stories a cover and a tenth body images, a quarter of those diagrams (10,000 stories)', () => {
    const stats = corpusStats(planCorpus({ stories: 10_000 }));
    expect(stats.withCover / stats.stories).toBeGreaterThan(0.31);
    expect(stats.withCover / stats.stories).toBeLessThan(0.36);
    expect(stats.withFigures / stats.stories).toBeGreaterThan(0.085);
    expect(stats.withFigures / stats.stories).toBeLessThan(0.115);
    const figures = stats.images - stats.withCover;
    expect(figures / stats.withFigures).toBeGreaterThan(1.8);
    expect(figures / stats.withFigures).toBeLessThan(2.2);
    expect(stats.diagrams / figures).toBeGreaterThan(0.2);
    expect(stats.diagrams / figures).toBeLessThan(0.3);
  });

  it('leaves the text of every story unchanged by the pictures (their own sub-stream)', () => {
    const withPictures = planCorpus({ stories: 200 }).stories;
    const without = planCorpus({ stories: 200, images: false }).stories;
    expect(without.every((s) => !s.images.cover && s.images.figures.length === 0)).toBe(true);
    expect(withPictures.map(({ images: _, ...facts }) => facts)).toEqual(
      without.map(({ images: _, ...facts }) => facts),
    );
  });

  it('is the same for the same seed and story, and names files the Markdown can point at', () => {
    expect(planStoryImages(1, 5, city)).toEqual(planStoryImages(1, 5, city));
    const paths = [...corpusImages(planCorpus({ stories: 300 }))].map((i) => i.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of paths) expect(p).toMatch(/^articles\/\d{4}\/[a-z0-9-]+\/(cover\.jpg|figure-[1-3]\.(jpg|png))$/);
  });
});

describe('benchmark pictures: bytes', () => {
  it('makes a camera-sized JPEG of 1–3 MB with EXIF, the same bytes on every run', async () => {
    const image = { file: 'cover.jpg', kind: 'photo', variant: 0, alt: city } as const;
    const first = await new ImageMaker(7).bytes(image, 'articles/2024/a/cover.jpg');
    const again = await new ImageMaker(7).bytes(image, 'articles/2024/a/cover.jpg');
    expect(sha(again)).toBe(sha(first));
    expect(first.length).toBeGreaterThan(1_000_000);
    expect(first.length).toBeLessThan(3_000_000);
    const meta = await sharp(first).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 4000, 3000]);
    expect(meta.exif?.length).toBeGreaterThan(50);
  }, 30_000);

  it('gives each picture its own bytes (own content hash) from one encoded variant', async () => {
    const maker = new ImageMaker(7, 1 / 16);
    const photo = { file: 'cover.jpg', kind: 'photo', variant: 1, alt: city } as const;
    const diagram = { file: 'figure-1.png', kind: 'diagram', variant: 0, alt: city } as const;
    const a = await maker.bytes(photo, 'articles/2024/a/cover.jpg');
    const b = await maker.bytes(photo, 'articles/2024/b/cover.jpg');
    const c = await maker.bytes(diagram, 'articles/2024/a/figure-1.png');
    const d = await maker.bytes(diagram, 'articles/2024/b/figure-1.png');
    expect(sha(a)).not.toBe(sha(b));
    expect(sha(c)).not.toBe(sha(d));
    // Each still decodes to the same pixels: a build reads them like any other file.
    const pixels = async (data: Buffer): Promise<string> => sha(await sharp(data).raw().toBuffer());
    expect(await pixels(a)).toBe(await pixels(b));
    expect(await pixels(c)).toBe(await pixels(d));
    expect((await sharp(c).metadata()).format).toBe('png');
  });

  it('splices comments that image readers accept and refuses what is not a JPEG or PNG', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const jpeg = await sharp(png).jpeg().toBuffer();
    expect((await sharp(withPngComment(png, 'x')).metadata()).width).toBe(4);
    expect((await sharp(withJpegComment(jpeg, 'x')).metadata()).width).toBe(4);
    expect(withJpegComment(jpeg, 'note').includes(Buffer.from('note'))).toBe(true);
    expect(() => withJpegComment(png, 'x')).toThrow(/not a JPEG/);
    expect(() => withPngComment(jpeg, 'x')).toThrow(/not a PNG/);
  });
});
