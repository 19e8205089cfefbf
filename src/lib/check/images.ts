/**
 * Images named by content files: a cover, a speaker's photo, a Markdown image in a body, an `<img>`
 * in raw HTML. Each must be a real image file inside the content folder, reached without a link;
 * otherwise the checker says so with the file, line and path, before Astro's image pipeline fails
 * on it (or reads through it).
 */
import { lstatSync } from 'node:fs';
import type { Html, Image, ImageReference, Nodes } from 'mdast';
import { definitions } from 'mdast-util-definitions';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { resolveInContent, visible } from '../content-files.ts';
import { formatByExtension, IMAGE_EXTENSIONS, sniffImageFile } from '../image-files.ts';

/** An image path found in a Markdown body, with its place in the body (1-based). */
export interface BodyImage {
  /** The path as written (Markdown images: as Astro decodes it, with `decodeURI`). */
  readonly src: string;
  /** Line in the body, 1-based. */
  readonly line: number;
  /** Column, 1-based. */
  readonly column: number;
  /** True for an `<img>` in raw HTML, which Astro does not process (the browser requests it). */
  readonly html: boolean;
}

/** `src` of each `<img>` in a piece of raw HTML, with its offset. */
const IMG_SRC = /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/** Bodies without these cannot contain an image: most news bodies skip the Markdown parse. */
const MAY_HAVE_IMAGE = /!\[|<img\b/i;

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Every image a Markdown body names: Markdown images (inline and by reference, the way Astro's
 * remark-collect-images finds them) and `<img src>` in raw HTML. Paths that cannot be decoded are
 * returned as written, so the caller can report them.
 */
export function bodyImages(body: string): BodyImage[] {
  if (!MAY_HAVE_IMAGE.test(body)) return [];
  const tree = parser.parse(body);
  const definition = definitions(tree);
  const found: BodyImage[] = [];
  visit(tree, (node: Nodes) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    if (node.type === 'image' || node.type === 'imageReference') {
      const url = node.type === 'image' ? (node as Image).url : definition((node as ImageReference).identifier)?.url;
      if (url) found.push({ src: url, line: start.line, column: start.column, html: false });
    } else if (node.type === 'html') {
      const value = (node as Html).value;
      for (const match of value.matchAll(IMG_SRC)) {
        const before = value.slice(0, match.index);
        const lines = before.split('\n');
        const line = start.line + lines.length - 1;
        const column = lines.length === 1 ? start.column + before.length : (lines.at(-1)?.length ?? 0) + 1;
        found.push({ src: match[1] ?? match[2] ?? match[3] ?? '', line, column, html: true });
      }
    }
  });
  return found;
}

/** A path that names a web address (`https:`, `data:`, `//host`): not a file in the content folder. */
export function isWebAddress(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//');
}

/** What is wrong with an image path, or undefined when it names a real image inside the content folder. */
export function imageProblem(
  contentDir: string,
  fromRel: string,
  written: string,
  show: (rel: string) => string = (rel) => rel,
): string | undefined {
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
  let format;
  try {
    format = sniffImageFile(resolved.abs);
  } catch (error) {
    return `image "${visible(written)}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (!format) {
    return `"${visible(written)}" is not an image: its content is not PNG, JPEG, GIF, WebP, AVIF, TIFF or SVG; save the picture again in one of these formats`;
  }
  return undefined;
}

/**
 * What is wrong with a body image, if anything. Markdown images are decoded as Astro decodes them;
 * site-absolute and web addresses are not files in the content folder and are left to the links
 * check. A raw-HTML `<img>` is only held to the content folder (Astro does not read it).
 */
export function bodyImageProblem(
  contentDir: string,
  fromRel: string,
  image: BodyImage,
  show: (rel: string) => string = (rel) => rel,
): string | undefined {
  if (isWebAddress(image.src) || image.src.startsWith('/')) return undefined;
  let src = image.src;
  if (!image.html) {
    try {
      src = decodeURI(image.src);
    } catch {
      return `"${visible(image.src)}" has a broken %-escape: write the file name as it is`;
    }
  }
  if (image.html) {
    const resolved = resolveInContent(contentDir, fromRel, src.split(/[?#]/)[0] ?? '', show);
    return resolved.ok ? undefined : resolved.message;
  }
  return imageProblem(contentDir, fromRel, src, show);
}
