/**
 * The registry loader (speakers, organisations, events, tags): Astro's `glob()` over the YAML files
 * of one folder, reading each file with the checker's reader (src/loaders/read-entry.ts) instead
 * of Astro's js-yaml default schema, and refusing symbolic links before anything is read.
 * Everything else (ids from file names, digests, validation, the store) is the glob loader's own.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { assertLoaderFolder, strictEntryTypes, type EntryTypes } from './read-entry.ts';

/** Which folder to load. */
export interface RegistryLoaderOptions {
  /** The content folder (CONTENT_DIR), relative to the project root or absolute. */
  readonly contentDir: string;
  /** The registry's folder inside it, e.g. `speakers`. */
  readonly folder: string;
}

/** The loader context as Astro passes it to its glob loader: with the entry types by file extension. */
type GlobLoaderContext = LoaderContext & { readonly entryTypes: EntryTypes };

/** `glob()` over `<contentDir>/<folder>/*.{yaml,yml}`, read the way `npm run check` reads them. */
export function registryLoader(options: RegistryLoaderOptions): Loader {
  const base = `${options.contentDir}/${options.folder}`;
  const inner = glob({ pattern: '*.{yaml,yml}', base });
  return {
    name: 'registry',
    load: async (loaderContext) => {
      const context = loaderContext as GlobLoaderContext;
      const root = fileURLToPath(context.config.root);
      const absBase = path.resolve(root, base);
      assertLoaderFolder(root, absBase, path.resolve(root, options.contentDir));
      const entryTypes = strictEntryTypes(context.entryTypes, { root, base: absBase, failFast: !context.watcher });
      await inner.load({ ...context, entryTypes } as GlobLoaderContext);
    },
  };
}
