/**
 * Where a URL of a built page leads, for the link checker (links.ts): resolved against the page and
 * the base path as a browser does, then matched against the files of dist/ the way a static server
 * answers a path; unsafe schemes are refused and `#fragments` are handed back to be looked up.
 */
import type { LinkProblemKind } from './links.ts';
import type { FoundUrl } from './links-html.ts';

/** A fragment as written (percent-encoded) and decoded: an id may match either. */
export interface Fragment {
  readonly raw: string;
  readonly decoded: string;
}

/** What a missing anchor's detail says. */
export function anchorDetail(fragment: Fragment, where: string): string {
  return `no element with id "${fragment.decoded}" ${where}`;
}

/** `previews/pr-42` → `/previews/pr-42/`; empty → `/`. */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The URL path a file is served at, relative to the base: `en/x/index.html` → `en/x/`. */
export function pagePath(file: string): string {
  if (file === 'index.html') return '';
  return file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

/** Percent-encodes each segment of a path (file names may hold Chinese, `#` or `?`). */
export function encodePath(p: string): string {
  return p
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** What checking one URL found. */
export type Verdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'problem'; readonly problem: LinkProblemKind; readonly detail: string }
  | { readonly kind: 'anchor'; readonly target: string; readonly fragment: Fragment };

const OK: Verdict = { kind: 'ok' };

/** Resolves one URL against the page and the files of dist. */
export function resolve(
  found: FoundUrl,
  documentUrl: URL,
  origin: string,
  base: string,
  files: ReadonlySet<string>,
): Verdict {
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
export function hasAnchor(ids: ReadonlySet<string>, fragment: Fragment): boolean {
  return ids.has(fragment.decoded) || ids.has(fragment.raw);
}
