/**
 * A link checker for the built site: reads every `.html` file of `dist/` once and checks every URL a
 * browser would fetch or follow (links, images, srcset candidates, stylesheets, scripts, media, meta
 * refresh, form actions) against the files that are really there, including `#fragment` targets.
 *
 * Pure TypeScript over node:fs, no `astro:` imports, so the CLI and the tests call it directly.
 * Each page is parsed once; only its ids are kept (not its tree), so anchors into a page that many
 * pages link to cost one parse, and memory stays small on a 20,000-page site.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { mapWithLimit } from '#lib/concurrency.ts';

/** What is wrong with one URL. */
export type LinkProblemKind = 'missing-page' | 'missing-asset' | 'missing-anchor' | 'outside-base' | 'unsafe-url';

/** One broken or unsafe URL on one page. */
export interface LinkProblem {
  /** The page the URL is on, relative to the dist folder (forward slashes), e.g. `en/2024/x/index.html`. */
  readonly page: string;
  /** The URL as written in the page (one candidate of a `srcset`, the URL of a meta refresh). */
  readonly href: string;
  /** What is wrong. */
  readonly kind: LinkProblemKind;
  /** Why, in plain words: which file or id was looked for. */
  readonly detail: string;
}

/** What to check. */
export interface LinkCheckOptions {
  /** The built site: what is served under `base`. */
  readonly distDir: string;
  /** The base path the site was built for, `/` or e.g. `/previews/pr-42/`. */
  readonly base: string;
  /** The site's absolute URL: absolute links to this origin are checked like root-relative ones. */
  readonly siteUrl?: string;
}

/** The outcome of a check. */
export interface LinkCheckResult {
  /** Number of `.html` pages read. */
  readonly pages: number;
  /** Number of URLs examined, per occurrence (internal, external and unsafe alike). */
  readonly links: number;
  /** Every problem, once per page and URL, by page then order of appearance. */
  readonly problems: LinkProblem[];
}

/** Files read at once: enough to overlap I/O with parsing, far below the open-files limit. */
const OPEN_FILES = 16;

/** Origin used to resolve URLs when no site URL is given: reserved, so it never matches a real link. */
const PLACEHOLDER_ORIGIN = 'https://link-check.invalid';

/** A URL found in a page, with what the browser does with it. */
interface FoundUrl {
  readonly href: string;
  /** `page`: followed (a missing target is a missing page, unless it names a file); `asset`: fetched. */
  readonly role: 'page' | 'asset';
  /** Whether a `data:` URL is harmless here (images, icons), or can carry a document or a script. */
  readonly dataOk: boolean;
}

/** A problem before sorting: `order` is the URL's position in its page. */
interface FoundProblem extends LinkProblem {
  readonly order: number;
}

/** An anchor into another page, checked once every page's ids are known. */
interface PendingAnchor {
  readonly page: string;
  readonly href: string;
  readonly order: number;
  readonly target: string;
  readonly fragment: Fragment;
}

/** A fragment as written (percent-encoded) and decoded: an id may match either. */
interface Fragment {
  readonly raw: string;
  readonly decoded: string;
}

