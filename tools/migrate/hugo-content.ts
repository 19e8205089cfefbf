/**
 * Reading one Hugo content file's front matter the way Hugo does, for `npm run migrate` (issue 15):
 * YAML between `---` lines, TOML between `+++` lines, or a JSON object `{…}` at the start of the
 * file, after any leading blank space (Hugo's page lexer skips it). Every failure names the file
 * line, so the migration report can say "file:line" instead of dropping a page.
 *
 * Hand-written, and why: gray-matter splits the delimited formats and runs the parsers as its
 * engines, but it closes the fields at the first line merely *starting* with the delimiter and, when
 * there is none, takes the whole file as front matter; so the text is cut past the first such line
 * before gray-matter sees it, and an unclosed block is refused here. It has no reader for Hugo's
 * JSON front matter (a bare object without delimiters), so that one is scanned here. YAML goes
 * through the project's reader (#lib/yaml.ts: dates stay text, errors carry lines), TOML through
 * smol-toml, whose dates are turned into their written text so that both formats give the same data.
 */
import matter from 'gray-matter';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseYaml } from '#lib/yaml.ts';
import type { FrontMatterFormat } from './source-page.ts';

/** A content file split into parsed front matter and Markdown body. */
export interface HugoFrontMatter {
  /** How the front matter was written. */
  readonly format: FrontMatterFormat;
  /** The parsed fields (empty without front matter). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The front matter text, padded with line breaks so that its line numbers are the file's. */
  readonly fields: string;
  /** The Markdown after the front matter. */
  readonly body: string;
  /** 1-based file line where the body starts. */
  readonly bodyLine: number;
}

/** Why a text could not be read: the 1-based line at fault and what is wrong. */
export interface TextProblem {
  readonly ok: false;
  /** 1-based line. */
  readonly line: number;
  /** What is wrong, in plain words. */
  readonly message: string;
}

/** A parse result: the value, or the line at fault. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | TextProblem;

/** The data formats of Hugo's configuration and front matter. */
export type DataFormat = 'yaml' | 'toml' | 'json';

/** Thrown by the gray-matter engines to carry a line out of gray-matter. */
class LineError extends Error {
  /** 1-based line of the text at fault. */
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/**
 * Parses a whole YAML, TOML or JSON text into a map (Hugo's configuration files and its front
 * matter), with the 1-based line of the first problem; a text that is not a map is refused.
 */
export function parseData(text: string, format: DataFormat): Parsed<Record<string, unknown>> {
  try {
    return { ok: true, value: toMap(parseOrThrow(text, format)) };
  } catch (error) {
    if (error instanceof LineError) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
}

/** The parsers behind `parseData`, throwing a `LineError`. */
function parseOrThrow(text: string, format: DataFormat): unknown {
  if (format === 'yaml') {
    const result = parseYaml(text);
    if (result.ok) return result.value.data ?? {};
    const first = result.errors[0];
    throw new LineError(first?.line ?? 1, `YAML: ${first?.message ?? 'cannot be read'}`);
  }
  if (format === 'toml') {
    try {
      return textDates(parseToml(text));
    } catch (error) {
      if (error instanceof TomlError) throw new LineError(error.line, `TOML: ${firstLine(error.message)}`);
      throw error;
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 names the line ("… (line 3 column 2)"); older engines only the offset.
    const line = /\(line (\d+)/.exec(message)?.[1];
    const position = /position (\d+)/.exec(message)?.[1];
    const at = line ? Number(line) : position ? text.slice(0, Number(position)).split('\n').length : 1;
    throw new LineError(at, `JSON: ${message}`);
  }
}

/** The value as a map, or a `LineError` saying what it is instead. */
function toMap(value: unknown): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new LineError(
    1,
    `expected a set of fields (key: value), found ${Array.isArray(value) ? 'a list' : typeof value}`,
  );
}

/** The first line of a (multi-line) parser message, which repeats the source text below it. */
function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * TOML dates (smol-toml's `TomlDate`, a `Date`) as the text they were written as (`2024-04-30`,
 * `2024-04-30T08:00:00+08:00`), as YAML dates stay text in the project's reader.
 */
function textDates(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(textDates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, textDates(item)]));
  }
  return value;
}

