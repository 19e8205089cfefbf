/**
 * Speakers and tags of a migrated site (`npm run migrate`, issue 15): the old pages' authors and
 * tags/categories become our registries (`speakers/<id>.yaml` with `name` per locale, `tags/<id>.yaml`
 * with `label` per locale) and the ids the primary story file lists. One person or term written with
 * other case or spacing gets one id; a translation's own spelling (the same position in its list)
 * becomes the name or label in its language, so a pair gives both names.
 */
import { idFrom, personId } from '#pipeline/check/slug.ts';
import type { PlannedFile } from './plan.ts';
import { registryText } from './map-front-matter.ts';
import type { SourcePage, SourceSite } from './source-page.ts';

/** One author or term as a page writes it: a name, and the Docusaurus authors.yml key when it has one. */
export interface Named {
  readonly name: string;
  readonly key?: string;
}

/** Case, width and spacing do not make another name: `Jane  DOE`, `jane doe` and `王 小明`/`王小明` are one. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·•・]+/gu, '');
}

/** A registry (speakers or tags) being filled: ids by name, and the names per locale of each id. */
export class NameRegistry {
  readonly #ids = new Map<string, string>();
  readonly #names = new Map<string, Map<string, string>>();

  readonly #locales: readonly string[];
  readonly #makeId: (name: string) => string;

  /** `locales`: ours, default first; `makeId`: the id for a name ('' when it has no letters or digits). */
  constructor(locales: readonly string[], makeId: (name: string) => string) {
    this.#locales = locales;
    this.#makeId = makeId;
  }

  /** The id for an entity known by `names` (our locale → name) and optionally an explicit key; names are added. */
  add(names: ReadonlyMap<string, string>, key?: string): string {
    const lookups = [...(key !== undefined ? [`key:${key}`] : []), ...[...names.values()].map(nameKey)];
    let id = lookups.map((k) => this.#ids.get(k)).find((v) => v !== undefined);
    if (id === undefined) {
      const preferred = this.#locales.map((l) => names.get(l)).find((n) => n !== undefined) ?? [...names.values()][0];
      id = this.#makeId(preferred ?? '') || idFrom(key ?? '') || 'unnamed';
    }
    for (const k of lookups) if (!this.#ids.has(k)) this.#ids.set(k, id);
    const known = this.#names.get(id) ?? new Map<string, string>();
    for (const [locale, name] of names) if (!known.has(locale)) known.set(locale, name);
    this.#names.set(id, known);
    return id;
  }

  /** One registry file per id (`<folder>/<id>.yaml`, `field` per locale, every locale filled), sorted by path. */
  files(folder: string, field: string): PlannedFile[] {
    return [...this.#names.keys()].sort(compare).map((id) => {
      const known = this.#names.get(id) ?? new Map<string, string>();
      // Missing languages take the default locale's name, else any: the checker needs the default one.
      const fallback = this.#locales.map((l) => known.get(l)).find((n) => n !== undefined) ?? [...known.values()][0];
      const perLocale = Object.fromEntries(this.#locales.map((l) => [l, known.get(l) ?? fallback ?? id]));
      return { path: `${folder}/${id}.yaml`, text: registryText({ [field]: perLocale }) };
    });
  }

  /** How many ids the registry holds. */
  get size(): number {
    return this.#names.size;
  }
}

/** A speakers registry: ids the archive's way (`薛澜` → `xue-lan`). */
export function speakerRegistry(locales: readonly string[]): NameRegistry {
  return new NameRegistry(locales, personId);
}

/** A tags registry: ids keeping every word (`知识产权` → `zhishi-chanquan`). */
export function tagRegistry(locales: readonly string[]): NameRegistry {
  return new NameRegistry(locales, idFrom);
}

/** Texts of a front matter value that may be one text or a list (other entries ignored). */
function texts(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return list
    .map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : ''))
    .filter((v) => v !== '');
}

/** A front matter field by name, case-insensitively (Hugo keys are). */
function field(frontMatter: Readonly<Record<string, unknown>>, name: string): unknown {
  return frontMatter[Object.keys(frontMatter).find((k) => k.toLowerCase() === name) ?? ''];
}

/** The authors of a page, in order: Docusaurus `authors` (keys resolved in authors.yml) / `author`, Hugo `author(s)`. */
export function pageAuthors(page: SourcePage, site: SourceSite): Named[] {
  const found: Named[] = [];
  const yml = 'authors' in site && site.authors instanceof Map ? site.authors : new Map<string, unknown>();
  const byKey = (key: string): string | undefined => {
    for (const locale of [page.sourceLocale, site.defaultLocale]) {
      const entry = (yml.get(locale) as ReadonlyMap<string, { name?: string }> | undefined)?.get(key);
      if (entry?.name !== undefined) return entry.name;
    }
    return undefined;
  };
  for (const name of ['authors', 'author']) {
    const value = field(page.frontMatter, name);
    for (const item of Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value]) {
      if (typeof item === 'string' && item.trim() !== '') {
        const key = page.generator === 'docusaurus' && name === 'authors' ? item.trim() : undefined;
        const resolved = key === undefined ? undefined : byKey(key);
        found.push(resolved !== undefined && key !== undefined ? { name: resolved, key } : { name: item.trim() });
      } else if (typeof item === 'object' && item !== null) {
        const entry = item as { name?: unknown; key?: unknown };
        const key = typeof entry.key === 'string' ? entry.key : undefined;
        const written = typeof entry.name === 'string' ? entry.name.trim() : undefined;
        const name = written || (key !== undefined ? byKey(key) : undefined);
        if (name !== undefined) found.push(key !== undefined ? { name, key } : { name });
      }
    }
  }
  return found;
}

/** The names per our locale of a Docusaurus authors.yml key, from every locale's authors.yml. */
export function authorNames(
  site: SourceSite,
  key: string,
  ourLocale: (source: string) => string | undefined,
): Map<string, string> {
  const names = new Map<string, string>();
  if (!('authors' in site) || !(site.authors instanceof Map)) return names;
  for (const source of [...(site.authors.keys() as Iterable<string>)].sort(compare)) {
    const entry = (site.authors.get(source) as ReadonlyMap<string, { name?: string }>).get(key);
    const locale = ourLocale(source);
    if (entry?.name !== undefined && locale !== undefined && !names.has(locale)) names.set(locale, entry.name);
  }
  return names;
}

/** The tags then categories of a page (Docusaurus tag objects by their `label`), without repeats. */
export function pageTerms(page: SourcePage): Named[] {
  const terms: string[] = [];
  for (const name of ['tags', 'categories']) {
    const value = field(page.frontMatter, name);
    const items = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
    for (const item of items) {
      const label = typeof item === 'object' && item !== null ? (item as { label?: unknown }).label : item;
      terms.push(...texts(label));
    }
  }
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(nameKey(t)) && seen.add(nameKey(t))).map((name) => ({ name }));
}

/** Code-unit order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
