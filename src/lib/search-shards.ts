/**
 * Search shards: the Pagefind index is built as one bundle per publication year
 * (`pagefind/2024/`, ...), listed newest first in `pagefind/shards.json`. Indexing one year at a
 * time keeps Pagefind's memory to one year's pages (it grows with the pages of a bundle: 0.7 GB for
 * 1,856 pages, 55 MB for one year of them), lets a rebuild re-index only the years whose pages
 * changed, and the search page merges the shards back with Pagefind's `mergeIndex`.
 * Pure TS, no `astro:` imports, no DOM: the indexer, the search page's script and the tests share it.
 */

/** Name of the manifest listing the shards, newest first, in the bundle folder. */
export const SHARD_MANIFEST = 'shards.json';

/** Shard of indexed pages that are not under a year (none on this site, but never lost). */
export const OTHER_SHARD = 'other';

/** Shards in manifest order: years newest first, then `other`. */
export function orderShards(shards: Iterable<string>): string[] {
  return [...new Set(shards)].sort((a, b) => {
    if (a === OTHER_SHARD || b === OTHER_SHARD) return a === OTHER_SHARD ? 1 : b === OTHER_SHARD ? -1 : 0;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** How to load a search over shards: the primary bundle, then each bundle to merge and its language. */
export interface ShardPlan {
  /** The shard whose `pagefind.js` is loaded and initialised (the newest). */
  readonly primary: string;
  /** Indexes merged into it, in this order (shard newest first; within a shard, `language` first). */
  readonly merges: readonly { readonly shard: string; readonly language: string }[];
}

/**
 * The loading plan for searching `language` (and the `others`, in the all-languages mode) over
 * `shards` (manifest order). Merging newest shard first keeps results of equal score, such as a
 * browse by date without a query, in date order across years.
 */
export function shardPlan(shards: readonly string[], language: string, others: readonly string[] = []): ShardPlan {
  const [primary, ...rest] = shards;
  if (primary === undefined) throw new Error('search: the index has no shards');
  const merges = [
    ...others.map((other) => ({ shard: primary, language: other })),
    ...rest.flatMap((shard) => [language, ...others].map((lang) => ({ shard, language: lang }))),
  ];
  return { primary, merges };
}

/** Compares two page paths as the indexer orders a shard's pages: by UTF-16 code units, like `sort()`. */
export function comparePagePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `pages` in the order that lets the search index be built while they are rendered: shard by shard
 * in manifest order (newest year first), and within a shard by page path, the order in which the
 * indexer adds a shard's pages (Pagefind's output depends on it). `pathOf` gives any path that
 * orders like the page's file (`en/2024/slug/` orders like `en/2024/slug/index.html`).
 */
export function indexingOrder<T>(pages: readonly T[], shardOf: (page: T) => string, pathOf: (page: T) => string): T[] {
  const rank = new Map(orderShards(pages.map(shardOf)).map((shard, i) => [shard, i]));
  const keyed = pages.map((page) => ({ page, rank: rank.get(shardOf(page)) ?? 0, path: pathOf(page) }));
  keyed.sort((a, b) => a.rank - b.rank || comparePagePaths(a.path, b.path));
  return keyed.map(({ page }) => page);
}
