/**
 * Turning a content file's bytes into text and frontmatter, with exact line numbers. Shared by the
 * checker, the editor commands and the build's loaders, so that all of them split a file the same way.
 * A UTF-8 BOM and CRLF line endings are accepted; anything that is not UTF-8 is refused.
 */
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
  if (!/^---[ \t]*$/.test(firstLine)) return { ok: false, line: 1, message: openingProblem(text, firstLine) };
  // The first line after the opening that starts with `---` closes the fields, and must be `---`
  // itself: `----` or `--- x` cannot be YAML there either, and passing over it would read the fields
  // on into the article's text, up to its first `---` rule.
  const closing = /\n---(.*)(?:\n|$)/.exec(text.slice(firstLine.length));
  if (closing && !/^[ \t]*$/.test(closing[1] ?? '')) {
    const line = text.slice(0, firstLine.length + closing.index + 1).split('\n').length;
    return { ok: false, line, message: dashesProblem('close', closing[0].trim()) };
  }
  if (!closing) {
    const indented = /\n[ \t]+---[ \t]*(?:\n|$)/.exec(text.slice(firstLine.length));
    if (indented) {
      return {
        ok: false,
        line: text.slice(0, firstLine.length + indented.index + 1).split('\n').length,
        message: 'the closing "---" must start at the very beginning of its line: remove the spaces before it',
      };
    }
    return {
      ok: false,
      line: 1,
      message: 'the frontmatter is never closed: add a line "---" after the last field, before the article text',
    };
  }
  // The YAML starts right after the opening `---` (with the line break), so its line 1 is the
  // file's line 1; the body starts after the closing line's break.
  const start = firstLine.length;
  const yaml = text.slice(start, start + closing.index);
  const bodyLine = yaml.split('\n').length + 2;
  return { ok: true, value: { yaml, body: text.slice(start + closing.index + closing[0].length), bodyLine } };
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
