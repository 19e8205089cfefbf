// Builds the fixture site with images that carry what cameras and drawing programs write into files
// (EXIF GPS position, artist, camera serial; XMP creator; SVG comments, metadata, editor data and a
// script; a photo embedded in an SVG) and asserts that none of it is published, and that no image
// is published that no page refers to (Astro kept the original of a cover whose width was read).
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMetadata } from '#lib/image-metadata.ts';
import { root, runBuild, type BuildResult } from './build-site.ts';

const ARTIST = 'Jane Photographer-7c1d';
const SERIAL = 'SN-4F7QX2-7c1d';
const CREATOR = 'XMP Creator-7c1d';
const SVG_AUTHOR = 'svg-author-7c1d';
const secrets = [ARTIST, SERIAL, CREATOR, SVG_AUTHOR];
// What only metadata contains: the EXIF header, XMP's wrapper and namespace, IPTC's Photoshop block.
const signatures = ['Exif\0\0', '<x:xmpmeta', 'http://ns.adobe.com/xap/1.0/', 'Photoshop 3.0\0'];

let dir: string;
let out: string;
let build: BuildResult;
let files: string[];

/** A photo as a phone or camera saves it: EXIF with GPS position, artist and serial number, and XMP. */
async function cameraPhoto(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 110, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Artist: ARTIST, Make: 'Canon', Model: 'EOS R5' },
      IFD2: { BodySerialNumber: SERIAL },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 54/1 27/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '116/1 23/1 5/1',
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${CREATOR}</dc:creator>` +
        '</rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .toBuffer();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-images-'));
  out = path.join(dir, 'dist');
  await cp(path.join(root, 'tests/fixtures/site/content'), path.join(dir, 'content'), { recursive: true });
  const story = path.join(dir, 'content/articles/2024/forum-photo-report');
  const photo = await cameraPhoto(900, 600);
  await writeFile(path.join(story, 'cover.jpg'), photo);
  await writeFile(path.join(story, 'street.jpg'), await cameraPhoto(640, 480));
  // A chart as drawing programs save it, with a photo embedded in it.
  await writeFile(
    path.join(story, 'chart.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
      'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" ' +
      `sodipodi:docname="/home/${SVG_AUTHOR}/chart.svg" width="200" height="100" viewBox="0 0 200 100">` +
      `<!-- drawn by ${SVG_AUTHOR} --><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">${SVG_AUTHOR}</dc:creator></rdf:RDF></metadata>` +
      '<script>alert(document.cookie)</script><rect width="200" height="100" fill="teal"/>' +
      `<image width="60" height="40" xlink:href="data:image/jpeg;base64,${photo.toString('base64')}"/></svg>`,
  );
  for (const language of ['en', 'zh']) {
    const file = path.join(story, `${language}.md`);
    const text = (await readFile(file, 'utf8')).replace('src: ./cover.png', 'src: ./cover.jpg');
    await writeFile(file, `${text}\n![A street](./street.jpg)\n\n![A chart](./chart.svg)\n`);
  }
  build = await runBuild({ CONTENT_DIR: path.join(dir, 'content'), OUT_DIR: out });
  files = (await readdir(out, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const isImage = (file: string) => /\.(?:avif|gif|jpe?g|png|svg|tiff?|webp)$/i.test(file);

describe('published images', () => {
  it('the site builds, with the cover and body images', async () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const page = await readFile(path.join(out, 'en/2024/forum-photo-report/index.html'), 'utf8');
    expect(page).toMatch(/<img[^>]+src="\/_astro\/cover\.[^"]+"/);
    expect(page).toMatch(/<img[^>]+src="\/_astro\/street\.[^"]+"/);
    expect(page).toMatch(/<img[^>]+src="\/_astro\/chart\.[^"]+\.svg"/);
    expect(page).toMatch(/<meta property="og:image" content="https:\/\/news\.example\.org\/_astro\/cover\.[^"]+"/);
  });

  it('no published file carries the GPS position, artist, serial number or any EXIF, XMP or IPTC block', async () => {
    const carrying: string[] = [];
    for (const file of files) {
      const bytes = await readFile(path.join(out, file));
      for (const needle of [...secrets, ...signatures]) {
        if (bytes.includes(Buffer.from(needle, 'latin1'))) carrying.push(`${file}: ${JSON.stringify(needle)}`);
      }
    }
    expect(carrying).toEqual([]);
    for (const file of files.filter((f) => isImage(f) && !f.endsWith('.svg'))) {
      const bytes = await readFile(path.join(out, file));
      expect(await findMetadata(bytes), file).toEqual([]);
      const info = await sharp(bytes).metadata();
      expect([info.exif, info.xmp, info.iptc], file).toEqual([undefined, undefined, undefined]);
    }
  });

  it('a published SVG keeps its drawing but no comments, metadata, editor data or script', async () => {
    const charts = files.filter((file) => /^_astro\/chart\..*\.svg$/.test(file));
    expect(charts.length).toBeGreaterThan(0);
    for (const file of charts) {
      const svg = await readFile(path.join(out, file), 'utf8');
      expect(svg).toContain('<rect width="200" height="100" fill="teal"/>');
      expect(svg).toContain('data:image/jpeg;base64,');
      for (const gone of ['<!--', '<metadata', 'sodipodi', '<script', 'alert(']) expect(svg, file).not.toContain(gone);
    }
  });

  it('every image in _astro/ is referred to by a published file, and every reference finds its image', async () => {
    const texts = await Promise.all(
      files.filter((file) => !isImage(file)).map((file) => readFile(path.join(out, file), 'utf8')),
    );
    const everything = texts.join('\n');
    const images = files.filter((file) => file.startsWith('_astro/') && isImage(file));
    expect(images.length).toBeGreaterThan(10);
    expect(images.filter((file) => !everything.includes(`/${file}`))).toEqual([]);
    const referenced = new Set([...everything.matchAll(/\/(_astro\/[^"'\s,)?#<>]+)/g)].map((m) => m[1] ?? ''));
    const missing = [...referenced].filter((file) => isImage(file) && !files.includes(file));
    expect(missing).toEqual([]);
  });
});
