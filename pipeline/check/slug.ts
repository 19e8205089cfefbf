/**
 * Story slugs and registry ids made from titles and names: lowercase ASCII words joined by hyphens,
 * short enough to read in a URL. Chinese is written in toneless pinyin, one word per Chinese word.
 */
import { createRequire } from 'node:module';
import { ID_PATTERN } from '#schemas/common.ts';

/** A slug keeps at most this many words... */
export const MAX_SLUG_WORDS = 6;
/** ...and at most this many characters, cut at a word boundary. */
export const MAX_SLUG_LENGTH = 60;

const HAN = /\p{Script=Han}/u;

// English words that carry no meaning in a URL; dropped unless nothing else is left.
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

// Chinese function words that stand alone: never glued to a neighbouring unknown character.
const HAN_FUNCTION_WORDS = new Set([...'的地得在与和及了是对为于并将把被向从由就也都而或之其以']);

// ICU's dictionary segmenter: knows common Chinese words (中国, 产权, 论坛). pinyin-pro's own segment()
// only joins the polyphonic words of its dictionary, which leaves most titles as single syllables.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Lowercase ASCII words of Latin text: accents dropped (Alemán → aleman), apostrophes joined (People's → peoples). */
function asciiWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

let pinyinPro: typeof import('pinyin-pro') | undefined;

/**
 * Toneless syllables of Chinese text (`ü` written `v`; `surname`: the first character read as a
 * surname, 单 shan). pinyin-pro is loaded the first time Chinese text is met: its dictionary takes
 * about 85 ms to load, which `npm run check` (it suggests names with {@link idFrom}) should not pay
 * on every run.
 */
function syllablesOf(han: string, surname: boolean): string[] {
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro');
  return pinyinPro.pinyin(han, { toneType: 'none', type: 'array', v: true, ...(surname ? { surname: 'head' } : {}) });
}

/** Toneless pinyin of Chinese text as one word (中关村 → zhongguancun); `ü` is written `v`. */
function pinyinWord(han: string, surname = false): string {
  const syllables = syllablesOf(han, surname);
  return asciiWords(syllables.join('')).join('');
}

/**
 * The words of a title, in order, as lowercase ASCII: Latin words as written, Chinese words in pinyin.
 * Runs of single characters the dictionary does not know (a name such as 阿莱曼, a place such as
 * 中关村) are read as one word, except function words such as 在 or 的.
 */
export function slugWords(text: string): string[] {
  const words: string[] = [];
  let unknown = '';
  const flush = (): void => {
    if (unknown !== '') words.push(pinyinWord(unknown));
    unknown = '';
  };
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) {
      flush();
    } else if (!HAN.test(segment)) {
      flush();
      words.push(...asciiWords(segment));
    } else if ([...segment].length === 1 && !HAN_FUNCTION_WORDS.has(segment)) {
      unknown += segment;
    } else {
      flush();
      words.push(pinyinWord(segment));
    }
  }
  flush();
  return words.filter((w) => w !== '');
}

/** Joins words into a slug of at most `MAX_SLUG_WORDS` words and `MAX_SLUG_LENGTH` characters. */
function shorten(words: readonly string[]): string {
  let slug = '';
  for (const word of words.slice(0, MAX_SLUG_WORDS)) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  // A first word longer than the limit on its own is cut, rather than giving no slug at all.
  if (slug === '' && words[0] !== undefined) slug = words[0].slice(0, MAX_SLUG_LENGTH);
  return slug;
}

/**
 * The slug for a story title: `WIPO Holds Talks with CNIPA` → `wipo-holds-talks-cnipa`,
 * `产权组织在2024中关村论坛举办科技集群平行论坛` → `chanquan-zuzhi-zai-2024-zhongguancun-luntan`.
 * Empty when the title has no letters or digits at all.
 */
export function slugify(title: string): string {
  const words = slugWords(title);
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  return shorten(meaningful.length > 0 ? meaningful : words);
}

/**
 * A valid id or slug that keeps every word of `text` (`My Story_2024` → `my-story-2024`, `知识产权`
 * → `zhishi-chanquan`): for names that must stay recognisable (a folder to rename, a tag, a generated
 * entry), where {@link slugify} shortens a title. Empty when `text` has no letters or digits.
 */
export function idFrom(text: string): string {
  return slugWords(text).join('-');
}

/** Whether `slug` is a valid story slug or registry id (lowercase letters, digits, single hyphens). */
export function isValidSlug(slug: string): boolean {
  return ID_PATTERN.test(slug);
}

/** `base` with the suffix `-n` (n ≥ 2), still within `MAX_SLUG_LENGTH`; `base` itself for n = 1. */
export function suffixedSlug(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  return `${base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** `base`, or `base-2`, `base-3`... : the first that `taken` does not contain. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  let n = 1;
  while (taken.has(suffixedSlug(base, n))) n++;
  return suffixedSlug(base, n);
}

/**
 * A registry id for a person's name, in the archive's style: `Xue Lan` → `xue-lan`; Chinese names as
 * surname then given name in pinyin, `薛澜` → `xue-lan`, `于英杰` → `yu-yingjie`; a transliterated
 * name keeps its parts, `卡斯滕·芬克` → `kasiteng-fenke`.
 */
export function personId(name: string): string {
  const trimmed = name.trim();
  if (!HAN.test(trimmed)) return asciiWords(trimmed).join('-');
  const parts = trimmed.split(/[·•・.\s]+/u).filter((p) => p !== '');
  if (parts.length > 1) return parts.map((p) => pinyinWord(p)).join('-');
  const chars = [...trimmed];
  // Two-character surnames (欧阳, 司马...) read as one word.
  const surnameLength = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const surname = chars.slice(0, surnameLength).join('');
  const given = chars.slice(surnameLength).join('');
  // `surname: 'head'` reads the first character as a surname: 单 shan, 曾 zeng, 解 xie.
  const full = syllablesOf(trimmed, true);
  const surnamePinyin = asciiWords(full.slice(0, surnameLength).join('')).join('');
  const givenPinyin = given === '' ? '' : asciiWords(full.slice(surnameLength).join('')).join('');
  return [surnamePinyin || pinyinWord(surname, true), givenPinyin].filter((p) => p !== '').join('-');
}

/** The common two-character Chinese surnames. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '司徒',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '夏侯',
  '轩辕',
  '令狐',
  '宇文',
  '端木',
  '西门',
  '南宫',
]);