/** Checks every internal URL of every page in `distDir`. */
export async function checkSiteLinks(options: LinkCheckOptions): Promise<LinkCheckResult> {
  const distDir = path.resolve(options.distDir);
  const base = normalizeBase(options.base);
  const origin = options.siteUrl === undefined ? PLACEHOLDER_ORIGIN : new URL(options.siteUrl).origin;

  const files = new Set<string>();
  for (const entry of await readdir(distDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.add(path.relative(distDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  }
  const pages = [...files].filter((f) => f.endsWith('.html')).sort();

  const idsByPage = new Map<string, ReadonlySet<string>>();
  const problems: FoundProblem[] = [];
  const pending: PendingAnchor[] = [];
  // Root-relative and absolute URLs resolve the same on every page: resolve each once (the
  // navigation repeats the same few dozen on every page).
  const verdicts = new Map<string, Verdict>();
  let links = 0;

  await mapWithLimit(pages, OPEN_FILES, async (page) => {
    const tree = fromHtml(await readFile(path.join(distDir, page), 'utf8'));
    const { ids, urls, baseHref } = collect(tree);
    idsByPage.set(page, ids);
    links += urls.length;

    const pageUrl = new URL(encodePath(base + pagePath(page)), origin);
    let documentUrl = pageUrl;
    if (baseHref !== undefined) {
      try {
        documentUrl = new URL(baseHref, pageUrl);
      } catch {
        // An unparsable <base href> is ignored by browsers too.
      }
    }
    const seen = new Set<string>();
    urls.forEach((found, order) => {
      if (seen.has(found.href)) return;
      seen.add(found.href);
      const report = (kind: LinkProblemKind, detail: string): void => {
        problems.push({ page, href: found.href, kind, detail, order });
      };
      const cacheKey =
        baseHref === undefined && PAGE_INDEPENDENT.test(found.href)
          ? `${found.role}${found.dataOk} ${found.href}`
          : undefined;
      let verdict = cacheKey === undefined ? undefined : verdicts.get(cacheKey);
      if (verdict === undefined) {
        verdict = resolve(found, documentUrl, origin, base, files);
        if (cacheKey !== undefined) verdicts.set(cacheKey, verdict);
      }
      if (verdict.kind === 'ok') return;
      if (verdict.kind === 'problem') return report(verdict.problem, verdict.detail);
      // An anchor: checked now if its page is parsed, else once every page's ids are known.
      const targetIds = verdict.target === page ? ids : idsByPage.get(verdict.target);
      if (targetIds === undefined) {
        pending.push({ page, href: found.href, order, target: verdict.target, fragment: verdict.fragment });
      } else if (!hasAnchor(targetIds, verdict.fragment)) {
        report(
          'missing-anchor',
          anchorDetail(verdict.fragment, verdict.target === page ? 'on this page' : `in ${verdict.target}`),
        );
      }
    });
  });

  for (const a of pending) {
    const ids = idsByPage.get(a.target);
    if (ids && !hasAnchor(ids, a.fragment)) {
      const detail = anchorDetail(a.fragment, `in ${a.target}`);
      problems.push({ page: a.page, href: a.href, order: a.order, kind: 'missing-anchor', detail });
    }
  }

  problems.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : a.order - b.order));
  return {
    pages: pages.length,
    links,
    problems: problems.map(({ page, href, kind, detail }) => ({ page, href, kind, detail })),
  };
}

/** One line per problem: `en/2024/x/index.html: /en/speakers/nobody/ → missing page (…)`. */
export function formatLinkProblem(p: LinkProblem): string {
  return `${p.page}: ${p.href} → ${p.kind.replace('-', ' ')} (${p.detail})`;
}

/** URLs whose target does not depend on the page they are on: with a scheme, or root-relative. */
const PAGE_INDEPENDENT = /^(?:[a-z][a-z0-9+.-]*:|\/)/i;

/** What a missing anchor's detail says. */
function anchorDetail(fragment: Fragment, where: string): string {
  return `no element with id "${fragment.decoded}" ${where}`;
}

/** `previews/pr-42` → `/previews/pr-42/`; empty → `/`. */
function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The URL path a file is served at, relative to the base: `en/x/index.html` → `en/x/`. */
function pagePath(file: string): string {
  if (file === 'index.html') return '';
  return file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

/** Percent-encodes each segment of a path (file names may hold Chinese, `#` or `?`). */
function encodePath(p: string): string {
  return p
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** What checking one URL found. */
type Verdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'problem'; readonly problem: LinkProblemKind; readonly detail: string }
  | { readonly kind: 'anchor'; readonly target: string; readonly fragment: Fragment };

const OK: Verdict = { kind: 'ok' };

/** Resolves one URL against the page and the files of dist. */
function resolve(found: FoundUrl, documentUrl: URL, origin: string, base: string, files: ReadonlySet<string>): Verdict {
  // Browsers drop leading and trailing spaces and controls, and tabs and newlines anywhere, so
  // `java\nscript:` is still a script: look at the scheme the way they do.
  const cleaned = trimControls(found.href.replace(/[\t\n\r]/g, ''));
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'vbscript') {
    return { kind: 'problem', problem: 'unsafe-url', detail: `${scheme}: URLs run code instead of going to a page` };
  }
  if (scheme === 'data') {
    return found.dataOk
      ? OK
      : { kind: 'problem', problem: 'unsafe-url', detail: 'data: URLs here can carry a document or a script' };
  }
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return OK; // mailto:, tel:, ...

  let url: URL;
  try {
    url = new URL(cleaned, documentUrl);
  } catch {
    return { kind: 'problem', problem: problemFor(found, ''), detail: 'not a valid URL' };
  }
  if (url.origin !== origin) return OK; // external: not this site's business

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'problem', problem: problemFor(found, url.pathname), detail: 'malformed %-encoding in the path' };
  }
  let rel: string;
  if (decoded.startsWith(base)) rel = decoded.slice(base.length);
  else if (`${decoded}/` === base) rel = '';
  else {
    return {
      kind: 'problem',
      problem: 'outside-base',
      detail: `${decoded} is not under the base path ${base}: build the link with the base path`,
    };
  }

  const candidates = servedFiles(rel, found.role);
  const target = candidates.find((c) => files.has(c));
  if (target === undefined) {
    return {
      kind: 'problem',
      problem: problemFor(found, rel),
      detail: `no file ${candidates.length === 1 ? candidates[0] : `${candidates.slice(0, -1).join(', ')} or ${candidates.at(-1)}`}`,
    };
  }

  const raw = url.hash.slice(1);
  if (raw === '' || !target.endsWith('.html')) return OK;
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // Browsers then look for the fragment as written.
  }
  // `#top` scrolls to the top; `#:~:text=` is a text fragment, not an id.
  if (id.toLowerCase() === 'top' || id.startsWith(':~:')) return OK;
  return { kind: 'anchor', target, fragment: { raw, decoded: id } };
}

