/**
 * Where a headline may break: between words, never inside one. Chinese and Japanese put no spaces
 * between words, so a browser breaks them between any two characters (中关村论/坛). BudouX, Google's
 * maintained phrase segmenter with Simplified and Traditional Chinese and Japanese models, splits
 * the text into phrases at build time; the page puts a `<wbr>` between phrases and forbids other
 * breaks with `word-break: keep-all`, so no client JavaScript is needed. BudouX alone sometimes
 * cuts a word its model guesses wrong (平行论|坛, 20|24), so a break is kept only where ICU's
 * dictionary (`Intl.Segmenter` words) also sees a word boundary: a break both agree on. A language
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

/** Memo of segmented texts: the same headline is shown on its page, in listings and in neighbours. */
const memo = new Map<string, readonly string[]>();

/**
 * The phrases of `text` in language `lang` (a BCP 47 tag), in order; joined they give `text` back
 * exactly. One phrase when the text needs no breaks.
 */
export function phrases(text: string, lang: string): readonly string[] {
  if (!needsPhraseBreaks(text)) return [text];
  const key = `${lang}\u0000${text}`;
  const known = memo.get(key);
  if (known) return known;
  const model = budouxModel(lang);
  const words = [...new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)].map((s) => s.segment);
  const merged = mergeSpaces(model ? agreed(parserFor(model).parse(text), words) : words);
  memo.set(key, merged);
  return merged;
}

/** The end offsets of consecutive parts of one text. */
function ends(parts: readonly string[]): number[] {
  let at = 0;
  return parts.map((part) => (at += part.length));
}

/** `phrases` re-cut so that only the breaks that are also word boundaries in `words` remain. */
function agreed(phraseList: readonly string[], words: readonly string[]): string[] {
  const boundaries = new Set(ends(words));
  const text = phraseList.join('');
  const out: string[] = [];
  let start = 0;
  for (const end of ends(phraseList)) {
    if (end === text.length || boundaries.has(end)) {
      out.push(text.slice(start, end));
      start = end;
    }
  }
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
export function phrasesHtml(text: string, lang: string): string | undefined {
  const parts = phrases(text, lang);
  return parts.length > 1 ? parts.map(escapeText).join('<wbr>') : undefined;
}
