/**
 * Reading one content file for the checker, each stage reporting its own problems: the bytes (size,
 * encoding), the YAML, the fields against the collection's schema, and an image a field names.
 * Each stage hands on whatever could be read, so that one problem hides no other.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { articleSchema } from '#schemas/article.ts';
import { eventSchema } from '#schemas/event.ts';
import { organisationSchema } from '#schemas/organisation.ts';
import { speakerSchema } from '#schemas/speaker.ts';
import { tagSchema } from '#schemas/tag.ts';
import { decodeUtf8 } from '#lib/source.ts';
import { parseYaml, type ParsedYaml, type Position } from '#lib/yaml.ts';
import { AT_START, type CheckRun } from './check-run.ts';
import type { RegistryIds } from './discover.ts';
import { imageProblem } from './images.ts';
import { readableFields } from './partial.ts';
import { toolSchemaContext } from './schema-context.ts';
import { describeIssues, fieldName, knownFieldNames } from './zod-issues.ts';

/** Finds the line and column of a field of a parsed file. */
export type Locate = (path: readonly PropertyKey[]) => Position;

/** The schema of each collection, with the field names it knows (for "did you mean" on unknown fields). */
export interface CheckerSchemas {
  /** The schemas, their references checked against the registry's ids. */
  readonly schemas: {
    readonly articles: z.ZodType;
    readonly speakers: z.ZodType;
    readonly organisations: z.ZodType;
    readonly events: z.ZodType;
    readonly tags: z.ZodType;
  };
  /** The field names each schema knows. */
  readonly vocabulary: Readonly<Record<keyof CheckerSchemas['schemas'], ReadonlySet<string>>>;
}

/** The schemas of the build, with the checker's reference(): the id must exist; a near miss gets a suggestion. */
export function checkerSchemas(run: CheckRun, ids: RegistryIds): CheckerSchemas {
  const context = toolSchemaContext({ locales: run.locales, timeZone: run.config.timeZone, ids });
  const schemas = {
    articles: articleSchema(context),
    speakers: speakerSchema(context),
    organisations: organisationSchema(context),
    events: eventSchema(context),
    tags: tagSchema(context),
  } satisfies Record<string, z.ZodType>;
  const vocabulary = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, knownFieldNames(schema)]),
  ) as Record<keyof typeof schemas, Set<string>>;
  return { schemas, vocabulary };
}

/** Reads a file's bytes and decodes them, reporting size and encoding problems; undefined when unreadable. */
export function readText(run: CheckRun, rel: string, maxBytes: number): string | undefined {
  const abs = path.join(run.contentDir, rel);
  // One open for size and bytes, read synchronously: for thousands of small files the promise
  // API's round trips through the thread pool cost more than the reads (half the check's time).
  const fd = openSync(abs, 'r');
  let bytes: Buffer;
  try {
    const { size } = fstatSync(fd);
    if (size === 0) {
      run.report(rel, AT_START, 'error', '(file)', 'the file is empty: add its fields, or delete it');
      return undefined;
    }
    if (size > maxBytes) {
      const mb = (n: number): string => `${(n / 1_000_000).toFixed(1)} MB`;
      run.report(
        rel,
        AT_START,
        'error',
        '(file)',
        `the file is ${mb(size)}, over the ${mb(maxBytes)} limit: split the story, or move tables and data out of it`,
      );
      return undefined;
    }
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    run.report(rel, { line: decoded.line, column: 1 }, 'error', '(file)', decoded.message);
    return undefined;
  }
  return decoded.text;
}

/** Parses YAML, reporting every syntax error at its position; undefined when it cannot be read. */
export function parseYamlOrReport(run: CheckRun, rel: string, text: string): ParsedYaml | undefined {
  const parsed = parseYaml(text);
  if (parsed.ok) return parsed.value;
  for (const e of parsed.errors) run.report(rel, e, 'error', '(yaml)', e.message);
  return undefined;
}

/**
 * Validates parsed data, reporting each issue at its field's line, and returns the fields that
 * could be read: all of them when the data is valid, else each valid field on its own, so that the
 * rules after this one (story rules, drift, parent chains) still run with whatever is fine.
 */
export function validate<T>(
  run: CheckRun,
  rel: string,
  schema: z.ZodType<T>,
  words: ReadonlySet<string>,
  data: unknown,
  locate: Locate,
): Partial<T> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    run.report(rel, AT_START, 'error', '(file)', 'expected "field: value" lines, found none');
    return {};
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of describeIssues(result.error.issues, words)) {
    run.report(rel, locate(issue.path), 'error', fieldName(issue.path), issue.message);
  }
  return readableFields(schema, data) as Partial<T>;
}

/** Reports what is wrong with an image path written in a field (a cover, a photo). */
export async function checkFieldImage(
  run: CheckRun,
  rel: string,
  src: string,
  field: readonly PropertyKey[],
  locate: Locate,
): Promise<void> {
  if (/^[a-z]+:/i.test(src)) {
    run.report(
      rel,
      locate(field),
      'error',
      fieldName(field),
      `images must be files in the content folder, not web addresses: save it beside the file and write ./name.jpg`,
    );
    return;
  }
  const problem = await imageProblem(run.contentDir, rel, src, run.display);
  if (problem) run.report(rel, locate(field), 'error', fieldName(field), problem);
}
