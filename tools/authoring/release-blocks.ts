/**
 * Cutting a pasted press release into blocks, in reading order: paragraphs and headings with their
 * language, photo credits, and the date line (press-release.ts groups the blocks into stories). The
 * text is never rewritten and a sentence never cut in two:
 * - blank lines end paragraphs; a single line break ends one after a full sentence or a heading-like
 *   line, otherwise it is a wrapped line and is joined;
 * - inside a long run, a photo credit between sentences — `(Photo: ZGC Forum)`, `(图: WOC)` — stands on
 *   its own, and in Chinese text a space after a full stop (`。 `) is a lost paragraph break, as is a
 *   space after a short unpunctuated Chinese line (a heading: `…的双边会谈 阿莱曼…`);
 * - a heading-like line is short, has no closing punctuation, and is followed by text;
 * - a line that is only a web address, or `Source: https://…` / `原文链接：https://…`, is the
 *   address of the original publication (the story's `source`).
 */
import { parseCredit } from '#plugins/rehype-figures.ts';
import { parseReleaseDate } from './release-date.ts';

/** A locale as far as language detection is concerned. */
export interface LanguageScripts {
  /** Locale code. */
  readonly code: string;
  /** Unicode script names the locale is written in (`Latin`, `Han`). */
  readonly scripts: readonly string[];
}

/** One unit of the release, in reading order. */
export type ReleaseBlock =
  | { readonly kind: 'heading'; readonly text: string; readonly language: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly language: string }
  | { readonly kind: 'credit'; readonly credit: string; readonly name: string }
  | { readonly kind: 'date'; readonly text: string; readonly day: string }
  | { readonly kind: 'source'; readonly text: string; readonly url: string };

/** A photo credit: as written (`Photo: ZGC Forum`) and the name alone (`ZGC Forum`). */
export interface PhotoCredit {
  /** The credit as written, brackets removed, whitespace collapsed. */
  readonly credit: string;
  /** Who is credited. */
  readonly name: string;
}

// ------------------------------------------------------------------------------------------ languages

/** Ideographs carry about as much text per character as three Latin letters; counts are weighted so. */
const IDEOGRAPHIC = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul']);

/** The locale whose scripts dominate `text` (weighted letter counts), or undefined if it has no letters. */
export function detectLanguage(text: string, locales: readonly LanguageScripts[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const locale of locales) {
    let score = 0;
    for (const script of locale.scripts) {
      const count = text.match(new RegExp(String.raw`\p{Script=${script}}`, 'gu'))?.length ?? 0;
      score += count * (IDEOGRAPHIC.has(script) ? 3 : 1);
    }
    if (score > bestScore) {
      best = locale.code;
      bestScore = score;
    }
  }
  return best;
}

// ------------------------------------------------------------------------------------------- cutting

/** Han characters and the full-width punctuation that goes with them. */
export const HANISH = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”]/u;
const HAN = /\p{Script=Han}/gu;
// A full sentence ends here: closing punctuation, then optional closing quotes or brackets.
const SENTENCE_END = /[.!?。！？…][”"'’」』)）\]]*$/u;
// Lines ending like this continue: a lead-in or a list.
const OPEN_END = /[:：,，;；、\-–—(（“"‘]$/u;
// "Mr." at the end of a line is not the end of a sentence.
const ABBREVIATION_END =
  /\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Vol|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$/u;

/** Credit labels, as the renderer's `rehype-figures` recognises them; kept in step by a test. */
const CREDIT_LABEL = String.raw`(?:photo\s?credits?|photos?|photograph|credits?|images?|source|图片来源|图片|摄影|来源|图|摄)`;
// A bracketed credit anywhere in a run: "(Photo: ZGC Forum)", "（图：WOC）", "(图:  WOC)".
const CREDIT_IN_RUN = new RegExp(String.raw`[(（]\s*${CREDIT_LABEL}\s*[:：/／]\s*[^()（）\n]{1,120}?\s*[)）]`, 'giu');

/** Whether `text` ends a sentence (not an abbreviation such as "Mr."). */
function endsSentence(text: string): boolean {
  const t = text.trimEnd();
  return SENTENCE_END.test(t) && !ABBREVIATION_END.test(t);
}

/** A short line without closing punctuation: a title or heading. */
export function isHeadingLike(text: string): boolean {
  const t = text.trim();
  // Any closing stop rules a heading out, even one after an abbreviation ("chaired by Mr.").
  if (t === '' || SENTENCE_END.test(t) || OPEN_END.test(t) || !/[\p{L}]/u.test(t)) return false;
  const han = t.match(HAN)?.length ?? 0;
  if (han * 3 > t.length) return han >= 4 && han <= 30 && !/[，。,；;！？!?]/u.test(t);
  const words = t.split(/\s+/u).length;
  return words <= 15 && t.length <= 120;
}

/** The name a credit gives: `Photo: ZGC Forum` → `ZGC Forum`. */
function creditName(credit: string): string {
  return credit.replace(new RegExp(String.raw`^${CREDIT_LABEL}\s*[:：/／]\s*`, 'iu'), '').trim();
}

/** `han` or `latin` for a letter of those scripts, else undefined. */
function scriptOf(char: string | undefined): 'han' | 'latin' | undefined {
  if (char === undefined || char === '') return undefined;
  if (/\p{Script=Han}/u.test(char)) return 'han';
  return /\p{Script=Latin}/u.test(char) ? 'latin' : undefined;
}

/** The last letter of `text` (skipping punctuation, digits and spaces). */
function lastLetter(text: string): string | undefined {
  return /(\p{L})[^\p{L}]*$/u.exec(text)?.[1];
}

/** A piece of a block before classification. */
type Piece = { kind: 'text'; text: string } | ({ kind: 'credit' } & PhotoCredit);

/**
 * Cuts one blank-line-separated block into pieces: paragraphs (and headings) and credits, at the
 * boundaries the structure implies. Whitespace inside a paragraph is kept as written, except that a
 * line break inside Chinese text is dropped (Chinese puts no space between words).
 */
function cutBlock(block: string): Piece[] {
  const pieces: Piece[] = [];
  let current = '';
  const flush = (): void => {
    const text = current.trim();
    if (text !== '') pieces.push({ kind: 'text', text });
    current = '';
  };
  /** Appends text, cutting at spaces that are lost paragraph breaks in Chinese. */
  const append = (text: string): void => {
    const parts = text.split(/(\s+)/u);
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        current += part;
        return;
      }
      const before = current.trimEnd().slice(-1);
      const after = (parts[i + 1] ?? '').slice(0, 1);
      const chinese = HANISH.test(before) && HANISH.test(after);
      // A full sentence, then a space, then the other script: a paragraph of the other language.
      const switched = scriptOf(lastLetter(current)) !== scriptOf(after) && scriptOf(after) !== undefined;
      if ((chinese || switched) && endsSentence(current)) {
        flush();
        return;
      }
      if (chinese && isHeadingLike(current)) {
        flush();
        return;
      }
      current += part;
    });
  };
  block.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (index > 0 && current.trim() !== '') {
      const first = line.slice(0, 1);
      const startsUnit = /[\p{Lu}\p{N}"“‘'(（]/u.test(first) || HANISH.test(first);
      if (endsSentence(current) || (isHeadingLike(current) && startsUnit)) flush();
      else current += HANISH.test(current.trimEnd().slice(-1)) && HANISH.test(first) ? '' : ' ';
    }
    let at = 0;
    for (const m of line.matchAll(CREDIT_IN_RUN)) {
      append(line.slice(at, m.index));
      at = m.index + m[0].length;
      const credit = parseCredit(m[0]);
      // Only a credit between sentences stands alone; "(source: WIPO)" inside a sentence stays in it.
      if (credit !== undefined && (current.trim() === '' || endsSentence(current))) {
        flush();
        pieces.push({ kind: 'credit', credit, name: creditName(credit) });
      } else {
        current += m[0];
      }
    }
    append(line.slice(at));
  });
  flush();
  return pieces;
}

