/**
 * The Hugo site reader of `npm run migrate -- --from hugo <site-folder>` (issue 15): reads a Hugo
 * site folder the way Hugo does and describes its news pages in the generator-neutral terms of
 * source-page.ts, for the later steps (mapping to our content contract, pairing translations,
 * writing files). It reads and never writes; what it cannot read is reported, never dropped.
 *
 * Hugo's rules, as documented: a language with a `contentDir` of its own keeps its pages in that
 * folder (translation by folder: content/en, content/zh-cn); languages sharing a folder tell their
 * pages apart by a file name suffix (`post.zh-cn.md`; no suffix is the folder's language, the
 * default one where it shares the folder). A folder holding an `index.md` (or `index.<lang>.md`) is a
 * leaf bundle: that file is the page, everything else in the folder its resources. `_index.md` files
 * are list pages, not stories. Symbolic links are never followed: they could lead out of the site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { decodeUtf8 } from '#lib/source.ts';
import { kindOf, linkProblem, readHugoConfig, type HugoConfig, type HugoLanguage } from './hugo-config.ts';
import { readFrontMatter } from './hugo-content.ts';
import type { SkippedFile, SourcePage, SourceProblem, SourceSite } from './source-page.ts';

/** What to read of a Hugo site. */
export interface HugoSiteOptions {
  /** The news sections (folders under each content folder) to read; default: the first of blog, posts, news, post that exists. */
  readonly sections?: readonly string[];
}

/** A Hugo site as read: the neutral description plus what was chosen on the way. */
export interface HugoSite extends SourceSite {
  /** The sections read (given, or the one found). */
  readonly sections: readonly string[];
  /** Absolute paths of the configuration files read, in merge order. */
  readonly configFiles: readonly string[];
  /** The configuration's raw `permalinks` table, for the old addresses of pages (old-urls.ts). */
  readonly permalinks: Readonly<Record<string, unknown>>;
}

/** The sections looked for, in this order, when none is given. */
export const DEFAULT_SECTIONS: readonly string[] = ['blog', 'posts', 'news', 'post'];

/** The Markdown extensions read as pages. */
const MARKDOWN = new Set(['md', 'markdown']);
/** Hugo's other content formats: pages migrate cannot convert, so reported as skipped. */
const OTHER_CONTENT = new Set(['html', 'htm', 'org', 'adoc', 'asciidoc', 'ad', 'pandoc', 'pdc', 'rst', 'mmark']);

/** Everything one walk over a content folder needs to know. */
interface Walk {
  readonly siteDir: string;
  readonly config: HugoConfig;
  /** The content folder's own language: unsuffixed files are in it. */
  readonly folderLanguage: HugoLanguage;
  /** The section folder, absolute, from which page keys are counted. */
  readonly sectionDir: string;
  /** What page keys start with: the section and '/' when several sections are read, else ''. */
  readonly keyPrefix: string;
  /** Other languages' content folders, not entered when nested in this one. */
  readonly otherRoots: ReadonlySet<string>;
  readonly pages: SourcePage[];
  readonly problems: SourceProblem[];
  readonly skipped: SkippedFile[];
}

/** Reads the news pages of the Hugo site in `siteDir`. */
export function readHugoSite(siteDir: string, options: HugoSiteOptions = {}): HugoSite {
  const site = resolve(siteDir);
  const problems: SourceProblem[] = [];
  const pages: SourcePage[] = [];
  const skipped: SkippedFile[] = [];
  const config = readHugoConfig(site, problems);
  const roots = contentRoots(config, problems);
  const sections = pickSections(site, roots, options.sections, problems);
  for (const [root, folderLanguage] of roots) {
    for (const section of sections) {
      const sectionDir = join(root, section);
      const kind = kindOf(sectionDir);
      if (kind === 'link') problems.push(linkProblem(sectionDir));
      if (kind !== 'dir') continue;
      const otherRoots = new Set([...roots.keys()].filter((other) => other !== root));
      const keyPrefix = sections.length > 1 ? `${section}/` : '';
      walk(sectionDir, {
        siteDir: site,
        config,
        folderLanguage,
        sectionDir,
        keyPrefix,
        otherRoots,
        pages,
        problems,
        skipped,
      });
    }
  }
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const enabled = config.languages.filter((l) => !l.disabled).map((l) => l.code);
  return {
    generator: 'hugo',
    siteDir: site,
    defaultLocale: config.defaultLocale,
    locales: [config.defaultLocale, ...enabled.filter((code) => code !== config.defaultLocale)],
    pages: pages.sort((a, b) => byText(a.rel, b.rel)),
    problems: problems.sort((a, b) => byText(a.file, b.file) || a.line - b.line),
    skipped: skipped.sort((a, b) => byText(a.file, b.file)),
    sections,
    configFiles: config.files,
    permalinks: config.permalinks,
  };
}

