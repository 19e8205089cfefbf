/**
 * Whether a link in an article body that stays on the site goes somewhere. The build leaves every
 * such address as written (only images are rewritten, and `BASE_PATH` put before site-absolute
 * ones), so the reader's browser resolves it against the page's own address, `/<lang>/<year>/<slug>/`:
 * it must name a page the site builds (./site-pages.ts), a file of `public/`, and a heading or
 * element the target page has (./heading-ids.ts). Files beside the article are published only as the
 * images the body shows, so a link to one (a PDF, another story's Markdown file) is broken on the
 * site even though the file exists. Each problem is a warning: the text still publishes, with a
 * link that goes nowhere. The links themselves are found by ./body-links.ts.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { slug } from 'github-slugger';
import { resolveInContent, visible } from '#lib/content-files.ts';
import { servedFiles } from '#pipeline/links.ts';
import { storyPath } from '#lib/paths.ts';
import { closestMatch } from '#lib/suggest.ts';
import { clobberPrefix } from '#plugins/rehype-sanitize-body.ts';
import type { WrittenLink } from './body-links.ts';
import type { PageAnchors } from './heading-ids.ts';
import type { SitePages } from './site-pages.ts';

/** The article a link is written in. */
export interface LinkSource {
  /** The article file, relative to the content folder (`articles/2024/x/en.md`). */
  readonly rel: string;
  /** Its story's year folder. */
  readonly year: string;
  /** Its story's slug. */
  readonly slug: string;
  /** Its language: its page is `/<language>/<year>/<slug>/`. */
  readonly language: string;
}

/** What checking links needs to know. */
export interface LinkContext {
  /** The content folder. */
  readonly contentDir: string;
  /** The files of the project's `public/` folder (served at the site's root), relative to it. */
  readonly publicFiles: ReadonlySet<string>;
  /** Every page the site will have. */
  readonly site: SitePages;
  /** Locale codes: article files are named after them. */
  readonly locales: readonly string[];
  /** The anchors of an article's page, by its file relative to the content folder; undefined when unreadable. */
  readonly anchorsOf: (rel: string) => PageAnchors | undefined;
  /** How a path relative to the content folder is shown. */
  readonly show?: (rel: string) => string;
}

/** The names of the images a story folder may hold (pipeline/check/layout.ts). */
const IMAGE_NAME = /\.(?:avif|gif|jpe?g|png|svg|webp|tiff?)$/i;

/** The ids remark-rehype gives footnotes and their references (`user-content-fn-1`, `user-content-fnref-1`). */
const FOOTNOTE_ID = new RegExp(`^${clobberPrefix}(?:fn|footnote)`);

/** Origin for resolving addresses the way a browser does on a page of the site. */
const ORIGIN = 'https://site.invalid';

/** `%`-decoded, or undefined when an escape is broken. */
function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Returns a checker of links in the site described by `context`: what is wrong with a link written
 * in an article, or undefined. It remembers its verdicts: parts with a suspect link are checked
 * again, link by link, once parsed.
 */
