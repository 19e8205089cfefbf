/** YAML parsing that keeps positions, so every problem can name its line and column. */
import { CORE_SCHEMA, load } from 'js-yaml';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A place in a file. */
export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** Parsed YAML with a way back from a data path to the source position. */
export interface ParsedYaml {
  /** The plain data. */
  readonly data: unknown;
  /** Position of the key (for a map field) or item (for a list entry) that `path` names. */
  readonly locate: (path: readonly PropertyKey[]) => Position;
}

/** A YAML syntax problem. */
export interface YamlError extends Position {
  /** What the parser objects to, in plain words. */
  readonly message: string;
}

/** Aliases beyond this count are an attack ("billion laughs"), not content. */
const MAX_ALIASES = 50;

/** What `parseYaml` returns: the data, or every syntax error with its position. */
export type YamlResult = { ok: true; value: ParsedYaml } | { ok: false; errors: YamlError[] };

/** An alias (`*name`) outside quotes, roughly: such files take the careful parser, which counts them. */
const ALIAS = /(?:^|[\s,[{:-])\*[^\s*]/m;

/**
 * Parses YAML text; returns every syntax error with its position instead of throwing.
 * Most files are fine, so they are read first with js-yaml (the parser Astro's build uses, about
 * 3× faster, no positions); the positions of a valid file are only computed, by `yaml`, the first
 * time a problem needs one. A file js-yaml refuses, or one with aliases, is read by `yaml` at once.
 */
export function parseYaml(text: string): YamlResult {
  if (!ALIAS.test(text)) {
    let data: unknown;
    try {
      data = load(text, { schema: CORE_SCHEMA });
    } catch {
      return parseYamlWithPositions(text);
    }
    let careful: YamlResult | undefined;
    const locate = (path: readonly PropertyKey[]): Position => {
      careful ??= parseYamlWithPositions(text);
      return careful.ok ? careful.value.locate(path) : { line: 1, column: 1 };
    };
    return { ok: true, value: { data, locate } };
  }
  return parseYamlWithPositions(text);
}

/** Parses YAML with `yaml`, keeping every node's position. */
function parseYamlWithPositions(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ ...at(e.pos[0]), message: yamlMessage(e.code, e.message) })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          column: 1,
          message: /alias/i.test(String(error))
            ? `too many YAML aliases (*name): a file may expand at most ${MAX_ALIASES}; write the values out instead`
            : `the YAML could not be read: ${String(error)}`,
        },
      ],
    };
  }
  return { ok: true, value: { data, locate: (path) => locateIn(doc, path, at) } };
}

/** Editor-friendly wording for the YAML parser's error codes. */
function yamlMessage(code: string, raw: string): string {
  const first = raw.split('\n')[0] ?? raw;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'this field appears twice: keep one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return `YAML syntax: ${first} (check indentation, a missing ":" or an unclosed quote or bracket)`;
    case 'MULTILINE_IMPLICIT_KEY':
      return 'YAML syntax: a value runs over several lines; put it in quotes or check the indentation of the next line';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'YAML syntax: a field is missing its ":" or a value containing ": " needs quotes';
    default:
      return `YAML syntax: ${first}`;
  }
}

/** Walks the document along `path`, returning the deepest position found. */
function locateIn(doc: Document, path: readonly PropertyKey[], at: (offset: number) => Position): Position {
  let node: unknown = doc.contents;
  let pos: Position = node && (node as Node).range ? at((node as Node).range![0]) : { line: 1, column: 1 };
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) pos = at(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      if ((item as Node).range) pos = at((item as Node).range![0]);
      node = item;
    } else {
      break;
    }
  }
  return pos;
}
