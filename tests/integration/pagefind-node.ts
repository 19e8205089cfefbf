/**
 * Runs a built site's Pagefind search bundles (`<dist>/pagefind/<year>/pagefind.js`, the code browsers run)
 * in Node: its `fetch` calls for index files are answered from disk, and the page language it would
 * read from `<html lang>` is given explicitly. So tests search the real index with the real engine.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHARD_MANIFEST, shardPlan } from '#lib/search-shards.ts';

/** One search hit, loaded. */
export interface Hit {
  /** Page URL as Pagefind stored it (under the base path). */
  readonly url: string;
  /** `data-pagefind-meta` values (title, date...). */
  readonly meta: Readonly<Record<string, string>>;
  /** Excerpt with `<mark>` around matched words. */
  readonly excerpt: string;
  /** Filter values of the page. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
}

/** The subset of Pagefind's JS API the tests use, and the site it was loaded from. */
interface PagefindApi {
  distDir?: string;
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  search(
    term: string,
    options?: Record<string, unknown>,
  ): Promise<{ results: { data(): Promise<Hit & { excerpt: string }> }[] }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

let loads = 0;

/**
 * Loads a fresh copy of the newest shard's `pagefind.js` for the language `lang` (as in `<html lang>`)
 * and merges the other year shards, and the `merge` languages as the search page's "all languages"
 * mode does, in the search page's order (`shardPlan`).
 */
export async function loadPagefind(distDir: string, lang: string, merge: readonly string[] = []): Promise<PagefindApi> {
  const bundle = path.join(distDir, 'pagefind');
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.protocol !== 'file:') return realFetch(input);
    const body = await readFile(url);
    return new Response(body);
  };
  const g = globalThis as { document?: unknown };
  g.document = { querySelector: () => ({ getAttribute: () => lang }), currentScript: null };
  const plan = shardPlan(await searchShards(distDir), lang, merge);
  const shardUrl = (shard: string) => `${pathToFileURL(path.join(bundle, shard)).href}/`;
  // A query string makes Node load a separate module instance per call (each with its own language).
  const module = (await import(
    `${pathToFileURL(path.join(bundle, plan.primary, 'pagefind.js')).href}?load=${++loads}`
  )) as PagefindApi;
  await module.options({ basePath: shardUrl(plan.primary) });
  await module.init();
  // Pagefind skips merging a path its primary path starts with; the search page passes the absolute
  // form of the address, and here an equivalent spelling (`./`) does the same.
  for (const { shard, language } of plan.merges) await module.mergeIndex(`${shardUrl(shard)}./`, { language });
  return Object.assign(Object.create(null) as object, module, { distDir });
}

/** The year shards of a built site's search index, newest first (`pagefind/shards.json`). */
export async function searchShards(distDir: string): Promise<string[]> {
  return JSON.parse(await readFile(path.join(distDir, 'pagefind', SHARD_MANIFEST), 'utf8')) as string[];
}

/** Indexed pages per language over every shard (from each shard's `pagefind-entry.json`). */
export async function indexedPageCounts(distDir: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const shard of await searchShards(distDir)) {
    const entry = JSON.parse(await readFile(path.join(distDir, 'pagefind', shard, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    for (const [language, { page_count }] of Object.entries(entry.languages)) {
      counts[language] = (counts[language] ?? 0) + page_count;
    }
  }
  return counts;
}

/** Searches and loads every hit. */
export async function searchHits(api: PagefindApi, term: string, filters?: Record<string, string>): Promise<Hit[]> {
  const found = await api.search(term, filters ? { filters } : {});
  const hits = await Promise.all(found.results.map((r) => r.data()));
  // In a browser the URL is the page's site path; here Pagefind prefixes the bundle's file location.
  const prefix = api.distDir ?? '';
  return hits.map((hit) => {
    const at = hit.url.indexOf(prefix);
    return { ...hit, url: prefix && at >= 0 ? hit.url.slice(at + prefix.length) : hit.url };
  });
}
