/**
 * A link checker for the built site: reads every `.html` file of `dist/` once and checks every URL a
 * browser would fetch or follow (links, images, srcset candidates, stylesheets, scripts, media, meta
 * refresh, form actions) against the files that are really there, including `#fragment` targets.
 *
 * Pure TypeScript over node:fs, no `astro:` imports, so the CLI and the tests call it directly.
 * Each page is parsed once; only its ids are kept (not its tree), so anchors into a page that many
 * pages link to cost one parse, and memory stays small on a 20,000-page site.
 *
 * This module walks the pages and gathers the problems; links-html.ts reads what a page links to,
 * links-resolve.ts decides where each URL leads.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { mapWithLimit } from '#lib/concurrency.ts';
import { collect } from './links-html.ts';
import {
  anchorDetail,
  encodePath,
  hasAnchor,
  normalizeBase,
  pagePath,
  resolve,
  type Fragment,
  type Verdict,
} from './links-resolve.ts';

// How a static server answers a path: the content checker's body links follow the same rule.
export { servedFiles } from './links-resolve.ts';

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
