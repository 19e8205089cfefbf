/**
 * The one typography rule of the site, for article bodies (src/plugins/remark-typography.ts, text
 * node by text node) and for every text outside them (titles, summaries, cover captions, registry
 * names: `typeset`, whole strings). Straight quotes become curly ones, `--` an em dash, `...` an
 * ellipsis, ``` ``x'' ``` curly double quotes; in Chinese, ASCII punctuation written between Han
 * characters (`指出,创新`, `他说:`, `(WIPO)` after a Han word) becomes its full-width form.
 * SmartyPants gets Chinese quotes wrong: a quote between two Han characters (`他说"你好"。`) has no
 * space to tell opening from closing, so it alternates within the text. Latin text, numbers and
 * code keep ASCII punctuation: only punctuation touching a Han character changes (`Python 3.12,
 * JSON` stays). Pure string functions: the source files are never changed, and the checker quotes
 * them as written.
 */

/** Where the walk through one block's text stands (a body block is read in several text nodes). */
export interface QuoteState {
  /** The character before the current position (`undefined` at the start of the block). */
  previous: string | undefined;
  /** Whether a double quote is open. */
  doubleOpen: boolean;
}

/** The replacements made before quotes are decided, in order (SmartyPants' defaults). */
const SEQUENCES: readonly (readonly [RegExp, string])[] = [
  [/``/g, '\u201c'],
  [/''/g, '\u201d'],
  [/---?/g, '\u2014'],
  [/\.\.\.|\. \. \./g, '\u2026'],
];

/** Characters after which a quote opens: nothing, space, an opening bracket or quote, a dash. */
const OPENS_AFTER = /[\s([{<\u2014\u2013\-\u201c\u2018\u300c\u300e\uff08]/u;
/** Characters before which a quote closes: nothing, space, punctuation. */
const CLOSES_BEFORE = /[\s\p{P}]/u;
/** A decade written short: `'80s`, whose apostrophe is never an opening quote. */
const DECADE = /^\d\ds/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A Han character (Chinese, and kanji). */
const HAN = /\p{Script=Han}/u;
/** A Latin letter or a digit. */
const LATIN = /[\p{Script=Latin}\p{N}]/u;
/** Full-width forms of the ASCII punctuation that Chinese text writes full width. */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '\uff0c',
  ':': '\uff1a',
  ';': '\uff1b',
  '?': '\uff1f',
  '!': '\uff01',
  '(': '\uff08',
  ')': '\uff09',
};
/** Sentence punctuation that follows a word (`,` `:` `;` `?` `!`). */
const STOPS = /[,:;?!]/;
/**
 * What may follow a stop that ends a Chinese clause: Han, a digit (`时间:2024年`), another stop
 * (`?!`), an opening quote or bracket, or the end of the text. A Latin letter means the sentence
 * goes on in a Latin language (`中国, China`), and the stop stays ASCII.
 */
const CHINESE_CONTINUES = /[\p{Script=Han}\p{N}\u201c\u2018\u300c\u300e\uff08,:;?!\p{Ps}]/u;
/** Han, or full-width punctuation that closes a Chinese clause: a stop after it is Chinese (`」,`). */
const CHINESE_CLOSER = /[\p{Script=Han}\u300d\u300f\uff09\u3002\uff01\uff1f]/u;

/** Curly form of the quote at `index` of `text`, judged by its neighbours. */
function curl(text: string, index: number, state: QuoteState): string {
  const quote = text[index];
  const next = text[index + 1];
  const { previous } = state;
  const opensHere = previous === undefined || OPENS_AFTER.test(previous);
  if (quote === '"') {
    let open: boolean;
    if (opensHere) open = true;
    else if (next === undefined || CLOSES_BEFORE.test(next)) open = false;
    // Word characters on both sides (Chinese has no spaces): the first quote opens, the next closes.
    else open = !state.doubleOpen;
    state.doubleOpen = open;
    return open ? '\u201c' : '\u201d';
  }
  // A single quote after a letter is an apostrophe (don't, the editors' desk) or a closing quote:
  // both are ’. After a space it opens, unless it shortens a decade ('80s).
  if (opensHere && next !== undefined && LETTER_OR_DIGIT.test(next) && !DECADE.test(text.slice(index + 1))) {
    return '\u2018';
  }
  return '\u2019';
}

/** The index of the first non-space character of `text` from `index` (`text.length` if none). */
function skipSpaces(text: string, index: number): number {
  let at = index;
  while (at < text.length && /[ \t]/.test(text[at] ?? '')) at++;
  return at;
}

/** What `widen` decided for one ASCII character: its full-width form, and the spaces around it that go. */
interface Widened {
  /** The full-width character. */
  readonly char: string;
  /** Spaces right after it that go (a full-width mark carries its own space). */
  readonly skip: number;
  /** Whether the spaces right before it go. */
  readonly trimBefore: boolean;
}

/**
 * The full-width form of the ASCII stop or bracket at `index` of `text`, or undefined when it stays
 * ASCII (no Chinese clause around it).
 */
function widen(text: string, index: number, previous: string | undefined): Widened | undefined {
  const char = text[index] ?? '';
  const full = FULL_WIDTH[char];
  if (full === undefined) return undefined;
  const next = text[index + 1];
  const hanBefore = previous !== undefined && HAN.test(previous);
  const after = skipSpaces(text, index + 1);
  const following = text[after];
  // Spaces between the full-width mark and a Han character go: `组织 (WIPO) 在` → `组织（WIPO）在`.
  const skip = following !== undefined && HAN.test(following) ? after - index - 1 : 0;
  if (STOPS.test(char)) {
    const clauseEnds =
      previous !== undefined &&
      CHINESE_CLOSER.test(previous) &&
      (following === undefined || CHINESE_CONTINUES.test(following));
    // `使用Python,创新` (no space on either side): the Latin word sits inside a Chinese sentence.
    const joinsHan = next !== undefined && HAN.test(next) && previous !== undefined && !/\s/.test(previous);
    return clauseEnds || joinsHan ? { char: full, skip, trimBefore: false } : undefined;
  }
  if (char === '(') {
    const close = text.indexOf(')', index + 1);
    const inner = close === -1 ? text.slice(index + 1) : text.slice(index + 1, close);
    const outside = close === -1 ? undefined : text[skipSpaces(text, close + 1)];
    const before = text.slice(0, index).trimEnd().at(-1) ?? (/\s/.test(previous ?? '') ? undefined : previous);
    const hanOutside = (before !== undefined && HAN.test(before)) || (outside !== undefined && HAN.test(outside));
    // Latin text beside the brackets (`Ouyang Jing (欧阳静) said`, `欧阳静 (Ouyang Jing) said`): an
    // English sentence, whose brackets stay.
    const latinOutside = [before, outside].some((c) => c !== undefined && LATIN.test(c));
    if (inner.includes('(') || latinOutside || !(hanOutside || HAN.test(inner))) return undefined;
    return { char: full, skip: 0, trimBefore: before !== undefined && HAN.test(before) };
  }
  // `)`: full width when its `(` was, or, with its `(` in another text node, when Han touches it.
  const open = Math.max(text.lastIndexOf('(', index), text.lastIndexOf('\uff08', index));
  const matched = open === -1 ? undefined : text[open];
  const wide = matched === '\uff08' || (matched === undefined && (hanBefore || (next !== undefined && HAN.test(next))));
  return wide ? { char: full, skip, trimBefore: false } : undefined;
}

/** The text with typographic punctuation, continuing `state` from the block's earlier text. */
export function educate(value: string, state: QuoteState): string {
  let text = value;
  for (const [pattern, replacement] of SEQUENCES) text = text.replace(pattern, replacement);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const wide = char === '"' || char === "'" ? undefined : widen(text, i, state.previous);
    if (wide) {
      if (wide.trimBefore) out = out.trimEnd();
      out += wide.char;
      // Written back, so a later `)` sees its `(` was widened; the spaces it takes up are dropped.
      text = text.slice(0, i) + wide.char + text.slice(i + 1 + wide.skip);
      state.previous = wide.char;
      continue;
    }
    out += char === '"' || char === "'" ? curl(text, i, state) : char;
    state.previous = char;
  }
  return out;
}

/** `text` (a title, summary, caption, name, UI string) with typographic punctuation, read as one block. */
export function typeset(text: string): string {
  return educate(text, { previous: undefined, doubleOpen: false });
}

/**
 * `value` with only the Chinese punctuation part of the rule applied (the same `widen` as
 * {@link educate}: ASCII `, : ; ? ! ( )` touching Han become full width), and how many marks changed.
 * For tools that write source files (`npm run import`): quotes, dashes and ellipses stay as written
 * there, since the renderer typesets them on every build anyway.
 */
export function widenChinesePunctuation(value: string): { readonly text: string; readonly changed: number } {
  let text = value;
  let out = '';
  let previous: string | undefined;
  let changed = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const wide = widen(text, i, previous);
    if (wide) {
      if (wide.trimBefore) out = out.trimEnd();
      out += wide.char;
      text = text.slice(0, i) + wide.char + text.slice(i + 1 + wide.skip);
      previous = wide.char;
      changed++;
      continue;
    }
    out += char;
    previous = char;
  }
  return { text: out, changed };
}

