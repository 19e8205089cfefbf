/**
 * Reads a Docusaurus blog (`npm run migrate -- --from docusaurus <site>`, issue 15) into the
 * generator-neutral `SourceSite`, finding posts the way Docusaurus's blog plugin does: the default
 * locale's in `blog/`, each other locale's in `i18n/<locale>/docusaurus-plugin-content-blog/` (same
 * relative paths), a post being `<name>.md(x)` or `<name>/index.md(x)`, names starting with `_` left
 * out, the date from front matter `date` or else from the path (`2024-04-30-name`,
 * `2024/04/30/name`). Hand-written because no library reads a Docusaurus site without running it:
 * the config is a program, so its `i18n` block is read as text (see `readDocusaurusLocales`), never
 * executed. Symbolic links are never followed (a link could leave the site folder); each is reported.
 */
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { decodeUtf8 } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';
import { readDocusaurusLocales } from './locales.ts';
import type { SkippedFile, SourcePage, SourceProblem, SourceSite } from './source-page.ts';

/** A Docusaurus post: a `SourcePage` that also says whether its date came from the file name. */
export interface DocusaurusPage extends SourcePage {
  readonly generator: 'docusaurus';
  /** The post's date as written (`2024-04-30` or a timestamp), if front matter or path gives one. */
  readonly date?: string;
  /** True when front matter had no `date` and the path's date was put into `frontMatter.date`. */
  readonly dateFromFileName: boolean;
}

/** One entry of a blog's `authors.yml`. */
export interface DocusaurusAuthor {
  readonly name?: string;
  readonly title?: string;
  readonly url?: string;
  readonly image_url?: string;
}

/** A Docusaurus blog: its pages, and the authors files per locale (only the locales that have one). */
export interface DocusaurusSite extends SourceSite {
  readonly generator: 'docusaurus';
  readonly pages: readonly DocusaurusPage[];
  /** Locale → author id → author; a locale without its own `authors.yml` is absent (Docusaurus falls back to the default's). */
  readonly authors: ReadonlyMap<string, ReadonlyMap<string, DocusaurusAuthor>>;
}

/** Options of `readDocusaurusSite`. */
export interface DocusaurusOptions {
  /** The blog plugin's `path`, relative to the site folder (default `blog`). */
  readonly blogDir?: string;
}

const CONFIG_NAMES = ['docusaurus.config.ts', 'docusaurus.config.mjs', 'docusaurus.config.js'];
/** The i18n folder of the default blog plugin instance. */
const I18N_BLOG = 'docusaurus-plugin-content-blog';
/** Docusaurus's blog date pattern: a date anywhere in the path, `-` or `/` separated, before the name. */
const PATH_DATE = /(?:^|\/)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?=[-/]|\.mdx?$)/;

