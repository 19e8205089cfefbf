/**
 * Related stories: for every story, the few others that share the most with it, computed once per
 * build from the facts a story's languages share (event, speakers, organisations, tags).
 *
 * Score of a candidate (the weights are `RELATED_WEIGHTS`, one place):
 * - same event: 4;
 * - related event (one is part of the other, or both are part of the same larger event, at any
 *   level of `partOf`): 2, once per pair;
 * - each shared speaker: 3; each shared organisation: 2; each shared tag: 1.
 * A candidate needs a score above 0. Ties: closer in date first, then the newer, then the key, so
 * the order never depends on the input's order. A story is never related to itself.
 *
 * Per locale, "same language first": candidates with a version in the page's locale come before
 * candidates that exist only in other languages (those follow, shown with a language badge, unless
 * the site hides untranslated stories).
 *
 * Cost: inverted indexes from each fact to its stories, so a story only meets the stories it shares
 * a fact with, never every story. A fact shared by more than `windowSize` stories (a tag on half the
 * archive) is walked only over the `windowSize` stories nearest in date to the story; candidates
 * found through other facts still get its weight. Measured: 10,000 synthetic stories (one tag on a
 * third of them) in 0.5–1.4 s of CPU on a shared 2-core machine (tests/unit/related.test.ts). Pure
 * TS: no registries beyond `partOf`, no config but the options.
 */
import type { PublishedAt } from './dates.ts';
import type { SharedFacts } from './stories.ts';

/** The weight of each kind of shared fact. */
export const RELATED_WEIGHTS = {
  /** Both stories cover the same event. */
  event: 4,
  /** One story's event is part of the other's, or both are parts of the same larger event. */
  relatedEvent: 2,
  /** Per shared speaker. */
  speaker: 3,
  /** Per shared organisation. */
  organisation: 2,
  /** Per shared tag. */
  tag: 1,
} as const;

/** What `relatedStories` needs of a story. */
export interface RelatedInput {
  /** `YYYY/slug`, unique. */
  readonly key: string;
  /** Publication date (the tie-break). */
  readonly date: PublishedAt;
  /** Published versions by locale; any one carries the shared facts (inherited from the primary). */
  readonly versions: ReadonlyMap<string, { readonly data: SharedFacts }>;
}

/** How related stories are chosen. */
export interface RelatedOptions {
  /** Every configured locale code, default first. */
  readonly locales: readonly string[];
  /** Related stories per story and locale at most (default 4). */
  readonly limit?: number;
  /** The event an event is part of (`partOf` in the events registry), if any. */
  readonly partOf?: (eventId: string) => string | undefined;
  /** `hide` leaves out stories without a version in the page's locale (the site's `untranslatedStories`). */
  readonly untranslated?: 'show-with-badge' | 'hide';
  /** Stories of a very common fact walked per story, nearest in date first (default 50). */
  readonly windowSize?: number;
}

/** Related story keys, by locale, then by story key (only stories with a version in that locale). */
export type RelatedStories = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/** A story's facts as weighted index keys (`e:` event, `s:` speaker, `o:` organisation, `t:` tag), each once. */
function weightedFacts(facts: SharedFacts): [string, number][] {
  const keys = new Map<string, number>([
    ...(facts.event ? [[`e:${facts.event.id}`, RELATED_WEIGHTS.event] as const] : []),
    ...(facts.speakers ?? []).map((s) => [`s:${s.id.id}`, RELATED_WEIGHTS.speaker] as const),
    ...(facts.organisations ?? []).map((o) => [`o:${o.id}`, RELATED_WEIGHTS.organisation] as const),
    ...(facts.tags ?? []).map((t) => [`t:${t.id}`, RELATED_WEIGHTS.tag] as const),
  ]);
  return [...keys];
}

/** An event and every larger event above it (cycles stop the climb). */
function eventFamily(id: string, partOf: RelatedOptions['partOf']): string[] {
  const family = [id];
  for (let up = partOf?.(id); up !== undefined && !family.includes(up); up = partOf?.(up)) family.push(up);
  return family;
}

/** The stories of each index key, as indexes into the stories array (ascending). */
type Postings = Map<string, number[]>;

