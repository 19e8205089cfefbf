/**
 * Pairs the translations of a migrated site into stories (`npm run migrate`, issue 15): our content
 * keeps a story's languages side by side (`articles/<year>/<slug>/<lang>.md`), while generators link
 * them in their own ways. Four rules, strongest first, as the generators themselves pair pages: an
 * explicit `translationKey` (Hugo), the same path inside the section (Hugo's default, Docusaurus's
 * `i18n/<locale>/…` mirror), the same front matter `slug`, and last the file name without its date
 * prefix (`2024-04-30-launch` and `2024-05-02-launch`). Pages join only when nothing is ambiguous:
 * two pages of one language under one key, or two different explicit translation keys, never pair,
 * and such a page is reported with the reason instead of being put in a story by chance.
 */
import type { SourcePage } from './source-page.ts';
import type { LocalizedPage } from './locales.ts';

/** One story: its versions by our locale code. */
export interface Story {
  /** A stable name for the story: the `pathKey` of its version in the first locale (made unique). */
  readonly key: string;
  /** The versions, in the order of the locales given to `pairTranslations`. */
  readonly versions: ReadonlyMap<string, SourcePage>;
}

/** A page that found no translation, and why. */
export interface UnpairedPage {
  readonly page: SourcePage;
  /** Our locale code. */
  readonly locale: string;
  /** Why no story took it, in plain words. */
  readonly reason: string;
}

/** What `pairTranslations` returns; every input page is in exactly one story or in `unpaired`. */
export interface Pairing {
  /** Stories with two versions or more, sorted by key. */
  readonly stories: readonly Story[];
  /** Pages alone in their story, sorted by locale order then `rel`. */
  readonly unpaired: readonly UnpairedPage[];
}

/** A pairing rule: its name for reports, and the value a page is paired by (undefined: the rule does not apply). */
interface Rule {
  readonly name: string;
  readonly value: (page: SourcePage) => string | undefined;
}

/** The file name of a `pathKey` without a leading date (`2024-04-30-name` → `name`), if anything is left. */
export function fileNameKey(pathKey: string): string | undefined {
  const base = pathKey.split('/').pop() ?? '';
  const name = base.replace(/^\d{4}-\d{1,2}-\d{1,2}(?:[-_]|$)/, '');
  return name === '' ? undefined : name;
}

const RULES: readonly Rule[] = [
  { name: 'translationKey', value: (p) => p.translationKey },
  { name: 'path', value: (p) => p.pathKey || undefined },
  { name: 'slug', value: (p) => p.slug?.replace(/^\/+|\/+$/g, '') || undefined },
  { name: 'file name', value: (p) => fileNameKey(p.pathKey) },
];

/** A story being built: its pages by locale, and the last ambiguity that kept it from growing. */
interface Group {
  readonly pages: Map<string, SourcePage>;
  blocked?: string;
}

/**
 * Pairs pages (from `selectLocales`) into stories. `localeOrder` (our configured codes, default first)
 * orders each story's versions and names its key; locales not in it come after, by code. Rules run in
 * order over every value sorted, so the result does not depend on the order of `pages`.
 */
export function pairTranslations(
  pages: readonly LocalizedPage<SourcePage>[],
  localeOrder: readonly string[] = [],
): Pairing {
  const rank = (locale: string): number => {
    const i = localeOrder.indexOf(locale);
    return i === -1 ? localeOrder.length : i;
  };
  const byLocale = (a: string, b: string): number => rank(a) - rank(b) || compare(a, b);
  const sorted = [...pages].sort((a, b) => byLocale(a.locale, b.locale) || compare(a.page.rel, b.page.rel));
  const groups: Group[] = [];
  const unpaired: UnpairedPage[] = [];
  const seen = new Set<SourcePage>();
  for (const { page, locale } of sorted) {
    if (seen.has(page)) continue; // the same page given twice would otherwise land in two stories
    seen.add(page);
    groups.push({ pages: new Map([[locale, page]]) });
  }
  for (const rule of RULES) applyRule(rule, groups);
  const stories: { key: string; versions: Map<string, SourcePage> }[] = [];
  for (const group of groups) {
    if (group.pages.size === 0) continue; // merged into another
    const locales = [...group.pages.keys()].sort(byLocale);
    if (group.pages.size === 1) {
      const [locale] = locales as [string];
      const page = group.pages.get(locale) as SourcePage;
      const reason = group.blocked ?? 'no version in another language has its translationKey, path, slug or file name';
      unpaired.push({ page, locale, reason });
      continue;
    }
    const versions = new Map(locales.map((l) => [l, group.pages.get(l) as SourcePage]));
    stories.push({ key: (versions.values().next().value as SourcePage).pathKey, versions });
  }
  stories.sort((a, b) => compare(a.key, b.key));
  const used = new Map<string, number>();
  for (const story of stories) {
    const n = (used.get(story.key) ?? 0) + 1;
    used.set(story.key, n);
    if (n > 1) story.key = `${story.key}~${n}`;
  }
  return { stories, unpaired };
}

/** Merges the groups that share a value of `rule`, when their languages do not overlap and no explicit keys clash. */
function applyRule(rule: Rule, groups: Group[]): void {
  const byValue = new Map<string, Group[]>();
  for (const group of groups) {
    const values = new Set([...group.pages.values()].map(rule.value).filter((v) => v !== undefined));
    for (const value of values) byValue.set(value, [...(byValue.get(value) ?? []), group]);
  }
  for (const value of [...byValue.keys()].sort(compare)) {
    // Groups merged earlier in this pass are empty; their pages now sit in the group that took them.
    const members = [...new Set((byValue.get(value) ?? []).map(live))];
    if (members.length < 2) continue;
    const conflict = clash(members);
    if (conflict !== undefined) {
      const reason = `${rule.name} "${value}" is shared by ${conflict}`;
      for (const g of members) if (g.pages.size === 1) g.blocked ??= reason;
      continue;
    }
    const [first, ...rest] = members as [Group, ...Group[]];
    for (const g of rest) {
      for (const [locale, page] of g.pages) first.pages.set(locale, page);
      g.pages.clear();
      forwarded.set(g, first);
    }
    delete first.blocked;
  }
}

/** Where an emptied group's pages went (per process; groups are never reused across calls). */
const forwarded = new WeakMap<Group, Group>();

/** The group now holding `group`'s pages. */
function live(group: Group): Group {
  let g = group;
  for (let next = forwarded.get(g); next !== undefined; next = forwarded.get(g)) g = next;
  return g;
}

/** Why the groups cannot merge (two pages of one language, two different translation keys), or undefined. */
function clash(members: readonly Group[]): string | undefined {
  const locales = new Map<string, number>();
  const keys = new Set<string>();
  for (const g of members) {
    for (const [locale, page] of g.pages) {
      locales.set(locale, (locales.get(locale) ?? 0) + 1);
      if (page.translationKey !== undefined) keys.add(page.translationKey);
    }
  }
  const twice = [...locales].find(([, n]) => n > 1);
  if (twice) return `more than one "${twice[0]}" page`;
  if (keys.size > 1) return `pages with different translationKeys (${[...keys].sort(compare).join(', ')})`;
  return undefined;
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
