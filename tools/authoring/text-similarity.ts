/**
 * How alike two short texts are, in English or Chinese: what `npm run import` uses to tell that a
 * story of a release is already in the archive (a similar title, the same opening paragraph) and that
 * a heading names a registry event in other words. Hand-written because the measure is a few lines
 * and must treat Chinese (no spaces between words) and Latin text alike; a fuzzy-matching library
 * would bring its own tokeniser, blind to Han.
 *
 * - Normalised first: Unicode NFKC (full-width `，` is `,`, full-width letters are ASCII), lower case,
 *   Markdown backslash escapes removed; then only letters and digits count (punctuation, spaces and
 *   quotes never make two texts differ).
 * - Text with Han characters is compared by its character bigrams (pairs of neighbouring letters),
 *   other text by its words: a set of tokens either way.
 * - `dice` is the Sørensen–Dice coefficient of the two sets, 2·|A∩B| / (|A|+|B|), from 0 to 1;
 *   `containment` is the share of the first text's tokens found in the second, |A∩B| / |A|, for a
 *   short text (a heading) that names a longer one (an event's full name).
 */

const HAN = /\p{Script=Han}/u;

/** `text` normalised for comparison: NFKC, lower case, escapes removed, whitespace collapsed. */
export function normaliseForComparison(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\\(.)/gu, '$1').replace(/\s+/gu, ' ').trim();
}

/** The tokens compared: character bigrams of the letters and digits for Han text, else the words. */
export function comparisonTokens(text: string): Set<string> {
  const normal = normaliseForComparison(text);
  if (HAN.test(normal)) {
    const letters = [...normal.replace(/[^\p{L}\p{N}]+/gu, '')];
    const bigrams = new Set<string>();
    for (let i = 0; i + 1 < letters.length; i++) bigrams.add(`${letters[i]}${letters[i + 1]}`);
    // A single character has no bigram: it is its own token, so that it still compares.
    if (letters.length === 1 && letters[0] !== undefined) bigrams.add(letters[0]);
    return bigrams;
  }
  return new Set(normal.match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** How many tokens two sets share. */
function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const token of a) if (b.has(token)) n++;
  return n;
}

/** The Sørensen–Dice coefficient of two texts' tokens, 0 (nothing shared) to 1 (the same tokens). */
export function dice(a: string, b: string): number {
  const ta = comparisonTokens(a);
  const tb = comparisonTokens(b);
  if (ta.size === 0 && tb.size === 0) return 0;
  return (2 * shared(ta, tb)) / (ta.size + tb.size);
}

/** The share of `part`'s tokens found in `whole` (0 to 1), and how many tokens `part` has. */
export function containment(part: string, whole: string): { readonly share: number; readonly tokens: number } {
  const tp = comparisonTokens(part);
  if (tp.size === 0) return { share: 0, tokens: 0 };
  return { share: shared(tp, comparisonTokens(whole)) / tp.size, tokens: tp.size };
}
