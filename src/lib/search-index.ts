/**
 * The search index: Pagefind (its extended binary, which segments Chinese) indexes the built site
 * after Astro has written it. Pages opt in with `data-pagefind-body` (articles only), and Pagefind
 * splits the index by each page's `<html lang>`, one per locale.
 */
import path from 'node:path';
import * as pagefind from 'pagefind';

/** What indexing produced. */
export interface SearchIndexResult {
  /** Pages indexed. */
  readonly pages: number;
  /** Where the bundle was written (`<outDir>/pagefind`). */
  readonly bundleDir: string;
}

/** Indexes the built site in `outDir` and writes the Pagefind bundle to `<outDir>/pagefind/`. */
export async function indexSite(outDir: string): Promise<SearchIndexResult> {
  const bundleDir = path.join(outDir, 'pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`search index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
    return { pages: added.page_count, bundleDir };
  } finally {
    await pagefind.close();
  }
}
