/**
 * A failed build explained in one line that names the content file and line, never a stack trace.
 * Astro and its bundler report content problems their own way: an image a body names but that does
 * not exist stops the build with "Build failed with 1 error: [plugin astro:content-asset-propagation]
 * ImageNotFound: Could not find requested image `./x.png`", followed by the bundler's stack, and
 * names neither the Markdown file nor the line. This module takes such an error apart (the error,
 * the bundler's list of errors, their causes), uses a content location when one is given, and
 * otherwise finds the content file that names the missing image, so the editor is sent straight to
 * it. The checker reports all of these before a build; this is for what changes in between, and for
 * whatever the checker does not know yet.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { walkContent } from '#lib/content-files.ts';
import { readFileHead } from '#lib/image-files.ts';
import { sizeFailureReason } from './image-size.ts';

/** A content file's text, for finding where a missing image is named. */
export interface ContentText {
  /** Path relative to the content folder, forward slashes. */
  readonly rel: string;
  /** The file's text. */
  readonly text: string;
}

/** Where the content is, and how to read it (replaceable in tests). */
export interface BuildErrorContext {
  /** The content folder. */
  readonly contentDir: string;
  /** Paths in the message are relative to this folder (default: the current directory). */
  readonly displayRoot?: string;
  /** The content files that may name an image (default: every `.md`, `.yaml` and `.yml` file, read from disk). */
  readonly read?: (contentDir: string) => Iterable<ContentText>;
  /** Whether a file exists (default: `lstat`). */
  readonly exists?: (abs: string) => boolean;
  /** The first bytes of a content image, to explain why it cannot be sized (default: read from disk, never through a link). */
  readonly head?: (abs: string) => Uint8Array | undefined;
}

/** One error inside a build failure, reduced to what a message may use. */
export interface ErrorPart {
  /** The error's name (`ImageNotFound`, `ContentReadError`, `Error`...). */
  readonly name: string;
  /** Its message, without stack lines or the bundler's wrapping. */
  readonly message: string;
  /** The file and place the error names, when it names one. */
  readonly loc?: { readonly file: string; readonly line?: number; readonly column?: number };
}

/** A line of a stack trace (`    at handler (file:///…:42:19)`), or the bundler's plugin label. */
const NOISE_LINE = /^\s+at\s|^\s*\[plugin [^\]]*\]\s*$|^Build failed with \d+ errors?:?\s*$/;
/**
 * Astro's messages about one image, with its path (as written, or absolute), and what to tell the
 * editor; `sized` marks the failure to read a size, explained from the file's first bytes when it
 * can be read (a draw.io SVG is the usual case).
 */
