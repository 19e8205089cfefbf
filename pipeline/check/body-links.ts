/**
 * Links in article bodies that stay on the site: Markdown links (inline and by reference) and
 * raw-HTML `<a href>`, relative (`./slides.pdf`, `../other-story/`), site-absolute (`/en/2024/x/`,
 * `/files/a.pdf`) or to a fragment (`#results`, `/en/2024/x/#results`). The build leaves every
 * such address as written (only images are rewritten, and `BASE_PATH` put before site-absolute
 * ones), so the reader's browser resolves it against the page's own address, `/<lang>/<year>/<slug>/`:
 * it must name a page the site builds (./site-pages.ts), a file of `public/`, and a heading or
 * element the target page has (./heading-ids.ts). Files beside the article are published only as the
 * images the body shows, so a link to one (a PDF, another story's Markdown file) is broken on the
 * site even though the file exists. Each problem is a warning: the text still publishes, with a
 * link that goes nowhere. Web addresses (`https:`, `mailto:`, `//host`) are not this rule's business.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import type { Nodes } from 'mdast';
import { definitions } from 'mdast-util-definitions';
import { slug } from 'github-slugger';
import rehypeRaw from 'rehype-raw';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { resolveInContent, visible } from '#lib/content-files.ts';
import { servedFiles } from '#pipeline/links.ts';
import { storyPath } from '#lib/paths.ts';
import { closestMatch } from '#lib/suggest.ts';
import { clobberPrefix } from '#plugins/rehype-sanitize-body.ts';
import type { PageAnchors } from './heading-ids.ts';
import type { SitePages } from './site-pages.ts';

/** A link's address and how it is written, for messages. */
export interface WrittenLink {
  /** The address as the page will have it (Markdown: as micromark normalises it, %-encoded). */
  readonly href: string;
  /** How it is written: `link` (Markdown) or `<a href>`. */
  readonly where: string;
}

/** A link found in a Markdown body, with its place in the body (1-based). */
export interface BodyLink extends WrittenLink {
  /** Line in the body, 1-based. */
  readonly line: number;
  /** Column, 1-based. */
  readonly column: number;
}

/** Bodies without these have no link: most parts skip the walk. */
const MAY_HAVE_LINK = /\]|<a\s/i;
/** Raw HTML that may hold a link: only such parts need the HTML tree. */
const MAY_HAVE_HTML_LINK = /<a\s/i;

/** An address with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`): not a path of this site. */
export function leavesSite(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('/\\');
}

/** A Markdown link without a scheme, a link definition, or `<a href>`. */
const SITE_LINK = /\]\(\s*<?(?![A-Za-z][A-Za-z0-9+.-]*:|\/\/)|^ {0,3}\[[^\]\n]+\]:|<a\s[^>]*href/im;

/**
 * Whether a part of a body may hold a link that stays on the site: a Markdown link whose address
 * has no scheme, a link definition, or raw HTML `<a href>`. Web addresses, the bulk of news links,
 * are not looked at, so their paragraphs are never parsed for this rule.
 */
export function mayHaveSiteLink(part: string): boolean {
  return SITE_LINK.test(part);
}

/** An address found by scanning the text, before any parse. */
export interface LinkCandidate extends WrittenLink {
  /** True when the scan cannot be sure of the address the parser will make of it (escapes, entities). */
  readonly uncertain: boolean;
}

/** What the Markdown parser would rewrite in an address: escapes, entities, %-escapes. */
const REWRITTEN = /[\\&%]/;

/**
 * The addresses that look like links staying on the site, found by scanning the text: a superset of
 * the links the parser finds (some may be in code, or not links at all), with their addresses as
 * the parser will read them, or marked uncertain. A part whose candidates all check out needs no
 * parse; one with a suspect candidate is parsed, and only the links the parser finds are reported.
 */
