/**
 * The covers of migrated stories (`npm run migrate`, issue 15): the old page's lead image becomes our
 * `cover` (README, "The content contract"). Hugo writes it in front matter (`images`, `image`,
 * `featured_image`, `featuredImage`, `cover`, PaperMod's `cover: { image, alt, caption }`) or as a
 * bundle file named `*feature*` / `*cover*`; Docusaurus as `image`. The image is found and copied the
 * way body images are (map-body.ts), so a cover also used in the text is copied once. The primary
 * file carries the cover and translations inherit it; a translation gets its own only when it shows
 * another image or describes it in its own words.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { plainText } from './map-front-matter.ts';
import { imageSource, isFile, type StoryImages } from './map-body.ts';
import type { PlanNote } from './plan.ts';
import type { SourcePage, SourceSite } from './source-page.ts';

/** What an alt text the migration could not know starts with: a to-do the checker warns about. */
export const ALT_TODO = 'TODO describe: ';

/** A story file's `cover`, in the contract's field order. */
export interface Cover {
  /** The copied image, `./<name>`. */
  readonly src: string;
  readonly alt: string;
  readonly caption?: string;
}

/** The lead image as the source page gives it, before it is looked for. */
interface SourceCover {
  readonly src: string;
  /** Where it was written, for notes (`front matter "image"`, `bundle file`). */
  readonly where: string;
  readonly alt?: string;
  readonly caption?: string;
}

/** Hugo's front matter fields for a lead image, in the order its templates look at them. */
const HUGO_FIELDS = ['images', 'image', 'featured_image', 'featuredimage', 'cover'];
/** Files a bundle may hold as its lead image. */
const IMAGE_FILE = /\.(?:avif|gif|jpe?g|png|svg|webp)$/i;

/** The first non-empty text of a value that may be a text or a list of them. */
function firstText(value: unknown): string | undefined {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((v) => (typeof v === 'string' ? v.trim() : '')).find((v) => v !== '');
}

/** A front matter field by name, case-insensitively (Hugo keys are). */
function field(frontMatter: Readonly<Record<string, unknown>>, name: string): unknown {
  return frontMatter[Object.keys(frontMatter).find((k) => k.toLowerCase() === name) ?? ''];
}

/** The page's lead image as written, or undefined when it names none. */
function sourceCover(page: SourcePage): SourceCover | undefined {
  if (page.generator === 'docusaurus') {
    const src = firstText(page.frontMatter['image']);
    return src === undefined ? undefined : { src, where: 'front matter "image"' };
  }
  for (const name of HUGO_FIELDS) {
    const value = field(page.frontMatter, name);
    if (name === 'cover' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      // Hugo PaperMod: `cover: { image, alt, caption, relative, hidden }`.
      const entry = value as Record<string, unknown>;
      const src = firstText(entry['image']);
      if (src === undefined) continue;
      const alt = firstText(entry['alt']);
      const caption = firstText(entry['caption']);
      return {
        src,
        where: 'front matter "cover.image"',
        ...(alt !== undefined ? { alt } : {}),
        ...(caption !== undefined ? { caption } : {}),
      };
    }
    const src = firstText(value);
    if (src !== undefined) return { src, where: `front matter "${name}"` };
  }
  if (page.bundleDir === undefined) return undefined;
  // Hugo's own templates take a bundle resource named `*feature*`, else `*cover*`, as the page's image.
  let names: string[];
  try {
    names = readdirSync(page.bundleDir).filter((n) => IMAGE_FILE.test(n) && isFile(path.join(page.bundleDir ?? '', n)));
  } catch {
    return undefined;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const file = ['feature', 'cover'].map((w) => names.find((n) => n.toLowerCase().includes(w))).find(Boolean);
  return file === undefined ? undefined : { src: `./${file}`, where: 'bundle file' };
}

/** The image file a cover names, or a note's words when there is none to copy. */
function coverFile(cover: SourceCover, page: SourcePage, site: SourceSite): { file: string } | { problem: string } {
  const file = imageSource(cover.src, page, site);
  if (file === undefined) {
    return { problem: `is a web address: left out (only a file can be a cover); save it beside the story and add it` };
  }
  if (isFile(file)) return { file };
  // Hugo also finds a page's `images` in `static/` or `assets/` when written without the leading `/`.
  const inStatic =
    page.generator === 'hugo' && !cover.src.startsWith('/') ? imageSource(`/${cover.src}`, page, site) : undefined;
  const inAssets =
    inStatic === undefined
      ? undefined
      : path.join(site.siteDir, 'assets', path.relative(path.join(site.siteDir, 'static'), inStatic));
  const other = [inStatic, inAssets].find((f) => f !== undefined && isFile(f));
  if (other !== undefined) return { file: other };
  return {
    problem: `not found (looked for ${path.relative(site.siteDir, file)}): left out; add the image beside the story as its cover`,
  };
}

/** The covers of one story's versions, the primary's first: which to write, with their notes. */
export class StoryCovers {
  #primary: Cover | undefined;
  #count = 0;

  readonly #site: SourceSite;
  readonly #images: StoryImages;
  readonly #notes: PlanNote[];

  /** Covers for the story whose images are `images`; notes go to `notes`. */
  constructor(site: SourceSite, images: StoryImages, notes: PlanNote[]) {
    this.#site = site;
    this.#images = images;
    this.#notes = notes;
  }

  /**
   * The `cover` for a version's file (`title`: its title, for a to-do alt text), or undefined when
   * it has none or, a translation, shows the primary's. Call for the primary first.
   */
  coverFor(page: SourcePage, title: string, isPrimary: boolean): Cover | undefined {
    const source = sourceCover(page);
    if (source === undefined) return undefined;
    const found = coverFile(source, page, this.#site);
    if ('problem' in found) {
      const message = `cover image "${source.src}" (${source.where}) ${found.problem}`;
      this.#notes.push({ file: page.file, line: 1, kind: 'image', message });
      return undefined;
    }
    const src = `./${this.#images.nameFor(found.file)}`;
    const caption = source.caption === undefined ? '' : plainText(source.caption);
    const written = source.alt === undefined ? caption : plainText(source.alt);
    const cover: Cover = {
      src,
      alt: written === '' ? `${ALT_TODO}${title}` : written,
      ...(caption !== '' ? { caption } : {}),
    };
    if (isPrimary) this.#primary = cover;
    // The same image: inherited, unless this version describes it in its own words.
    else if (this.#primary?.src === src && (written === '' || sameText(this.#primary, cover))) return undefined;
    if (written === '') {
      const message = `the cover (${source.where}) has no alt text: describe the image for readers who cannot see it`;
      this.#notes.push({ file: page.file, line: 1, kind: 'todo', message });
    }
    this.#count++;
    return cover;
  }

  /** How many `cover` fields were written. */
  get count(): number {
    return this.#count;
  }
}

/** Whether two covers say the same (alt and caption). */
function sameText(a: Cover, b: Cover): boolean {
  return a.alt === b.alt && a.caption === b.caption;
}