/** gray-matter's engines, with an options object (which also keeps gray-matter's cache off). */
const ENGINES = {
  engines: {
    yaml: (text: string): object => parseOrThrow(text, 'yaml') as object,
    toml: (text: string): object => parseOrThrow(text, 'toml') as object,
  },
};

/**
 * Splits and parses a content file's front matter (text already decoded; CRLF is read as LF, so the
 * body comes back with LF line breaks). A file without front matter is all body.
 */
export function readFrontMatter(raw: string): Parsed<HugoFrontMatter> {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const start = /^\s*/.exec(text)?.[0] ?? '';
  const lead = start.split('\n').length - 1;
  const rest = text.slice(start.length);
  const shift = (problem: TextProblem): TextProblem => ({ ...problem, line: problem.line + lead });
  try {
    if (rest.startsWith('---')) return shiftResult(readDelimited(rest, '---', 'yaml'), lead, shift);
    if (rest.startsWith('+++')) return shiftResult(readDelimited(rest, '+++', 'toml'), lead, shift);
    // `{{` opens a shortcode (`{{< figure >}}`) in a file without front matter, not JSON.
    if (rest.startsWith('{') && !rest.startsWith('{{')) return shiftResult(readJson(rest), lead, shift);
  } catch (error) {
    if (error instanceof LineError) return shift({ ok: false, line: error.line, message: error.message });
    throw error;
  }
  return { ok: true, value: { format: 'none', data: {}, fields: '', body: text, bodyLine: 1 } };
}

/** Moves a result read from after the leading blank lines back to the file's line numbers. */
function shiftResult(
  result: Parsed<HugoFrontMatter>,
  lead: number,
  shift: (problem: TextProblem) => TextProblem,
): Parsed<HugoFrontMatter> {
  if (!result.ok) return shift(result);
  const { value } = result;
  return { ok: true, value: { ...value, fields: '\n'.repeat(lead) + value.fields, bodyLine: value.bodyLine + lead } };
}

/** `---` YAML or `+++` TOML front matter at the start of `text`. */
function readDelimited(text: string, delimiter: string, format: 'yaml' | 'toml'): Parsed<HugoFrontMatter> {
  const openEnd = text.indexOf('\n');
  const open = openEnd === -1 ? text : text.slice(0, openEnd);
  if (open.trim() !== delimiter) {
    return { ok: false, line: 1, message: `the front matter must open with a line "${delimiter}" alone` };
  }
  const close = text.indexOf(`\n${delimiter}`, open.length);
  if (close === -1) {
    return { ok: false, line: 1, message: `the front matter opened by "${delimiter}" is never closed` };
  }
  const closeEnd = text.indexOf('\n', close + 1);
  const closeLine = text.slice(close + 1, closeEnd === -1 ? text.length : closeEnd);
  const fields = text.slice(open.length, close);
  const bodyLine = fields.split('\n').length + 2;
  if (closeLine.trim() !== delimiter) {
    return { ok: false, line: bodyLine - 1, message: `the front matter must close with a line "${delimiter}" alone` };
  }
  // gray-matter sees the text only up to the closing delimiter (see the header).
  const split = matter(text.slice(0, close + 1 + delimiter.length), {
    ...ENGINES,
    delimiters: delimiter,
    language: format,
  });
  const body = closeEnd === -1 ? '' : text.slice(closeEnd + 1);
  return { ok: true, value: { format, data: toMap(split.data), fields, body, bodyLine } };
}

/** Hugo's JSON front matter: one object at the start of the file, closed by its matching brace. */
function readJson(text: string): Parsed<HugoFrontMatter> {
  const end = matchingBrace(text);
  if (end === -1) return { ok: false, line: 1, message: 'the JSON front matter opened by "{" is never closed' };
  const fields = text.slice(0, end + 1);
  const data = toMap(parseOrThrow(fields, 'json'));
  const closingLine = fields.split('\n').length;
  // The body starts on the next line, or right after the brace if text follows it on its line.
  const after = /^[ \t]*(?:\n|$)/.exec(text.slice(end + 1));
  const body = after ? text.slice(end + 1 + after[0].length) : text.slice(end + 1);
  return { ok: true, value: { format: 'json', data, fields, body, bodyLine: after ? closingLine + 1 : closingLine } };
}

/** Index of the `}` closing the object that opens `text`, skipping strings; -1 if never closed. */
function matchingBrace(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return char === '}' ? i : -1;
    }
  }
  return -1;
}
