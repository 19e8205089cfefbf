/**
 * Turning a content file's bytes into text and frontmatter, with exact line numbers. Shared by the
 * checker, the editor commands and the build's loaders, so that all of them split a file the same way.
 * A UTF-8 BOM and CRLF line endings are accepted; anything that is not UTF-8 is refused.
 *
 * The split itself is gray-matter's (the closing delimiter, the raw frontmatter), used for the split
 * only: its YAML engine is replaced by a no-op and `parseYaml` (yaml.ts) reads `yaml` afterwards,
 * because every caller needs that parser's own result (each problem with its file line and column,
 * dates kept as text) and the checker reports a broken delimiter and broken YAML as different
 * problems; gray-matter would also run its engine only on a non-blank block, and on a file whose
 * delimiters are about to be refused. What gray-matter does not do is hand-written here: line
 * numbers (from the length of its `matter`), and the project's stricter rule for the delimiter lines
 * (gray-matter reads `----` as "no frontmatter" and `--- yaml` as a language tag; both are refused).
 */
import matter from 'gray-matter';

/** Decoded text, or where the first byte that is not UTF-8 sits. */
export type DecodeResult = { ok: true; text: string } | { ok: false; line: number; message: string };

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly (dropping a BOM); on failure names the first line with a bad byte. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: fatalDecoder.decode(bytes) };
  } catch {
    // Find the line: decode line by line until one fails. Only runs on broken files.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          fatalDecoder.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    return {
      ok: false,
      line,
      message: 'the file is not UTF-8 text (perhaps saved as GBK, Big5 or Latin-1): re-save it with UTF-8 encoding',
    };
  }
}

/** An article split into frontmatter and body. */
export interface SplitArticle {
  /** The frontmatter YAML, padded so that its line numbers are the file's line numbers. */
  readonly yaml: string;
  /** The Markdown body after the closing `---`. */
  readonly body: string;
  /** 1-based file line on which the body starts. */
  readonly bodyLine: number;
}

/** Why a Markdown file's frontmatter cannot be split off: the file line at fault, and what to do. */
export interface SplitProblem {
  readonly ok: false;
  /** 1-based file line. */
  readonly line: number;
  /** What is wrong with the delimiters and how to fix it. */
  readonly message: string;
}

/** The opening delimiter, and the line start gray-matter looks for to close the fields. */
const OPEN = '---';
const CLOSE = '\n---';

/**
 * gray-matter with an options object, which also turns off its cache: that cache keeps every file's
 * text and result by content, for the life of the process (10,000 stories held twice over in a
 * check). The YAML engine only runs on non-blank frontmatter and its result is not used.
 */
const SPLIT_ONLY = { engines: { yaml: (): object => ({}) } };

/**
 * Where the fields end: the line break before the first line starting with `---`, or the text's
 * length. gray-matter closes at the first "\n---" after the opening line, so it is shown the text
 * cut just past the first one: it finds the same line, and copies and hashes only the fields instead
 * of the whole article (it turns its input into a Buffer and looks it up in its cache, even with
 * options: 0.4 s of a 10,000-story check when given whole files).
 */
function closingIndex(text: string): number {
  const first = text.indexOf(CLOSE, OPEN.length);
  const look = first === -1 ? text : text.slice(0, first + CLOSE.length);
  return OPEN.length + matter(look, SPLIT_ONLY).matter.length;
}

/**
 * Splits `---` frontmatter from a Markdown file, or says what is wrong with the delimiters. The
 * build reads articles through this function too (src/loaders/articles.ts), so the rule is the
 * same everywhere: the first line is exactly `---` (after an optional byte order mark; trailing
 * spaces are allowed), and a line `---` closes the fields; a delimiter with more dashes or more
 * text (`----`, `--- yaml`) is refused at its line. Astro's own reader would also take leading blank
 * lines or `+++` (TOML) and close at any line starting with `---`; here these are refused with a
 * message instead of being read differently by the checker and the build.
 */
