/**
 * The search page's script: runs Pagefind's browser API on the index built with the site. Searches
 * the page's language, or every language at once; filters by topic, speaker and year; keeps the
 * query in the address so results can be shared and the back button works. Every text comes from
 * the locale's dictionary, and every value from the index is inserted as text, never as HTML.
 */
import { localeInfo, uiStrings, type UiStrings } from '#i18n/index.ts';
import { resultExcerpt, type ExcerptPart } from '#lib/search-excerpt.ts';
import { SHARD_MANIFEST, shardPlan } from '#lib/search-shards.ts';
import { defaultLocale, localeCodes, siteConfig, type Locale } from '#site.config';

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
  /** The page's indexed text, unescaped: excerpts are cut from it when Pagefind's marks nothing. */
  readonly raw_content?: string;
  readonly meta: Readonly<Record<string, string | undefined>>;
}

/** The filters of the form, as Pagefind's filter names. */
const FILTERS = ['tag', 'speaker', 'year'] as const;
/** Results shown per search. */
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

/**
 * A result's excerpt as DOM nodes: text, and `<mark>` around whole matched words of `query`
 * (src/lib/search-excerpt.ts decides which, tidies the text, and cuts another excerpt from the
 * page's text when Pagefind's marks nothing).
 */
function excerptNodes(hit: PagefindHit, query: string): Node[] {
  // DOMParser builds an inert document: nothing in it loads or runs. Only text and marks are read.
  const parsed = new DOMParser().parseFromString(`<p>${hit.excerpt}</p>`, 'text/html').body;
  const parts: ExcerptPart[] = [];
  const read = (node: Node, mark: boolean) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push({ text: node.textContent ?? '', mark });
    else if (node instanceof Element) node.childNodes.forEach((child) => read(child, mark || node.tagName === 'MARK'));
  };
  parsed.childNodes.forEach((child) => read(child, false));
  return resultExcerpt(parts, hit.raw_content ?? '', query).map((part) => {
    if (!part.mark) return document.createTextNode(part.text);
    const mark = document.createElement('mark');
    mark.textContent = part.text;
    return mark;
  });
}

/** The search page's parts, as its markup gives them (src/pages/[lang]/search.astro). */
interface SearchPage {
  readonly root: HTMLElement;
  readonly locale: Locale;
  readonly t: UiStrings;
  /** The address of the Pagefind bundles. */
  readonly bundle: string;
  readonly form: HTMLFormElement;
  readonly input: HTMLInputElement;
  readonly status: HTMLElement;
  readonly list: HTMLOListElement;
}

/** What one search asks for, as the form says it. */
interface SearchRequest {
  /** The words, trimmed; empty to list by filters alone. */
  readonly query: string;
  /** `this` (the page's language) or `all`. */
  readonly scope: string;
  /** The chosen filter values, by filter name. */
  readonly filters: Readonly<Record<string, string>>;
}

/** Pagefind's answer to a search: how many results, and the first page of them loaded. */
interface SearchAnswer {
  readonly total: number;
  readonly hits: readonly PagefindHit[];
}

/** Whether `code` is one of the site's locales. */
function isLocale(code: string): code is Locale {
  return localeCodes.some((known) => known === code);
}

/** The page's locale, bundle address and form parts; undefined when the markup lacks one. */
function readPage(root: HTMLElement): SearchPage | undefined {
  const code = root.dataset['locale'];
  const locale = code !== undefined && isLocale(code) ? code : defaultLocale;
  const form = root.querySelector('form');
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const status = root.querySelector<HTMLElement>('.search__status');
  const list = root.querySelector<HTMLOListElement>('.search__results');
  if (!form || !input || !status || !list) return undefined;
  const bundle = root.dataset['bundle'] ?? '/pagefind/';
  return { root, locale, t: uiStrings(locale), bundle, form, input, status, list };
}

/** Fills the form from the address a reader opened or shared: the words and the scope. */
function restoreForm(page: SearchPage, params: URLSearchParams): void {
  page.input.value = params.get('q') ?? '';
  const scope = params.get('scope');
  const scopeField = page.form.elements.namedItem('scope');
  if (scope && scopeField instanceof RadioNodeList) scopeField.value = scope;
}

/**
 * The Pagefind instance of a scope (`this` or `all`), loaded on first use and kept: searching the
 * page's language, merged with the other languages for `all`.
 */
function pagefindLoader(bundle: string, locale: Locale): (scope: string) => Promise<Pagefind> {
  const own = localeInfo(locale).htmlLang.toLowerCase();
  const others = siteConfig.locales.filter((l) => l.code !== locale).map((l) => l.htmlLang.toLowerCase());
  const instances = new Map<string, Promise<Pagefind>>();
  return (scope) => {
    let found = instances.get(scope);
    if (!found) {
      found = loadPagefind(bundle, own, scope === 'all' ? others : []);
      instances.set(scope, found);
    }
    return found;
  };
}

