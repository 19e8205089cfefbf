/** Site paths, built in one place so every link honours the base path and trailing slashes. */

/** Joins a base path (e.g. `/previews/pr-42/`) and path segments into `/base/a/b/`. */
export function joinPath(base: string, ...segments: readonly string[]): string {
  const parts = [base, ...segments].flatMap((s) => s.split('/')).filter((s) => s !== '');
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/** A page in one locale: `localizedPath(base, 'zh', '2024', 'ip-forum')` → `/base/zh/2024/ip-forum/`. */
export function localizedPath(base: string, locale: string, ...segments: readonly string[]): string {
  return joinPath(base, locale, ...segments);
}

/** The path of one language version of a story. */
export function storyPath(
  base: string,
  locale: string,
  story: { readonly year: string; readonly slug: string },
): string {
  return localizedPath(base, locale, story.year, story.slug);
}

/** A file's path, the last segment being its name: `filePath('/base/', 'en', 'rss.xml')` → `/base/en/rss.xml`. */
export function filePath(base: string, ...segments: readonly string[]): string {
  return `${joinPath(base, ...segments.slice(0, -1))}${segments.at(-1) ?? ''}`;
}
