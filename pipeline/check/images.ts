/**
 * Images and other files named by content: a cover, a speaker's photo, and everything a body
 * references: Markdown images, and in raw HTML `<img src>`, `<picture><source srcset>`,
 * `<video poster|src>`, `<audio src>` and `<source src>`. A path the build reads (Markdown images,
 * and the raw-HTML `<img>` that src/plugins/rehype-raw-images.ts hands to the same pipeline) must be
 * a real image inside the content folder, reached without a link, whose width and height Astro can
 * read (pipeline/check/image-size.ts; a draw.io SVG often cannot be sized); any other relative path is never
 * published, so the page would ask for a file that is not there; a site-absolute path (`/img/a.png`)
 * must be a file in the project's `public/` folder, which the site serves at its root. Otherwise the
 * checker says so with the file, line and path, before Astro's image pipeline fails on it (or reads
 * through it), or the page shows a broken image.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import type { Nodes } from 'mdast';
import { definitions } from 'mdast-util-definitions';
import { visit } from 'unist-util-visit';
import { resolveInContent, visible } from '#lib/content-files.ts';
import { formatByExtension, HEAD_BYTES, IMAGE_EXTENSIONS, sniffImage } from '#lib/image-files.ts';
import { srcsetUrls } from '#lib/srcset.ts';
import { imageFileSizeProblem, readImageHead } from './image-size.ts';
import { pipelineImagePath } from '#plugins/rehype-raw-images.ts';
import { ParsedBody } from './markdown.ts';

/** A file path found in a Markdown body, with its place in the body (1-based). */
export interface BodyAsset {
  /** The path as written (Markdown images: as Astro decodes it, with `decodeURI`, later). */
  readonly src: string;
  /** Line in the body, 1-based. */
  readonly line: number;
  /** Column, 1-based. */
  readonly column: number;
  /** True when written in raw HTML (`<img>`, `<source>`, `<video>`, `<audio>`), false for a Markdown image. */
  readonly html: boolean;
  /** `image` when the file must be a picture; `media` for a video or sound file. */
  readonly kind: 'image' | 'media';
  /** How the path is written, for messages: `Markdown image`, `<img src>`, `<video poster>`... */
  readonly where: string;
  /** True when the build reads a relative path through Astro's image pipeline (and fails when it cannot). */
  readonly pipeline: boolean;
}

/** What is wrong with a file a body names: an error stops the build, a warning is a broken file on the page. */
export interface AssetProblem {
  /** `error` for what the build would fail on or must never read, `warning` for a file the page will miss. */
  readonly severity: 'error' | 'warning';
  /** What is wrong and what to do. */
  readonly message: string;
}

