/**
 * Registry names mentioned in a story's body, for cross-language search. Pagefind finds a story by
 * the words of its own language only: an English story that names "Shen Changyu" in its text is not
 * found by 申长雨. So when the body of a story version mentions any name form of a speaker,
 * organisation, event or tag (any language, and an organisation's short names), the entry's other
 * forms join the story's searchable `facts` metadata (src/lib/story-view.ts), never its excerpts.
 *
 * Matching rules (what counts as a mention):
 * - A form with two or more Han characters (申长雨, 2024中关村论坛) matches as a substring: Chinese
 *   has no spaces between words. A single Han character (and a one-character form) never matches.
 * - Any other form needs at least {@link MIN_LATIN} characters (so "UN" and "EU" are never looked
 *   for) and matches at word boundaries: "Lin Xin" is not found in "Lin Xinyu". It matches without
 *   regard to case ("SHEN Changyu", "innovation" for the tag "Innovation"), except a form written in
 *   capitals only, an acronym, which matches exactly: "WHO" is not "who", "MOST" not "most".
 * - Whitespace runs count as one space and curly apostrophes as straight ones, in forms and text.
 * - Where forms overlap, the leftmost longest wins: 世界知识产权组织中国办事处 is the WIPO Office in
 *   China, not also WIPO.
 *
 * Hand-written rather than a library (no Aho–Corasick package is a dependency): forms are kept by
 * their first code unit (an array index) and their second (a Map), and the text is read once, one
 * code unit at a time, comparing forms only where one can start. The cost grows with the text,
 * whatever the registry's size: the 18,500 versions of a 10,000-story synthetic archive (60 M
 * characters of HTML, 1,468 name forms) take about 2 s of CPU, 0.1 ms a version.
 * tools/authoring/name-matcher.ts finds names for the import tool with stricter, slower rules
 * (case-sensitive, one regular expression per name): it fills frontmatter, where a wrong match
 * costs an editor's time, while here a wrong match costs one extra search hit.
 */

/** Text given per locale. */
type LocalizedText = Readonly<Record<string, string>>;

/** Every form of one registry entry's name: names in every language, short names. */
export type NameForms = readonly string[];

/** The registries whose names are looked for, as plain entries. */
export interface NamedRegistries {
  /** Speakers: a name per locale. */
  readonly speakers: Iterable<{ readonly data: { readonly name: LocalizedText } }>;
  /** Organisations: a name and short names per locale. */
  readonly organisations: Iterable<{
    readonly data: { readonly name: LocalizedText; readonly short?: LocalizedText | undefined };
  }>;
  /** Events: a name per locale. */
  readonly events: Iterable<{ readonly data: { readonly name: LocalizedText } }>;
  /** Tags: a label per locale. */
  readonly tags: Iterable<{ readonly data: { readonly label: LocalizedText } }>;
}

/** The fewest characters of a form without Han characters that is looked for. */
export const MIN_LATIN = 3;
/** The fewest Han characters of a form with Han characters that is looked for. */
export const MIN_HAN = 2;

/** The name forms of every registry entry, each entry's forms once, in registry order. */
export function registryNameForms(registries: NamedRegistries): NameForms[] {
  const entries: NameForms[] = [];
  const add = (...texts: (LocalizedText | undefined)[]) => {
    const forms = new Set<string>();
    for (const text of texts) for (const form of Object.values(text ?? {})) if (form.trim()) forms.add(form.trim());
    if (forms.size > 0) entries.push([...forms]);
  };
  for (const s of registries.speakers) add(s.data.name);
  for (const o of registries.organisations) add(o.data.name, o.data.short);
  for (const e of registries.events) add(e.data.name);
  for (const t of registries.tags) add(t.data.label);
  return entries;
}

const HAN_CHAR = /\p{Script=Han}/u;
const HAN_CHARS = /\p{Script=Han}/gu;
// A letter, mark or digit of a spaced script: where a Latin form may not begin or end. Han (and the
// other scripts written without spaces) are no word characters, so "会见Shen Changyu时" matches.
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const UNSPACED_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Word-character class per BMP code unit, filled on first sight: 1 word, 2 not. */
const WORD_UNITS = new Uint8Array(0x10000);

/** Whether the code unit at `at` belongs to a word of a spaced script (out of range: no). */
function isWordUnit(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdfff) {
    const char = String.fromCodePoint(text.codePointAt(code <= 0xdbff ? at : at - 1) ?? code);
    return WORD_CHAR.test(char) && !UNSPACED_CHAR.test(char);
  }
  let known = WORD_UNITS[code];
  if (!known) {
    const char = String.fromCharCode(code);
    known = WORD_CHAR.test(char) && !UNSPACED_CHAR.test(char) ? 1 : 2;
    WORD_UNITS[code] = known;
  }
  return known === 1;
}

/** Text and forms alike: whitespace runs as one space, curly apostrophes straight. */
export function normaliseNameText(text: string): string {
  // Single spaces, by far the most whitespace, are left alone: no copy of the text for them.
  return text.replace(/\s{2,}|[^\S ]/gu, ' ').replace(/[’‘ʼ]/gu, "'");
}

