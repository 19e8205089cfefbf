/**
 * A digest of the code that turns Markdown into the HTML kept in the content store. Astro's glob
 * loader skips a file whose content is unchanged and clears its store only when the Astro config
 * changes; a plugin fixed in src/plugins/ (or a library it uses in src/lib/, or an upgraded package)
 * would otherwise leave every unchanged body rendered by the old code in a cached store, for good.
 * The articles loader compares this digest with the one stored beside the entries and starts from
 * an empty store when they differ (src/loaders/articles.ts). Hashing the source is coarse (a comment
 * edit re-renders too) but cannot miss a change, and code changes are rare next to content edits.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders whose code renders bodies: plugins, the pure libraries they use, the loaders. */
const RENDERER_FOLDERS = ['plugins', 'lib', 'loaders'] as const;

/** Every file under `folder`, relative to it, sorted (so the digest does not depend on disk order). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The digest of the renderer's source and of the installed packages (package-lock.json). */
export async function rendererDigest(root: string): Promise<string> {
  const src = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  for (const name of RENDERER_FOLDERS) {
    const folder = path.join(src, name);
    for (const file of await filesUnder(folder)) {
      hash
        .update(`${name}/${file}\0`)
        .update(await readFile(path.join(folder, file)))
        .update('\0');
    }
  }
  // The packages: an upgraded Astro, Shiki or unified plugin can change the HTML of every body.
  hash.update(await readFile(path.join(root, 'package-lock.json')).catch(() => Buffer.alloc(0)));
  return hash.digest('hex');
}
