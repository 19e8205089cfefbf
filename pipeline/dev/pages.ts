/**
 * Which dev-server page shows a content file's warnings: a story version's file on that version's
 * page (`/<lang>/<YYYY>/<slug>/`, also when it is a draft, which the dev server answers with the
 * 404 page), a registry file on its entry's page in every locale (`/<lang>/speakers/<id>/`). Files
 * that make no page (an image, a misplaced file) show nowhere but the terminal and `npm run check`.
 * Pure: paths come from the site's own builders (src/lib/paths.ts).
 */
import path from 'node:path';
import { localizedPath, storyPath } from '#lib/paths.ts';
import type { Problem } from '#pipeline/check/problems.ts';

/** What maps a content file to its pages. */
export interface PageContext {
  /** The folder the problems' paths are relative to (the checker's `displayRoot`). */
  readonly root: string;
  /** The content folder (absolute). */
  readonly contentDir: string;
  /** The configured locale codes. */
  readonly locales: readonly string[];
  /** The site's base path (`/` or `/previews/pr-42/`). */
  readonly base: string;
}

const REGISTRIES = new Set(['speakers', 'organisations', 'events', 'tags']);

/** The site paths of the pages made from the content file `rel` (relative to the content folder). */
export function pagesOfFile(rel: string, context: Pick<PageContext, 'locales' | 'base'>): string[] {
  const parts = rel.split('/');
  const story = /^articles\/(\d{4})\/([^/]+)\/([^/]+)\.md$/.exec(rel);
  if (story) {
    const [, year = '', slug = '', language = ''] = story;
    return context.locales.includes(language) ? [storyPath(context.base, language, { year, slug })] : [];
  }
  const [collection = '', file = ''] = parts;
  if (parts.length === 2 && REGISTRIES.has(collection) && /\.ya?ml$/.test(file)) {
    const id = file.replace(/\.ya?ml$/, '');
    return context.locales.map((locale) => localizedPath(context.base, locale, collection, id));
  }
  return [];
}

/** A request's path as the site names pages: decoded, without `index.html`, with its final slash. */
export function pagePath(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURI(pathname);
  } catch {
    decoded = pathname;
  }
  const bare = decoded.replace(/index\.html$/, '');
  return bare.endsWith('/') ? bare : `${bare}/`;
}

/** The site paths of the pages that show a problem of the file `file` (a problem's path, relative to `root`). */
export function pagesOfProblemFile(file: string, context: PageContext): string[] {
  const rel = path.relative(context.contentDir, path.resolve(context.root, file)).split(path.sep).join('/');
  return rel.startsWith('..') ? [] : pagesOfFile(rel, context);
}

/** The warnings to show on the page at `pathname`, in the checker's order. */
export function warningsForPage(problems: readonly Problem[], pathname: string, context: PageContext): Problem[] {
  const wanted = pagePath(pathname);
  const pagesOf = new Map<string, string[]>();
  return problems.filter((p) => {
    if (p.severity !== 'warning') return false;
    let pages = pagesOf.get(p.file);
    if (!pages) {
      pages = pagesOfProblemFile(p.file, context);
      pagesOf.set(p.file, pages);
    }
    return pages.includes(wanted);
  });
}