/**
 * The files a static server may answer a path with (relative to the site's root, decoded), in the
 * order it tries them: `x/` serves `x/index.html`; a followed link `x` the file `x`, else
 * `x/index.html` or `x.html`; a fetched asset (stylesheet, image, script) must be the very file.
 */
export function servedFiles(rel: string, role: 'page' | 'asset'): string[] {
  if (rel === '' || rel.endsWith('/')) return [`${rel}index.html`];
  return role === 'asset' ? [rel] : [rel, `${rel}/index.html`, `${rel}.html`];
}

/** Drops leading and trailing spaces and C0 controls, as the URL parser does. */
function trimControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/** Missing asset for what is fetched or names a file (`report.pdf`), missing page otherwise. */
function problemFor(found: FoundUrl, rel: string): LinkProblemKind {
  if (found.role === 'asset') return 'missing-asset';
  const last = rel.split('/').at(-1) ?? '';
  return /\.[a-z0-9]+$/i.test(last) && !/\.html?$/i.test(last) ? 'missing-asset' : 'missing-page';
}

/** Whether a fragment names an element of the page (`id`, or the `name` of an `<a>`). */
function hasAnchor(ids: ReadonlySet<string>, fragment: Fragment): boolean {
  return ids.has(fragment.decoded) || ids.has(fragment.raw);
}

/** What one page holds: its ids, its URLs in document order, and its `<base href>`. */
interface Collected {
  readonly ids: Set<string>;
  readonly urls: FoundUrl[];
  readonly baseHref: string | undefined;
}

/** A string attribute (hast properties may be numbers, booleans or lists). */
function attr(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  return typeof value === 'string' ? value : undefined;
}

