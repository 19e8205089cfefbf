/**
 * Where a headline may break: between words, never inside one. Chinese and Japanese put no spaces
 * between words, so a browser breaks them between any two characters (中关村论/坛). BudouX, Google's
 * maintained phrase segmenter with Simplified and Traditional Chinese and Japanese models, splits
 * the text into phrases at build time; the page puts a `<wbr>` between phrases and forbids other
 * breaks with `word-break: keep-all`, so no client JavaScript is needed. BudouX alone sometimes
 * cuts a word its model guesses wrong (平行论|坛, 20|24), so a break is kept only where ICU's
 * dictionary (`Intl.Segmenter` words) also sees a word boundary: a break both agree on (and none
 * inside a name that ICU does not know, see `agreed`). A language
 * BudouX has no model for but that is written without spaces uses the `Intl.Segmenter` words alone.
 * Text without such characters is returned whole: the browser already breaks it at spaces.
 */
import {
  loadDefaultJapaneseParser,
  loadDefaultSimplifiedChineseParser,
  loadDefaultTraditionalChineseParser,
  type Parser,
} from 'budoux';

/** A BudouX parser per model, loaded once on first use (each model is ~100 KB of weights). */
const parsers = new Map<string, Parser>();

/** The BudouX model for a BCP 47 tag, or undefined when BudouX has none for it. */
function budouxModel(lang: string): 'zh-hans' | 'zh-hant' | 'ja' | undefined {
  const tag = lang.toLowerCase();
  if (tag === 'ja' || tag.startsWith('ja-')) return 'ja';
  if (!(tag === 'zh' || tag.startsWith('zh-'))) return undefined;
  return /^zh-(hant|tw|hk|mo)\b/.test(tag) ? 'zh-hant' : 'zh-hans';
}

/** The parser of a model, loaded on first use. */
function parserFor(model: 'zh-hans' | 'zh-hant' | 'ja'): Parser {
  let parser = parsers.get(model);
  if (!parser) {
    parser =
      model === 'ja'
        ? loadDefaultJapaneseParser()
        : model === 'zh-hant'
          ? loadDefaultTraditionalChineseParser()
          : loadDefaultSimplifiedChineseParser();
    parsers.set(model, parser);
  }
  return parser;
}

/** Scripts written without spaces between words (BudouX or `Intl.Segmenter` segments them). */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Whether text in `lang` needs phrase breaks: it contains characters of an unspaced script. */
export function needsPhraseBreaks(text: string): boolean {
  return UNSPACED.test(text);
}

/**
 * Terms a line never breaks inside, whatever the segmenters say: the archive's own vocabulary (tag,
 * organisation, event and speaker names), so 知识产权, which both read as 知识|产权, stays whole.
 */
export interface Terms {
  /** The terms with unspaced characters, longest first (a longer term wins where two overlap). */
  readonly pattern: RegExp | undefined;
  /** Memo of segmented texts: the same headline is shown on its page, in listings and in neighbours. */
  readonly memo: Map<string, readonly string[]>;
}

/** The longest name kept whole: a longer one (an event's full name) is a phrase, free to break. */
const MAX_TERM_LENGTH = 6;

/** Terms built from `names` (those of 2 to 6 characters with unspaced characters count). */
export function terms(names: Iterable<string>): Terms {
  const kept = [...new Set(names)].filter(
    (name) => [...name].length > 1 && [...name].length <= MAX_TERM_LENGTH && needsPhraseBreaks(name),
  );
  kept.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const escaped = kept.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { pattern: escaped.length > 0 ? new RegExp(escaped.join('|'), 'gu') : undefined, memo: new Map() };
}

/** No terms: breaks are the segmenters' alone. */
const NO_TERMS = terms([]);

/**
 * The phrases of `text` in language `lang` (a BCP 47 tag), in order, never breaking inside one of
 * `known`; joined they give `text` back exactly. One phrase when the text needs no breaks.
 */
export function phrases(text: string, lang: string, known: Terms = NO_TERMS): readonly string[] {
  if (!needsPhraseBreaks(text)) return [text];
  const key = `${lang}\u0000${text}`;
  const remembered = known.memo.get(key);
  if (remembered) return remembered;
  const model = budouxModel(lang);
  const words = [...new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)].map((s) => s.segment);
  const cut = model ? agreed(parserFor(model).parse(text), words) : words;
  const merged = mergeSpaces(keepTerms(cut, text, known));
  known.memo.set(key, merged);
  return merged;
}