// A source line: a web address alone, or after a label ("Source:", "原文链接："). "来源" and "source" are
// also credit labels, so this is tried first, and only a whole line that is an address qualifies.
const SOURCE_LINE =
  /^(?:(?:source|original|original article|link|url|read more|原文链接|原文地址|原文|链接|来源|出处)\s*[:：]\s*)?<?(https?:\/\/[^\s<>]+?)>?$/iu;

/** The web address a source line gives (`Source: https://…`), or undefined when the line is not one. */
export function sourceUrl(line: string): string | undefined {
  const m = SOURCE_LINE.exec(line.trim());
  if (!m?.[1]) return undefined;
  try {
    const url = new URL(m[1]);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Cuts the release into classified blocks, in reading order. */
export function releaseBlocks(raw: string, locales: readonly LanguageScripts[]): ReleaseBlock[] {
  const normalised = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00A0\u3000]/g, ' ');
  const pieces = normalised
    .split(/\n[ ]*\n+/)
    .map((b) => b.trim())
    .filter((b) => b !== '')
    .flatMap(cutBlock);
  const fallback = locales[0]?.code ?? 'en';
  const blocks: ReleaseBlock[] = [];
  pieces.forEach((piece, i) => {
    if (piece.kind === 'credit') {
      blocks.push(piece);
      return;
    }
    const url = sourceUrl(piece.text);
    if (url !== undefined) {
      blocks.push({ kind: 'source', text: piece.text, url });
      return;
    }
    const date = parseReleaseDate(piece.text);
    if (date !== undefined && 'day' in date) {
      blocks.push({ kind: 'date', text: piece.text, day: date.day });
      return;
    }
    // A credit line on its own, without brackets: "Photo: ZGC Forum".
    const credit = endsSentence(piece.text) ? undefined : parseCredit(piece.text);
    if (credit !== undefined) {
      blocks.push({ kind: 'credit', credit, name: creditName(credit) });
      return;
    }
    const language = detectLanguage(piece.text, locales) ?? fallback;
    // A heading must introduce text: the next piece that is not a credit, a date or a source is a paragraph.
    const next = pieces
      .slice(i + 1)
      .find((p) => p.kind === 'text' && parseReleaseDate(p.text) === undefined && sourceUrl(p.text) === undefined);
    const heading =
      isHeadingLike(piece.text) && next !== undefined && next.kind === 'text' && !isHeadingLike(next.text);
    blocks.push({ kind: heading ? 'heading' : 'paragraph', text: piece.text, language });
  });
  return blocks;
}

/** The first sentence of a paragraph (quoted in to-do titles and summaries). */
export function firstSentence(text: string): string {
  const t = text.trim();
  for (const m of t.matchAll(/[.!?][”"’)）]*(?=\s|$)|[。！？][”」』)）]*/gu)) {
    const head = t.slice(0, m.index + m[0].length);
    if (ABBREVIATION_END.test(head)) continue;
    // A Latin stop ends a sentence only before a capital, a digit, a quote or Chinese ("Ms. wang" is rare).
    const next = t.slice(head.length).trimStart().slice(0, 1);
    if (/^[.!?]/u.test(m[0]) && next !== '' && !/[\p{Lu}\p{N}"“(（]/u.test(next) && !HANISH.test(next)) continue;
    return head;
  }
  return t;
}
