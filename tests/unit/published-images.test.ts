/**
 * The metadata walkers and stripper (src/lib/image-metadata.ts) and the clean-up of a built site's
 * images (src/lib/published-images.ts), on images made here with sharp and on hand-made folders.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgCleaner } from '#integrations/published-images.ts';
import { findMetadata, withoutMetadata } from '#lib/image-metadata.ts';
import { cleanSvg, collectReferences, publishImages } from '#lib/published-images.ts';

const exif = {
  IFD0: { Artist: 'Jane Photographer', Make: 'Canon', Model: 'EOS R5', BodySerialNumber: '0123456789' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 0/1' },
};
const xmp =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Photographer</dc:creator>' +
  '</rdf:Description></rdf:RDF></x:xmpmeta>';
const picture = () => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 30 } } });

/** A PNG chunk (length, type, data, CRC; the walkers never check the CRC). */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

/** `bytes` with `extra` inserted at `at`. */
const insert = (bytes: Buffer, at: number, extra: Buffer): Buffer =>
  Buffer.concat([bytes.subarray(0, at), extra, bytes.subarray(at)]);

describe('findMetadata', () => {
  it('finds EXIF and XMP in the formats sharp writes them into, and nothing in sharp’s plain output', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
      const tagged = await picture().toFormat(format).withExif(exif).withXmp(xmp).toBuffer();
      expect(await findMetadata(tagged), format).toEqual(expect.arrayContaining(['EXIF', 'XMP']));
      expect(await findMetadata(await picture().toFormat(format).toBuffer()), format).toEqual([]);
    }
    expect(await findMetadata(await picture().gif().toBuffer())).toEqual([]);
    expect(await findMetadata(await picture().tiff().toBuffer())).toEqual([]);
  });

  it('finds what sharp does not report: JPEG comments, PNG text, GIF comments, vendors’ chunks', async () => {
    const jpeg = await picture().jpeg().toBuffer();
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x09]), Buffer.from('Jane P.')]);
    expect(await findMetadata(insert(jpeg, 2, comment))).toEqual(['comment']);
    const app12 = Buffer.concat([Buffer.from([0xff, 0xec, 0x00, 0x08]), Buffer.from('Ducky\0')]);
    expect(await findMetadata(insert(jpeg, 2, app12))).toEqual(['APP12']);

    const png = await picture().png().toBuffer();
    const text = pngChunk('tEXt', Buffer.from('Author\0Jane Photographer', 'latin1'));
    expect(await findMetadata(insert(png, 33, text))).toEqual(['text']);
    expect(await findMetadata(insert(png, 33, pngChunk('caBX', Buffer.from('c2pa manifest'))))).toEqual(['caBX chunk']);
    expect(await findMetadata(Buffer.concat([png, Buffer.from('trailing')]))).toEqual(['data after the image']);

    const gif = await picture().gif().toBuffer();
    const packed = gif[10] ?? 0;
    const afterColours = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
    const gifComment = Buffer.concat([Buffer.from([0x21, 0xfe, 7]), Buffer.from('Jane P.'), Buffer.from([0])]);
    expect(await findMetadata(insert(gif, afterColours, gifComment))).toEqual(['comment']);

    // A TIFF whose first image has an Artist tag (315) among its own: a camera's TIFF carries EXIF so.
    const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4);
    tiff.write('II*\0', 0, 'latin1');
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(2, 8);
    tiff.writeUInt16LE(256, 10); // ImageWidth: drawing, not metadata
    tiff.writeUInt16LE(315, 22);
    expect(await findMetadata(tiff)).toEqual(['artist']);
  });
});

