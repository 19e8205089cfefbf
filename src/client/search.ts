/**
 * The search page's script: runs Pagefind's browser API on the index built with the site. Searches
 * the page's language, or every language at once; filters by topic, speaker and year; keeps the
 * query in the address so results can be shared and the back button works. Every text comes from
 * the locale's dictionary, and every value from the index is inserted as text, never as HTML.
 */
import { localeInfo, uiStrings } from '#i18n/index.ts';
import { SHARD_MANIFEST, shardPlan } from '#lib/search-shards.ts';
import { siteConfig, type Locale } from '#site.config';

/** The subset of Pagefind's browser API used here. */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(language?: string): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(
    term: string | null,
    options?: Record<string, unknown>,
  ): Promise<{ results: { data(): Promise<PagefindHit> }[] }>;
}

/** One loaded result. */
interface PagefindHit {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string | undefined>>;
}

const FILTERS = ['tag', 'speaker', 'year'] as const;
const PAGE = 20;

/**
 * Loads a Pagefind instance searching `language`, merged with `others` when given: the newest year
 * shard's bundle is loaded, and every other shard (and language) merged in (src/lib/search-shards.ts).
 */
async function loadPagefind(bundle: string, language: string, others: readonly string[]): Promise<Pagefind> {
  const response = await fetch(`${bundle}${SHARD_MANIFEST}`);
  if (!response.ok) throw new Error(`search: ${SHARD_MANIFEST} answered ${response.status}`);
  const plan = shardPlan((await response.json()) as string[], language, others);
  const primary = `${bundle}${plan.primary}/`;
  // A query string gives each scope its own module instance (and so its own loaded indexes).
  const url = `${primary}pagefind.js?scope=${others.length > 0 ? 'all' : 'one'}`;
  const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
  await pagefind.options({ basePath: primary });
  await pagefind.init(language);
  // Pagefind skips merging a bundle whose path the primary's starts with, even for another language:
  // absolute addresses are never skipped.
  for (const merge of plan.merges) {
    await pagefind.mergeIndex(new URL(`${bundle}${merge.shard}/`, window.location.href).href, {
      language: merge.language,
    });
  }
  return pagefind;
}

/** An excerpt from the index as DOM nodes: its text, and `<mark>` around matched words only. */
function excerptNodes(excerpt: string): Node[] {
  // DOMParser builds an inert document: nothing in it loads or runs. Only text and marks are copied.
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body;
  const nodes: Node[] = [];
  const copy = (node: Node, into: Node[]) => {
    if (node.nodeType === Node.TEXT_NODE) into.push(document.createTextNode(node.textContent ?? ''));
    else if (node instanceof Element) {
      if (node.tagName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = node.textContent ?? '';
        into.push(mark);
      } else node.childNodes.forEach((child) => copy(child, into));
    }
  };
  parsed.childNodes.forEach((child) => copy(child, nodes));
  return nodes;
}

/** Starts the search UI inside `root` (the `#search` element of the search page). */
export async function startSearch(root: HTMLElement): Promise<void> {
  const locale = (root.dataset['locale'] ?? siteConfig.locales[0].code) as Locale;
  const bundle = root.dataset['bundle'] ?? '/pagefind/';
  const t = uiStrings(locale);
  const own = localeInfo(locale).htmlLang.toLowerCase();
  const others = siteConfig.locales.filter((l) => l.code !== locale).map((l) => l.htmlLang.toLowerCase());
  const form = root.querySelector('form');
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const status = root.querySelector<HTMLElement>('.search__status');
  const list = root.querySelector<HTMLOListElement>('.search__results');
  if (!form || !input || !status || !list) return;

  const instances = new Map<string, Promise<Pagefind>>();
  const instance = (scope: string) => {
    let found = instances.get(scope);
    if (!found) {
      found = loadPagefind(bundle, own, scope === 'all' ? others : []);
      instances.set(scope, found);
    }
    return found;
  };

  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') ?? '';
  const scope = params.get('scope');
  const scopeField = form.elements.namedItem('scope');
  if (scope && scopeField instanceof RadioNodeList) scopeField.value = scope;

  let generation = 0;
  const run = async () => {
    const mine = ++generation;
    const data = new FormData(form);
    // The form has text fields and radio buttons only: every value is a string.
    const field = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const query = field('q').trim();
    const scope = field('scope') || 'this';
    const chosen: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = field(name);
      if (value) chosen[name] = value;
    }
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    if (scope !== 'this') next.set('scope', scope);
    for (const [name, value] of Object.entries(chosen)) next.set(name, value);
    const address = `${window.location.pathname}${next.size > 0 ? `?${next}` : ''}`;
    window.history.replaceState(null, '', address);
    list.replaceChildren();
    if (!query && Object.keys(chosen).length === 0) {
      status.textContent = '';
      return;
    }
    status.textContent = t.searching;
    const pagefind = await instance(scope);
    const found = await pagefind.search(query || null, { filters: chosen, sort: query ? undefined : { date: 'desc' } });
    const hits = await Promise.all(found.results.slice(0, PAGE).map((r) => r.data()));
    if (mine !== generation) return; // A newer search has started.
    status.textContent =
      found.results.length === 0 ? t.searchNoResults(query) : t.searchResults(found.results.length, query);
    for (const hit of hits) list.append(resultItem(hit, scope === 'all'));
  };

  /** One result: title link, language badge in all-language mode, date, excerpt. */
  const resultItem = (hit: PagefindHit, showLanguage: boolean) => {
    const item = document.createElement('li');
    item.className = 'story-card';
    const language = siteConfig.locales.find((l) => hit.url.includes(`/${l.code}/`));
    const lang = language?.htmlLang;
    const heading = document.createElement('h2');
    heading.className = 'story-card__title';
    const link = document.createElement('a');
    link.href = hit.url;
    link.textContent = hit.meta['title'] ?? hit.url;
    if (lang && language.code !== locale) heading.lang = lang;
    heading.append(link);
    const meta = document.createElement('p');
    meta.className = 'story-card__meta meta';
    if (hit.meta['date']) meta.append(document.createTextNode(hit.meta['date']));
    if (showLanguage && language) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.lang = language.htmlLang;
      badge.textContent = language.label;
      meta.append(badge);
    }
    const excerpt = document.createElement('p');
    excerpt.className = 'story-card__summary';
    if (lang && language.code !== locale) excerpt.lang = lang;
    excerpt.append(...excerptNodes(hit.excerpt));
    item.append(heading, meta, excerpt);
    return item;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 250);
  });
  form.addEventListener('change', () => void run());
  // Shown only now that it works: a reader who types before the script is ready loses nothing.
  root.hidden = false;

  // Filter choices come from the index itself (values as the locale's pages wrote them).
  const loadFilters = async () => {
    const filters = await (await instance('this')).filters();
    for (const name of FILTERS) {
      const select = root.querySelector<HTMLSelectElement>(`select[data-filter="${name}"]`);
      if (!select) continue;
      const values = Object.keys(filters[name] ?? {}).sort(new Intl.Collator(localeInfo(locale).collation).compare);
      if (name === 'year') values.reverse();
      for (const value of values) select.append(new Option(`${value} (${filters[name]?.[value] ?? 0})`, value));
      const wanted = params.get(name);
      if (wanted) select.value = wanted;
    }
  };
  // A shared address with filters needs the choices before the first search; otherwise search first.
  const filtered = FILTERS.some((name) => params.get(name));
  if (filtered) await loadFilters();
  const initial = input.value || params.size > 0 ? run() : Promise.resolve();
  if (!filtered) await loadFilters();
  await initial;
}