/** The search the form asks for. */
function readForm(form: HTMLFormElement): SearchRequest {
  const data = new FormData(form);
  // The form has text fields and radio buttons only: every value is a string.
  const field = (name: string): string => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
  const filters: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = field(name);
    if (value) filters[name] = value;
  }
  return { query: field('q').trim(), scope: field('scope') || 'this', filters };
}

/** Puts the search in the address, so that it can be shared and reloaded (without a history entry per key). */
function writeAddress(request: SearchRequest): void {
  const next = new URLSearchParams();
  if (request.query) next.set('q', request.query);
  if (request.scope !== 'this') next.set('scope', request.scope);
  for (const [name, value] of Object.entries(request.filters)) next.set(name, value);
  const address = `${window.location.pathname}${next.size > 0 ? `?${next}` : ''}`;
  window.history.replaceState(null, '', address);
}

/** Runs a search: words ranked by Pagefind, or filters alone newest first. */
async function runQuery(pagefind: Pagefind, request: SearchRequest): Promise<SearchAnswer> {
  const { query, filters } = request;
  const found = await pagefind.search(query || null, { filters, sort: query ? undefined : { date: 'desc' } });
  const hits = await Promise.all(found.results.slice(0, PAGE).map((r) => r.data()));
  return { total: found.results.length, hits };
}

/** Shows an answer: the count in the status line, then one item per hit. */
function renderResults(page: SearchPage, request: SearchRequest, answer: SearchAnswer): void {
  const { t, status, list } = page;
  status.textContent =
    answer.total === 0 ? t.searchNoResults(request.query) : t.searchResults(answer.total, request.query);
  for (const hit of answer.hits) list.append(resultItem(hit, page.locale, request));
}

/** One result: title link, language badge in all-language mode, date, excerpt. */
function resultItem(hit: PagefindHit, locale: Locale, request: SearchRequest): HTMLLIElement {
  const showLanguage = request.scope === 'all';
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
  excerpt.append(...excerptNodes(hit, request.query));
  item.append(heading, meta, excerpt);
  return item;
}

/**
 * The search of the page: reads the form, keeps the address in step, and shows the answer unless
 * a newer search has started meanwhile.
 */
function searcher(page: SearchPage, instance: (scope: string) => Promise<Pagefind>): () => Promise<void> {
  let generation = 0;
  return async () => {
    const mine = ++generation;
    const request = readForm(page.form);
    writeAddress(request);
    page.list.replaceChildren();
    if (!request.query && Object.keys(request.filters).length === 0) {
      page.status.textContent = '';
      return;
    }
    page.status.textContent = page.t.searching;
    const answer = await runQuery(await instance(request.scope), request);
    if (mine !== generation) return; // A newer search has started.
    renderResults(page, request, answer);
  };
}

/** Searches on submit, on a change of a choice, and a moment after typing stops. */
function wireEvents(form: HTMLFormElement, search: () => Promise<void>): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search();
  });
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), 250);
  });
  form.addEventListener('change', () => void search());
}

/**
 * Fills the filter menus with the choices the index has (values as the locale's pages wrote them,
 * with their counts), and selects those of the address the reader opened.
 */
async function loadFilters(page: SearchPage, pagefind: Promise<Pagefind>, params: URLSearchParams): Promise<void> {
  const filters = await (await pagefind).filters();
  for (const name of FILTERS) {
    const select = page.root.querySelector<HTMLSelectElement>(`select[data-filter="${name}"]`);
    if (!select) continue;
    const values = Object.keys(filters[name] ?? {}).sort(new Intl.Collator(localeInfo(page.locale).collation).compare);
    if (name === 'year') values.reverse();
    for (const value of values) select.append(new Option(`${value} (${filters[name]?.[value] ?? 0})`, value));
    const wanted = params.get(name);
    if (wanted) select.value = wanted;
  }
}

/** Starts the search UI inside `root` (the `#search` element of the search page). */
export async function startSearch(root: HTMLElement): Promise<void> {
  const page = readPage(root);
  if (!page) return;
  const instance = pagefindLoader(page.bundle, page.locale);
  const params = new URLSearchParams(window.location.search);
  restoreForm(page, params);
  const search = searcher(page, instance);
  wireEvents(page.form, search);
  // Shown only now that it works: a reader who types before the script is ready loses nothing.
  root.hidden = false;
  // A shared address with filters needs the choices before the first search; otherwise search first.
  const filtered = FILTERS.some((name) => params.get(name));
  if (filtered) await loadFilters(page, instance('this'), params);
  const initial = page.input.value || params.size > 0 ? search() : Promise.resolve();
  if (!filtered) await loadFilters(page, instance('this'), params);
  await initial;
}
