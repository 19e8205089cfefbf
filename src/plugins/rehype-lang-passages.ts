/**
 * Marks passages in another language with `lang`, so screen readers switch voice and browsers pick
 * the right fonts, line breaking and hyphenation. Press releases mix English and Chinese freely: whole
 * paragraphs in the other language, Chinese names and quotations inside English sentences, English
 * names of organisations inside Chinese ones. The language is read off the writing system: the
 * Unicode script of each letter (`\p{Script=Han}`, `\p{Script=Latin}`) says which locale wrote it.
 */
import type { Element, ElementContent, Parents, Root } from 'hast';
import type { VFile } from 'vfile';
import { element, frontmatterLanguage, hasClass, text } from './hast-helpers.ts';

/** What this plugin needs of a configured locale (the site config's locales fit). */
export interface PassageLocale {
  /** Locale code, as in frontmatter `language` (`en`, `zh`). */
  readonly code: string;
  /** BCP 47 tag written on passages in this locale (`zh-Hans`). */
  readonly htmlLang: string;
  /** Unicode script names (`\p{Script=…}`) the locale is written in. */
  readonly scripts: readonly string[];
}

/** Options of {@link rehypeLangPassages}. */
export interface LangPassagesOptions {
  /** The site's locales, default first (the fallback when an article has no known language). */
  readonly locales: readonly PassageLocale[];
}

/** Share of a block's (weighted) letters a locale must exceed for the block to be marked as that locale. */
export const blockMajority = 0.5;

/**
 * Weight of a letter of an alphabetic script against one CJK character. Raw letter counts would let
 * one English name outweigh a Chinese sentence (`世界知识产权组织（World Intellectual Property
 * Organization）…` has more Latin letters than Han characters), so letters are weighed by roughly how
 * long they take to read: a CJK character is a syllable, an English syllable is about three letters.
 */
export const alphabeticLetterWeight = 1 / 3;

/** Elements whose own text is judged as one passage (list items, cells and captions count as blocks). */
const blockTags = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'td',
  'th',
  'figcaption',
  'dt',
  'dd',
  'caption',
  'summary',
]);

/** Elements whose text is code or not text at all: never split, never counted. */
const opaqueTags = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'svg', 'math', 'iframe']);

// Scripts written with ideographs or syllabaries: their runs join across any punctuation and digits
// (`自2017年起`, `创新,是`) and take the CJK punctuation around them.
const cjkScripts = new Set(['Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Hangul']);

/** CJK symbols and punctuation, and fullwidth / vertical / small form punctuation (`，。、（）「」：`). */
const cjkPunctuation = /[\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;

/** Quotation marks shared by both writing systems: taken into a CJK run only as a pair around it. */
const quotePairs: Readonly<Record<string, string>> = { '“': '”', '‘': '’' };

const letterPattern = /\p{L}/u;
const markPattern = /\p{M}/u;

interface Script {
  readonly locale: PassageLocale;
  readonly letter: RegExp;
  readonly cjk: boolean;
  /** Latin-script runs need this many words: single acronyms and names (PCT, WIPO) read fine in CJK text. */
  readonly minWords: number;
  /** What one letter weighs when a block's language is decided. */
  readonly weight: number;
}

function compile(locale: PassageLocale): Script {
  const classes = locale.scripts.map((script) => String.raw`\p{Script=${script}}`).join('');
  let letter: RegExp;
  try {
    letter = new RegExp(`[${classes}]`, 'u');
  } catch {
    throw new Error(`rehypeLangPassages: locale ${locale.code} has an unknown script in ${locale.scripts.join(', ')}`);
  }
  const cjk = locale.scripts.some((script) => cjkScripts.has(script));
  return {
    locale,
    letter,
    cjk,
    minWords: locale.scripts.includes('Latin') ? 2 : 1,
    weight: cjk ? 1 : alphabeticLetterWeight,
  };
}

/** Finds the configured locale a BCP 47 tag names (`zh-Hans`, `zh-CN`, `zh` → zh), if any. */
function scriptForTag(tag: string, scripts: readonly Script[]): Script | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === '') return undefined;
  const exact = scripts.find((s) => s.locale.htmlLang.toLowerCase() === lower || s.locale.code.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split('-')[0];
  return scripts.find((s) => s.locale.code.toLowerCase() === primary);
}

