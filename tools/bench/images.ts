/**
 * The pictures of the benchmark corpus, as a real news archive has them: about a third of stories
 * with a cover photo straight from a camera (JPEG, 1–3 MB, 12 or 6 megapixels, with EXIF), a tenth
 * with one to three body images, a quarter of those PNG diagrams.
 *
 * Planning is pure and seeded (its own sub-stream per story, so adding pictures leaves every story's
 * text unchanged). The bytes are made with sharp, but the noise that gives a photo its detail comes
 * from our seeded generator, not from libvips (whose noise differs on every call): the corpus must be
 * byte-identical on every run. Encoding a 12-megapixel JPEG takes about 3 s, and a 10,000-story
 * archive has over 3,000 photos, so each photo variant is encoded once per run and every picture is
 * that variant with a comment naming the picture spliced in (a JPEG COM segment, a PNG tEXt chunk):
 * each file has its own bytes, hence its own content hash, and is decoded and encoded by the build
 * like any other, while writing the corpus stays a matter of seconds.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { Bilingual } from './vocabulary.ts';
import { deriveSeed, Random } from './random.ts';

/** Share of stories with a cover photo. */
export const COVER_SHARE = 1 / 3;
/** Share of stories with body images (one to three). */
export const FIGURE_SHARE = 0.1;
/** Share of body images that are PNG diagrams rather than photos. */
export const DIAGRAM_SHARE = 0.25;

/** A photo variant's size: the camera's sensor proportions, landscape and portrait. */
const PHOTO_SIZES: readonly (readonly [number, number])[] = [
  [4000, 3000],
  [4000, 3000],
  [4000, 3000],
  [3000, 2000],
  [3000, 2000],
  [3000, 4000],
];
/** Diagram variants: slide-sized PNGs. */
const DIAGRAM_SIZE = [1600, 900] as const;
const DIAGRAM_VARIANTS = 3;

/** The sub-stream of the picture decisions (beside corpus-model.ts's STREAM numbers, which stop at 7). */
const IMAGE_STREAM = 8;
/** The sub-stream of a photo variant's pixels. */
const PIXEL_STREAM = 9;

/** One picture file of a story. */
export interface ImagePlan {
  /** File name in the story folder, e.g. `cover.jpg`, `figure-2.png`. */
  readonly file: string;
  /** A camera photo (JPEG) or a diagram (PNG). */
  readonly kind: 'photo' | 'diagram';
  /** Which of the pre-encoded variants its pixels are. */
  readonly variant: number;
  /** Alt text in both languages. */
  readonly alt: Bilingual;
}

/** A story's pictures. */
export interface StoryImages {
  readonly cover?: ImagePlan;
  readonly figures: readonly ImagePlan[];
}

/** The alt text of a photo or diagram of a story set in `city`. */
function altText(kind: ImagePlan['kind'], city: Bilingual, n: number): Bilingual {
  return kind === 'photo'
    ? { en: `Participants at the meeting in ${city.en} (${n})`, zh: `${city.zh}会议现场（${n}）` }
    : { en: `Chart of the figures presented in ${city.en} (${n})`, zh: `${city.zh}会上公布的数据图表（${n}）` };
}

/** Plans the pictures of story `index` (set in `city`), from the picture sub-stream of `seed`. */
export function planStoryImages(seed: number, index: number, city: Bilingual): StoryImages {
  const rng = new Random(deriveSeed(seed, IMAGE_STREAM, index));
  const cover: ImagePlan | undefined = rng.chance(COVER_SHARE)
    ? { file: 'cover.jpg', kind: 'photo', variant: rng.int(0, PHOTO_SIZES.length - 1), alt: altText('photo', city, 1) }
    : undefined;
  const figures: ImagePlan[] = [];
  if (rng.chance(FIGURE_SHARE)) {
    const count = rng.int(1, 3);
    for (let n = 1; n <= count; n++) {
      const kind = rng.chance(DIAGRAM_SHARE) ? 'diagram' : 'photo';
      figures.push({
        file: `figure-${n}.${kind === 'photo' ? 'jpg' : 'png'}`,
        kind,
        variant: rng.int(0, (kind === 'photo' ? PHOTO_SIZES.length : DIAGRAM_VARIANTS) - 1),
        alt: altText(kind, city, n + 1),
      });
    }
  }
  return cover ? { cover, figures } : { figures };
}

