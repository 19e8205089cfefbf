/**
 * Corrections of a story version (`corrections` in an article file): the rules every output shares.
 * The page shows them as a dated notice at the top, feeds put the same notice before the item's
 * content, JSON-LD lists them as `correction`; the newest one counts as the last modification when
 * it is later than `updated`. Each language file keeps its own list, in its own language: corrections
 * are not a shared fact and are never inherited. Their dates join the revision dates in
 * `revisionDates` (src/lib/seo.ts). Pure TS; labels arrive from the caller's dictionary.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { PublishedAt } from './dates.ts';

/** One correction as the article schema gives it. */
export interface Correction {
  /** When it was made. */
  readonly date: PublishedAt;
  /** What was corrected, in the file's language. */
  readonly text: string;
}

/** The corrections newest first; those of the same moment keep the file's order. */
export function correctionsNewestFirst(corrections: readonly Correction[] | undefined): Correction[] {
  return [...(corrections ?? [])].sort((a, b) =>
    a.date.instant === b.date.instant ? 0 : a.date.instant < b.date.instant ? 1 : -1,
  );
}

/** The positions of corrections that repeat an earlier one exactly (same date, same text). */
export function repeatedCorrections(corrections: readonly Correction[]): number[] {
  const seen = new Set<string>();
  const repeats: number[] = [];
  corrections.forEach((c, index) => {
    const key = `${c.date.instant}|${c.date.hasTime}|${c.text}`;
    if (seen.has(key)) repeats.push(index);
    seen.add(key);
  });
  return repeats;
}

/**
 * What goes between a correction's label and its text: a space, except after full-width punctuation
 * ("更正（2024年5月3日）：" already ends with its own spacing, as Chinese typesetting wants).
 */
export function labelGap(label: string): string {
  return /[\u3000-\u303f\uff00-\uffef]$/u.test(label) ? '' : ' ';
}

/**
 * The notice as HTML, the same on the page and in a feed item's content, newest first:
 * `<aside role="note">` (named `name` for screen readers, when given) holding one paragraph per
 * correction, `label` (e.g. "Correction, 3 May 2024:") in bold before its text. Text is escaped by
 * the serialiser; no whitespace is added (Chinese wants none after "："). Empty without corrections.
 */
export function correctionsNoticeHtml(
  corrections: readonly Correction[] | undefined,
  label: (correction: Correction) => string,
  name?: string,
): string {
  const list = correctionsNewestFirst(corrections);
  if (list.length === 0) return '';
  const aside: Element = h(
    'aside',
    { role: 'note', className: ['corrections'], ariaLabel: name },
    list.map((c) => {
      const text = label(c);
      return h('p', [h('strong', text), labelGap(text), c.text]);
    }),
  );
  return unified()
    .use(rehypeStringify)
    .stringify({ type: 'root', children: [aside] });
}
