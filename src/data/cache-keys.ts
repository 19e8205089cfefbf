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
 * The same rules choose the pages of a body-only rebuild (src/lib/rebuild-plan.ts): a page is
 * rendered again exactly when it shows a changed body.
 */
import path from 'node:path';
import { fingerprint } from '#lib/fingerprint.ts';
import { readRebuildPlan, STALE_PLAN, writeFingerprint } from '#lib/rebuild-plan.ts';
import { siteConfig } from '#site.config';
import { writeBodyIndex } from './body-index.ts';
import { loadSiteData, type PublishedStory, type SiteData } from './content.ts';

/** A page that shows the bodies of `bodies` besides frontmatter (a story page, a full-content feed). */
export interface ShowsBodies {
  /** The stories whose bodies the page shows (none: it shows frontmatter only). */
  readonly bodies: readonly PublishedStory[];
}

/** How a route keys one of its `getStaticPaths` entries: a key of its own, or the bodies it shows. */
export type CacheKeyRule<T> = (path: T, data: SiteData) => string | ShowsBodies;

/**
 * The entry ids of a body-only rebuild (src/lib/rebuild-plan.ts), or `undefined` in a full build.
 * Read once per build; a plan made for other frontmatter than this build's is refused with an error
 * the build recognises, and it builds in full instead.
 */
let rebuildEntries: ReadonlySet<string> | undefined | null = null;

function entriesToRebuild(data: SiteData): ReadonlySet<string> | undefined {
  if (rebuildEntries !== null) return rebuildEntries;
  rebuildEntries = (() => {
    writeFingerprint(process.env, data.fingerprint);
    writeBodyIndex(process.env, data);
    const plan = readRebuildPlan(process.env);
    if (!plan) return undefined;
    if (plan.fingerprint !== data.fingerprint) {
      throw new Error(`${STALE_PLAN}: the site's frontmatter changed since the last build`);
    }
    const files = new Set(plan.files);
    const ids = [...data.articles.values()]
      .filter((entry) => entry.filePath !== undefined && files.has(path.resolve(entry.filePath)))
      .map((entry) => entry.id);
    return new Set(ids);
  })();
  return rebuildEntries;
}

/** The cache key of a page keyed by `rule` (the site fingerprint when it shows no body). */
function keyOfRule(data: SiteData, rule: string | ShowsBodies | undefined): string {
  if (rule === undefined) return data.fingerprint;
  if (typeof rule === 'string') return rule;
  if (rule.bodies.length === 0) return data.fingerprint;
  return fingerprint([
    data.fingerprint,
    ...rule.bodies.flatMap((story) =>
      [...story.versions.values()].map((v) => data.articles.get(v.entryId)?.rendered?.html),
    ),
  ]);
}

/** Whether a page keyed by `rule` shows the body of one of `entries`. */
function showsAny(rule: string | ShowsBodies | undefined, entries: ReadonlySet<string>): boolean {
  return (
    typeof rule === 'object' &&
    rule.bodies.some((story) => [...story.versions.values()].some((v) => entries.has(v.entryId)))
  );
}

/**
 * `paths` of a `getStaticPaths`, each with its `cacheKey` from `keyOf(path, data)`, or the site
 * fingerprint without `keyOf` (for pages that show frontmatter only). In a body-only rebuild, only
 * the paths that show a changed body: the rest of the site is the previous build's.
 */
export async function withCacheKeys<T extends object>(
  paths: readonly T[],
  keyOf?: CacheKeyRule<T>,
): Promise<(T & { cacheKey: string })[]> {
  const data = await loadSiteData();
  const rebuild = entriesToRebuild(data);
  const keyed = paths.map((path) => ({ path, rule: keyOf?.(path, data) }));
  const kept = rebuild ? keyed.filter(({ rule }) => showsAny(rule, rebuild)) : keyed;
  return kept.map(({ path, rule }) => ({ ...path, cacheKey: keyOfRule(data, rule) }));
}

/** What a page that shows the bodies of `stories` depends on (a story page, a full-content feed). */
export function showsBodies(stories: readonly PublishedStory[]): ShowsBodies {
  return { bodies: stories };
}

/**
 * What a feed in `locale` over `candidates` (newest first) shows: the bodies of the stories it can
 * carry, the first `feedSize` that have a version in the locale; none with summary feeds.
 */
export function feedBodies(locale: string, candidates: readonly PublishedStory[]): ShowsBodies {
  if (siteConfig.feedContent !== 'full') return showsBodies([]);
  return showsBodies(candidates.filter((story) => story.versions.has(locale)).slice(0, siteConfig.feedSize));
}