export function splitFrontmatter(raw: string): { ok: true; value: SplitArticle } | SplitProblem {
  // CRLF files (Windows editors) read like LF ones: a trailing "\r" would otherwise stick to the
  // last frontmatter value ("nobody\r") or break a flow list. Line numbers are unchanged.
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const firstEnd = text.indexOf('\n');
  const firstLine = firstEnd === -1 ? text : text.slice(0, firstEnd);
  // Checked before gray-matter sees the file: it would read `----` as a file without frontmatter,
  // and `--- yaml` (or `--- toml`) as the name of the fields' language.
  if (!/^---[ \t]*$/.test(firstLine)) return { ok: false, line: 1, message: openingProblem(text, firstLine) };
  // `matter` runs from after the opening `---` (its trailing spaces included, as no language follows)
  // to the first line that starts with `---`, which closes the fields and must be `---` itself:
  // `----` or `--- x` cannot be YAML there either, and passing over it would read the fields on into
  // the article's text, up to its first `---` rule.
  let close = closingIndex(text);
  let rest = closingRest(text, close);
  // The reader before gray-matter passed over a `---` line holding a lone carriage return or a
  // U+2028/U+2029 separator and closed at the next one; kept, so that no file's verdict changes.
  while (rest !== undefined && /[\r\u2028\u2029]/.test(rest)) {
    const next = text.indexOf(CLOSE, close + 1);
    close = next === -1 ? text.length : next;
    rest = closingRest(text, close);
  }
  if (rest === undefined) return unclosed(text, firstLine.length);
  // The YAML starts right after the opening `---` (with the line break), so its line 1 is the
  // file's line 1; the body starts after the closing line's break.
  const yaml = text.slice(firstLine.length, close);
  const bodyLine = yaml.split('\n').length + 2;
  if (!/^[ \t]*$/.test(rest)) {
    return { ok: false, line: bodyLine - 1, message: dashesProblem('close', `${OPEN}${rest}`.trim()) };
  }
  const bodyStart = close + CLOSE.length + rest.length + 1;
  return { ok: true, value: { yaml, body: text.slice(bodyStart), bodyLine } };
}

/** What follows `---` on the closing line that starts at `close` (its `\n`), or undefined if none does. */
function closingRest(text: string, close: number): string | undefined {
  if (close >= text.length) return undefined;
  const end = text.indexOf('\n', close + 1);
  return text.slice(close + CLOSE.length, end === -1 ? text.length : end);
}

/** Why fields opened at line 1 are never closed: an indented `---` that was meant to, or none at all. */
function unclosed(text: string, from: number): SplitProblem {
  const indented = /\n[ \t]+---[ \t]*(?:\n|$)/.exec(text.slice(from));
  if (indented) {
    return {
      ok: false,
      line: text.slice(0, from + indented.index + 1).split('\n').length,
      message: 'the closing "---" must start at the very beginning of its line: remove the spaces before it',
    };
  }
  return {
    ok: false,
    line: 1,
    message: 'the frontmatter is never closed: add a line "---" after the last field, before the article text',
  };
}

/** A delimiter line with more dashes or other characters after them (`----`, `--- yaml`). */
function dashesProblem(which: 'open' | 'close', written: string): string {
  const shown = written.length > 20 ? `${written.slice(0, 19)}…` : written;
  return `the frontmatter must ${which} with exactly three dashes: this line is "${shown}"; make it "---" alone`;
}

/** What is wrong with a first line that is not `---`, in the editor's terms. */
function openingProblem(text: string, firstLine: string): string {
  if (firstLine.trim() === '---') {
    return 'the opening "---" must start at the very beginning of line 1: remove the spaces before it';
  }
  if (firstLine.startsWith('---')) return dashesProblem('open', firstLine.trim());
  if (/^\s*\+\+\+\s*$/.test(firstLine)) {
    return 'frontmatter between "+++" lines (TOML) is not supported: write the fields as YAML between two "---" lines';
  }
  if (firstLine.trim() === '' && /^\s*---[ \t]*$/m.test(text)) {
    return 'the file must start with the line "---": remove the blank lines before it';
  }
  return 'the file must start with a line "---", then the frontmatter fields, then another "---" line';
}