/** Which locale wrote a character: -1 for non-letters, -2 for letters of no configured locale. */
type CharClass = number;
const nonLetter = -1;
const foreignLetter = -2;

/**
 * Rehype plugin: (a) sets `lang` on a block (paragraph, list item, heading, cell, caption…) whose
 * letters are mostly another locale's script (weighed by {@link alphabeticLetterWeight}); (b) inside
 * blocks, wraps runs of another locale's script in `<span lang>` (any CJK run; Latin runs of two words
 * or more). Elements that already have `lang` are left as they are; their content is judged against it.
 */
export function rehypeLangPassages(options: LangPassagesOptions): (tree: Root, file: VFile) => void {
  const scripts = options.locales.map(compile);
  const fallback = scripts[0];
  if (!fallback) throw new Error('rehypeLangPassages: `locales` needs at least one locale');
  const cache = new Map<string, readonly number[]>();

  /** Indexes of the locales whose scripts include `char` (cached: articles repeat few characters). */
  function localesOf(char: string): readonly number[] {
    let found = cache.get(char);
    if (!found) {
      found = letterPattern.test(char)
        ? scripts.flatMap((script, index) => (script.letter.test(char) ? [index] : []))
        : [nonLetter];
      cache.set(char, found);
    }
    return found;
  }

  /** A character's locale, preferring the context's own when scripts are shared (en and fr: Latin). */
  function classify(char: string, context: number): CharClass {
    const found = localesOf(char);
    if (found[0] === nonLetter) return nonLetter;
    if (found.includes(context)) return context;
    return found[0] ?? foreignLetter;
  }

  function contextOf(node: Element, inherited: number | undefined): number | undefined {
    const lang = node.properties['lang'];
    if (typeof lang !== 'string') return inherited;
    const script = scriptForTag(lang, scripts);
    return script ? scripts.indexOf(script) : undefined;
  }

  function isBlock(node: Element): boolean {
    // The heading self-link's label ("Link to this section: 关于论坛") is judged like a block of its own.
    return blockTags.has(node.tagName) || (node.tagName === 'a' && hasClass(node, 'heading-anchor'));
  }

  /** Weighted letters per locale in the block's own text (not in nested blocks, code, or elements with `lang`). */
  function countLetters(node: Element, context: number, counts: number[]): void {
    for (const child of node.children) {
      if (child.type === 'text') {
        for (const char of child.value) {
          const cls = classify(char, context);
          if (cls >= 0) counts[cls] = (counts[cls] ?? 0) + (scripts[cls]?.weight ?? 1);
        }
      } else if (
        child.type === 'element' &&
        !opaqueTags.has(child.tagName) &&
        !isBlock(child) &&
        child.properties['lang'] === undefined
      ) {
        countLetters(child, context, counts);
      }
    }
  }

  function dominant(node: Element, context: number): number | undefined {
    const counts: number[] = scripts.map(() => 0);
    countLetters(node, context, counts);
    const total = counts.reduce((sum, n) => sum + n, 0);
    const winner = counts.findIndex((n) => n > total * blockMajority);
    return total > 0 && winner >= 0 ? winner : undefined;
  }

  /** Splits the text of `node`'s phrasing content into runs, relative to `context`. */
  function wrapRuns(node: Element, context: number): void {
    const next: ElementContent[] = [];
    for (const child of node.children) {
      if (child.type === 'text') {
        next.push(...splitText(child.value, context));
        continue;
      }
      next.push(child);
      if (child.type !== 'element' || opaqueTags.has(child.tagName) || isBlock(child)) continue;
      const inner = contextOf(child, context);
      if (inner !== undefined) wrapRuns(child, inner);
    }
    node.children = next;
  }

  function splitText(value: string, context: number): ElementContent[] {
    const chars = Array.from(value);
    const classes = chars.map((char) => classify(char, context));
    const runs: { start: number; end: number; script: Script }[] = [];
    let i = 0;
    while (i < chars.length) {
      const cls = classes[i] ?? nonLetter;
      const script = cls >= 0 && cls !== context ? scripts[cls] : undefined;
      if (!script) {
        i++;
        continue;
      }
      let end = i;
      for (let j = i + 1; j < chars.length; j++) {
        if (classes[j] === cls) end = j;
        else if (classes[j] !== nonLetter || (!script.cjk && cjkPunctuation.test(chars[j] ?? ''))) break;
      }
      // Combining marks after the last letter belong to it (`e` + U+0301).
      while (end + 1 < chars.length && markPattern.test(chars[end + 1] ?? '')) end++;
      if (wordCount(chars.slice(i, end + 1).join('')) >= script.minWords) runs.push({ start: i, end, script });
      i = end + 1;
    }
    if (runs.length === 0) return [text(value)];
    runs.forEach((run, index) => {
      if (!run.script.cjk) return;
      const floor = (runs[index - 1]?.end ?? -1) + 1;
      const ceiling = (runs[index + 1]?.start ?? chars.length) - 1;
      extendCjkRun(run, chars, floor, ceiling);
    });
    const nodes: ElementContent[] = [];
    let cursor = 0;
    for (const run of runs) {
      if (run.start > cursor) nodes.push(text(chars.slice(cursor, run.start).join('')));
      const passage = chars.slice(run.start, run.end + 1).join('');
      nodes.push(element('span', { lang: run.script.locale.htmlLang }, [text(passage)]));
      cursor = run.end + 1;
    }
    if (cursor < chars.length) nodes.push(text(chars.slice(cursor).join('')));
    return nodes;
  }

  function visit(node: Parents, context: number | undefined): void {
    for (const child of node.children) {
      if (child.type !== 'element' || opaqueTags.has(child.tagName)) continue;
      let inner = contextOf(child, context);
      if (isBlock(child) && inner !== undefined) {
        if (child.properties['lang'] === undefined) {
          const winner = dominant(child, inner);
          if (winner !== undefined && winner !== inner) {
            child.properties['lang'] = scripts[winner]?.locale.htmlLang ?? '';
            inner = winner;
          }
        }
        wrapRuns(child, inner);
      }
      visit(child, inner);
    }
  }

  return (tree, file) => {
    const language = frontmatterLanguage(file);
    const found = scripts.findIndex((script) => script.locale.code === language);
    visit(tree, found >= 0 ? found : 0);
  };
}

/** Number of whitespace-separated words holding a letter. */
function wordCount(passage: string): number {
  return passage.split(/\s+/u).filter((word) => letterPattern.test(word)).length;
}

/** Takes CJK punctuation next to a CJK run, and curly quotes around it, into the run. */
function extendCjkRun(run: { start: number; end: number }, chars: string[], floor: number, ceiling: number): void {
  let changed = true;
  while (changed) {
    changed = false;
    while (run.start > floor && cjkPunctuation.test(chars[run.start - 1] ?? '')) {
      run.start--;
      changed = true;
    }
    while (run.end < ceiling && cjkPunctuation.test(chars[run.end + 1] ?? '')) {
      run.end++;
      changed = true;
    }
    const before = chars[run.start - 1] ?? '';
    if (run.start > floor && run.end < ceiling && quotePairs[before] !== undefined) {
      if (quotePairs[before] === chars[run.end + 1]) {
        run.start--;
        run.end++;
        changed = true;
      }
    }
  }
}
