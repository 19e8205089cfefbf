/**
 * Sorting and grouping by name in a locale's order, all through `Intl.Collator`: alphabetical for
 * English, pinyin for Chinese (`zh-u-co-pinyin`), so an index reads the way its readers expect.
 */

const collators = new Map<string, Intl.Collator>();

/** The (cached) collator of a BCP 47 collation tag such as `en` or `zh-u-co-pinyin`. */
export function collatorFor(collation: string): Intl.Collator {
  let collator = collators.get(collation);
  if (!collator) {
    collator = new Intl.Collator(collation, { sensitivity: 'base', numeric: true });
    collators.set(collation, collator);
  }
  return collator;
}

/** `items` sorted by `key` in the collation's order (a new array; ties keep their input order). */
export function sortByCollation<T>(items: readonly T[], key: (item: T) => string, collation: string): T[] {
  const collator = collatorFor(collation);
  return items
    .map((item) => ({ item, sortKey: key(item) }))
    .sort((a, b) => collator.compare(a.sortKey, b.sortKey))
    .map(({ item }) => item);
}

/**
 * The first Han character of each pinyin initial in ICU's pinyin collation. A Han character's
 * initial is the last boundary that sorts at or before it, so the grouping agrees with the
 * collator's own order (no pinyin table of our own to drift from it).
 */
const PINYIN_BOUNDARIES: readonly (readonly [string, string])[] = [
  ['A', '阿'],
  ['B', '八'],
  ['C', '嚓'],
  ['D', '哒'],
  ['E', '妸'],
  ['F', '发'],
  ['G', '旮'],
  ['H', '哈'],
  ['J', '丌'],
  ['K', '咔'],
  ['L', '垃'],
  ['M', '妈'],
  ['N', '拏'],
  ['O', '噢'],
  ['P', '妑'],
  ['Q', '七'],
  ['R', '呥'],
  ['S', '仨'],
  ['T', '他'],
  ['W', '屲'],
  ['X', '夕'],
  ['Y', '丫'],
  ['Z', '帀'],
];

const HAN = /^\p{Script=Han}/u;
const LETTER = /^\p{L}/u;

/** The group heading a name files under: `A`–`Z` (pinyin initial for Han), else `#`. */
export function initialOf(name: string, collation: string): string {
  const first = name.trim();
  if (HAN.test(first)) {
    if (!/-co-pinyin\b/.test(collation)) return first.slice(0, 1);
    const collator = collatorFor(collation);
    let initial = '#';
    for (const [letter, boundary] of PINYIN_BOUNDARIES) {
      if (collator.compare(boundary, first) <= 0) initial = letter;
      else break;
    }
    return initial;
  }
  if (!LETTER.test(first)) return '#';
  // Strip accents so É files under E, as readers look for it.
  const base = first.normalize('NFD').replace(/\p{M}/gu, '').slice(0, 1);
  return base.toLocaleUpperCase('en');
}

/** One heading of a grouped index and what files under it. */
export interface InitialGroup<T> {
  /** `A`–`Z`, a character, or `#` for names starting with neither. */
  readonly initial: string;
  /** The items, in collation order. */
  readonly items: readonly T[];
}

/**
 * Groups items under the initial of their sort key, groups in alphabetical order (`#` last), items
 * in collation order within each group. Chinese names and Latin names share the A–Z headings.
 */
export function groupByInitial<T>(items: readonly T[], key: (item: T) => string, collation: string): InitialGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of sortByCollation(items, key, collation)) {
    const initial = initialOf(key(item), collation);
    const list = groups.get(initial);
    if (list) list.push(item);
    else groups.set(initial, [item]);
  }
  const latin = collatorFor('en');
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : latin.compare(a, b)))
    .map(([initial, list]) => ({ initial, items: list }));
}
