/**
 * Text for Pagefind metadata fields that must be searchable but never shown in result excerpts: the
 * facts block of a story (speakers with their roles, organisations, topics, the event). Pagefind
 * builds excerpts from the indexed body text, so that block is left out of it
 * (`data-pagefind-ignore`) and its words go into a metadata field instead, which Pagefind (1.5+)
 * searches alongside the body but never quotes.
 *
 * Pagefind splits metadata on whitespace only, while the search page segments a Chinese query into
 * words with `Intl.Segmenter` (as Pagefind's own search does); so each value is given both as written
 * (an English page's query "欧阳静" stays one word) and as its segmenter words ("欧阳 静").
 */

const segmenters = new Map<string, Intl.Segmenter>();

/** A word segmenter for a BCP 47 language tag, made once (search metadata and result excerpts). */
export function segmenterFor(lang: string): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

/**
 * The value of a searchable metadata field: the words of `values` (empty ones skipped), each once,
 * space-separated, as written and as segmented in the page's language `lang` (`zh-Hans`, `en`).
 */
export function searchMetaValue(values: Iterable<string | undefined>, lang: string): string {
  const words = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    for (const word of value.split(/\s+/)) if (word) words.add(word);
    for (const { segment, isWordLike } of segmenterFor(lang).segment(value)) if (isWordLike) words.add(segment);
  }
  return [...words].join(' ');
}
