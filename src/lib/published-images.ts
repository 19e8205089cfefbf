/**
 * The last step of a build for the images it publishes: only images that a published file refers
 * to are kept, and none keeps the metadata cameras and drawing programs write into files (GPS
 * position, author, camera serial number, comments, editors' data in SVG).
 *
 * Why: Astro emits the original of every image imported through a content collection's `image()`
 * into `_astro/`, and deletes it after the build only if nothing read its properties while the pages
 * were rendered. Reading its width for a share image is enough to keep it, so the untouched original
 * (EXIF and all) was published beside its resized copies, linked from nowhere. Astro's sharp
 * service drops metadata when it re-encodes, but it copies SVGs, and any image it cannot re-encode,
 * byte for byte. This works on the built files, whatever put them there, so it holds for every page
 * and route, for `astro build` as for `npm run build`.
 */
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapWithLimit } from './concurrency.ts';
import { findMetadata, MetadataRemovalError, withoutMetadata } from './image-metadata.ts';

/** Extensions of raster image files (what browsers, or sharp, can read). */
export const RASTER_EXTENSIONS: ReadonlySet<string> = new Set([
  'apng',
  'avif',
  'bmp',
  'gif',
  'heic',
  'heif',
  'ico',
  'jfif',
  'jpe',
  'jpeg',
  'jpg',
  'png',
  'tif',
  'tiff',
  'webp',
]);

// Files that cannot name an image: fonts and media are binary and never refer to one by name.
const NOT_REFERRERS = new Set(['woff', 'woff2', 'ttf', 'otf', 'eot', 'wasm', 'mp3', 'mp4', 'webm', 'pdf']);

/** Whether a file is a raster image, an SVG, or no image, by its extension. */
export function imageKind(file: string): 'raster' | 'svg' | undefined {
  const extension = path.extname(file).slice(1).toLowerCase();
  if (extension === 'svg') return 'svg';
  return RASTER_EXTENSIONS.has(extension) ? 'raster' : undefined;
}