/** Bytes of `count` seeded Gaussian-ish samples around 128 (sum of three uniforms: cheap and smooth enough). */
function noise(rng: Random, count: number, spread: number): Buffer {
  const bytes = Buffer.allocUnsafe(count);
  for (let i = 0; i < count; i++) {
    const v = 128 + (rng.next() + rng.next() + rng.next() - 1.5) * spread;
    bytes[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return bytes;
}

/**
 * A camera-like JPEG: coarse seeded colour fields scaled up (subjects, light), fine seeded grain on
 * top (sensor noise, texture), quality 88 and the EXIF a camera writes. 1.7–2.6 MB at 12 megapixels.
 */
async function photoVariant(seed: number, variant: number, scale: number): Promise<Buffer> {
  const [fullWidth, fullHeight] = PHOTO_SIZES[variant] ?? [4000, 3000];
  const width = Math.round(fullWidth * scale);
  const height = Math.round(fullHeight * scale);
  const rng = new Random(deriveSeed(seed, PIXEL_STREAM, variant));
  const coarse = { width: Math.round(width / 16), height: Math.round(height / 16), channels: 3 as const };
  const fields = await sharp(noise(rng, coarse.width * coarse.height * 3, 170), { raw: coarse })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  const grain = noise(rng, width * height * 3, 14);
  return sharp(fields, { raw: { width, height, channels: 3 } })
    .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'overlay' }])
    .jpeg({ quality: 88 })
    .withExif({
      IFD0: {
        Make: 'Canon',
        Model: 'EOS R6',
        DateTime: '2024:04:30 10:00:00',
        Software: 'news-archive bench',
        Copyright: 'Synthetic benchmark picture',
      },
    })
    .toBuffer();
}

/** A flat-colour bar chart drawn from an SVG without text (text would depend on the machine's fonts). */
async function diagramVariant(seed: number, variant: number): Promise<Buffer> {
  const [width, height] = DIAGRAM_SIZE;
  const rng = new Random(deriveSeed(seed, PIXEL_STREAM, 100 + variant));
  const bars: string[] = [];
  const count = 6 + variant * 2;
  const slot = (width - 160) / count;
  for (let i = 0; i < count; i++) {
    const h = Math.round(100 + rng.next() * (height - 260));
    const x = Math.round(100 + i * slot);
    const colour = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700'][i % 4] ?? '#1f6feb';
    bars.push(
      `<rect x="${x}" y="${height - 80 - h}" width="${Math.round(slot * 0.7)}" height="${h}" fill="${colour}"/>`,
    );
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<path d="M80 60V${height - 80}H${width - 40}" stroke="#333" stroke-width="4" fill="none"/>` +
    `${bars.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

/** `jpeg` with a COM segment holding `note` right after its start-of-image marker. */
export function withJpegComment(jpeg: Buffer, note: string): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new TypeError('not a JPEG');
  const text = Buffer.from(note, 'utf8');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)]);
}

/** `png` with a tEXt chunk (`Comment`: `note`) before its IEND chunk. */
export function withPngComment(png: Buffer, note: string): Buffer {
  const iend = png.length - 12;
  if (png.toString('latin1', iend + 4, iend + 8) !== 'IEND') throw new TypeError('not a PNG ending in IEND');
  const body = Buffer.concat([Buffer.from('tEXtComment\0', 'latin1'), Buffer.from(note, 'latin1')]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), body.length + 4);
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

/** Makes picture files: each variant encoded once, each picture its variant with its own comment. */
export class ImageMaker {
  readonly #seed: number;
  readonly #scale: number;
  readonly #variants = new Map<string, Promise<Buffer>>();

  /**
   * A maker for the corpus of `seed`. `photoScale` shrinks the photos (tests: 1/16 gives 250 × 188
   * pixels through the same code in milliseconds instead of 3 s per variant); the benchmark uses 1.
   */
  constructor(seed: number, photoScale = 1) {
    this.#seed = seed;
    this.#scale = photoScale;
  }

  /** The bytes of `image`, which lives at `path` in the content folder (the comment names it). */
  async bytes(image: ImagePlan, path: string): Promise<Buffer> {
    const key = `${image.kind}-${image.variant}`;
    let variant = this.#variants.get(key);
    if (!variant) {
      variant =
        image.kind === 'photo'
          ? photoVariant(this.#seed, image.variant, this.#scale)
          : diagramVariant(this.#seed, image.variant);
      this.#variants.set(key, variant);
    }
    const note = `news-archive bench ${path}`;
    return image.kind === 'photo' ? withJpegComment(await variant, note) : withPngComment(await variant, note);
  }
}
