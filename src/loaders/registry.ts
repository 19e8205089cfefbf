/**
 * The registry loader (speakers, organisations, events, tags): Astro's `glob()` over the YAML files
 * of one folder, reading each file with the checker's reader (src/loaders/read-entry.ts) instead
 * of Astro's js-yaml default schema, and refusing symbolic links before anything is read.
 * Everything else (ids from file names, digests, validation, the store) is the glob loader's own.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
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

/** A key no file name gives (glob ids are slugs of file names), held for an instant only. */
const PLACEHOLDER_ID = '(empty registry)';

/**
 * Makes the store hold the collection even with no entry. Astro's `getCollection()` warns "The
 * collection … does not exist or is empty" whenever the store has no map for it, once per call
 * (withastro/astro#15329: no sanctioned way to say "empty on purpose"); an entry set and deleted at
 * once leaves an empty map, which is the truth: a registry with no entries.
 */
function keepEmptyCollection(store: LoaderContext['store']): void {
  if (store.keys().length > 0) return;
  store.set({ id: PLACEHOLDER_ID, data: {} });
  store.delete(PLACEHOLDER_ID);
}

/**
 * The context's logger without the glob loader's warning that `missingBase` does not exist: a
 * registry folder is optional (converted archives often have no speakers or events folder), so its
 * absence is an empty registry, not a mistake. Every other message goes through unchanged.
 */
function withoutMissingFolderWarning(logger: AstroIntegrationLogger, missingBase: string): AstroIntegrationLogger {
  // Astro's exact words (astro/dist/content/loaders/glob.js), for this folder only.
  const expected = `The base directory "${path.join(missingBase, path.sep)}" does not exist.`;
  const quiet = Object.create(logger) as AstroIntegrationLogger;
  quiet.warn = (message: string) => {
    if (message !== expected) logger.warn(message);
  };
  return quiet;
}

/**
 * `glob()` over `<contentDir>/<folder>/*.{yaml,yml}`, read the way `npm run check` reads them. A
 * missing folder is an empty registry, without Astro's warnings about it; the glob loader still
 * runs (it empties a store left by an earlier build, and the dev server still sees the folder appear).
 */
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
      // Only a folder that is not there at all: a file in its place, or an unreadable folder, still warns.
      const missing = lstatSync(absBase, { throwIfNoEntry: false }) === undefined;
      const logger = missing ? withoutMissingFolderWarning(context.logger, absBase) : context.logger;
      await inner.load({ ...context, entryTypes, logger } as GlobLoaderContext);
      keepEmptyCollection(context.store);
    },
  };
}
