/**
 * A search result's excerpt as the search page shows it (src/client/search.ts), from Pagefind's
 * excerpt (its text with `<mark>` around matched words):
 *
 * - **Whole words highlighted.** Pagefind marks every word at a position a query word matched,
 *   and in Chinese a query word matches inside a longer word: 长 marked 院长 and 局长, and the
 *   query 申长雨 (segmented 申 长 雨) marked 局长 as well. Marks on Chinese text are therefore made
 *   here instead: the query's Chinese words, segmented with `Intl.Segmenter` as Pagefind's index
 *   and the search words are, are marked where they are whole words of the excerpt (its own
 *   segmentation), and a Chinese query run such as 申长雨 where it appears whole. Pagefind's marks
 *   on other text stay (they cover stemmed forms: "clusters" for "cluster"), without the
 *   punctuation Pagefind includes ("Changyu,").
 * - **The match shown.** A page found through a metadata field only (the search words of a Chinese
 *   passage in an English story, src/plugins/rehype-search-words.ts) gets Pagefind's opening words,
 *   with nothing marked; the excerpt is then cut from the page's text around the first match.
 * - **The text as written.** Pagefind joins block elements with ". "; between Chinese text that
 *   reads as "中关村论坛. 由世界", so there it becomes "。". Leading punctuation and spaces, where
 *   the excerpt window starts after a sentence's end ("。出席论坛的嘉宾"), are dropped.
 *
 * Pure (no DOM): the search page parses the excerpt into parts and builds nodes from the result.
 */
import { segmenterFor } from './search-meta.ts';

/** A run of excerpt text, highlighted or not. */
export interface ExcerptPart {
  /** The text. */
  readonly text: string;
  /** Whether it is a matched word. */
  readonly mark: boolean;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;
// Punctuation (and spaces) an excerpt may not start with: closing brackets and quotes, dashes, and
// the marks that end a clause or sentence. Opening brackets and quotes belong to what follows.
const LEADING_JUNK = /^[\s\p{Pe}\p{Pf}\p{Pd}。，、；：？！.,;:?!…·]+/u;
// Punctuation Pagefind includes in a marked word, at either end.
const EDGE_PUNCTUATION = /^[\s\p{P}]+|[\s\p{P}]+$/gu;
// Pagefind's block separator between two Chinese characters.
const HAN_BLOCK_SEPARATOR = /(?<=\p{Script=Han})\. (?=\p{Script=Han})/gu;

/** The Chinese runs of a query (申长雨, 科技集群), and their words as the segmenter splits them. */
export function chineseQueryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const run of query.match(HAN_RUNS) ?? []) {
    terms.add(run);
    for (const { segment, isWordLike } of segmenterFor('zh-Hans').segment(run)) if (isWordLike) terms.add(segment);
  }
  return [...terms];
}

/** The offsets where the words of `text` start and end, as the Chinese word segmenter splits it. */
function wordBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of segmenterFor('zh-Hans').segment(text)) boundaries.add(index);
  return boundaries;
}

/**
 * Which code units of `text` to mark for the Chinese words of `query`: each term (a whole query
 * run or one of its words) where it starts and ends on word boundaries of the text.
 */
export function chineseMarks(text: string, query: string): boolean[] {
  const marks: boolean[] = Array.from({ length: text.length }, () => false);
  const terms = chineseQueryTerms(query);
  if (terms.length === 0 || !HAN.test(text)) return marks;
  const boundaries = wordBoundaries(text);
  for (const term of terms) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (!boundaries.has(at) || !boundaries.has(at + term.length)) continue;
      for (let i = at; i < at + term.length; i++) marks[i] = true;
    }
  }
  return marks;
}

/** Joins per-code-unit text and marks into parts, adjacent units with the same mark together. */
function partsOf(text: string, marks: readonly boolean[]): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let start = 0;
  for (let at = 1; at <= text.length; at++) {
    if (at === text.length || marks[at] !== marks[start]) {
      parts.push({ text: text.slice(start, at), mark: marks[start] === true });
      start = at;
    }
  }
  return parts;
}

/** Regular-expression text that matches `text` literally. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a word Pagefind marked is one of the Latin words of `query`, or that word with an English
 * inflection (forum → forums, meet → meeting): Pagefind also marks words a query word only begins
 * (its search-as-you-type prefix match), which read as wrong highlights in a submitted search.
 */