// A reference ends at a character that Rollup never leaves in an emitted file name (its sanitizer
// replaces `"#%&*,:;<>?` and control characters), or after 1,024 characters.
const REFERENCE_END = /["<>,?#\\\n\r`]/;
const EXTENSION_END = /\.[A-Za-z0-9]+/g;

/** A reference as written in HTML, XML, CSS or JSON, read back as a file name. */
function decodeReference(text: string): string {
  const unescaped = text.replace(/&#0*39;|&#x0*27;|&apos;/gi, "'");
  try {
    // Emitted names never contain `%`, so any `%` is URL encoding (spaces, Chinese file names).
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped;
  }
}

/**
 * Adds to `found` each of `names` (file names inside the assets folder) that `content` refers to:
 * written after `<assetsDir>/` (as in `/_astro/`, `https://cdn.example/_astro/`, or JSON's `\/`),
 * raw, URL-encoded or HTML-escaped. A name counts when it ends exactly at an extension, so
 * `cover.Ab12.jpg` is not taken for `cover.Ab12_x9.jpg`, and `a.jpg 640w, ...` (a srcset) still finds `a.jpg`.
 */
export function collectReferences(content: Buffer, assetsDir: string, names: ReadonlySet<string>, found: Set<string>) {
  for (const needle of [`${assetsDir}/`, `${assetsDir}\\/`, `${assetsDir}%2F`, `${assetsDir}%2f`]) {
    const marker = Buffer.from(needle);
    for (let at = content.indexOf(marker); at !== -1; at = content.indexOf(marker, at + marker.length)) {
      const start = at + marker.length;
      let window = content.toString('utf8', start, Math.min(content.length, start + 1024));
      const end = window.search(REFERENCE_END);
      if (end !== -1) window = window.slice(0, end);
      for (const match of window.matchAll(EXTENSION_END)) {
        const written = window.slice(0, match.index + match[0].length);
        const name = names.has(written) ? written : decodeReference(written);
        if (names.has(name)) found.add(name);
      }
    }
  }
}

/** Turns SVG text into the same SVG without metadata, and serialises an SVG unchanged (to compare). */
export interface SvgCleaner {
  /** The SVG as the cleaner writes it, with nothing removed. */
  readonly reserialize: (svg: string, file: string) => string | Promise<string>;
  /** The SVG with comments, `<metadata>`, editors' namespaces and scripts removed. */
  readonly clean: (svg: string, file: string) => string | Promise<string>;
}

/** What {@link publishImages} needs to know. */
export interface PublishImagesOptions {
  /** The folder of built assets inside the output, as configured in Astro (`_astro`). */
  readonly assetsDir: string;
  /** The SVG cleaner (SVGO with metadata plugins only, in the build). */
  readonly svg: SvgCleaner;
}

/** What {@link publishImages} did, by path relative to the output folder (`/` separators, sorted). */
export interface PublishImagesReport {
  /** Images deleted because no published file refers to them. */
  readonly removed: readonly string[];
  /** Raster images re-encoded without metadata, with what they carried (`EXIF, XMP`). */
  readonly stripped: readonly { readonly file: string; readonly found: readonly string[] }[];
  /** SVGs rewritten without metadata (or with embedded images stripped). */
  readonly cleanedSvgs: readonly string[];
}

/** An error about one published file, with a message an editor can act on (no stack trace needed). */
export class PublishedImageError extends Error {}

/**
 * Deletes the images in `<outDir>/<assetsDir>/` that no published file refers to, then removes the
 * metadata of every image left anywhere in `outDir` (raster images re-encoded, SVGs cleaned).
 * Throws a {@link PublishedImageError} naming the file when an image's metadata cannot be removed.
 */
export async function publishImages(outDir: string, options: PublishImagesOptions): Promise<PublishImagesReport> {
  const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  const assetsPrefix = `${options.assetsDir}/`;
  // Emitted images: the only files a build may drop (everything else has a fixed address).
  const isEmitted = (file: string) => file.startsWith(assetsPrefix) && imageKind(file) !== undefined;
  const emitted = new Set(files.filter(isEmitted).map((file) => file.slice(assetsPrefix.length)));

  const removed: string[] = [];
  if (emitted.size > 0) {
    const found = new Set<string>();
    const scan = async (file: string) =>
      collectReferences(await readFile(path.join(outDir, file)), options.assetsDir, emitted, found);
    // Every file that could name an image, except the emitted ones: an SVG counts only once published.
    const referrers = files.filter((file) => {
      const extension = path.extname(file).slice(1).toLowerCase();
      return !NOT_REFERRERS.has(extension) && imageKind(file) !== 'raster' && !isEmitted(file);
    });
    await mapWithLimit(referrers, 16, scan);
    // An SVG that is published may itself draw another emitted image; follow those until none is new.
    const scanned = new Set<string>();
    for (let next = [...found].filter((name) => imageKind(name) === 'svg'); next.length > 0;) {
      for (const name of next) scanned.add(name);
      await mapWithLimit(next, 16, (name) => scan(assetsPrefix + name));
      next = [...found].filter((name) => imageKind(name) === 'svg' && !scanned.has(name));
    }
    for (const name of [...emitted].sort()) {
      if (found.has(name)) continue;
      await unlink(path.join(outDir, assetsPrefix + name));
      removed.push(assetsPrefix + name);
    }
  }

  const gone = new Set(removed);
  const kept = files.filter((file) => !gone.has(file));
  const stripped: { file: string; found: string[] }[] = [];
  const rasters = kept.filter((file) => imageKind(file) === 'raster');
  await mapWithLimit(rasters, 4, async (file) => {
    const full = path.join(outDir, file);
    const bytes = await readFile(full);
    const found = await findMetadata(bytes);
    if (found.length === 0) return;
    await writeFile(full, await stripOrExplain(bytes, file, found));
    stripped.push({ file, found });
  });

  const cleanedSvgs: string[] = [];
  for (const file of kept.filter((f) => imageKind(f) === 'svg')) {
    const full = path.join(outDir, file);
    const cleaned = await cleanSvg(await readFile(full, 'utf8'), file, options.svg);
    if (cleaned === undefined) continue;
    await writeFile(full, cleaned);
    cleanedSvgs.push(file);
  }
  stripped.sort((a, b) => (a.file < b.file ? -1 : 1));
  return { removed, stripped, cleanedSvgs };
}

/** The image without metadata, or an error that says which published file and what to do. */
async function stripOrExplain(bytes: Buffer, file: string, found: readonly string[]): Promise<Buffer> {
  try {
    return await withoutMetadata(bytes);
  } catch (error) {
    const reason = error instanceof MetadataRemovalError ? error.message : 'it could not be re-encoded';
    throw new PublishedImageError(
      `${file}: this published image carries metadata (${found.join(', ')}) that could not be removed (${reason}): ` +
        `re-save the source image "${sourceName(file)}" as JPEG, PNG or WebP without metadata (an "export for web" option)`,
    );
  }
}

/** The name an editor gave an emitted image (`_astro/cover.Ab12Cd.jpg` came from `cover.jpg`). */
function sourceName(file: string): string {
  const base = path.posix.basename(file);
  return base.replace(/\.[A-Za-z0-9_-]{8}(?:_[A-Za-z0-9_-]+)?(\.[^.]+)$/, '$1');
}

// Raster images embedded in an SVG as `data:` URLs (how drawing programs "embed" a photo).
const EMBEDDED_RASTER = /(data:image\/[a-z0-9.+-]+;base64,)([A-Za-z0-9+/=\s]+)/gi;

/**
 * The SVG without metadata, or `undefined` when there was none (the file is then left as it is, byte
 * for byte). Photos embedded in it as `data:` URLs lose their metadata too.
 */
export async function cleanSvg(svg: string, file: string, cleaner: SvgCleaner): Promise<string | undefined> {
  let cleaned: string;
  let unchanged: string;
  try {
    cleaned = await cleaner.clean(svg, file);
    unchanged = await cleaner.reserialize(svg, file);
  } catch {
    // The parser's message quotes the file; say only which file, and what to do.
    throw new PublishedImageError(
      `${file}: this published SVG cannot be read as SVG (XML) to remove its metadata: ` +
        `re-export "${sourceName(file)}" from the drawing program as plain SVG`,
    );
  }
  const parts: Promise<string>[] = [];
  let last = 0;
  for (const match of cleaned.matchAll(EMBEDDED_RASTER)) {
    const [whole, prefix = '', data = ''] = match;
    parts.push(Promise.resolve(cleaned.slice(last, match.index)));
    parts.push(embeddedWithoutMetadata(prefix, data, file));
    last = match.index + whole.length;
  }
  parts.push(Promise.resolve(cleaned.slice(last)));
  const result = (await Promise.all(parts)).join('');
  return result === unchanged ? undefined : result;
}

/** One embedded raster image (`data:image/...;base64,` and its data) without metadata. */
async function embeddedWithoutMetadata(prefix: string, data: string, file: string): Promise<string> {
  const bytes = Buffer.from(data.replace(/\s+/g, ''), 'base64');
  const found = await findMetadata(bytes);
  if (found.length === 0) return prefix + data;
  return prefix + (await stripOrExplain(bytes, file, found)).toString('base64');
}