/** One findable form. */
interface Pattern {
  /** The form, normalised; lower-cased unless `exact`. */
  readonly text: string;
  /** Matched with its case (an acronym). */
  readonly exact: boolean;
  /** Must not be followed by a word character (the scan checks the start of every form). */
  readonly boundaryAfter: boolean;
  /** Index of its entry. */
  readonly entry: number;
  /** The form as the registry writes it. */
  readonly form: string;
}

/** The pattern of a form, or undefined when the form is too short to look for. */
function patternOf(form: string, entry: number): Pattern | undefined {
  const normal = normaliseNameText(form.trim());
  const han = normal.match(HAN_CHARS)?.length ?? 0;
  if (han > 0 ? han < MIN_HAN : [...normal].length < MIN_LATIN) return undefined;
  // A form starts or ends with a word character, or with Han; anything else (a bracket) cannot be
  // found where a scan looks, so the form is left out.
  const first = normal.charAt(0);
  if (!isWordUnit(normal, 0) && !HAN_CHAR.test(first)) return undefined;
  const exact = han === 0 && /\p{Lu}/u.test(normal) && !/\p{Ll}/u.test(normal);
  return {
    text: exact ? normal : lowerAligned(normal),
    exact,
    boundaryAfter: isWordUnit(normal, normal.length - 1),
    entry,
    form,
  };
}

/**
 * `text` lower-cased code unit for code unit, so that offsets agree with `text`: the few characters
 * whose lower case is longer or shorter (İ) are left as they are.
 */
function lowerAligned(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (char) => {
    const low = char.toLowerCase();
    return low.length === char.length ? low : char;
  }).join('');
}

/**
 * A finder of registry names in text: given every entry's forms, returns a function from a text
 * to the forms of the entries it mentions that the text does not itself contain, in the order of
 * the entries' first mention. Build it once per build; call it once per story version.
 */
export function nameMentionFinder(entries: readonly NameForms[]): (text: string) => string[] {
  // Patterns by their first code unit (an array index: most positions of a text are passed over
  // at once), then by their second.
  const byFirst: (Map<number, Pattern[]> | undefined)[] = Array.from({ length: 0x10000 }, () => undefined);
  entries.forEach((forms, entry) => {
    for (const form of forms) {
      const pattern = patternOf(form, entry);
      if (!pattern) continue;
      const lower = lowerAligned(pattern.text);
      const bySecond = (byFirst[lower.charCodeAt(0)] ??= new Map<number, Pattern[]>());
      const list = bySecond.get(lower.charCodeAt(1)) ?? [];
      list.push(pattern);
      bySecond.set(lower.charCodeAt(1), list);
    }
  });
  // Longest first, so the first pattern that matches at a position is the longest there.
  for (const bySecond of byFirst)
    for (const list of bySecond?.values() ?? []) list.sort((a, b) => b.text.length - a.text.length);

  return (raw) => {
    const text = normaliseNameText(raw);
    const lower = lowerAligned(text);
    const found = new Map<number, Set<string>>();
    for (let at = 0; at < text.length; at++) {
      const bySecond = byFirst[lower.charCodeAt(at)];
      if (bySecond === undefined) continue;
      // Inside a word of a spaced script, no form can start: those starting with a word character
      // need a boundary before them, and the others start with Han.
      if (isWordUnit(text, at) && isWordUnit(text, at - 1)) continue;
      const candidates = bySecond.get(lower.charCodeAt(at + 1));
      if (candidates === undefined) continue;
      for (const p of candidates) {
        if (!(p.exact ? text : lower).startsWith(p.text, at)) continue;
        const end = at + p.text.length;
        if (p.boundaryAfter && isWordUnit(text, end)) continue;
        const matched = found.get(p.entry) ?? new Set<string>();
        matched.add(p.form);
        found.set(p.entry, matched);
        at = end - 1;
        break;
      }
    }
    const forms: string[] = [];
    for (const [entry, matched] of found) {
      for (const form of entries[entry] ?? []) if (!matched.has(form)) forms.push(form);
    }
    return forms;
  };
}

/** Characters written as references in rendered HTML (hast-util-to-html writes `&#x26;` for &). */
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Elements inside a run of text: their tags vanish, so 申<em>长雨</em> reads 申长雨. */
const INLINE = new Set(
  'a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong time u var wbr'.split(' '),
);

/**
 * The text of rendered HTML, for finding names in: inline tags dropped, every other tag (blocks,
 * list items, cells, footnote marks) and comment read as a space, so names in adjacent cells do
 * not run together; character references resolved. Not a full HTML parser (a story body is markup
 * our own pipeline wrote): parsing 18,500 bodies into trees would cost minutes, this costs a pass.
 */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->|<\/?([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g, (_, name?: string) =>
      name !== undefined && INLINE.has(name.toLowerCase()) ? '' : ' ',
    )
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (whole, hex?: string, dec?: string, name?: string) => {
      if (name !== undefined) return NAMED_REFERENCES[name.toLowerCase()] ?? whole;
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}