/** Bodies without these cannot reference an image or media file: most news bodies skip the parse. */
const MAY_HAVE_ASSET = /!\[|<(?:img|source|video|audio)\b/i;
/** Raw HTML that may name a file: only such bodies need the HTML tree. */
const MAY_HAVE_HTML_ASSET = /<(?:img|source|video|audio)\b/i;

/** Which attributes of which raw-HTML elements name a file, and what kind of file. */
const HTML_ASSETS: Readonly<
  Record<string, readonly (readonly [property: string, attribute: string, kind: BodyAsset['kind']])[]>
> = {
  // An `<img srcset>` is removed by the sanitizer (the checker warns about it), so never requested.
  img: [['src', 'src', 'image']],
  source: [
    ['src', 'src', 'media'],
    ['srcSet', 'srcset', 'image'],
  ],
  video: [
    ['poster', 'poster', 'image'],
    ['src', 'src', 'media'],
  ],
  audio: [['src', 'src', 'media']],
};

/**
 * Every file a Markdown body names: Markdown images (inline and by reference, the way Astro's
 * remark-collect-images finds them) and the file attributes of raw-HTML `<img>`, `<source>`,
 * `<video>` and `<audio>`, in document order. Paths are returned as written (HTML entities decoded),
 * so the caller can report them.
 */
export function bodyAssets(body: string | ParsedBody): BodyAsset[] {
  const text = typeof body === 'string' ? body : body.text;
  if (!MAY_HAVE_ASSET.test(text)) return [];
  const parsed = typeof body === 'string' ? new ParsedBody(body) : body;
  const tree = parsed.mdast;
  const definition = definitions(tree);
  const found: BodyAsset[] = [];
  const markdownImages = new Set<number>();
  visit(tree, (node: Nodes) => {
    if (node.type !== 'image' && node.type !== 'imageReference') return;
    const start = node.position?.start ?? { line: 1, column: 1, offset: 0 };
    const url = node.type === 'image' ? node.url : definition(node.identifier)?.url;
    if (start.offset !== undefined) markdownImages.add(start.offset);
    if (url) {
      found.push({
        src: url,
        line: start.line,
        column: start.column,
        html: false,
        kind: 'image',
        where: 'Markdown image',
        pipeline: true,
      });
    }
  });
  if (MAY_HAVE_HTML_ASSET.test(text)) {
    visit(parsed.hast, 'element', (node: Element, _index, parent) => {
      const attributes = HTML_ASSETS[node.tagName];
      const start = node.position?.start;
      // Markdown images are elements here too; they were collected above, as Astro reads them.
      if (!attributes || !start || (start.offset !== undefined && markdownImages.has(start.offset))) return;
      // The raw `<img>` the build hands to the image pipeline (src/plugins/rehype-raw-images.ts).
      const piped =
        node.tagName === 'img' &&
        !(parent?.type === 'element' && parent.tagName === 'picture') &&
        node.properties['srcSet'] === undefined &&
        pipelineImagePath(node.properties['src']) !== undefined;
      for (const [property, attribute, kind] of attributes) {
        const value = node.properties[property];
        if (value === undefined || value === null) continue;
        const urls = property === 'srcSet' ? srcsetUrls(value) : [String(value)];
        const where = `<${node.tagName} ${attribute}>`;
        const pipeline = piped && property === 'src';
        for (const src of urls) {
          found.push({ src, line: start.line, column: start.column, html: true, kind, where, pipeline });
        }
      }
    });
    found.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  return found;
}

/** A path that names a web address (`https:`, `data:`, `//host`): not a file in the content folder. */
export function isWebAddress(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//');
}

/**
 * What is wrong with an image path, or undefined when it names a real image inside the content folder
 * whose size the build can read (pipeline/check/image-size.ts: Astro's own verdict).
 */
export async function imageProblem(
  contentDir: string,
  fromRel: string,
  written: string,
  show: (rel: string) => string = (rel) => rel,
): Promise<string | undefined> {
  const src = written.split(/[?#]/)[0] ?? '';
  if (src.trim() === '') return 'the image path is empty: write ./name.jpg';
  if (src.startsWith('/')) {
    return `"${visible(written)}" starts with "/": write the path relative to this file, e.g. ./${src.split('/').pop() ?? 'name.jpg'}`;
  }
  const resolved = resolveInContent(contentDir, fromRel, src, show);
  if (!resolved.ok) return resolved.message;
  let stats;
  try {
    stats = lstatSync(resolved.abs);
  } catch {
    return `image "${visible(written)}" not found (looked for ${show(resolved.rel)})`;
  }
  if (!stats.isFile()) return `image "${visible(written)}" is not a file (${show(resolved.rel)})`;
  if (!formatByExtension(src)) {
    const extensions = Object.keys(IMAGE_EXTENSIONS).join(', ');
    return `"${visible(written)}" is not an image file name: use one of ${extensions}`;
  }
  const unreadable = (error: unknown): string =>
    `image "${visible(written)}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  // One read of the file's start for both questions: what it is, and (most often) its size.
  let head;
  try {
    head = readImageHead(resolved.abs);
  } catch (error) {
    return unreadable(error);
  }
  if (!sniffImage(head.subarray(0, HEAD_BYTES))) {
    return `"${visible(written)}" is not an image: its content is not PNG, JPEG, GIF, WebP, AVIF, TIFF or SVG; save the picture again in one of these formats`;
  }
  let sizeProblem;
  try {
    sizeProblem = await imageFileSizeProblem(resolved.abs, head);
  } catch (error) {
    return unreadable(error);
  }
  // The build stops on such an image with Astro's NoImageMetadata, which names neither file nor reason.
  if (sizeProblem !== undefined) return `the build cannot read the size of image "${visible(written)}": ${sizeProblem}`;
  return undefined;
}

/** Where body assets are looked for, and how paths are named in messages. */
export interface AssetFolders {
  /** The content folder. */
  readonly contentDir: string;
  /** The project's `public/` folder, served at the site's root. */
  readonly publicDir: string;
  /** How a path relative to the content folder is shown. */
  readonly show?: (rel: string) => string;
  /** How an absolute path (a file in `public/`) is shown. */
  readonly showAbsolute?: (abs: string) => string;
}

/**
 * What is wrong with a site-absolute path (`/img/a.png`), or undefined when `public/` has the file.
 * The path is read the way a browser requests it: `.` and `..` segments resolved, %-escapes decoded.
 */
export function publicAssetProblem(
  publicDir: string,
  written: string,
  showAbsolute: (abs: string) => string = (abs) => abs,
): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(written, 'https://site.invalid/').pathname);
  } catch {
    return `"${visible(written)}" has a broken %-escape: write the file name as it is`;
  }
  const root = path.resolve(publicDir);
  const abs = path.join(root, pathname);
  const rel = path.relative(root, abs);
  const name = pathname.split('/').pop() || 'name.png';
  if (pathname.includes('\0') || rel.startsWith('..') || path.isAbsolute(rel)) {
    return `"${visible(written)}" points outside public/: save the file beside the article and write ./${visible(name)}`;
  }
  let stats;
  try {
    stats = lstatSync(abs);
  } catch {
    return `"${visible(written)}" is not in public/ (looked for ${showAbsolute(abs)}): save the file beside the article and write ./${visible(name)}, or add it to public/`;
  }
  if (!stats.isFile()) return `"${visible(written)}" is not a file in public/ (${showAbsolute(abs)})`;
  return undefined;
}

/**
 * What is wrong with a file a body names, if anything. Web addresses are the links check's. A
 * site-absolute path must be a file in `public/`. A relative path must stay inside the content
 * folder, reached without a link; the build reads it (a Markdown image, a raw `<img>` the pipeline
 * takes) only if it is a real image; any other relative path is never published: a warning, as the
 * text still publishes.
 */
export async function bodyAssetProblem(
  folders: AssetFolders,
  fromRel: string,
  asset: BodyAsset,
): Promise<AssetProblem | undefined> {
  const show = folders.show ?? ((rel: string) => rel);
  const error = (message: string | undefined): AssetProblem | undefined =>
    message === undefined ? undefined : { severity: 'error', message };
  if (isWebAddress(asset.src)) return undefined;
  const bare = asset.src.split(/[?#]/)[0] ?? '';
  if (bare.startsWith('/')) return error(publicAssetProblem(folders.publicDir, asset.src, folders.showAbsolute));
  let src: string;
  try {
    src = decodeURI(asset.src);
  } catch {
    return error(`"${visible(asset.src)}" has a broken %-escape: write the file name as it is`);
  }
  if (asset.pipeline) {
    const local = asset.html ? (pipelineImagePath(asset.src) ?? src) : src;
    return error(await imageProblem(folders.contentDir, fromRel, local, show));
  }
  if (bare.trim() === '') return { severity: 'warning', message: `${asset.where} is empty: write ./name.png` };
  // Never read by the build, but a path out of the content folder is refused all the same.
  const resolved = resolveInContent(folders.contentDir, fromRel, src.split(/[?#]/)[0] ?? '', show);
  if (!resolved.ok) return error(resolved.message);
  const instead =
    asset.where === '<img src>'
      ? 'name the image as ./name.png (an image file, no ? or #) outside <picture> and without srcset, or use a Markdown image'
      : asset.kind === 'image'
        ? 'use a Markdown image, or put the file in public/ and write its path from the site root (/img/name.png)'
        : 'put the file in public/ and write its path from the site root (/media/name.mp4), or link to it on the web';
  return {
    severity: 'warning',
    message: `${asset.where} "${visible(asset.src)}" will not be published: relative files are published only as images the build processes; ${instead}`,
  };
}