describe('withoutMetadata', () => {
  it('re-encodes without any metadata, upright, and the same bytes every time', async () => {
    // Orientation 6: the camera was turned; the stored 64×48 pixels show upright as 48×64.
    const tagged = await picture().jpeg().withMetadata({ orientation: 6 }).withExifMerge(exif).withXmp(xmp).toBuffer();
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    const clean = await withoutMetadata(tagged);
    expect(await findMetadata(clean)).toEqual([]);
    expect(clean.includes('Jane Photographer')).toBe(false);
    const info = await sharp(clean).metadata();
    expect([info.format, info.width, info.height, info.exif, info.xmp]).toEqual(['jpeg', 48, 64, undefined, undefined]);
    expect((await withoutMetadata(tagged)).equals(clean)).toBe(true);
    for (const format of ['png', 'webp', 'gif', 'avif'] as const) {
      const other = await picture().toFormat(format).withExif(exif).toBuffer();
      const stripped = await withoutMetadata(other);
      expect(await findMetadata(stripped), format).toEqual([]);
      expect((await sharp(stripped).metadata()).format, format).toBe(format === 'avif' ? 'heif' : format);
    }
  });
});

describe('collectReferences', () => {
  const names = new Set(['cover.Ab12Cd34.jpg', 'cover.Ab12Cd34_x9.webp', '封面 1.Zz99Yy88.png', "it's.Qq11Ww22.svg"]);
  const found = (text: string) => {
    const out = new Set<string>();
    collectReferences(Buffer.from(text), '_astro', names, out);
    return [...out].sort();
  };

  it('finds names in src, srcset, CSS, JSON and feeds, raw, URL-encoded or escaped', () => {
    expect(found('<img src="/_astro/cover.Ab12Cd34_x9.webp" srcset="/_astro/cover.Ab12Cd34.jpg 640w, x 2x">')).toEqual([
      'cover.Ab12Cd34.jpg',
      'cover.Ab12Cd34_x9.webp',
    ]);
    expect(found('a{background:url(/previews/pr-42/_astro/%E5%B0%81%E9%9D%A2%201.Zz99Yy88.png)}')).toEqual([
      '封面 1.Zz99Yy88.png',
    ]);
    expect(found('{"image":"https:\\/\\/news.example.org\\/_astro\\/cover.Ab12Cd34.jpg"}')).toEqual([
      'cover.Ab12Cd34.jpg',
    ]);
    expect(found("<enclosure url='https://x.example/_astro/it&apos;s.Qq11Ww22.svg'/>")).toEqual(["it's.Qq11Ww22.svg"]);
  });

  it('does not take one name for another that starts the same way', () => {
    expect(found('<img src="/_astro/cover.Ab12Cd34_x9.webp">')).toEqual(['cover.Ab12Cd34_x9.webp']);
    expect(found('<img src="/_astro/cover.Ab12Cd34.jpg.webp">')).toEqual(['cover.Ab12Cd34.jpg']);
    expect(found('<img src="/other/cover.Ab12Cd34.jpg">')).toEqual([]);
  });
});

