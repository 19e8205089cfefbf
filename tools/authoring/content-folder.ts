/**
 * What the editor commands need to know about a content folder: its story folders (for slug
 * uniqueness and translations) and its registry (ids for validation, names for matching). Read only,
 * and never through a symbolic link: a linked story folder or file is not part of the content (the
 * checker reports it), so it is neither listed nor read.
 */
import { constants } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { CollectionName } from '#schemas/common.ts';
import { classifyContentPath } from '#pipeline/check/layout.ts';
import { contentFolderProblem, describeFileError, EditorFileError } from './content-io.ts';

/** One story folder, `articles/<year>/<slug>/`, and the language files in it. */
export interface StoryFolder {
  /** The year folder, `2024`. */
  readonly year: string;
  /** The story slug (folder name). */
  readonly slug: string;
  /** Languages with a file in the folder (`en`, `zh`), in configured order. */
  readonly languages: readonly string[];
}

/** One registry entry with the names it is known by. */
export interface RegistryEntry {
  /** The id (file name without extension). */
  readonly id: string;
  /** Names per locale code (`name`, then `short`, for organisations; `label` for tags). */
  readonly names: readonly { readonly locale: string; readonly text: string }[];
  /** The larger event or organisation (`partOf`, `parent`), if any. */
  readonly container?: string;
  /** An event's theme per locale (`theme`), by which a release may name a parallel forum. */
  readonly themes?: readonly { readonly locale: string; readonly text: string }[];
}

/** Every registry collection, by id. */
export type Registry = Readonly<Record<CollectionName, ReadonlyMap<string, RegistryEntry>>>;

/** A content folder as the editor commands see it. */
export interface ContentState {
  /** Every story folder, sorted by year then slug. */
  readonly stories: readonly StoryFolder[];
  /** The registry. */
  readonly registry: Registry;
}

/**
 * Regular files below `dir`, relative with forward slashes. A recursive readdir reports a link as a
 * link (`isSymbolicLink`, never `isFile` or `isDirectory`) and does not descend into it, so links
 * are skipped at every level. A folder that cannot be read is an {@link EditorFileError}: listing
 * less than there is would let a slug that is taken look free.
 */
async function listFiles(dir: string): Promise<string[]> {
  const problem = await contentFolderProblem(dir);
  if (problem) throw new EditorFileError(problem.message, problem.code);
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    throw new EditorFileError(describeFileError(error, dir), (error as NodeJS.ErrnoException).code ?? 'EIO');
  }
}

/** Text per locale from a `{ en: ..., zh: ... }` map; anything else gives nothing. */
function localized(value: unknown, locales: readonly string[]): { locale: string; text: string }[] {
  if (value === null || typeof value !== 'object') return [];
  const map = value as Record<string, unknown>;
  return locales.flatMap((locale) => {
    const text = map[locale];
    return typeof text === 'string' && text.trim() !== '' ? [{ locale, text: text.trim() }] : [];
  });
}

/**
 * Reads the story folders and the registry of a content folder; unreadable registry files give ids
 * only. A missing content folder, a file or a link in its place, or an unreadable folder is an
 * {@link EditorFileError} with one line for the editor.
 */
export async function readContentState(contentDir: string, locales: readonly string[]): Promise<ContentState> {
  const stories = new Map<string, { year: string; slug: string; languages: Set<string> }>();
  const registry: Record<CollectionName, Map<string, RegistryEntry>> = {
    speakers: new Map(),
    organisations: new Map(),
    events: new Map(),
    tags: new Map(),
  };
  for (const rel of await listFiles(contentDir)) {
    const kind = classifyContentPath(rel, locales);
    if (kind.kind === 'article') {
      const key = `${kind.year}/${kind.slug}`;
      const story = stories.get(key) ?? { year: kind.year, slug: kind.slug, languages: new Set<string>() };
      story.languages.add(kind.language);
      stories.set(key, story);
    } else if (kind.kind === 'entry' && !registry[kind.collection].has(kind.id)) {
      let data: Record<string, unknown> = {};
      try {
        // O_NOFOLLOW: the listing saw a regular file, and a link swapped in since is not read either.
        const text = await readFile(path.join(contentDir, rel), {
          encoding: 'utf8',
          flag: constants.O_RDONLY | constants.O_NOFOLLOW,
        });
        const parsed: unknown = parse(text, { maxAliasCount: 50 });
        if (parsed !== null && typeof parsed === 'object') data = parsed as Record<string, unknown>;
      } catch {
        // A broken file still names a valid id; `npm run check` reports what is wrong with it.
      }
      const names = [
        ...localized(kind.collection === 'tags' ? data['label'] : data['name'], locales),
        ...localized(data['short'], locales),
      ];
      const container = data[kind.collection === 'events' ? 'partOf' : 'parent'];
      const themes = kind.collection === 'events' ? localized(data['theme'], locales) : [];
      registry[kind.collection].set(kind.id, {
        id: kind.id,
        names,
        ...(typeof container === 'string' ? { container } : {}),
        ...(themes.length > 0 ? { themes } : {}),
      });
    }
  }
  return {
    stories: [...stories.values()]
      .map((s) => ({ year: s.year, slug: s.slug, languages: locales.filter((l) => s.languages.has(l)) }))
      .sort((a, b) => a.year.localeCompare(b.year) || a.slug.localeCompare(b.slug)),
    registry,
  };
}

/** The story folders with this slug, in any year. */
export function storiesWithSlug(state: ContentState, slug: string): StoryFolder[] {
  return state.stories.filter((s) => s.slug === slug);
}

/** The path of an article file relative to the content folder. */
export function articlePath(year: string, slug: string, language: string): string {
  return `articles/${year}/${slug}/${language}.md`;
}
