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

/** One author or term as a page writes it: a name, the Docusaurus authors.yml key and the author's role when given. */
export interface Named {
  readonly name: string;
  readonly key?: string;
  /** An author's title or role as the page (or its authors.yml entry) writes it, in the page's language. */
  readonly role?: string;
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
  readonly #roles = new Map<string, Map<string, string>>();

  readonly #locales: readonly string[];
  readonly #makeId: (name: string) => string;

  /** `locales`: ours, default first; `makeId`: the id for a name ('' when it has no letters or digits). */
  constructor(locales: readonly string[], makeId: (name: string) => string) {
    this.#locales = locales;
    this.#makeId = makeId;
  }

  /**
   * The id for an entity known by `names` (our locale → name) and optionally an explicit key; names
   * are added, and `roles` (our locale → role) for a speaker, the first one given per locale kept.
   */
  add(names: ReadonlyMap<string, string>, key?: string, roles: ReadonlyMap<string, string> = new Map()): string {
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
    const knownRoles = this.#roles.get(id) ?? new Map<string, string>();
    for (const [locale, role] of roles) if (!knownRoles.has(locale)) knownRoles.set(locale, role);
    this.#roles.set(id, knownRoles);
    return id;
  }

  /**
   * One registry file per id (`<folder>/<id>.yaml`, `field` per locale, every locale filled; `role`
   * per locale when one is known), sorted by path.
   */
  files(folder: string, field: string): PlannedFile[] {
    return [...this.#names.keys()].sort(compare).map((id) => {
      const known = this.#names.get(id) ?? new Map<string, string>();
      // Missing languages take the default locale's name, else any: the checker needs the default one.
      const fallback = this.#locales.map((l) => known.get(l)).find((n) => n !== undefined) ?? [...known.values()][0];
      const perLocale = Object.fromEntries(this.#locales.map((l) => [l, known.get(l) ?? fallback ?? id]));
      const data: Record<string, unknown> = { [field]: perLocale };
      const roles = this.#roles.get(id) ?? new Map<string, string>();
      if (roles.size > 0) {
        // The default locale's role is required once there is a role; other languages fall back to it.
        const [first = ''] = this.#locales;
        const firstRole = roles.get(first) ?? this.#locales.map((l) => roles.get(l)).find((r) => r !== undefined);
        const perRole = this.#locales.map((l) => [l, l === first ? firstRole : roles.get(l)] as const);
        data['role'] = Object.fromEntries(perRole.filter(([, r]) => r !== undefined));
      }
      return { path: `${folder}/${id}.yaml`, text: registryText(data) };
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
  const byKey = (key: string, what: 'name' | 'title' = 'name'): string | undefined => {
    for (const locale of [page.sourceLocale, site.defaultLocale]) {
      const entry = (yml.get(locale) as ReadonlyMap<string, { name?: string; title?: string }> | undefined)?.get(key);
      const value = entry?.[what]?.trim();
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  for (const name of ['authors', 'author']) {
    const value = field(page.frontMatter, name);
    for (const item of Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value]) {
      if (typeof item === 'string' && item.trim() !== '') {
        const key = page.generator === 'docusaurus' && name === 'authors' ? item.trim() : undefined;
        const resolved = key === undefined ? undefined : byKey(key);
        const role = key === undefined ? undefined : byKey(key, 'title');
        found.push(
          resolved !== undefined && key !== undefined
            ? { name: resolved, key, ...(role !== undefined ? { role } : {}) }
            : { name: item.trim() },
        );
      } else if (typeof item === 'object' && item !== null) {
        const entry = item as { name?: unknown; key?: unknown; title?: unknown; role?: unknown };
        const key = typeof entry.key === 'string' ? entry.key : undefined;
        const written = typeof entry.name === 'string' ? entry.name.trim() : undefined;
        const name = written || (key !== undefined ? byKey(key) : undefined);
        // Docusaurus inline authors and Hugo author objects write `title`; some Hugo themes `role`.
        const role =
          texts(entry.title)[0] ?? texts(entry.role)[0] ?? (key !== undefined ? byKey(key, 'title') : undefined);
        if (name !== undefined) {
          found.push({ name, ...(key !== undefined ? { key } : {}), ...(role !== undefined ? { role } : {}) });
        }
      }
    }
  }
  return found;
}

/**
 * The names (or, with `what` = `title`, the titles: our speakers' roles) per our locale of a
 * Docusaurus authors.yml key, from every locale's authors.yml.
 */
export function authorNames(
  site: SourceSite,
  key: string,
  ourLocale: (source: string) => string | undefined,
  what: 'name' | 'title' = 'name',
): Map<string, string> {
  const names = new Map<string, string>();
  if (!('authors' in site) || !(site.authors instanceof Map)) return names;
  for (const source of [...(site.authors.keys() as Iterable<string>)].sort(compare)) {
    const entry = (site.authors.get(source) as ReadonlyMap<string, { name?: string; title?: string }>).get(key);
    const value = entry?.[what]?.trim();
    const locale = ourLocale(source);
    if (value !== undefined && value !== '' && locale !== undefined && !names.has(locale)) names.set(locale, value);
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
