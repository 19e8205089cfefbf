/**
 * Maps a migrated site's language codes onto ours (`npm run migrate`, issue 15). Source generators
 * spell Chinese `zh`, `zh-cn`, `zh-CN`, `zh-Hans` or `zh-sg` and English `en`, `en-us` or `en-GB`,
 * while our content knows one code per language (`siteConfig.locales`). Anything else must be mapped
 * by the editor (`--locale pt-br=pt`): guessing would put Traditional Chinese (`zh-TW`, `zh-Hant`)
 * under `zh`. Pages in a language the site does not publish are left out and counted for the report,
 * never dropped silently. Also here: which locales a Docusaurus config declares, read as text
 * because the config is a program that migrating must not run.
 */

/** Source code → our code, keyed by the normalized source code (see `normalizeLocale`). */
export type LocaleMapping = ReadonlyMap<string, string>;

/** Simplified Chinese and English as the generators spell them; normalized (lower case, `-`). */
const BUILT_IN: LocaleMapping = new Map([
  ['zh', 'zh'],
  ['zh-cn', 'zh'],
  ['zh-hans', 'zh'],
  ['zh-hans-cn', 'zh'],
  ['zh-sg', 'zh'],
  ['en', 'en'],
  ['en-us', 'en'],
  ['en-gb', 'en'],
]);

/** A language code compared the BCP 47 way: case does not matter, and `_` (`zh_CN`) is read as `-`. */
export function normalizeLocale(code: string): string {
  return code.trim().toLowerCase().replace(/_/g, '-');
}

/** Reads `--locale` options (`pt-br=pt`) into a mapping, or says which one is malformed. */
export function parseLocaleMapping(
  specs: readonly string[],
): { readonly ok: true; readonly mapping: LocaleMapping } | { readonly ok: false; readonly message: string } {
  const mapping = new Map<string, string>();
  for (const spec of specs) {
    const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*([A-Za-z0-9-]+)\s*$/.exec(spec);
    if (!m?.[1] || !m[2])
      return { ok: false, message: `--locale "${spec}": write it as <source>=<ours>, e.g. pt-br=pt` };
    const from = normalizeLocale(m[1]);
    const earlier = mapping.get(from);
    if (earlier !== undefined && earlier !== m[2]) {
      return { ok: false, message: `--locale maps "${m[1]}" twice (to "${earlier}" and "${m[2]}")` };
    }
    mapping.set(from, m[2]);
  }
  return { ok: true, mapping };
}

/** Our code for a source code: the editor's mapping first, then the built-in one; undefined if neither knows it. */
export function mapLocale(source: string, mapping: LocaleMapping = new Map()): string | undefined {
  const key = normalizeLocale(source);
  return mapping.get(key) ?? BUILT_IN.get(key);
}

/** A configured locale: a code, or `siteConfig.locales`' entries (`{ code: 'en', … }`). */
export type ConfiguredLocale = string | { readonly code: string };

/** A page kept for migration, with our locale code. */
export interface LocalizedPage<P> {
  readonly page: P;
  /** Our locale code (one of the configured ones). */
  readonly locale: string;
}

/** Pages of one source locale that were left out, for the report. */
export interface LocaleDrop {
  /** The source code as the site writes it. */
  readonly sourceLocale: string;
  /** Our code it maps to, when it maps to one the site does not publish; absent when it maps to none. */
  readonly mappedTo?: string;
  /** How many pages were left out. */
  readonly pages: number;
}

/** What `selectLocales` returns: the pages kept, in input order, and the ones left out, per source locale. */
export interface LocaleSelection<P> {
  readonly kept: readonly LocalizedPage<P>[];
  readonly dropped: readonly LocaleDrop[];
}

/**
 * Keeps the pages whose locale maps to one of `configured` (pass `siteConfig.locales`), and counts
 * the rest per source locale (sorted by code). A source code that is itself a configured code (`fr`
 * when we publish `fr`) maps to itself, so only real differences need a `--locale`.
 */
export function selectLocales<P extends { readonly sourceLocale: string }>(
  pages: readonly P[],
  configured: readonly ConfiguredLocale[],
  mapping: LocaleMapping = new Map(),
): LocaleSelection<P> {
  const ours = new Map(configured.map((c) => (typeof c === 'string' ? c : c.code)).map((c) => [normalizeLocale(c), c]));
  const kept: LocalizedPage<P>[] = [];
  const dropped = new Map<string, { mappedTo?: string; pages: number }>();
  for (const page of pages) {
    const mapped = mapLocale(page.sourceLocale, mapping) ?? ours.get(normalizeLocale(page.sourceLocale));
    const locale = mapped === undefined ? undefined : ours.get(normalizeLocale(mapped));
    if (locale !== undefined) {
      kept.push({ page, locale });
      continue;
    }
    const entry = dropped.get(page.sourceLocale) ?? { ...(mapped !== undefined ? { mappedTo: mapped } : {}), pages: 0 };
    entry.pages++;
    dropped.set(page.sourceLocale, entry);
  }
  const codes = [...dropped.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    kept,
    dropped: codes.map((sourceLocale) => ({
      sourceLocale,
      ...dropped.get(sourceLocale),
      pages: dropped.get(sourceLocale)?.pages ?? 0,
    })),
  };
}

/** The site's locales as its config declares them, or why they could not be read. */
export type LocalesResult =
  | { readonly ok: true; readonly defaultLocale: string; readonly locales: readonly string[] }
  | { readonly ok: false; readonly message: string };

const QUOTED = /(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g;

/**
 * The `i18n` block of a Docusaurus config, read as text: the first `i18n: {` (or `i18n = {`), then
 * its `defaultLocale: '…'` and `locales: ['…', …]` given as literal strings. Comments are removed
 * first. A config that computes them (a variable, a spread) gives `ok: false`, never a guess; a config
 * without `i18n` has Docusaurus's default, English alone.
 */
export function readDocusaurusLocales(configText: string): LocalesResult {
  const text = configText.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
  const start = /\bi18n\s*[:=]\s*\{/.exec(text);
  if (!start) return { ok: true, defaultLocale: 'en', locales: ['en'] };
  const block = balanced(text, start.index + start[0].length - 1);
  const def = /\bdefaultLocale\s*:\s*(['"`])([^'"`\n]+)\1/.exec(block);
  const list = /\blocales\s*:\s*\[([^\]]*)\]/.exec(block);
  if (!def?.[2] || !list?.[1]) {
    return {
      ok: false,
      message: 'i18n.defaultLocale and i18n.locales must be written as literal strings in the config',
    };
  }
  const items = list[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const locales = [...list[1].matchAll(QUOTED)].map((m) => m[2] ?? '');
  if (locales.length !== items.length) return { ok: false, message: 'i18n.locales must be a list of literal strings' };
  const defaultLocale = def[2];
  return { ok: true, defaultLocale, locales: [defaultLocale, ...locales.filter((l) => l !== defaultLocale)] };
}

/** The text from the `{` at `open` to its matching `}` (braces inside strings are rare enough in an i18n block). */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}
