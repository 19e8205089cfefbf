/**
 * Classifying the changed paths of `npm run changes`: which files lie in the content folder, which
 * are language versions of a story (`articles/YYYY/slug/<lang>.md`), and which story folder an image
 * beside them belongs to. The content checker's layout rule (`classifyContentPath`) decides.
 */
import { classifyContentPath } from '#pipeline/check/layout.ts';
import { ID_PATTERN } from '#schemas/common.ts';
import type { FileChange } from './name-status.ts';

/** The path inside the content folder, or undefined when the file lies outside it. */
export function inContent(file: string, contentPrefix: string): string | undefined {
  if (contentPrefix === '') return file;
  return file.startsWith(`${contentPrefix}/`) ? file.slice(contentPrefix.length + 1) : undefined;
}

/** Story key (`YYYY/slug`) and language of an article path, or undefined. */
export function articleOf(
  file: string,
  contentPrefix: string,
  locales: readonly string[],
): { year: string; slug: string; language: string } | undefined {
  const rel = inContent(file, contentPrefix);
  if (rel === undefined) return undefined;
  const kind = classifyContentPath(rel, locales);
  return kind.kind === 'article' ? kind : undefined;
}

/** The story folder (`YYYY/slug`) an asset such as an image beside an article belongs to, or undefined. */
export function assetStory(file: string, contentPrefix: string, locales: readonly string[]): string | undefined {
  const rel = inContent(file, contentPrefix);
  if (rel === undefined || classifyContentPath(rel, locales).kind !== 'asset') return undefined;
  const [top, year = '', slug = '', ...rest] = rel.split('/');
  return top === 'articles' && /^\d{4}$/.test(year) && ID_PATTERN.test(slug) && rest.length > 0
    ? `${year}/${slug}`
    : undefined;
}

/** Story keys that any change touches (article files or files beside them). */
export function touchedStories(
  changes: readonly FileChange[],
  contentPrefix: string,
  locales: readonly string[],
): Set<string> {
  const keys = new Set<string>();
  for (const c of changes) {
    const a = articleOf(c.path, contentPrefix, locales);
    if (a) keys.add(`${a.year}/${a.slug}`);
    const s = assetStory(c.path, contentPrefix, locales);
    if (s) keys.add(s);
  }
  return keys;
}

/** `2024/new-slug` for an article path, else the path itself (where a moved file came from or went). */
export function storyOfPath(file: string, contentPrefix: string, locales: readonly string[]): string {
  const a = articleOf(file, contentPrefix, locales);
  return a ? `${a.year}/${a.slug}` : file;
}
