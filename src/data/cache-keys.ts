/**
 * Cache keys of the pages, for Astro's incremental builds (`experimental.incrementalBuild`): Astro
 * copies a page from the previous build when its key and its code are unchanged, and renders it
 * otherwise. The rule is deliberately coarse, so no page can go stale: every HTML page's key is the
 * site fingerprint (the frontmatter of every published story, the registries, which stories have
 * share cards), so editing a title or a speaker re-renders every page, while editing a story's body
 * re-renders only that story's pages (Astro also tracks the entry it renders) and the feeds that
 * carry it in full.
 */
import { fingerprint } from '#lib/fingerprint.ts';
import { localeCodes, siteConfig } from '#site.config';
import { loadSiteData, type PublishedStory, type SiteData } from './content.ts';

/** `paths` of a `getStaticPaths` with `cacheKey` set on each. */
export function withCacheKey<T extends object>(paths: readonly T[], cacheKey: string): (T & { cacheKey: string })[] {
  return paths.map((path) => ({ ...path, cacheKey }));
}

/** `paths` keyed with the site fingerprint: for pages that show frontmatter only. */
export async function siteKeyed<T extends object>(paths: readonly T[]): Promise<(T & { cacheKey: string })[]> {
  return withCacheKey(paths, (await loadSiteData()).fingerprint);
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

/** Keys of the locale-wide feeds, one per locale code. */
export async function localeFeedKeys(): Promise<Record<string, string>> {
  const data = await loadSiteData();
  return Object.fromEntries(localeCodes.map((code) => [code, feedKey(data, code, data.stories)]));
}
