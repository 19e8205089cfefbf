/**
 * How large the archive's Markdown is, for choosing how Astro stores content. Astro bundles the
 * content store (every rendered body) into the build as one JavaScript module by default; past
 * V8's longest string (about 512 MB) that module cannot exist at all, and a 50,000-story archive
 * (430 MB of Markdown) failed there. Above `CHUNKED_STORE_ABOVE` the store is written in chunks
 * (`experimental.collectionStorage: 'chunked'`), which has no size limit but makes rebuilds of
 * small archives about 2.5× slower, so smaller archives keep the single module.
 * Pure TS, no `astro:` imports: `astro.config.mjs` calls it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Markdown bytes above which the content store is chunked: about 17,000 bilingual stories. */
export const CHUNKED_STORE_ABOVE = 150 * 1024 * 1024;

/** Total size in bytes of the `.md` files under `dir` (0 when it does not exist). */
export function markdownBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.md')) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Astro's `collectionStorage` for an archive with `bytes` of Markdown. */
export function collectionStorageFor(bytes: number): 'single-file' | 'chunked' {
  return bytes > CHUNKED_STORE_ABOVE ? 'chunked' : 'single-file';
}
