/**
 * The checker's registry step: every speaker, organisation, event and tag file read and validated
 * (a speaker's photo included), then the rule that spans them: parent chains must end.
 */
import type { z } from 'astro/zod';
import type { CollectionName, EntryReference } from '#schemas/common.ts';
import { mapWithLimit } from '#lib/concurrency.ts';
import { cachedFileCheck, type CheckCache } from './check-cache.ts';
import { OPEN_FILES, type CheckRun } from './check-run.ts';
import type { RegistryFile, RegistryIds } from './discover.ts';
import {
  checkFieldImage,
  parseYamlOrReport,
  readText,
  validate,
  type CheckerSchemas,
  type Locate,
} from './entry-files.ts';

/** A registry entry as read: the fields that could be read, and where each is written. */
export interface RegistryEntry {
  /** Its collection. */
  readonly collection: CollectionName;
  /** Its id. */
  readonly id: string;
  /** The fields that could be read. */
  readonly data: Record<string, unknown>;
  /** The line and column of a field. */
  readonly locate: Locate;
  /** Path relative to the content folder. */
  readonly rel: string;
}

/** The registry entries that could be parsed, by `collection/id`, in the order they were read. */
export type RegistryData = Map<string, RegistryEntry>;

/**
 * Reads and validates every registry file, reporting its problems; returns the entries that could
 * be parsed, in file order. With a `cache`, a file unchanged since the last check is not read again.
 */
export async function checkRegistries(
  run: CheckRun,
  files: readonly RegistryFile[],
  schemas: CheckerSchemas,
  cache?: CheckCache,
): Promise<RegistryData> {
  const read = await mapWithLimit(files, OPEN_FILES, (file) =>
    cachedFileCheck(run, cache, file.rel, (fileRun) => checkRegistryFile(fileRun, file, schemas)),
  );
  const entries: RegistryData = new Map();
  for (const entry of read) if (entry) entries.set(`${entry.collection}/${entry.id}`, entry);
  return entries;
}

/** Reads and validates one registry file; its entry when it could be parsed, and its text. */
async function checkRegistryFile(
  run: CheckRun,
  { rel, collection, id }: RegistryFile,
  { schemas, vocabulary }: CheckerSchemas,
): Promise<{ value: RegistryEntry | undefined; text: string }> {
  const text = readText(run, rel, run.config.maxArticleBytes);
  if (text === undefined) return { value: undefined, text: '' };
  const parsed = parseYamlOrReport(run, rel, text);
  if (!parsed) return { value: undefined, text };
  const { data: raw, locate } = parsed;
  const schema = schemas[collection] as z.ZodType<Record<string, unknown>>;
  const data = validate(run, rel, schema, vocabulary[collection], raw, locate);
  // From the raw data, so a missing photo is reported even when another field is wrong.
  const photo = (raw as { photo?: unknown } | null)?.photo;
  if (collection === 'speakers' && typeof photo === 'string') await checkFieldImage(run, rel, photo, ['photo'], locate);
  return { value: { collection, id, data, locate, rel }, text };
}

/** Reports every chain that does not end: an organisation its own ancestor, an event part of itself. */
export function checkParentChains(run: CheckRun, ids: RegistryIds, entries: RegistryData): void {
  for (const [collection, field] of [
    ['organisations', 'parent'],
    ['events', 'partOf'],
  ] as const) {
    const parentOf = (id: string): string | undefined =>
      (entries.get(`${collection}/${id}`)?.data[field] as EntryReference | undefined)?.id;
    for (const id of ids[collection].keys()) {
      const seen = new Set<string>([id]);
      let next = parentOf(id);
      while (next !== undefined && !seen.has(next)) {
        seen.add(next);
        next = parentOf(next);
      }
      const entry = entries.get(`${collection}/${id}`);
      if (next === id && entry) {
        run.report(
          entry.rel,
          entry.locate([field]),
          'error',
          field,
          `"${id}" is its own ${field === 'parent' ? 'ancestor' : 'container'}: ${[...seen].join(' → ')} → ${id}`,
        );
      }
    }
  }
}