describe('cleanSvg', () => {
  it('removes comments, metadata, editors’ data and scripts, and the metadata of embedded photos', async () => {
    const photo = await picture().jpeg().withExif(exif).toBuffer();
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
      'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:export-filename="/home/jane/Desktop/x.png" ' +
      'viewBox="0 0 10 10"><!--! (c) Jane --><metadata><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      'Jane</dc:creator></metadata><script>alert(1)</script><title>Chart</title>' +
      `<rect width="10" height="10" onclick="alert(2)"/><image xlink:href="data:image/jpeg;base64,${photo.toString('base64')}"/></svg>`;
    const cleaned = (await cleanSvg(svg, 'x.svg', svgCleaner)) ?? '';
    for (const gone of ['Jane', 'jane', 'metadata', 'script', 'alert', 'inkscape']) expect(cleaned).not.toContain(gone);
    expect(cleaned).toContain('<title>Chart</title>');
    const embedded = /base64,([^"]+)/.exec(cleaned)?.[1] ?? '';
    expect(await findMetadata(Buffer.from(embedded, 'base64'))).toEqual([]);
  });

  it('leaves an SVG without metadata as it is, and says which file it cannot read', async () => {
    const plain = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n  <circle r="4"/>\n</svg>\n';
    expect(await cleanSvg(plain, 'ok.svg', svgCleaner)).toBeUndefined();
    await expect(cleanSvg('<svg><g></svg>', '_astro/bad.Ab12Cd34.svg', svgCleaner)).rejects.toThrow(
      '_astro/bad.Ab12Cd34.svg: this published SVG cannot be read as SVG (XML) to remove its metadata: ' +
        're-export "bad.svg" from the drawing program as plain SVG',
    );
  });
});

describe('publishImages', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-images-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('deletes emitted images no file refers to and strips the metadata of the rest', async () => {
    const out = path.join(dir, 'site');
    await mkdir(path.join(out, '_astro'), { recursive: true });
    await mkdir(path.join(out, 'en/story'), { recursive: true });
    const tagged = await picture().jpeg().withExif(exif).toBuffer();
    const plain = await picture().webp().toBuffer();
    await writeFile(path.join(out, '_astro/cover.Ab12Cd34.jpg'), tagged); // the original: unreferenced
    await writeFile(path.join(out, '_astro/cover.Ab12Cd34_x9.webp'), plain);
    await writeFile(path.join(out, '_astro/photo.Qq11Ww22.jpg'), tagged); // referenced as it is
    await writeFile(path.join(out, '_astro/chart.Zz99Yy88.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(out, '_astro/page.Ee55Rr66.css'), 'a{}');
    await writeFile(path.join(out, 'og.png'), await picture().png().withExif(exif).toBuffer()); // not emitted: kept
    await writeFile(
      path.join(out, 'en/story/index.html'),
      '<img src="/_astro/cover.Ab12Cd34_x9.webp"><a href="/_astro/photo.Qq11Ww22.jpg">full size</a>',
    );
    const report = await publishImages(out, { assetsDir: '_astro', svg: svgCleaner });
    expect(report).toEqual({
      removed: ['_astro/chart.Zz99Yy88.svg', '_astro/cover.Ab12Cd34.jpg'],
      stripped: [
        { file: '_astro/photo.Qq11Ww22.jpg', found: ['EXIF'] },
        { file: 'og.png', found: ['EXIF'] },
      ],
      cleanedSvgs: [],
    });
    expect((await readdir(path.join(out, '_astro'))).sort()).toEqual([
      'cover.Ab12Cd34_x9.webp',
      'page.Ee55Rr66.css',
      'photo.Qq11Ww22.jpg',
    ]);
    expect(await findMetadata(await readFile(path.join(out, '_astro/photo.Qq11Ww22.jpg')))).toEqual([]);
    expect((await readFile(path.join(out, '_astro/cover.Ab12Cd34_x9.webp'))).equals(plain)).toBe(true);
  });

  it('keeps an image drawn only by a published SVG', async () => {
    const out = path.join(dir, 'nested');
    await mkdir(path.join(out, '_astro'), { recursive: true });
    await writeFile(path.join(out, '_astro/logo.Ab12Cd34.svg'), '<svg><image href="/_astro/dot.Qq11Ww22.png"/></svg>');
    await writeFile(path.join(out, '_astro/dot.Qq11Ww22.png'), await picture().png().toBuffer());
    await writeFile(path.join(out, 'index.html'), '<img src="/_astro/logo.Ab12Cd34.svg">');
    const report = await publishImages(out, { assetsDir: '_astro', svg: svgCleaner });
    expect(report.removed).toEqual([]);
  });

  it('stops with the file and what to do when metadata cannot be removed', async () => {
    const out = path.join(dir, 'broken');
    await mkdir(out, { recursive: true });
    // EXIF, then no picture at all: nothing sharp could re-encode.
    const header = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10]), Buffer.from('Exif\0\0Jane P.\0')]);
    await writeFile(path.join(out, 'photo.Qq11Ww22.jpg'), header);
    await expect(publishImages(out, { assetsDir: '_astro', svg: svgCleaner })).rejects.toThrow(
      'photo.Qq11Ww22.jpg: this published image carries metadata (EXIF) that could not be removed (the file cannot ' +
        'be read as an image): re-save the source image "photo.jpg" as JPEG, PNG or WebP without metadata (an ' +
        '"export for web" option)',
    );
  });
});
