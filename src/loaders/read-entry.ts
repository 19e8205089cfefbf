/**
 * How the build reads a content file: through the checker's own reader (src/lib/source.ts and
 * yaml.ts), not Astro's. Astro reads frontmatter and YAML files with js-yaml's default schema, which
 * turns an unquoted `2024-04-30` into a Date, year `0099` into 1999, runs `<<` merges, and accepts
 * leading blank lines and `+++` TOML frontmatter; the checker reads none of those that way. Swapping
 * the `getEntryInfo` of the `.md`, `.yaml` and `.yml` entry types that Astro's glob loader uses makes
 * the checker and the build read every byte the same way, and a file the checker would refuse stops
 * the build with one line naming it (`content/…/en.md:3:8 message`) instead of a stack trace.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentEntryType } from 'astro';
import { assertRegularTree } from '#lib/content-files.ts';
import { decodeUtf8, splitFrontmatter } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';

/** What Astro's Markdown entry type returns from `getEntryInfo`, which the glob loader uses. */
export interface MarkdownEntryInfo {
  /** The frontmatter fields. */
  readonly data: Record<string, unknown>;
  /** The Markdown after the frontmatter, trimmed as Astro trims it. */
  readonly body: string;
  /** The frontmatter's `slug` field (Astro's glob loader uses it as the id when present). */
  readonly slug: string;
  /** The frontmatter text as written. */
  readonly rawData: string;
}

/** What Astro's YAML data entry type returns from `getEntryInfo`. */
export interface DataEntryInfo {
  /** The file's fields. */
  readonly data: Record<string, unknown>;
  /** The file's text. */
  readonly rawData: string;
}

/** Where a file sits, for reading and for messages. */
export interface EntryFile {
  /** Absolute path of the file. */
  readonly filePath: string;
  /** The file as messages name it: relative to the project, forward slashes. */
  readonly shown: string;
}

/** A content file the build refuses to read; the message is one line: `file:line:column what to do`. */
export class ContentReadError extends Error {
  /** Builds the one-line message. */
  constructor(shown: string, line: number, column: number, message: string) {
    super(`${shown}:${line}:${column} ${message}`);
    this.name = 'ContentReadError';
    // A message for the editor, not a fault in the code: with no stack, Astro's CLI prints the
    // line alone (it would add "Stack trace:" with this module's frames), as pipeline/build.ts does.
    this.stack = '';
  }
}

/** The text as the checker sees it: a byte order mark dropped, bytes that are not UTF-8 refused. */
function checkedText(contents: string, file: EntryFile): string {
  // Astro decodes leniently (a bad byte becomes U+FFFD); the checker refuses such files. Only a
  // file holding U+FFFD can be one, so only such a file is read again, as bytes.
  if (contents.includes('\uFFFD')) {
    const decoded = decodeUtf8(readFileSync(file.filePath));
    if (!decoded.ok) throw new ContentReadError(file.shown, decoded.line, 1, decoded.message);
  }
  if (contents === '') throw new ContentReadError(file.shown, 1, 1, 'the file is empty: add its fields, or delete it');
  return contents.replace(/^\uFEFF/, '');
}

