/**
 * Content fingerprints: one hash over many values, for the cache keys of Astro's incremental builds
 * (a page whose key and code are unchanged is copied from the previous build instead of rendered).
 * Pure TS, no `astro:` imports.
 */
import { createHash } from 'node:crypto';

/**
 * A hex SHA-256 over `parts`, each serialised as JSON (dates as ISO strings, maps and sets as
 * arrays, in their own order). Parts are hashed one by one, so no single giant string is built.
 */
export function fingerprint(parts: Iterable<unknown>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(JSON.stringify(part, jsonable) ?? 'undefined').update('\u0000');
  return hash.digest('hex');
}

/** JSON replacer: maps and sets become arrays (JSON.stringify would write `{}` for both). */
function jsonable(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value];
  if (value instanceof Set) return [...value];
  return value;
}