/** Each distinct content folder with its own language: the one with it as its `contentDir`, else the default. */
function contentRoots(config: HugoConfig, problems: SourceProblem[]): Map<string, HugoLanguage> {
  const roots = new Map<string, HugoLanguage>();
  for (const language of config.languages) {
    const sharing = config.languages.filter((l) => l.contentDir === language.contentDir);
    const owner =
      sharing.find((l) => l.code === config.defaultLocale) ?? sharing.find((l) => l.ownContentDir) ?? sharing[0];
    if (owner && !roots.has(language.contentDir)) roots.set(language.contentDir, owner);
  }
  for (const root of roots.keys()) {
    if (kindOf(root) === 'link') {
      problems.push(linkProblem(root));
      roots.delete(root);
    }
  }
  return roots;
}

/** The sections to read: those given (each must exist somewhere), or the first default one found. */
function pickSections(
  site: string,
  roots: ReadonlyMap<string, HugoLanguage>,
  given: readonly string[] | undefined,
  problems: SourceProblem[],
): string[] {
  const exists = (section: string): boolean =>
    [...roots.keys()].some((root) => kindOf(join(root, section)) !== 'missing');
  if (given && given.length > 0) {
    for (const section of given.filter((s) => !exists(s))) {
      problems.push({ file: site, line: 1, message: `section "${section}" is in no language's content folder` });
    }
    return given.filter(exists);
  }
  const found = DEFAULT_SECTIONS.find(exists);
  if (found === undefined) {
    const message = `no news section found (looked for ${DEFAULT_SECTIONS.join(', ')}): name one with --section`;
    problems.push({ file: site, line: 1, message });
  }
  return found === undefined ? [] : [found];
}

/** A content file name split into base, language suffix (a known language's code) and extension. */
function nameParts(name: string, config: HugoConfig): { base: string; language?: HugoLanguage; ext: string } {
  const parts = name.split('.');
  const ext = parts.length > 1 ? (parts.pop() ?? '').toLowerCase() : '';
  const suffix = parts.length > 1 ? parts.at(-1)?.toLowerCase() : undefined;
  const language = config.languages.find((l) => l.code.toLowerCase() === suffix);
  if (language) parts.pop();
  return language ? { base: parts.join('.'), language, ext } : { base: parts.join('.'), ext };
}

/** Reads the pages under one folder of a section, in name order. */
function walk(dir: string, context: Walk): void {
  const names = readdirSync(dir).sort();
  const isBundle = names.some((name) => {
    const parts = nameParts(name, context.config);
    return parts.base === 'index' && MARKDOWN.has(parts.ext) && kindOf(join(dir, name)) === 'file';
  });
  for (const name of names) {
    const path = join(dir, name);
    const kind = kindOf(path);
    if (ignored(path, context)) continue;
    if (kind === 'link') {
      context.problems.push(linkProblem(path));
      continue;
    }
    if (isBundle) {
      // The bundle's own files: its index pages are read; the rest are its resources.
      const parts = nameParts(name, context.config);
      if (kind === 'file' && parts.base === 'index' && MARKDOWN.has(parts.ext)) readPage(path, dir, context);
      else if (kind === 'dir') refuseLinks(path, context);
      continue;
    }
    if (kind === 'dir' && !context.otherRoots.has(path)) walk(path, context);
    if (kind !== 'file') continue;
    const { base, ext } = nameParts(name, context.config);
    if (base === '_index' && (MARKDOWN.has(ext) || OTHER_CONTENT.has(ext))) {
      context.skipped.push({ file: path, reason: 'a list page (_index), not a story' });
    } else if (OTHER_CONTENT.has(ext)) {
      context.skipped.push({ file: path, reason: `a .${ext} content file: migrate reads Markdown pages only` });
    } else if (MARKDOWN.has(ext)) readPage(path, undefined, context);
  }
}