export function linkChecker(context: LinkContext): (source: LinkSource, link: WrittenLink) => string | undefined {
  const show = context.show ?? ((rel: string) => rel);
  /** Whether `public/` has what a server answers `pathname` with (a file, or a folder's index.html). */
  const inPublic = (pathname: string): boolean =>
    servedFiles(pathname.replace(/^\/+/, ''), 'page').some((file) => context.publicFiles.has(file));
  const verdicts = new Map<string, string | undefined>();
  const ARTICLE = new RegExp(`^articles/(\\d{4})/([^/]+)/(${context.locales.join('|')})\\.md$`);
  const STORY_FOLDER = /^articles\/(\d{4})\/([^/]+)$/;

  /**
   * What is wrong with `#fragment` on the page of `target`, if anything. `followed` when the link is
   * a bare `#fragment`: the sanitizer points those at the prefixed ids of raw HTML on the same page.
   */
  const anchorProblem = (target: string, raw: string, followed: boolean, where: string): string | undefined => {
    const id = decoded(raw) ?? raw;
    // `#top` scrolls to the top and `#:~:text=` is a text fragment; footnotes get their ids by number.
    if (id === '' || id.toLowerCase() === 'top' || id.startsWith(':~:') || FOOTNOTE_ID.test(id)) return undefined;
    const anchors = context.anchorsOf(target);
    if (!anchors || anchors.ids.has(id) || anchors.ids.has(raw)) return undefined;
    if (anchors.written.has(id)) {
      return followed
        ? undefined
        : `#${visible(id)} names an id written in raw HTML, which the page prefixes: write #${clobberPrefix}${visible(id)}`;
    }
    const missing = `no heading or element has the id "${visible(id)}" ${where}`;
    const ids = [...anchors.ids];
    const lower = id.toLowerCase();
    const sameLetters = ids.find((candidate) => candidate.toLowerCase() === lower);
    if (sameLetters !== undefined) return `${missing}: ids are case-sensitive, write #${sameLetters}`;
    const slugged = slug(id);
    if (anchors.ids.has(slugged))
      return `${missing}: heading ids are written in lower case with hyphens, write #${slugged}`;
    const near = closestMatch(id, ids);
    return near === undefined ? missing : `${missing}. Did you mean #${near}?`;
  };

  /** What to write after a suggested page for the link's fragment: it, as that page has it, or nothing. */
  const fragmentFor =
    (raw: string) =>
    (page: string): string => {
      if (raw === '') return '';
      const article = context.site.find(page)?.article;
      if (article === undefined) return `#${raw}`;
      const anchors = context.anchorsOf(article);
      const id = (decoded(raw) ?? raw).toLowerCase();
      const found = anchors && [...anchors.ids].find((candidate) => candidate.toLowerCase() === id);
      return found === undefined ? '' : `#${found}`;
    };

  const check = (source: LinkSource, link: WrittenLink): string | undefined => {
    const href = link.href;
    const pagePath = storyPath('/', source.language, source);
    const quoted = `${link.where} "${visible(href)}"`;
    if (href.startsWith('#')) {
      return prefixed(quoted, anchorProblem(source.rel, href.slice(1), true, 'on this page'));
    }
    let url: URL;
    try {
      url = new URL(href, `${ORIGIN}${pagePath}`);
    } catch {
      return `${quoted} is not a valid address`;
    }
    const pathname = decoded(url.pathname);
    if (pathname === undefined) return `${quoted} has a broken %-escape: write the name as it is`;
    const fragment = url.hash.slice(1);
    const page = context.site.find(pathname);
    if (page) {
      if (fragment === '' || page.article === undefined) return undefined;
      const where = page.article === source.rel ? 'on this page' : `on ${url.pathname} (${show(page.article)})`;
      return prefixed(quoted, anchorProblem(page.article, fragment, false, where));
    }
    if (inPublic(pathname)) return undefined;
    const origin = { slug: source.slug, language: source.language };
    if (href.startsWith('/')) {
      const hint = context.site.hint(pathname, origin, fragmentFor(fragment));
      return `${quoted} goes to no page of the site and no file in public/.${hint}`;
    }
    // Relative: the browser looks beside the page; the editor meant a file beside the article.
    const written = decoded(href.split(/[?#]/)[0] ?? '') ?? '';
    const resolved = resolveInContent(context.contentDir, source.rel, written, show);
    if (!resolved.ok) {
      return resolved.message.includes('outside the content folder')
        ? `${quoted} points outside the content folder: link to a page of the site (/en/2024/story/) or a file in public/ (/files/name.pdf)`
        : `${quoted}: ${resolved.message}`;
    }
    let stats;
    try {
      stats = lstatSync(resolved.abs);
    } catch {
      stats = undefined;
    }
    const article = stats?.isFile()
      ? ARTICLE.exec(resolved.rel)
      : stats?.isDirectory()
        ? STORY_FOLDER.exec(resolved.rel)
        : undefined;
    if (article) {
      const [, year = '', slug = '', language] = article;
      const what = `${quoted} names the ${language === undefined ? 'folder' : 'Markdown file'} of the story ${year}/${slug}, not its page`;
      const code = language ?? source.language;
      const target = context.site.storyPage(year, slug, code);
      if (target !== undefined) return `${what}: link to "${target}${fragmentFor(fragment)(target)}"`;
      const hint = context.site.hint(storyPath('/', code, { year, slug }), origin, fragmentFor(fragment));
      return `${what}, and that page is not published.${hint}`;
    }
    if (stats?.isFile()) {
      const name = visible(path.basename(resolved.rel));
      const file = `${quoted} names ${show(resolved.rel)}, which is not published`;
      return IMAGE_NAME.test(name)
        ? `${file} as a file (an image beside an article reaches the page only when the body shows it, ![…](./${name})): to offer the file itself, put it in public/ and link to "/files/${name}"`
        : `${file} (only images beside an article are, when the body shows them): put it in public/ and link to "/files/${name}", or link to its address on the web`;
    }
    const hint = context.site.hint(pathname, origin, fragmentFor(fragment));
    return `${quoted} goes to no page (${visible(pathname)}) and no file (${show(resolved.rel)}).${hint}`;
  };

  return (source, link) => {
    const key = `${source.rel}\0${link.where}\0${link.href}`;
    if (!verdicts.has(key)) verdicts.set(key, check(source, link));
    return verdicts.get(key);
  };
}

/** `message` after the link it is about, or undefined when there is none. */
function prefixed(quoted: string, message: string | undefined): string | undefined {
  return message === undefined ? undefined : `${quoted}: ${message}`;
}