/** A space-separated attribute (`rel`, `http-equiv`) as lowercase tokens. */
function tokens(node: Element, name: string): string[] {
  const value = node.properties[name];
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
  return list.map((t) => t.toLowerCase());
}

/** Walks the tree once, collecting ids and the URLs a browser would fetch or follow. */
function collect(tree: Root): Collected {
  const ids = new Set<string>();
  const urls: FoundUrl[] = [];
  let baseHref: string | undefined;
  // `data:` URLs are harmless where they are only an image or a file; where they are navigated
  // to or run (links, frames, forms, scripts) they can carry a page or a script.
  const add = (href: string | undefined, role: FoundUrl['role'], dataOk = role === 'asset'): void => {
    if (href !== undefined) urls.push({ href, role, dataOk });
  };

  forEachElement(tree, (node) => {
    const id = attr(node, 'id');
    if (id !== undefined && id !== '') ids.add(id);
    switch (node.tagName) {
      case 'a':
      case 'area': {
        const name = attr(node, 'name');
        if (node.tagName === 'a' && name !== undefined && name !== '') ids.add(name);
        add(attr(node, 'href'), 'page');
        break;
      }
      case 'base':
        baseHref ??= attr(node, 'href');
        break;
      case 'link': {
        const rel = tokens(node, 'rel');
        const followed = rel.some((r) => ['alternate', 'canonical', 'prev', 'next', 'author', 'help'].includes(r));
        add(attr(node, 'href'), followed ? 'page' : 'asset');
        break;
      }
      case 'img':
      case 'source':
        add(attr(node, 'src'), 'asset');
        for (const candidate of srcsetUrls(attr(node, 'srcSet'))) add(candidate, 'asset');
        break;
      case 'video':
        add(attr(node, 'src'), 'asset');
        add(attr(node, 'poster'), 'asset');
        break;
      case 'audio':
      case 'track':
        add(attr(node, 'src'), 'asset');
        break;
      case 'script':
        add(attr(node, 'src'), 'asset', false);
        break;
      case 'iframe':
        // External embeds are the embed host's business; `resolve` only checks internal URLs.
        add(attr(node, 'src'), 'page');
        break;
      case 'form':
        add(attr(node, 'action'), 'page');
        break;
      case 'meta':
        if (tokens(node, 'httpEquiv').includes('refresh')) add(refreshUrl(attr(node, 'content') ?? ''), 'page');
        break;
    }
  });
  return { ids, urls, baseHref };
}

/**
 * Calls `fn` on every element in document order. A plain loop rather than unist-util-visit, which
 * builds a closure and an ancestor list per node: that was a third of the time on a large site.
 */
function forEachElement(tree: Root, fn: (node: Element) => void): void {
  const stack: RootContent[] = [...tree.children].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type !== 'element') continue;
    fn(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
  }
}

/** The URLs of a `srcset`: each candidate is a URL, then optional descriptors, separated by commas. */
export function srcsetUrls(srcset: string | undefined): string[] {
  if (srcset === undefined) return [];
  const out: string[] = [];
  let i = 0;
  // Follows the HTML parsing algorithm, since URLs may themselves hold commas (`data:` or `?a=1,2`).
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset.charAt(i))) i++;
    if (i >= srcset.length) break;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset.charAt(i))) i++;
    let url = srcset.slice(start, i);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      while (i < srcset.length) {
        const c = srcset.charAt(i);
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
    }
    if (url !== '') out.push(url);
  }
  return out;
}

/** The URL of a `<meta http-equiv="refresh" content="0; url=/x/">`, if it names one. */
export function refreshUrl(content: string): string | undefined {
  const match = /^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content);
  let url = (match?.[1] ?? '').trim();
  const quote = url.charAt(0);
  if (quote === '"' || quote === "'") {
    const end = url.indexOf(quote, 1);
    url = end === -1 ? url.slice(1) : url.slice(1, end);
  }
  return url === '' ? undefined : url;
}
