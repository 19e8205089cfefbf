/**
 * The one YAML reader of the project: `npm run check`, the editor commands and the build's content
 * loaders (src/loaders/) all read frontmatter and registry files through `parseYaml`, so they cannot
 * disagree about a value. It keeps positions, so every problem can name its line and column.
 *
 * The rules, for editors: the YAML 1.2 core schema (plain text, numbers, true/false, null, lists and
 * maps; an unquoted `2024-04-30` stays the text "2024-04-30" and the schemas parse it as a date);
 * no tags beyond the core ones (`!!js/function`, `!!binary`, `!foo` are refused); no control
 * characters; no merge keys (`<<: *name`); one document per file; at most 32 levels of lists and
 * maps inside each other, checked without recursion so that no input can overflow the stack.
 */
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { Composer, isAlias, isMap, isScalar, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';
import { DEPTH_MESSAGE, MAX_YAML_DEPTH, refusedNodes, tooDeepToken } from './yaml-refusals.ts';

/** How many lists and maps may sit inside each other (the top-level fields count as one); see yaml-refusals.ts. */
export { MAX_YAML_DEPTH };

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

/** What `parseYaml` returns: the data, or every syntax error with its position. */
export type YamlResult = { ok: true; value: ParsedYaml } | { ok: false; errors: YamlError[] };

/** Aliases beyond this count are an attack ("billion laughs"), not content. */
const MAX_ALIASES = 50;

/** A broken file gets at most this many messages: past the first few, they are echoes of one slip. */
const MAX_ERRORS = 10;

/**
 * js-yaml's options: the core schema (no timestamps, no `!!binary`), and its depth limit, which
 * counts every node (a scalar in the deepest list too), hence the one more.
 * (`maxDepth` is missing from @types/js-yaml; js-yaml 4.3 reads it.)
 */
const JS_YAML_OPTIONS = { schema: CORE_SCHEMA, maxDepth: MAX_YAML_DEPTH + 1 };

const MULTIPLE_DOCUMENTS_MESSAGE = "a file holds one set of fields: remove the second '---' block";

/** An alias (`*name`) outside quotes, roughly: such files take the careful parser, which counts them. */
const ALIAS = /(?:^|[\s,[{:-])\*[^\s*]/m;

/**
 * Characters no field may contain: C0 controls except tab and line breaks, DEL, C1 controls, and the
 * non-characters U+FFFE/U+FFFF. Invisible in most editors, and NUL ends strings in C tools.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/**
 * Parses YAML text; returns every problem with its position instead of throwing.
 * Most files are fine, so they are read first with js-yaml (about 3× faster than `yaml`, no
 * positions); the positions of a valid file are only computed, by `yaml`, the first time a problem
 * needs one. A file js-yaml refuses, or one with aliases or merge keys, is read by `yaml` at once,
 * which explains what is wrong and where.
 */
export function parseYaml(text: string): YamlResult {
  const control = CONTROL.exec(text);
  if (control) return failAt(text, control.index, controlMessage(control[0]));
  let data: unknown;
  try {
    data = load(text, JS_YAML_OPTIONS);
  } catch (error) {
    // Refused here, before `yaml` (which recurses per level) ever sees a deeply nested text.
    if (error instanceof YAMLException && /maxDepth/.test(error.reason)) {
      return {
        ok: false,
        errors: [{ line: error.mark.line + 1, column: error.mark.column + 1, message: DEPTH_MESSAGE }],
      };
    }
    return parseYamlWithPositions(text);
  }
  // js-yaml keeps an alias as a shared reference (the expansion happens later, in validation and
  // serialisation) and reads `<<` as a plain key: both are `yaml`'s to judge.
  if (ALIAS.test(text) || text.includes('<<')) return parseYamlWithPositions(text);
  let careful: YamlResult | undefined;
  const locate = (path: readonly PropertyKey[]): Position => {
    careful ??= parseYamlWithPositions(text);
    return careful.ok ? careful.value.locate(path) : { line: 1, column: 1 };
  };
  return { ok: true, value: { data, locate } };
}

/** The 1-based position of a character offset (for the rare failures js-yaml or the scan find). */
function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** A result with one error at a character offset. */
function failAt(text: string, offset: number, message: string): YamlResult {
  return { ok: false, errors: [{ ...positionOf(text, offset), message }] };
}

/** The editor's message for a control character. */
function controlMessage(char: string): string {
  const code = char.charCodeAt(0);
  const name = ({ 0x00: ' (NUL)', 0x1b: ' (ESC)', 0x7f: ' (DEL)' } as Record<number, string>)[code] ?? '';
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `an invisible control character U+${hex}${name} is not allowed in the fields: delete it (retype the text around it if your editor does not show it)`;
}

/** Parses YAML with `yaml`, keeping every node's position. */
function parseYamlWithPositions(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // The parser keeps its own stack (no recursion); the composer recurses once per level, so the
  // depth is measured on the parser's tokens first.
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const documents = tokens.filter((t) => t.type === 'document');
  const second = documents[1];
  if (second) return { ok: false, errors: [{ ...at(second.offset), message: MULTIPLE_DOCUMENTS_MESSAGE }] };
  const deep = tooDeepToken(tokens);
  if (deep) return { ok: false, errors: [{ ...at(deep.offset), message: DEPTH_MESSAGE }] };
  let doc: Document.Parsed | undefined;
  // The core schema whatever the file says: a `%YAML 1.1` line would otherwise switch on timestamps
  // (Dates), `yes`/`no` booleans and merge keys, reading the file differently from js-yaml.
  const composer = new Composer({ uniqueKeys: true, version: '1.2', schema: 'core', merge: false });
  for (const composed of composer.compose(tokens, true, text.length)) doc ??= composed;
  if (!doc) return { ok: true, value: { data: null, locate: () => ({ line: 1, column: 1 }) } };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors
        .slice(0, MAX_ERRORS)
        .map((e) => ({ ...at(e.pos[0]), message: yamlMessage(e.code, e.message) })),
    };
  }
  const refused = refusedNodes(doc, text);
  if (refused.length > 0) {
    return { ok: false, errors: refused.slice(0, MAX_ERRORS).map((r) => ({ ...at(r.offset), message: r.message })) };
  }
  const parsed = doc;
  let data: unknown;
  try {
    data = parsed.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          column: 1,
          message: /excessive alias/i.test(String(error))
            ? `too many YAML aliases (*name): a file may expand at most ${MAX_ALIASES}; write the values out instead`
            : `the YAML could not be read: ${String(error)}`,
        },
      ],
    };
  }
  return { ok: true, value: { data, locate: (path) => locateIn(parsed, path, at) } };
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