/** Appends `index` to the posting list of `key`. */
function post(postings: Postings, key: string, index: number): void {
  const list = postings.get(key);
  if (list) list.push(index);
  else postings.set(key, [index]);
}

/** The first position in a sorted list holding a value ≥ `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The run of a posting list a story walks, as `[from, to)` positions: all of it, or the `size`
 * stories around the story's own position. Stories are indexed in date order, so those are the
 * stories nearest in date.
 */
function walkedRange(list: readonly number[], me: number, size: number): [number, number] {
  if (list.length <= size) return [0, list.length];
  const from = Math.min(Math.max(0, lowerBound(list, me) - (size >> 1)), list.length - size);
  return [from, from + size];
}

/**
 * The related stories of every story in every locale, best first (see the module comment for the
 * weights and the order). Stories may come in any order; each list holds at most `limit` keys.
 */
export function relatedStories(stories: readonly RelatedInput[], options: RelatedOptions): RelatedStories {
  const limit = Math.max(0, options.limit ?? 4);
  const windowSize = Math.max(1, options.windowSize ?? 50);
  // Work in date order (newest first, then key) so that "nearest in date" is "nearest in the list".
  const sorted = [...stories].sort(
    (a, b) => (a.date.instant < b.date.instant ? 1 : a.date.instant > b.date.instant ? -1 : 0) || compareKeys(a, b),
  );
  const n = sorted.length;
  const dates = new Float64Array(n);
  const eventOf: (string | undefined)[] = [];
  const facts: [string, number][][] = [];
  const families: string[][] = [];
  const postings: Postings = new Map();
  const familyPostings: Postings = new Map();
  // The facts too common to walk whole ("hubs"), numbered, and each story's hubs: memory in
  // proportion to the facts written, whatever the size of the archive.
  const hubIds = new Map<string, number>();
  const hubsOf: number[][] = [];
  sorted.forEach((story, i) => {
    dates[i] = Date.parse(story.date.instant);
    const data = story.versions.values().next().value?.data ?? {};
    const event = data.event?.id;
    eventOf.push(event);
    const own = weightedFacts(data);
    facts.push(own);
    for (const [key] of own) post(postings, key, i);
    const family = event === undefined ? [] : eventFamily(event, options.partOf);
    families.push(family);
    for (const id of family) post(familyPostings, id, i);
  });
  for (const [key, list] of postings) if (list.length > windowSize) hubIds.set(key, hubIds.size);
  for (const own of facts) hubsOf.push(own.flatMap(([key]) => hubIds.get(key) ?? []));
  const hubStamp = new Int32Array(hubIds.size).fill(-1);
  const hubFirst = new Int32Array(hubIds.size);
  const hubLast = new Int32Array(hubIds.size);
  const hubWeight = new Float64Array(hubIds.size);

  const score = new Float64Array(n);
  const familyMark = new Int32Array(n).fill(-1);
  const touched: number[] = [];
  const localeBits = new Uint32Array(n);
  sorted.forEach((story, i) => {
    options.locales.forEach((locale, li) => {
      if (story.versions.has(locale)) localeBits[i] = (localeBits[i] ?? 0) | (1 << li);
    });
  });
  const ranking: Ranking = { score, dates, localeBits };
  const result = new Map(options.locales.map((locale) => [locale, new Map<string, string[]>()]));
  for (let me = 0; me < n; me++) {
    const touch = (other: number, weight: number): void => {
      if (other === me) return;
      if (score[other] === 0) touched.push(other);
      score[other] = (score[other] ?? 0) + weight;
    };
    const mine = facts[me] ?? [];
    for (const [key, weight] of mine) {
      const list = postings.get(key) ?? [];
      const [from, to] = walkedRange(list, me, windowSize);
      for (let at = from; at < to; at++) {
        const other = list[at] ?? me;
        if (other === me) continue;
        if (score[other] === 0) touched.push(other);
        score[other] = (score[other] ?? 0) + weight;
      }
    }
    // A related event counts once per pair, and never on top of the same event.
    for (const id of families[me] ?? []) {
      const list = familyPostings.get(id) ?? [];
      const [from, to] = walkedRange(list, me, windowSize);
      for (let at = from; at < to; at++) {
        const other = list[at] ?? me;
        if (familyMark[other] === me || other === me) continue;
        familyMark[other] = me;
        if (eventOf[other] !== eventOf[me]) touch(other, RELATED_WEIGHTS.relatedEvent);
      }
    }
    // Candidates found outside a common fact's window still get that fact's weight: one pass over
    // the candidates for all of the story's common facts. Each window is a run of the sorted posting
    // list, so a member is inside it exactly when it lies between the window's first and last story.
    let hasHubs = false;
    for (const [key, weight] of mine) {
      const hub = hubIds.get(key);
      if (hub === undefined) continue;
      const list = postings.get(key) ?? [];
      const [from, to] = walkedRange(list, me, windowSize);
      hubStamp[hub] = me;
      hubFirst[hub] = list[from] ?? 0;
      hubLast[hub] = list[to - 1] ?? -1;
      hubWeight[hub] = weight;
      hasHubs = true;
    }
    if (hasHubs) {
      for (const other of touched) {
        let bonus = 0;
        for (const hub of hubsOf[other] ?? []) {
          if (hubStamp[hub] !== me || (other >= (hubFirst[hub] ?? 0) && other <= (hubLast[hub] ?? -1))) continue;
          bonus += hubWeight[hub] ?? 0;
        }
        if (bonus > 0) score[other] = (score[other] ?? 0) + bonus;
      }
    }
    for (const [locale, picks] of topCandidates(touched, me, ranking, options, limit)) {
      result.get(locale)?.set(
        sorted[me]?.key ?? '',
        picks.map((i) => sorted[i]?.key ?? ''),
      );
    }
    for (const other of touched) score[other] = 0;
    touched.length = 0;
  }
  return result;
}

