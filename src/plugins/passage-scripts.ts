/**
 * The text side of rehype-lang-passages.ts: which configured locale wrote a character, read off its
 * Unicode script (`\p{Script=Han}`, `\p{Script=Latin}`), and which runs of a text are another
 * locale's, long enough to be marked. No hast here: the plugin applies this to a tree's text.
 */

/** What rehype-lang-passages needs of a configured locale (the site config's locales fit). */
export interface PassageLocale {
  /** Locale code, as in frontmatter `language` (`en`, `zh`). */
  readonly code: string;
  /** BCP 47 tag written on passages in this locale (`zh-Hans`). */
  readonly htmlLang: string;
  /** Unicode script names (`\p{Script=…}`) the locale is written in. */
  readonly scripts: readonly string[];
}

/**
 * Weight of a letter of an alphabetic script against one CJK character. Raw letter counts would let
 * one English name outweigh a Chinese sentence (`世界知识产权组织（World Intellectual Property
 * Organization）…` has more Latin letters than Han characters), so letters are weighed by roughly how
 * long they take to read: a CJK character is a syllable, an English syllable is about three letters.
 */
export const alphabeticLetterWeight = 1 / 3;

// Scripts written with ideographs or syllabaries: their runs join across any punctuation and digits
// (`自2017年起`, `创新,是`) and take the CJK punctuation around them.
const cjkScripts = new Set(['Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Hangul']);

/** CJK symbols and punctuation, and fullwidth / vertical / small form punctuation (`，。、（）「」：`). */
const cjkPunctuation = /[\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;

/** Quotation marks shared by both writing systems: taken into a CJK run only as a pair around it. */
const quotePairs: Readonly<Record<string, string>> = { '“': '”', '‘': '’' };

const letterPattern = /\p{L}/u;
const markPattern = /\p{M}/u;

/** A locale as a writing system. */
export interface Script {
  /** The locale. */
  readonly locale: PassageLocale;
  /** Matches a letter of the locale's scripts. */
  readonly letter: RegExp;
  /** Whether it is written with ideographs or syllabaries (see {@link cjkScripts}). */
  readonly cjk: boolean;
  /** Latin-script runs need this many words: single acronyms and names (PCT, WIPO) read fine in CJK text. */
  readonly minWords: number;
  /** What one letter weighs when a block's language is decided. */
  readonly weight: number;
}

/** The locale as a {@link Script}; throws for a script name JavaScript's regular expressions do not know. */
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

/** The site's locales compiled for reading text: their scripts, and which of them wrote a character. */
export interface Judge {
  readonly scripts: readonly Script[];
  /** A character's locale, preferring the context's own when scripts are shared (en and fr: Latin). */
  classify(char: string, context: number): CharClass;
  /** The locale a BCP 47 tag names (`zh-Hans`, `zh-CN`, `zh` → zh), if any. */
  localeOf(tag: string): number | undefined;
}

/** The {@link Judge} of `locales` (at least one; `rehypeLangPassages` throws for none or an unknown script). */
export function judgeOf(locales: readonly PassageLocale[]): Judge {
  const scripts = locales.map(compile);
  if (scripts.length === 0) throw new Error('rehypeLangPassages: `locales` needs at least one locale');
  // Indexes of the locales whose scripts include a character, cached: articles repeat few characters.
  const cache = new Map<string, readonly number[]>();
  const localesOf = (char: string): readonly number[] => {
    let found = cache.get(char);
    if (!found) {
      found = letterPattern.test(char)
        ? scripts.flatMap((script, index) => (script.letter.test(char) ? [index] : []))
        : [nonLetter];
      cache.set(char, found);
    }
    return found;
  };
  return {
    scripts,
    classify(char, context) {
      const found = localesOf(char);
      if (found[0] === nonLetter) return nonLetter;
      if (found.includes(context)) return context;
      return found[0] ?? foreignLetter;
    },
    localeOf(tag) {
      const script = scriptForTag(tag, scripts);
      return script ? scripts.indexOf(script) : undefined;
    },
  };
}

/** A run of another locale's letters in a text, by character index (both ends included). */
export interface Run {
  start: number;
  end: number;
  readonly script: Script;
}

/**
 * The runs of letters of locales other than `context` in `chars`, each long enough to mark; CJK runs
 * take in the punctuation and quotes around them, up to their neighbours.
 */
export function findRuns(chars: readonly string[], context: number, judge: Judge): Run[] {
  const classes = chars.map((char) => judge.classify(char, context));
  const runs: Run[] = [];
  let i = 0;
  while (i < chars.length) {
    const cls = classes[i] ?? nonLetter;
    const script = cls >= 0 && cls !== context ? judge.scripts[cls] : undefined;
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
  runs.forEach((run, index) => {
    if (!run.script.cjk) return;
    const floor = (runs[index - 1]?.end ?? -1) + 1;
    const ceiling = (runs[index + 1]?.start ?? chars.length) - 1;
    extendCjkRun(run, chars, floor, ceiling);
  });
  return runs;
}

/** Number of whitespace-separated words holding a letter. */
function wordCount(passage: string): number {
  return passage.split(/\s+/u).filter((word) => letterPattern.test(word)).length;
}

/** Takes CJK punctuation next to a CJK run, and curly quotes around it, into the run. */
function extendCjkRun(run: Run, chars: readonly string[], floor: number, ceiling: number): void {
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
