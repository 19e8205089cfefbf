/**
 * To-dos left in articles: `npm run new` and `npm run import` write placeholders starting with `TODO`
 * (titles to translate, summaries to write, photos to add), and editors write their own. The checker
 * reports each as a warning, so a draft may carry them while the editor sees what is left.
 */

/** One to-do found in a frontmatter value. */
export interface FrontmatterTodo {
  /** Path of the value in the data, e.g. `['speakers', 0, 'role']`. */
  readonly path: readonly PropertyKey[];
  /** The value, shortened for the report. */
  readonly text: string;
}

/** One to-do found on a body line. */
export interface BodyTodo {
  /** 0-based index of the line in the body. */
  readonly index: number;
  /** 1-based column where `TODO` starts. */
  readonly column: number;
  /** The line, shortened for the report. */
  readonly text: string;
}

/** Longest excerpt printed: enough to recognise the to-do, short enough for one report line. */
const MAX_EXCERPT = 80;

// A value that starts with the word TODO (case-sensitive: "Todo" in prose is not a marker).
const VALUE_TODO = /^TODO(?![\p{L}\p{N}_])/u;
// The word TODO anywhere on a body line (`TODO:`, `<!-- TODO photo`), not inside a longer word.
const LINE_TODO = /(?<![\p{L}\p{N}_])TODO(?![\p{L}\p{N}_])/u;

/** Whitespace collapsed and long text cut with an ellipsis, for one-line messages. */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Every string value at any depth of parsed frontmatter that starts with `TODO`, in document order. */
export function frontmatterTodos(data: unknown): FrontmatterTodo[] {
  const found: FrontmatterTodo[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === 'string') {
      if (VALUE_TODO.test(value.trimStart())) found.push({ path, text: excerpt(value) });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(data, []);
  return found;
}

/** Every body line containing the word `TODO`. */
export function bodyTodos(body: string): BodyTodo[] {
  const found: BodyTodo[] = [];
  body.split(/\r?\n/).forEach((line, index) => {
    const match = LINE_TODO.exec(line);
    if (match) found.push({ index, column: match.index + 1, text: excerpt(line) });
  });
  return found;
}