const IMAGE_FAILURES: readonly { pattern: RegExp; missing: boolean; what: string; sized?: true }[] = [
  {
    pattern: /Could not find requested image `([^`]+)`/,
    missing: true,
    what: 'not found: save it beside the article or fix the path',
  },
  {
    pattern: /Could not process image metadata for `([^`]+)`/,
    missing: false,
    what: 'cannot be read: it is damaged or not really an image; save it again as PNG, JPEG or WebP',
    sized: true,
  },
  {
    pattern: /Could not transform image `([^`]+)`/,
    missing: false,
    what: 'cannot be converted: it is damaged or in an unusual format; save it again as PNG, JPEG or WebP',
  },
  {
    pattern: /Received unsupported format `[^`]*` from `([^`]+)`/,
    missing: false,
    what: 'is in a format the site cannot publish: save it as PNG, JPEG, WebP or AVIF',
  },
];

/** The meaningful lines of a message: no stack, no bundler wrapping, no blank lines. */
function cleanMessage(message: string): string {
  return (
    message
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '' && !NOISE_LINE.test(line))
      .map((line) => line.trim())
      .join(' ')
      // "ImageNotFound: Could not…": the name is for developers, the sentence for the editor.
      .replace(/^[A-Z][A-Za-z]*: (?=.)/, '')
  );
}

/** Every error inside `error`: itself, the bundler's `errors` list, and `cause` chains, innermost last. */
export function errorParts(error: unknown): ErrorPart[] {
  const parts: ErrorPart[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 5) {
      if (typeof value === 'string' && value.trim() !== '') parts.push({ name: 'Error', message: cleanMessage(value) });
      return;
    }
    seen.add(value);
    const record = value as Record<string, unknown>;
    const message = typeof record['message'] === 'string' ? cleanMessage(record['message']) : '';
    const name = typeof record['name'] === 'string' ? record['name'] : 'Error';
    const loc = record['loc'] as { file?: unknown; line?: unknown; column?: unknown } | undefined;
    const file = typeof loc?.file === 'string' ? loc.file : typeof record['id'] === 'string' ? record['id'] : undefined;
    parts.push({
      name,
      message,
      ...(file !== undefined
        ? {
            loc: {
              file,
              ...(typeof loc?.line === 'number' ? { line: loc.line } : {}),
              ...(typeof loc?.column === 'number' ? { column: loc.column } : {}),
            },
          }
        : {}),
    });
    if (Array.isArray(record['errors'])) for (const inner of record['errors']) walk(inner, depth + 1);
    walk(record['cause'], depth + 1);
  };
  walk(error, 0);
  return parts;
}

/** One place where a content file names an image: the path as written there, its line and column (1-based). */
export interface ImageMention {
  /** The path as written on that line (for a bare file name: the whole path ending in it). */
  readonly written: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column where the path starts. */
  readonly column: number;
}

/**
 * Where a content file names an image: each path on a line that is `image` itself (as written or
 * %-encoded, with or without a leading `./`) or, for a bare file name, ends with it
 * (`./photos/a.png` for `a.png`).
 */
export function imageMentions(text: string, image: string): ImageMention[] {
  const bare = !image.includes('/');
  // `./a.png` may be written `a.png` (the build reads a raw `<img src="a.png">` as `./a.png`).
  const spellings = image.startsWith('./') ? [image, image.slice(2)] : [image];
  const needles = [...new Set(spellings.flatMap((n) => [n, encodeURI(n)]))].filter((n) => n !== '');
  const escape = (n: string): string => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A path starts after a space, quote, bracket or parenthesis (or the line start) and ends at one.
  const start = `(?<![^\\s()"'<>\\[\\]])`;
  const names = `(?:${needles.map(escape).join('|')})`;
  const pattern = new RegExp(`${start}${bare ? `(?:[^\\s()"'<>\\[\\]]*/)?${names}` : names}(?=[\\s)"'<>?#\\]]|$)`, 'g');
  const found: ImageMention[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(pattern)) {
      if (match[0] !== '') found.push({ written: match[0], line: index + 1, column: match.index + 1 });
    }
  });
  return found;
}

/** Every Markdown and YAML file of the content folder, read from disk (links and special files skipped). */
export function readContentTexts(contentDir: string): ContentText[] {
  return walkContent(contentDir)
    .files.filter((rel) => /\.(?:md|ya?ml)$/.test(rel))
    .map((rel) => {
      try {
        return { rel, text: readFileSync(path.join(contentDir, rel), 'utf8') };
      } catch {
        return { rel, text: '' };
      }
    });
}

/** How many bytes of an image explain a size failure: every header, and the SVG probe's 1,000 bytes. */
const HEAD_BYTES = 4096;

/** A regular file's first bytes, or undefined (missing, a link, a folder, unreadable). */
function headOnDisk(abs: string): Uint8Array | undefined {
  try {
    return readFileHead(abs, HEAD_BYTES, { noFollow: true });
  } catch {
    return undefined;
  }
}

/** Whether a path exists (without following a final link). */
function existsOnDisk(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

/**
 * One line for a failed build: the content file and line first when the failure is about content
 * (`content/articles/2024/x/en.md:12:1 image "./x.png" not found …`), else the failure's own message
 * without stack lines. Absolute paths of the project are shown relative to it.
 */
export function describeBuildError(error: unknown, context: BuildErrorContext): string {
  const root = context.displayRoot ?? process.cwd();
  const contentDir = path.resolve(context.contentDir);
  const show = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const relativise = (text: string): string => text.split(`${path.resolve(root)}${path.sep}`).join('');
  const parts = errorParts(error);
  const inner = parts.findLast((part) => part.message !== '') ?? { name: 'Error', message: String(error) };

  // Our loaders' errors already start with the file and line (src/loaders/read-entry.ts).
  const read = parts.find((part) => part.name === 'ContentReadError' && part.message !== '');
  if (read) return relativise(read.message);

  // An error located in a content file.
  for (const part of parts) {
    const file = part.loc?.file.split('?')[0]?.replace(/^file:\/\//, '');
    if (!file || !path.isAbsolute(file)) continue;
    const rel = path.relative(contentDir, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const where = `${show(file)}:${part.loc?.line ?? 1}:${part.loc?.column ?? 1}`;
    return `${where} ${relativise(part.message || inner.message)}`;
  }

  // An image the pipeline cannot find or read: find the content file that names it.
  for (const kind of IMAGE_FAILURES) {
    const written = parts.map((part) => kind.pattern.exec(part.message)?.[1]).find((p) => p !== undefined);
    if (written === undefined) continue;
    const image = written.split('?')[0]?.replace(/^\/@fs(?=\/)/, '') ?? written;
    const absolute = path.isAbsolute(image) && !path.relative(contentDir, image).startsWith('..');
    const exists = context.exists ?? existsOnDisk;
    const places: string[] = [];
    for (const { rel, text } of (context.read ?? readContentTexts)(contentDir)) {
      const from = path.join(contentDir, path.dirname(rel));
      for (const at of imageMentions(text, absolute ? path.basename(image) : image)) {
        // The mention must be the image at fault: by its path, or missing (or present) as Astro says.
        const target = path.resolve(from, decodeSafe(at.written));
        const fits = absolute ? target === path.resolve(image) : exists(target) !== kind.missing;
        if (fits) places.push(`${show(path.join(contentDir, rel))}:${at.line}:${at.column}`);
      }
    }
    const shown = absolute ? show(image) : image;
    // Why the size cannot be read, from the file's first bytes (never quoted): Astro says only that it failed.
    const head = kind.sized && absolute ? (context.head ?? headOnDisk)(image) : undefined;
    const what = head ? `cannot be sized by the build: ${sizeFailureReason(head)}` : kind.what;
    if (places.length === 0) return `image "${shown}" ${what}; run npm run check to see which file names it`;
    const more = places.length > 1 ? ` (and ${places.length - 1} more place(s); npm run check lists them all)` : '';
    return `${places[0]} image "${shown}" ${what}${more}`;
  }

  return relativise(inner.message || inner.name);
}

/** `decodeURI`, or the text as it is when it has a broken escape. */
function decodeSafe(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}