/** Whether Hugo's `ignoreFiles` leave the file out (matched on the absolute and the site-relative path). */
function ignored(path: string, context: Walk): boolean {
  const rel = toRel(context.siteDir, path);
  if (!context.config.ignoreFiles.some((pattern) => pattern.test(path) || pattern.test(rel))) return false;
  context.skipped.push({ file: path, reason: 'matched by the site configuration’s ignoreFiles' });
  return true;
}

/** Reports the symbolic links among a bundle's resources, which will not be copied. */
function refuseLinks(dir: string, context: Walk): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const kind = kindOf(path);
    if (kind === 'link') context.problems.push(linkProblem(path));
    else if (kind === 'dir') refuseLinks(path, context);
  }
}

/** Path relative to the site folder, with '/'. */
function toRel(siteDir: string, path: string): string {
  return relative(siteDir, path).split(sep).join('/');
}

/** Reads one page file (`bundleDir` set for a bundle's index) into `context.pages`, or reports why not. */
function readPage(file: string, bundleDir: string | undefined, context: Walk): void {
  const name = file.slice(file.lastIndexOf(sep) + 1);
  const parts = nameParts(name, context.config);
  const language = parts.language ?? context.folderLanguage;
  if (language.disabled) {
    context.skipped.push({ file, reason: `in language "${language.code}", which the site configuration disables` });
    return;
  }
  const decoded = decodeUtf8(readFileSync(file));
  if (!decoded.ok) {
    context.problems.push({ file, line: decoded.line, message: decoded.message });
    return;
  }
  const read = readFrontMatter(decoded.text);
  if (!read.ok) {
    context.problems.push({ file, line: read.line, message: `the front matter cannot be read: ${read.message}` });
    return;
  }
  const { data, fields } = read.value;
  const keyPath = toRel(context.sectionDir, bundleDir ?? join(file, '..', parts.base));
  const field = (key: string): unknown => data[Object.keys(data).find((k) => k.toLowerCase() === key) ?? ''];
  const text = (key: string): string | undefined => {
    const value = field(key);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (value !== undefined) {
      context.problems.push({ file, line: fieldLine(fields, key), message: `${key} must be text; it is ignored` });
    }
    return undefined;
  };
  const translationKey = text('translationkey');
  const slug = text('slug');
  const url = text('url');
  const aliasValue = field('aliases');
  // Hugo reads a single text as a list split on white space (Go's cast.ToStringSlice).
  const aliases =
    typeof aliasValue === 'string'
      ? aliasValue.split(/\s+/).filter(Boolean)
      : Array.isArray(aliasValue)
        ? aliasValue.filter((a): a is string => typeof a === 'string')
        : [];
  if (
    aliasValue !== undefined &&
    (Array.isArray(aliasValue) ? aliases.length !== aliasValue.length : typeof aliasValue !== 'string')
  ) {
    context.problems.push({
      file,
      line: fieldLine(fields, 'aliases'),
      message: 'aliases must be a list of addresses; the other entries are ignored',
    });
  }
  context.pages.push({
    generator: 'hugo',
    file,
    rel: toRel(context.siteDir, file),
    sourceLocale: language.code,
    frontMatter: data,
    frontMatterFormat: read.value.format,
    body: read.value.body,
    bodyLine: read.value.bodyLine,
    ...(bundleDir === undefined ? {} : { bundleDir }),
    ...(translationKey === undefined ? {} : { translationKey }),
    pathKey: `${context.keyPrefix}${keyPath}`,
    ...(slug === undefined ? {} : { slug }),
    ...(url === undefined ? {} : { url }),
    aliases,
  });
}

/** The 1-based file line of a front matter key (YAML, TOML or JSON spelling), or 1 if not found. */
function fieldLine(fields: string, key: string): number {
  const pattern = new RegExp(`^\\s*["']?${key}["']?\\s*[:=]`, 'i');
  const index = fields.split('\n').findIndex((line) => pattern.test(line));
  return index === -1 ? 1 : index + 1;
}