/** The prose of an article's frontmatter that pages, feeds, search and share cards show besides the body. */
export interface ShownArticleText {
  readonly title: string;
  readonly summary: string;
  readonly cover?:
    { readonly alt: string; readonly caption?: string | undefined; readonly credit?: string | undefined } | undefined;
  /** Speakers: ids (references) or `{ id, role }`, whose role the story page shows. */
  readonly speakers?: readonly unknown[] | undefined;
  /** Corrections, whose text the article, feeds and JSON-LD show. */
  readonly corrections?: readonly { readonly text: string }[] | undefined;
}

/** A speaker entry with its story role typeset; an entry without a role as it is. */
function typesetRole(entry: unknown): unknown {
  if (entry === null || typeof entry !== 'object' || !('role' in entry)) return entry;
  const { role } = entry as { readonly role?: unknown };
  return typeof role === 'string' ? { ...entry, role: typeset(role) } : entry;
}

/**
 * `data` with its shown prose typeset (title, summary, cover alt text, caption, credit, speakers'
 * story roles, correction texts); the rest as is.
 */
export function typesetArticleText<D extends ShownArticleText>(data: D): D {
  const { cover, speakers, corrections } = data;
  return {
    ...data,
    title: typeset(data.title),
    summary: typeset(data.summary),
    ...(cover && {
      cover: {
        ...cover,
        alt: typeset(cover.alt),
        ...(cover.caption !== undefined && { caption: typeset(cover.caption) }),
        ...(cover.credit !== undefined && { credit: typeset(cover.credit) }),
      },
    }),
    ...(speakers && { speakers: speakers.map(typesetRole) }),
    ...(corrections && { corrections: corrections.map((c) => ({ ...c, text: typeset(c.text) })) }),
  };
}
