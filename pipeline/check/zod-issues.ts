/** Turning zod's validation issues into problems an editor can act on. */
import type { z } from 'astro/zod';
import { didYouMean } from '#lib/suggest.ts';

/** A validation issue reduced to a path and an editor-facing message. */
export interface FieldIssue {
  /** Path of the field in the data. */
  readonly path: readonly PropertyKey[];
  /** What is wrong, with a fix hint. */
  readonly message: string;
}

/** Renders a path the way editors see fields: `speakers[1].role`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out || '(frontmatter)';
}

/** Every field name a schema knows, at any depth: the vocabulary for "did you mean" hints. */
export function knownFieldNames(schema: z.ZodType): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (s: unknown): void => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    const shape = def['shape'] as Record<string, unknown> | undefined;
    if (shape) {
      for (const [key, child] of Object.entries(shape)) {
        names.add(key);
        walk(child);
      }
    }
    for (const key of ['innerType', 'element', 'in', 'out', 'schema']) walk(def[key]);
    const options = def['options'];
    if (Array.isArray(options)) options.forEach(walk);
  };
  walk(schema);
  return names;
}

/** Picks the union branch that got furthest, so the message is about what the editor meant. */
function bestBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] {
  let best: readonly z.core.$ZodIssue[] = branches[0] ?? [];
  let bestScore = -1;
  for (const issues of branches) {
    const depth = Math.max(0, ...issues.map((i) => i.path.length));
    const typeOnly = issues.every((i) => i.code === 'invalid_type' && i.path.length === 0);
    const score = depth * 2 + (typeOnly ? 0 : 1);
    if (score > bestScore) {
      best = issues;
      bestScore = score;
    }
  }
  return best;
}

/** Names a JavaScript value's type the way YAML users think of it. */
function yamlType(input: unknown): string {
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Date) return 'a date';
  switch (typeof input) {
    case 'string':
      return `the text "${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
    case 'number':
      return `the number ${String(input)}`;
    case 'boolean':
      return `${String(input)}`;
    case 'object':
      return 'a map of fields';
    default:
      return typeof input;
  }
}

/** What zod's `expected` type means in YAML terms. */
const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map of fields (indented "key: value" lines)',
  array: 'a list ("- item" lines)',
  date: 'a date',
};

/** Flattens zod issues into field issues with editor-facing messages. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  vocabulary: ReadonlySet<string>,
  prefix: readonly PropertyKey[] = [],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'invalid_union':
        out.push(...describeIssues(bestBranch(issue.errors), vocabulary, path));
        break;
      case 'unrecognized_keys':
        // A schema may word this itself (e.g. unknown language keys); zod's default wording is replaced.
        for (const key of issue.keys) {
          out.push({
            path: [...path, key],
            message: issue.message.startsWith('Unrecognized key')
              ? `unknown field "${key}".${didYouMean(key, vocabulary) || ' Remove it or check its spelling.'}`
              : issue.message,
          });
        }
        break;
      case 'invalid_type': {
        const input = (issue as { input?: unknown }).input;
        const custom = !issue.message.startsWith('Invalid input');
        if (custom) out.push({ path, message: issue.message });
        else if (input === undefined) out.push({ path, message: `${fieldName(path)} is missing` });
        else
          out.push({ path, message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${yamlType(input)}` });
        break;
      }
      default:
        out.push({ path, message: issue.message });
    }
  }
  return out;
}