/** Orders two stories by key, for a stable last tie-break. */
function compareKeys(a: { readonly key: string }, b: { readonly key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** What ranking a story's candidates needs: scores, dates in ms, and each story's locales as bits. */
interface Ranking {
  readonly score: Float64Array;
  readonly dates: Float64Array;
  readonly localeBits: Uint32Array;
}

/** Whether candidate `a` ranks above `b` for story `me`: higher score, closer in date, newer (lower index). */
function ranksAbove(a: number, b: number, me: number, { score, dates }: Ranking): boolean {
  const sa = score[a] ?? 0;
  const sb = score[b] ?? 0;
  if (sa !== sb) return sa > sb;
  const when = dates[me] ?? 0;
  const da = Math.abs((dates[a] ?? 0) - when);
  const db = Math.abs((dates[b] ?? 0) - when);
  if (da !== db) return da < db;
  return a < b; // Stories are indexed newest first, then by key.
}

/** The best `limit` candidates of story `me` for each locale it has a version in, by locale. */
function topCandidates(
  candidates: readonly number[],
  me: number,
  ranking: Ranking,
  options: RelatedOptions,
  limit: number,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const mine = ranking.localeBits[me] ?? 0;
  options.locales.forEach((locale, li) => {
    const bit = 1 << li;
    if ((mine & bit) === 0) return;
    const own: number[] = [];
    const others: number[] = [];
    const hide = options.untranslated === 'hide';
    for (const c of candidates) {
      const translated = ((ranking.localeBits[c] ?? 0) & bit) !== 0;
      if (!translated && hide) continue;
      insertTop(translated ? own : others, c, limit, me, ranking);
    }
    out.set(locale, [...own, ...others].slice(0, limit));
  });
  return out;
}

/** Inserts `item` into `top` (best first, at most `limit` long) when it ranks. */
function insertTop(top: number[], item: number, limit: number, me: number, ranking: Ranking): void {
  if (limit === 0) return;
  // Most candidates rank below a full list's last: one comparison.
  if (top.length === limit && !ranksAbove(item, top[limit - 1] ?? 0, me, ranking)) return;
  let at = top.length;
  while (at > 0 && ranksAbove(item, top[at - 1] ?? 0, me, ranking)) at -= 1;
  top.splice(at, 0, item);
  if (top.length > limit) top.pop();
}