export function linkCandidates(text: string): LinkCandidate[] {
  const found: LinkCandidate[] = [];
  const add = (href: string, where: string): void => {
    if (href === '' || leavesSite(href)) return;
    found.push({ href, where, uncertain: REWRITTEN.test(href) });
  };
  // Inline links: the destination after `](`, as CommonMark reads it (`<...>`, or up to a space or
  // the unbalanced `)`).
  for (let at = text.indexOf('](', 0); at !== -1; at = text.indexOf('](', at + 2)) {
    // Images are the image rule's (./images.ts).
    if (closesImage(text, at)) continue;
    let i = at + 2;
    while (i < text.length && /[ \t]/.test(text.charAt(i))) i++;
    if (text.charAt(i) === '\n') i++;
    while (i < text.length && /[ \t]/.test(text.charAt(i))) i++;
    if (text.charAt(i) === '<') {
      const end = text.indexOf('>', i);
      const line = text.indexOf('\n', i);
      if (end !== -1 && (line === -1 || end < line)) add(text.slice(i + 1, end), 'link');
      continue;
    }
    let depth = 0;
    let end = i;
    for (; end < text.length; end++) {
      const c = text.charAt(end);
      if (c === '\\') end++;
      else if (c === '(') depth++;
      else if (c === ')' && depth-- === 0) break;
      else if (/\s/.test(c)) break;
    }
    add(text.slice(i, end), 'link');
  }
  for (const match of text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)/gm)) {
    const href = match[1] ?? '';
    add(href.startsWith('<') ? href.slice(1, -1) : href, 'link');
  }
  for (const match of text.matchAll(/<a\s(?:[^>]*?\s)?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi)) {
    add((match[1] ?? match[2] ?? match[3] ?? '').trim(), '<a href>');
  }
  return found;
}

/**
 * Whether the `]` at `close` ends the text of an image (`![alt](…)`): its `[` found by counting
 * brackets back, within the paragraph. When unsure (no `[` found), it is taken for a link.
 */
function closesImage(text: string, close: number): boolean {
  let depth = 0;
  for (let i = close - 1; i >= 0 && close - i < 2000; i--) {
    const c = text.charAt(i);
    if (c === '\n' && text.charAt(i - 1) === '\n') return false;
    if (text.charAt(i - 1) === '\\') continue;
    if (c === ']') depth++;
    else if (c === '[' && depth-- === 0) return text.charAt(i - 1) === '!';
  }
  return false;
}

/**
 * CommonMark alone finds the same links as with GFM, at the same places (GFM adds tables, whose
 * cells are inline text either way, footnotes, which are skipped, and bare `www.` addresses, which
 * are web addresses), at a third of the cost: parts are parsed only to confirm a suspect link, and
 * converted documentation is full of link tables.
 */
const commonMark = unified().use(remarkParse);
// Raw HTML kept, then parsed into elements (with positions), as the sanitizer sees it.
const toHtml = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw);

/**
 * Every link of a body that may stay on the site (no web addresses), in document order: Markdown
 * links, reference links by their definition, and raw-HTML `<a href>`.
 */
export function bodyLinks(text: string): BodyLink[] {
  if (!MAY_HAVE_LINK.test(text)) return [];
  const tree = commonMark.parse(text);
  const found: BodyLink[] = [];
  const markdownLinks = new Set<number>();
  let definition: ReturnType<typeof definitions> | undefined;
  visit(tree, (node: Nodes) => {
    if (node.type !== 'link' && node.type !== 'linkReference') return;
    const start = node.position?.start ?? { line: 1, column: 1, offset: undefined };
    if (start.offset !== undefined) markdownLinks.add(start.offset);
    let url: string | undefined;
    if (node.type === 'link') url = node.url;
    // `[^1]` is a footnote in GFM, not a link.
    else if (!node.identifier.startsWith('^')) {
      definition ??= definitions(tree);
      url = definition(node.identifier)?.url;
    }
    if (url === undefined || url === '' || leavesSite(url)) return;
    found.push({ href: url, line: start.line, column: start.column, where: 'link' });
  });
  if (MAY_HAVE_HTML_LINK.test(text)) {
    visit(toHtml.runSync(tree), 'element', (node: Element) => {
      const start = node.position?.start;
      // Markdown links are elements here too; they were collected above.
      if (node.tagName !== 'a' || !start || (start.offset !== undefined && markdownLinks.has(start.offset))) return;
      const href = node.properties['href'];
      if (typeof href !== 'string' || href === '' || leavesSite(href)) return;
      found.push({ href, line: start.line, column: start.column, where: '<a href>' });
    });
    found.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  return found;
}

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