/** Reads YAML with the checker's reader; throws the first problem as one line. */
function fields(yaml: string, file: EntryFile): Record<string, unknown> {
  const parsed = parseYaml(yaml);
  if (!parsed.ok) {
    const [first] = parsed.errors;
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more: npm run check lists them)` : '';
    throw new ContentReadError(
      file.shown,
      first?.line ?? 1,
      first?.column ?? 1,
      `${first?.message ?? 'unreadable YAML'}${more}`,
    );
  }
  const { data } = parsed.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentReadError(file.shown, 1, 1, 'expected "field: value" lines, found none');
  }
  return data as Record<string, unknown>;
}

/** Reads a Markdown article as the checker does, returning what Astro's Markdown entry type returns. */
export function readMarkdownEntry(contents: string, file: EntryFile): MarkdownEntryInfo {
  const split = splitFrontmatter(checkedText(contents, file));
  if (!split.ok) throw new ContentReadError(file.shown, split.line, 1, split.message);
  const data = fields(split.value.yaml, file);
  // Astro's entry type hands `slug` over as it is (undefined when absent); so does this one.
  return { data, body: split.value.body.trim(), slug: data['slug'] as string, rawData: split.value.yaml };
}

/** Reads a YAML registry file as the checker does, returning what Astro's YAML entry type returns. */
export function readYamlEntry(contents: string, file: EntryFile): DataEntryInfo {
  const text = checkedText(contents, file);
  return { data: fields(text, file), rawData: contents };
}

/** Forward-slash path relative to the project root, as messages name files. */
function shownPath(root: string, target: string): string {
  return path.relative(root, target).split(path.sep).join('/') || '.';
}

/**
 * Refuses, before a loader reads anything, a symbolic link anywhere in its folder (one line naming
 * every link, from src/lib/content-files.ts), or a content folder that is itself a link. A missing
 * folder is left to Astro's glob loader, which warns that it found no files.
 */
export function assertLoaderFolder(root: string, base: string, contentDir?: string): void {
  if (contentDir !== undefined && isLink(contentDir)) {
    throw new Error(`the content folder ${shownPath(root, contentDir)} is a symbolic link: use the real folder`);
  }
  try {
    lstatSync(base);
  } catch {
    return;
  }
  assertRegularTree(base, shownPath(root, base));
}

/** Whether `target` is a symbolic link (false when it does not exist). */
function isLink(target: string): boolean {
  return lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

/** Options of {@link strictEntryTypes}. */
export interface StrictEntryTypesOptions {
  /** The project root, which messages name files relative to. */
  readonly root: string;
  /** The folder the loader globs in: every file read must really be inside it (no link on the way). */
  readonly base: string;
  /**
   * Whether the first refusal fails every later read (a build: the load has failed, and the files
   * the glob loader still has queued need not be read). Not in the dev server, where the editor
   * fixes the file and it is read again.
   */
  readonly failFast?: boolean;
}

/** Astro's entry types by file extension, as its glob loader receives them. */
export type EntryTypes = ReadonlyMap<string, ContentEntryType>;

/** What a `getEntryInfo` returns, as the content entry type declares it. */
type EntryInfo = Awaited<ReturnType<ContentEntryType['getEntryInfo']>>;

/**
 * Astro's entry types with `getEntryInfo` of `.md`, `.yaml` and `.yml` replaced by the checker's
 * reader. Each file is also checked to be really inside `base`, without a link on the way: the
 * glob loader lists and reads files through links, and a link made after the loader's start-up
 * walk (src/lib/content-files.ts) would otherwise be read.
 */
export function strictEntryTypes(
  entryTypes: EntryTypes,
  options: StrictEntryTypesOptions,
): Map<string, ContentEntryType> {
  // One lstat per file and per folder (a story's languages share theirs), not a realpath per file:
  // measured at 10,000 stories, about 0.25 s of the main thread instead of 0.5 s.
  const base = path.resolve(options.base);
  const folders = new Map<string, boolean>([[base, true]]);
  /** Whether no folder from `base` down to `folder` is a link (a folder outside `base` counts as one). */
  const directFolder = (folder: string): boolean => {
    const known = folders.get(folder);
    if (known !== undefined) return known;
    const parent = path.dirname(folder);
    const direct = parent !== folder && !isLink(folder) && directFolder(parent);
    folders.set(folder, direct);
    return direct;
  };
  /** Whether `filePath` is reached without a link: the file itself, and each folder above it up to `base`. */
  const direct = (filePath: string): boolean => !isLink(filePath) && directFolder(path.dirname(filePath));
  const located = (fileUrl: URL): EntryFile => {
    const filePath = fileURLToPath(fileUrl);
    if (!direct(filePath)) {
      throw new ContentReadError(
        shownPath(options.root, filePath),
        1,
        1,
        'this file is reached through a symbolic link: content must be regular files and folders inside the content folder (links are never followed); replace the link with the real file or folder',
      );
    }
    // The name for messages is only worked out when there is one to give.
    return {
      filePath,
      get shown() {
        return shownPath(options.root, filePath);
      },
    };
  };
  let failure: ContentReadError | undefined;
  const guarded = <T>(read: () => T): T => {
    if (failure) throw failure;
    try {
      return read();
    } catch (error) {
      if (options.failFast && error instanceof ContentReadError) failure ??= error;
      throw error;
    }
  };
  const result = new Map(entryTypes);
  const markdown = entryTypes.get('.md');
  if (markdown) {
    result.set('.md', {
      ...markdown,
      getEntryInfo: ({ contents, fileUrl }) => guarded(() => readMarkdownEntry(contents, located(fileUrl))),
    });
  }
  for (const ext of ['.yaml', '.yml']) {
    const yaml = entryTypes.get(ext);
    if (yaml) {
      result.set(ext, {
        ...yaml,
        // A data entry type (Astro keeps them in the same map) returns only data and rawData.
        getEntryInfo: ({ contents, fileUrl }) =>
          guarded(() => readYamlEntry(contents, located(fileUrl))) as unknown as EntryInfo,
      });
    }
  }
  return result;
}
