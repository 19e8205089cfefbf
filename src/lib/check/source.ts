/**
 * Turning a content file's bytes into text and frontmatter, with exact line numbers.
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

/** Splits `---` frontmatter from a Markdown file, or says what is wrong with the delimiters. */
export function splitFrontmatter(
  raw: string,
): { ok: true; value: SplitArticle } | { ok: false; line: number; message: string } {
  // CRLF files (Windows editors) read like LF ones: a trailing "\r" would otherwise stick to the
  // last frontmatter value ("nobody\r") or break a flow list. Line numbers are unchanged.
  const text = raw.replace(/\r\n/g, '\n');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.trim() !== '---') {
    return {
      ok: false,
      line: 1,
      message: 'the file must start with a line "---", then the frontmatter fields, then another "---" line',
    };
  }
  // A file with no closing delimiter is refused, rather than read as all frontmatter.
  const closing = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(firstLine.length));
  if (!closing) {
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