export function latinWordMatcher(query: string): (word: string) => boolean {
  const words = query
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !HAN.test(word))
    .map(literal);
  if (words.length === 0) return () => false;
  const pattern = new RegExp(`^(?:${words.join('|')})(?:s|es|ed|d|ing|er|ers|'s|’s)?$`, 'iu');
  return (word) => pattern.test(word);
}

/**
 * The excerpt to show for `query`, from Pagefind's excerpt parts: whole words marked, Pagefind's
 * block separators between Chinese text read as "。", no leading punctuation or space.
 */
export function displayExcerpt(parts: readonly ExcerptPart[], query: string): ExcerptPart[] {
  // Pagefind's marks on words without Chinese, trimmed of punctuation, kept where the word is a
  // query word (or its inflection), not a longer word it merely begins: "Wei" marks "Wei", never
  // "Weidong". When that leaves none, Pagefind's own marks stay: they show what it matched (a
  // stemmed or related form), which tells the reader more than an excerpt with nothing marked.
  const whole = latinWordMatcher(query);
  let text = '';
  const pagefind: boolean[] = [];
  const wholeWords: boolean[] = [];
  for (const part of parts) {
    const candidate = part.mark && !HAN.test(part.text);
    const inner = candidate ? [...part.text.matchAll(EDGE_PUNCTUATION)] : [];
    const lead = inner.find((m) => m.index === 0)?.[0].length ?? 0;
    const trail = inner.find((m) => m.index > 0 && m.index + m[0].length === part.text.length)?.[0].length ?? 0;
    const isWhole = candidate && whole(part.text.slice(lead, part.text.length - trail));
    for (let i = 0; i < part.text.length; i++) {
      const inside = candidate && i >= lead && i < part.text.length - trail;
      pagefind.push(inside);
      wholeWords.push(inside && isWhole);
    }
    text += part.text;
  }
  const marks = wholeWords.includes(true) ? wholeWords : pagefind;
  const chinese = chineseMarks(text, query);
  return tidy(
    text,
    marks.map((mark, i) => mark || chinese[i] === true),
  );
}

/** Words an excerpt cut from the content holds before the first match, and in all (Pagefind's 30). */
const WORDS_BEFORE = 10;
const WORDS_IN_ALL = 30;

/**
 * An excerpt cut from a result's full text around the first whole match of the query's Chinese
 * words, or undefined when there is none. For a page found through a metadata field (the search
 * words of a Chinese passage in an English story), Pagefind quotes the page's opening words, which
 * hold no match; the passage itself, with the word marked, tells the reader why the page was found.
 */
export function contentExcerpt(content: string, query: string): ExcerptPart[] | undefined {
  const marks = chineseMarks(content, query);
  const first = marks.indexOf(true);
  if (first < 0) return undefined;
  const words = [...segmenterFor('zh-Hans').segment(content)].filter((s) => s.isWordLike).map((s) => s.index);
  let at = words.findIndex((index) => index > first);
  at = at < 0 ? words.length : at;
  const startWord = Math.max(0, at - 1 - WORDS_BEFORE);
  const start = startWord === 0 ? 0 : (words[startWord] ?? 0);
  const end = words[startWord + WORDS_IN_ALL] ?? content.length;
  return tidy(content.slice(start, end), marks.slice(start, end));
}

/**
 * The excerpt of a result as shown: Pagefind's, with whole words marked (`displayExcerpt`); when that
 * marks nothing, one cut from the page's text around a match (`contentExcerpt`), if there is one.
 */
export function resultExcerpt(parts: readonly ExcerptPart[], content: string, query: string): ExcerptPart[] {
  const shown = displayExcerpt(parts, query);
  return shown.some((part) => part.mark) ? shown : (contentExcerpt(content, query) ?? shown);
}

/** Pagefind's block separators between Chinese text as "。", then no leading punctuation or space. */
function tidy(text: string, marks: readonly boolean[]): ExcerptPart[] {
  // The block separator: ". " (two units) becomes "。" (one), marks following along.
  let written = '';
  const writtenMarks: boolean[] = [];
  let from = 0;
  for (const m of text.matchAll(HAN_BLOCK_SEPARATOR)) {
    written += `${text.slice(from, m.index)}。`;
    writtenMarks.push(...marks.slice(from, m.index), false);
    from = m.index + m[0].length;
  }
  written += text.slice(from);
  writtenMarks.push(...marks.slice(from));
  const lead = LEADING_JUNK.exec(written)?.[0].length ?? 0;
  const end = written.trimEnd().length;
  return partsOf(written.slice(lead, end), writtenMarks.slice(lead, end));
}
