/**
 * Cache keys of the pages, for Astro's incremental builds (`experimental.incrementalBuild`): Astro
 * copies a page from the previous build when its key and its code are unchanged, and renders it
 * otherwise. The rule is deliberately coarse, so no page can go stale: every HTML page's key is the
 * site fingerprint (the frontmatter of every published story, the registries, which stories have
 * share cards), so editing a title or a speaker re-renders every page, while editing a story's body
 * re-renders only that story's pages (Astro also tracks the entry it renders) and the feeds that
 * carry it in full.
 *
 * Every route attaches its keys the same way: `return withCacheKeys(paths, keyOf)` at the end of its
 * `getStaticPaths`, with one of the key rules below as `keyOf` (or none, for the site fingerprint).
 */
import { fingerprint } from '#lib/fingerprint.ts';
import { siteConfig } from '#site.config';
import { loadSiteData, type PublishedStory, type SiteData } from './content.ts';

/** How a route keys one of its `getStaticPaths` entries. */
export type CacheKeyRule<T> = (path: T, data: SiteData) => string;

/**
 * `paths` of a `getStaticPaths`, each with its `cacheKey`: `keyOf(path, data)`, or the site
 * fingerprint without `keyOf` (for pages that show frontmatter only).
 */
export async function withCacheKeys<T extends object>(
  paths: readonly T[],
  keyOf?: CacheKeyRule<T>,
): Promise<(T & { cacheKey: string })[]> {
  const data = await loadSiteData();
  return paths.map((path) => ({ ...path, cacheKey: keyOf ? keyOf(path, data) : data.fingerprint }));
}

/** The key of a page that shows the bodies of `stories` (a story page, a full-content feed). */
export function bodiesKey(data: SiteData, stories: readonly PublishedStory[]): string {
  return fingerprint([
    data.fingerprint,
    ...stories.flatMap((story) =>
      [...story.versions.values()].map((v) => data.articles.get(v.entryId)?.rendered?.html),
    ),
  ]);
}

/**
 * The key of a feed in `locale` over `candidates` (newest first): the site fingerprint and the bodies
 * of the stories it can carry, the first `feedSize` that have a version in the locale. With summary
 * feeds, the site fingerprint alone.
 */
export function feedKey(data: SiteData, locale: string, candidates: readonly PublishedStory[]): string {
  if (siteConfig.feedContent !== 'full') return data.fingerprint;
  const carried = candidates.filter((story) => story.versions.has(locale)).slice(0, siteConfig.feedSize);
  return bodiesKey(data, carried);
}
