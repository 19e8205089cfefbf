/**
 * A small seeded pseudo-random generator for the benchmark corpus. `Math.random` cannot be seeded, and
 * the benchmark must build the same archive on every machine and every run, so this uses mulberry32
 * (32-bit state, integer arithmetic only: identical results on every JavaScript engine).
 */

/** Mixes numbers into one 32-bit seed (murmur3's finaliser per step), so sub-streams do not overlap. */
export function deriveSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A seeded stream of pseudo-random numbers with the helpers the corpus generator needs. */
export class Random {
  #state: number;

  /** Starts a stream; the same seed always gives the same sequence. */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  /**
   * One item, favouring the start of the list: real archives mention a few people and topics often and
   * most rarely. `skew` 1 is uniform; 2 gives the first tenth of the list about a third of the picks.
   */
  skewed<T>(items: readonly T[], skew = 2): T {
    return at(items, Math.floor(this.next() ** skew * items.length));
  }

  /** `count` distinct items (fewer if the list is shorter), in the order drawn. */
  sample<T>(items: readonly T[], count: number, skew = 1): T[] {
    const wanted = Math.min(count, items.length);
    const chosen = new Set<T>();
    // Skewed draws repeat; after a bounded number of tries the rest is filled in list order.
    for (let tries = 0; chosen.size < wanted && tries < wanted * 20; tries++) chosen.add(this.skewed(items, skew));
    for (const item of items) {
      if (chosen.size >= wanted) break;
      chosen.add(item);
    }
    return [...chosen];
  }
}

/** `items[index]`, which the caller has kept in range (the strict index check needs it said). */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at ${index} of ${items.length}`);
  return item;
}
