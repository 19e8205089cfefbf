/**
 * The body conversion of `npm run migrate`: the Markdown of one Hugo or Docusaurus page in, the same
 * text in the site's Markdown out (README, "Writing bodies"), with a count of what was converted and
 * every construct left as written, by line and column, so an editor can finish the job. Edits are made
 * by position on the old text: everything not converted is kept byte for byte (Chinese text, CRLF line
 * breaks, spacing), and converting the output again changes nothing.
 */
import type { Image } from 'mdast';
import { visit } from 'unist-util-visit';
import { applyEdits, ConversionLog, type Leftover } from './convert-report.ts';
import { codeRanges, destination, inside, isRelative, parseBody } from './convert-markdown.ts';
import { convertDocusaurus } from './docusaurus-markup.ts';
import { convertShortcodes } from './hugo-shortcodes.ts';

export type { Leftover } from './convert-report.ts';

/** How to convert a body. */
export interface ConvertOptions {
  readonly generator: 'hugo' | 'docusaurus';
  /** Maps a link target of the old site (ref/relref argument, a site-absolute path) to our URL, or undefined when unknown. */
  readonly resolveLink?: (target: string) => string | undefined;
  /** Maps an image address of the old site to the one to write (relative to the article), or undefined to keep it. */
  readonly resolveImage?: (src: string) => string | undefined;
}

/** A converted body, what was converted (by kind) and what was left (by place in the old body). */
export interface Conversion {
  readonly body: string;
  readonly converted: Readonly<Record<string, number>>;
  readonly leftovers: readonly Leftover[];
  /** The relative image addresses the new body holds: the files the caller copies beside the article. */
  readonly images: readonly string[];
  /** Where the summary divider (`<!--more-->`, `<!-- truncate -->`) stood in the new body: the summary is the text before. */
  readonly truncateAt?: number;
}

/** Hugo's and Docusaurus' summary dividers. */
const dividers = { hugo: /^<!--\s*more\s*-->$/, docusaurus: /^<!--\s*truncate\s*-->$/ } as const;

/** Converts the body of one page of a Hugo or Docusaurus site into the site's Markdown. */
export function convertBody(body: string, options: ConvertOptions): Conversion {
  const log = new ConversionLog(body);
  const tree = parseBody(body);
  const code = codeRanges(tree);
  const raw = options.generator === 'hugo' ? convertShortcodes(body, code, log, options) : [];
  if (options.generator === 'docusaurus') convertDocusaurus(body, code, log);
  const protectedRanges = [...code, ...raw];
  visit(tree, 'html', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || !dividers[options.generator].test(node.value.trim())) return;
    // The divider's line goes, and the blank line after it, so the paragraphs around it stay one blank line apart.
    const after = /^(?:\r?\n|\r)(?:[ \t]*(?:\r?\n|\r))?/.exec(body.slice(end))?.[0] ?? '';
    log.edit({ start, end: end + after.length, text: '', truncate: true });
    log.leave(start, 'truncate', node.value);
    log.count('truncate');
  });
  visit(tree, 'image', (node) => resolveImage(body, node, protectedRanges, log, options));
  const { body: converted, truncateAt } = applyEdits(body, log.edits);
  const images = new Set<string>();
  visit(parseBody(converted), 'image', (node) => {
    if (isRelative(node.url)) images.add(node.url);
  });
  return {
    body: converted,
    converted: log.converted,
    leftovers: log.leftovers.sort((a, b) => a.line - b.line || a.column - b.column),
    images: [...images],
    ...(truncateAt === undefined ? {} : { truncateAt }),
  };
}

/** Writes the address `resolveImage` gives a Markdown image; reports one that stays site-absolute. */
function resolveImage(
  body: string,
  node: Image,
  code: readonly { start: number; end: number }[],
  log: ConversionLog,
  options: ConvertOptions,
): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined || inside(code, start)) return;
  const written = body.slice(start, end);
  // The address follows the description's `](`: the last one, since a description may hold brackets.
  const open = written.lastIndexOf('](');
  const at = open < 0 ? -1 : written.indexOf(node.url, open);
  const resolved = options.resolveImage?.(node.url);
  if (resolved !== undefined && resolved !== node.url && at >= 0) {
    log.edit({ start: start + at, end: start + at + node.url.length, text: destination(resolved) });
    log.count('image');
  } else if (!isRelative(node.url) && node.url.startsWith('/')) {
    log.leave(start, 'image', node.url);
  }
}