/** The date a post's relative path gives (`2020-12-7-x.md` → `2020-12-07`), or undefined if none or not a real date. */
export function dateFromPath(rel: string): string | undefined {
  const m = PATH_DATE.exec(rel);
  if (!m) return undefined;
  const [y, mo, d] = [m[1] ?? '', (m[2] ?? '').padStart(2, '0'), (m[3] ?? '').padStart(2, '0')];
  const iso = `${y}-${mo}-${d}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : undefined;
}

/** Reads the blog of the Docusaurus site in `siteDir`: locales, posts of every locale, authors. */
export function readDocusaurusSite(siteDir: string, options: DocusaurusOptions = {}): DocusaurusSite {
  const root = path.resolve(siteDir);
  const problems: SourceProblem[] = [];
  const skipped: SkippedFile[] = [];
  const { defaultLocale, locales } = siteLocales(root, problems);
  const pages: DocusaurusPage[] = [];
  const authors = new Map<string, ReadonlyMap<string, DocusaurusAuthor>>();
  const blog = path.join(root, options.blogDir ?? 'blog');
  for (const locale of locales) {
    const dir = locale === defaultLocale ? blog : path.join(root, 'i18n', locale, I18N_BLOG);
    for (const rel of postFiles(dir, problems, skipped)) {
      const page = readPost(root, dir, rel, locale, defaultLocale, problems);
      if (page) pages.push(page);
    }
    const map = readAuthors(path.join(dir, 'authors.yml'), problems);
    if (map) authors.set(locale, map);
  }
  const byRel = (a: { rel: string }, b: { rel: string }): number => compare(a.rel, b.rel);
  return {
    generator: 'docusaurus',
    siteDir: root,
    defaultLocale,
    locales,
    pages: pages.sort(byRel),
    problems: problems.sort((a, b) => compare(a.file, b.file) || a.line - b.line),
    skipped: skipped.sort((a, b) => compare(a.file, b.file)),
    authors,
  };
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The locales from the first config file found; English alone (with a problem) when unreadable. */
function siteLocales(root: string, problems: SourceProblem[]): { defaultLocale: string; locales: readonly string[] } {
  for (const name of CONFIG_NAMES) {
    const file = path.join(root, name);
    if (!lstatSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    const result = readDocusaurusLocales(readFileSync(file, 'utf8'));
    if (result.ok) return result;
    problems.push({ file, line: 1, message: `${result.message}; reading the site as English only` });
    return { defaultLocale: 'en', locales: ['en'] };
  }
  problems.push({ file: root, line: 1, message: `no ${CONFIG_NAMES.join(', ')}; reading the site as English only` });
  return { defaultLocale: 'en', locales: ['en'] };
}

/**
 * Post files below `dir`, relative with `/`, sorted. Left out as Docusaurus does: names starting
 * with `_` or `.` (partials, hidden files) and `__tests__`; links are reported, not followed.
 */
function postFiles(dir: string, problems: SourceProblem[], skipped: SkippedFile[]): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      if (rel !== '' || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
        problems.push({ file: path.join(dir, rel), line: 1, message: `cannot read the folder: ${String(error)}` });
      }
      return;
    }
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const file = path.join(dir, child);
      if (entry.isSymbolicLink()) {
        problems.push({ file, line: 1, message: 'a symbolic link: not followed; copy the file or folder in instead' });
      } else if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        if (entry.name.startsWith('_') || entry.name === '__tests__') {
          skipped.push({ file, reason: 'a folder starting with "_": Docusaurus publishes none of it' });
        } else walk(child);
      } else if (entry.isFile() && /\.mdx?$/.test(entry.name)) {
        if (entry.name.startsWith('_')) skipped.push({ file, reason: 'a partial ("_" name): not a post' });
        else if (!entry.name.startsWith('.')) found.push(child);
      }
    }
  };
  // A linked blog folder is reported like a linked post (readdir would follow it).
  if (lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) {
    problems.push({ file: dir, line: 1, message: 'the blog folder is a symbolic link: not followed' });
  } else walk('');
  return found;
}

/** gray-matter for the split only (options turn its cache off); no engine runs (its `---js` one would `eval`). */
const NO_ENGINE = (): object => ({});
const SPLIT_ONLY = { engines: { yaml: NO_ENGINE, json: NO_ENGINE, javascript: NO_ENGINE } };

/** Reads one post, or reports why it cannot be read (at the file's line). */
function readPost(
  root: string,
  dir: string,
  rel: string,
  locale: string,
  defaultLocale: string,
  problems: SourceProblem[],
): DocusaurusPage | undefined {
  const file = path.join(dir, rel);
  let decoded: ReturnType<typeof decodeUtf8>;
  try {
    decoded = decodeUtf8(readFileSync(file));
  } catch (error) {
    problems.push({ file, line: 1, message: `cannot read the file: ${String(error)}` });
    return undefined;
  }
  if (!decoded.ok) {
    problems.push({ file, line: decoded.line, message: decoded.message });
    return undefined;
  }
  const text = decoded.text; // without its byte order mark
  let split: ReturnType<typeof matter>;
  try {
    split = matter(text, SPLIT_ONLY);
  } catch (error) {
    problems.push({ file, line: 1, message: `the front matter cannot be read: ${String(error)}` });
    return undefined;
  }
  const language = ((split as { language?: string }).language ?? 'yaml').replace(/^yml$/, 'yaml');
  const hasFields = text.startsWith('---') && text[3] !== '-';
  if (hasFields && !text.slice(3).includes('\n---')) {
    problems.push({ file, line: 1, message: 'the front matter is never closed: no "---" line after it' });
    return undefined;
  }
  const raw = hasFields ? split.matter : '';
  const fields = parseFields(raw, language);
  if (!fields.ok) {
    problems.push({ file, line: fields.line, message: `the front matter cannot be read: ${fields.message}` });
    return undefined;
  }
  const frontMatter: Record<string, unknown> = { ...fields.data };
  const written = frontMatter['date'];
  const fromName = written === undefined || written === null ? dateFromPath(rel) : undefined;
  if (fromName !== undefined) frontMatter['date'] = fromName;
  const date = fromName ?? (typeof written === 'string' ? written : undefined);
  const bodyStart = text.length - split.content.length;
  const pathKey = rel.replace(/\.mdx?$/, '').replace(/(?:^|\/)index$/, '');
  const slug = typeof frontMatter['slug'] === 'string' ? frontMatter['slug'] : undefined;
  const isIndex = /(?:^|\/)index\.mdx?$/.test(rel);
  return {
    generator: 'docusaurus',
    file,
    rel: path.relative(root, file).split(path.sep).join('/'),
    sourceLocale: locale,
    frontMatter,
    frontMatterFormat: hasFields ? 'yaml' : 'none',
    body: split.content,
    bodyLine: text.slice(0, bodyStart).split('\n').length,
    ...(isIndex ? { bundleDir: path.dirname(file) } : {}),
    pathKey,
    ...(slug !== undefined ? { slug } : {}),
    url: permalink(pathKey, slug, locale === defaultLocale ? '' : `/${locale}`),
    aliases: [],
    ...(date !== undefined ? { date } : {}),
    dateFromFileName: fromName !== undefined,
  };
}

/**
 * The post's address as Docusaurus makes it with `baseUrl: '/'` and `routeBasePath: 'blog'` (the
 * defaults; a site that changes them has other addresses): the slug, or the path with its date as
 * `YYYY/MM/DD/`, under `/blog`, after `/<locale>` for a locale that is not the default.
 */
function permalink(pathKey: string, slug: string | undefined, prefix: string): string {
  if (slug !== undefined) return `${prefix}/blog/${slug.replace(/^\/+/, '')}`;
  const m = /^(.*?)(\d{4})[-/](\d{1,2})[-/](\d{1,2})[-/]?(.*)$/.exec(pathKey);
  const dated = m
    ? `${m[1] ?? ''}${m[2] ?? ''}/${(m[3] ?? '').padStart(2, '0')}/${(m[4] ?? '').padStart(2, '0')}/${m[5] ?? ''}`
    : pathKey;
  return `${prefix}/blog/${dated}`.replace(/\/+$/, '');
}

/** The front matter fields as a map, or the file line at fault (the raw block's line 1 is the file's line 1). */
function parseFields(
  raw: string,
  language: string,
): { ok: true; data: object } | { ok: false; line: number; message: string } {
  // Docusaurus reads YAML only (gray-matter's `---json` and `---js` are allowed by accident there).
  if (language !== 'yaml') return { ok: false, line: 1, message: `"---${language}" front matter is not supported` };
  if (raw.replace(/^\s*#[^\n]*/gm, '').trim() === '') return { ok: true, data: {} };
  const parsed = parseYaml(raw);
  if (!parsed.ok) return { ok: false, line: parsed.errors[0]?.line ?? 1, message: parsed.errors[0]?.message ?? '' };
  const data = parsed.value.data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return { ok: true, data };
  return { ok: false, line: 1, message: 'the front matter must be a map of fields' };
}

/** The authors of one `authors.yml`, undefined when the file is absent or unreadable (then reported). */
function readAuthors(file: string, problems: SourceProblem[]): Map<string, DocusaurusAuthor> | undefined {
  let text: string;
  try {
    if (lstatSync(file).isSymbolicLink()) {
      problems.push({ file, line: 1, message: 'a symbolic link: not followed' });
      return undefined;
    }
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    problems.push({ file, line: first?.line ?? 1, message: `authors.yml cannot be read: ${first?.message ?? ''}` });
    return undefined;
  }
  const data = parsed.value.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, line: 1, message: 'authors.yml must be a map of author id → author' });
    return undefined;
  }
  const authors = new Map<string, DocusaurusAuthor>();
  for (const id of Object.keys(data).sort(compare)) {
    const entry: unknown = (data as Record<string, unknown>)[id];
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ file, line: parsed.value.locate([id]).line, message: `author "${id}" must be a map` });
      continue;
    }
    const fields = entry as Record<string, unknown>;
    const author: Record<string, string> = {};
    for (const key of ['name', 'title', 'url', 'image_url'] as const) {
      if (typeof fields[key] === 'string') author[key] = fields[key];
    }
    authors.set(id, author);
  }
  return authors;
}