/** `parts` of `text` joined again wherever a break falls inside an occurrence of a known term. */
function keepTerms(parts: readonly string[], text: string, known: Terms): readonly string[] {
  if (!known.pattern) return parts;
  const inside = new Set<number>();
  for (const match of text.matchAll(known.pattern)) {
    for (let at = match.index + 1; at < match.index + match[0].length; at++) inside.add(at);
  }
  if (inside.size === 0) return parts;
  const out: string[] = [];
  let at = 0;
  for (const part of parts) {
    if (inside.has(at) && out.length > 0) out[out.length - 1] += part;
    else out.push(part);
    at += part.length;
  }
  return out;
}

/** The end offsets of consecutive parts of one text. */
function ends(parts: readonly string[]): number[] {
  let at = 0;
  return parts.map((part) => (at += part.length));
}

/** A single Han character: ICU's dictionary cuts a word it does not know (中|关|村) into these. */
const LONE_HAN = /^\p{Script=Han}$/u;
/** A Han character. */
const HAN_AT = /^\p{Script=Han}$/u;
/** Han characters only. */
const LONE_RUN = /^\p{Script=Han}+$/u;

/**
 * `phrases` re-cut so that only the breaks that are also word boundaries in `words` remain. ICU
 * falls back to single characters for a word missing from its dictionary (中|关|村, 生产|力), and
 * BudouX may cut such a word too (中关|村论坛, 生产|力). So a break is also dropped before a
 * one-character ICU word that BudouX joins to the Han text after it or that a word of several Han
 * characters follows (most likely the end of the word before), and after a phrase made only of
 * one-character ICU words (a name's start: 中關|村論壇). 办事处|在|中关村 keeps its breaks.
 */
function agreed(phraseList: readonly string[], words: readonly string[]): string[] {
  const wordEnds = ends(words);
  const boundaries = new Map<number, number>();
  wordEnds.forEach((end, index) => boundaries.set(end, index));
  const text = phraseList.join('');
  // Whether text[from, to) is two or more Han characters that ICU read as one-character words.
  const unknownRun = (from: number, to: number): boolean =>
    to - from >= 2 &&
    LONE_RUN.test(text.slice(from, to)) &&
    Array.from({ length: to - from }, (_, i) => from + i + 1).every((at) => boundaries.has(at)) &&
    (from === 0 || boundaries.has(from));
  const phraseEnds = ends(phraseList);
  const out: string[] = [];
  let start = 0;
  phraseEnds.forEach((end, k) => {
    const index = boundaries.get(end);
    const phraseStart = k === 0 ? 0 : (phraseEnds[k - 1] ?? 0);
    const next = phraseEnds[k + 1] ?? end;
    const after = words[(index ?? -2) + 1] ?? '';
    // ICU reads a lone character here that BudouX joins to the Han text after it (生产|力持续,
    // 中关|村论坛, 创新|周开幕): ICU's one-character word is a suffix it does not know.
    // So is one before a Han word of several characters (生产|力|持续, 年|会|开幕): ICU knew the
    // word after, so the lone character most likely ends the one before.
    const wordAfter = words[(index ?? -3) + 2] ?? '';
    const suffix =
      LONE_HAN.test(after) &&
      ((next - end > 1 && HAN_AT.test(text.slice(end + 1, end + 2))) ||
        (wordAfter.length > 1 && LONE_RUN.test(wordAfter)));
    const insideName =
      suffix || (LONE_HAN.test(words[index ?? -1] ?? '') && LONE_HAN.test(after) && unknownRun(phraseStart, end));
    if (end === text.length || (index !== undefined && !insideName)) {
      out.push(text.slice(start, end));
      start = end;
    }
  });
  return out;
}

/**
 * Glues a phrase that is only spaces or closing punctuation onto the one before it, and opening
 * punctuation onto the one after, so no line starts with "，" or ends with "「".
 */
function mergeSpaces(parts: readonly string[]): string[] {
  const out: string[] = [];
  let carry = '';
  for (const part of parts) {
    if (part === '') continue;
    if (out.length > 0 && /^[\s\p{Pe}\p{Pf}\p{Po}]+$/u.test(part)) {
      out[out.length - 1] += part;
      continue;
    }
    if (/^[\p{Ps}\p{Pi}]+$/u.test(part)) {
      carry += part;
      continue;
    }
    out.push(carry + part);
    carry = '';
  }
  if (carry) {
    if (out.length > 0) out[out.length - 1] += carry;
    else out.push(carry);
  }
  return out;
}

/** Escapes text for HTML element content. */
const escapeText = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * The HTML of `text` with a `<wbr>` between its phrases (text escaped), or undefined when it has
 * one phrase only and is shown as plain text.
 */
export function phrasesHtml(text: string, lang: string, known: Terms = NO_TERMS): string | undefined {
  const parts = phrases(text, lang, known);
  return parts.length > 1 ? parts.map(escapeText).join('<wbr>') : undefined;
}
