#!/usr/bin/env node
/**
 * Converts a real bilingual blog or documentation site (Docusaurus or Hugo, English + Chinese) into
 * this project's content contract, so the checker and the build can be tried on bodies written by
 * other people: `content/articles/<YYYY>/<slug>/<lang>.md`, `content/tags/<id>.yaml`,
 * `content/speakers/<id>.yaml`, with the images the bodies use copied beside each story.
 *
 * Bodies are kept byte for byte (BOM, line endings, shortcodes, MDX, raw HTML), except for the image
 * addresses the contract requires to be relative: an image that exists in the source (relative to
 * the post, or site-absolute `/img/...` under `static/`) is copied into the story folder and its
 * address rewritten to `./<name>`. An image that exists nowhere is left as written, so the checker
 * can be judged on it. `--repair` makes a clean archive instead (for fixtures and for measuring the
 * build): missing images become their alt text, links to the source site's own pages become links
 * to `--site-url` (or plain text), and pages with an empty body are left out. Everything else (MDX,
 * shortcodes, raw HTML) stays, for the checker's warnings.
 *
 * Hand-written rather than a library: no converter maps these generators onto this contract, and
 * the conversion must be predictable enough to describe in a fixture's README.
 *
 * Run with Node 24 (type stripping): `node tests/real-content/convert.ts --help`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { parse as parseToml } from 'smol-toml';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { idFrom } from '#pipeline/check/slug.ts';

const HELP = `Usage: node tests/real-content/convert.ts --from <site-checkout> --layout <layout> --out <content-dir> [options]

Layouts:
  docusaurus-blog   blog/<post>.md(x) + i18n/<zh>/docusaurus-plugin-content-blog/<post>.md(x)
  docusaurus-docs   docs/<page>.md(x) + i18n/<zh>/docusaurus-plugin-content-docs/current/<page>.md(x)
  hugo              content/en/<section>/<page>.md + content/zh/<section>/<page>.md (TOML or YAML front matter)

Options:
  --section <name>   Hugo section to convert (repeatable; default: blog)
  --git-dir <dir>    git directory of the source, for the date of pages without one (last change of the file)
  --rev <rev>        revision whose history gives those dates (default: HEAD)
  --only <keys>      comma-separated source keys (path inside the layout root, without extension)
  --repair           make a clean archive: drop missing images (keep the alt text), rewrite links to the
                     source site's own pages (absolute with --site-url, else plain text), leave out
                     pages with an empty body
  --site-url <url>   the source site's address, for --repair
  --report <file>    write what was done (and every missing image) as JSON
  --help             show this help`;

/** Where a layout's English and Chinese pages live inside the source checkout. */
interface LayoutRoots {
  readonly en: string;
  readonly zh: string;
  readonly authors?: string;
}

/** One source page in one language. */
interface SourcePage {
  readonly file: string;
  readonly bom: boolean;
  readonly eol: string;
  readonly front: Record<string, unknown>;
  readonly body: string;
}

/** What the conversion did, for the report and the fixture README. */
interface Report {
  stories: number;
  files: { en: number; zh: number };
  skipped: string[];
  imagesCopied: number;
  imagesRewritten: number;
  rewritten: { file: string; from: string; to: string }[];
  imagesMissing: { file: string; src: string }[];
  summaries: Record<string, number>;
  repaired: { file: string; what: string }[];
  stories_: { key: string; dir: string }[];
}

const { values: options } = parseArgs({
  options: {
    from: { type: 'string' },
    layout: { type: 'string' },
    out: { type: 'string' },
    section: { type: 'string', multiple: true },
    'git-dir': { type: 'string' },
    rev: { type: 'string', default: 'HEAD' },
    only: { type: 'string' },
    repair: { type: 'boolean', default: false },
    'site-url': { type: 'string' },
    report: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(HELP);
  process.exit(0);
}
if (!options.from || !options.layout || !options.out) {
  console.error('convert: --from, --layout and --out are required (see --help)');
  process.exit(2);
}
const from = path.resolve(options.from);
const out = path.resolve(options.out);
const layout = options.layout;
const repair = options.repair;
const siteUrl = options['site-url']?.replace(/\/+$/, '');
const only = options.only ? new Set(options.only.split(',').map((s) => s.trim())) : undefined;

const report: Report = {
  stories: 0,
  files: { en: 0, zh: 0 },
  skipped: [],
  imagesCopied: 0,
  imagesRewritten: 0,
  rewritten: [],
  imagesMissing: [],
  summaries: {},
  repaired: [],
  stories_: [],
};

/** The Chinese folder under `i18n/`: Docusaurus sites use `zh`, `zh-Hans` or `zh-CN`. */
function zhI18nDir(): string {
  for (const name of ['zh', 'zh-Hans', 'zh-CN', 'zh-cn']) if (existsSync(path.join(from, 'i18n', name))) return name;
  return 'zh';
}

/** The English and Chinese roots of each layout (Hugo: one pair per section). */
function layoutRoots(): LayoutRoots[] {
  const zh = zhI18nDir();
  if (layout === 'docusaurus-blog') {
    return [
      {
        en: path.join(from, 'blog'),
        zh: path.join(from, 'i18n', zh, 'docusaurus-plugin-content-blog'),
        authors: path.join(from, 'blog', 'authors.yml'),
      },
    ];
  }
  if (layout === 'docusaurus-docs') {
    return [
      { en: path.join(from, 'docs'), zh: path.join(from, 'i18n', zh, 'docusaurus-plugin-content-docs', 'current') },
    ];
  }
  if (layout === 'hugo') {
    return (options.section ?? ['blog']).map((section) => ({
      en: path.join(from, 'content', 'en', section),
      zh: path.join(from, 'content', 'zh', section),
    }));
  }
  console.error(`convert: unknown layout "${layout}" (see --help)`);
  process.exit(2);
}

/**
 * Pages under a root by key (path without extension; a bundle's `index.md` is keyed by its folder).
 * Names starting with `_` are partials (Docusaurus) or section lists (Hugo), not pages.
 */
function pagesUnder(root: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(root)) return found;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (/\.mdx?$/.test(entry.name)) {
        const rel = path.relative(root, abs).split(path.sep).join('/');
        const key = rel.replace(/(?:^|\/)index\.mdx?$/, '').replace(/\.mdx?$/, '');
        if (key !== '') found.set(key, abs);
      }
    }
  };
  walk(root);
  return found;
}

/** Reads a page: front matter (YAML `---` or TOML `+++`, after an optional BOM) and the body as written. */
function readPage(file: string): SourcePage | undefined {
  let text = readFileSync(file, 'utf8');
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // Leading blank lines are tolerated here (Hugo reads them; our contract does not, so they go).
  const match = /^\s*(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { file, bom, eol, front: {}, body: text };
  let front: unknown;
  try {
    front = match[1] === '+++' ? readToml(match[2] ?? '') : parseYaml(match[2] ?? '', { schema: 'core' });
  } catch (error) {
    report.skipped.push(
      `${file}: front matter unreadable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
    return undefined;
  }
  return { file, bom, eol, front: (front ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}

/**
 * TOML front matter. Hugo's parser took integers with leading zeros (`dateday = 07`), which TOML
 * forbids; such values are read as plain numbers rather than losing the page.
 */
function readToml(text: string): unknown {
  try {
    return parseToml(text);
  } catch {
    return parseToml(text.replace(/^(\s*[A-Za-z0-9_-]+\s*=\s*)0+(\d+)\s*(#.*)?$/gm, '$1$2'));
  }
}

/** A short stable suffix for ids that have no Latin letters. */
function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/** Collapses whitespace (the contract's text fields are one line). */
function oneLine(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

/** Shortens text to `max` characters at a sentence end or a word boundary, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'));
  if (sentence > max / 2) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** `YYYY-MM-DD` (or a date-time with offset) from a front-matter date, a TOML date or `2026-1-30`. */
function normaliseDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : iso.slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const withOffset = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.exec(
    value.trim(),
  );
  if (withOffset) return value.trim();
  const plain = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value.trim());
  if (!plain) return undefined;
  return `${plain[1]}-${plain[2]?.padStart(2, '0')}-${plain[3]?.padStart(2, '0')}`;
}

/** Last-change date of every file in the source's history (one `git log`), keyed by path. */
function gitDates(): Map<string, string> {
  const dates = new Map<string, string>();
  const gitDir = options['git-dir'];
  if (!gitDir) return dates;
  const log = execFileSync('git', ['--git-dir', gitDir, 'log', '--format=%x01%cs', '--name-only', options.rev], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  let current = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('\x01')) current = line.slice(1);
    else if (line !== '' && !dates.has(line)) dates.set(line, current);
  }
  return dates;
}

/** Plain text of a Markdown node (alt text for images). */
function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

const markdown = unified().use(remarkParse).use(remarkGfm);

/** The first paragraph of a body with some text in it, as one line (HTML, shortcodes and MDX lines left out). */
function firstParagraph(body: string): string {
  const tree = markdown.parse(body);
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    // MDX `import`/`export` lines parse as a paragraph of text; they are not the page's opening words.
    if (/^(?:import|export)\s/.test(textOf(node))) continue;
    const text = oneLine(textOf(node).replace(/\{\{[<%][\s\S]*?[%>]\}\}/g, ''));
    if (text.length >= 20) return text;
  }
  return '';
}

/** A Markdown image, definition or raw-HTML address in a body, with its offsets in the body. */
interface Address {
  readonly start: number;
  readonly end: number;
  readonly written: string;
  readonly kind: 'image' | 'html-image' | 'link';
  /** For images: the text to leave when a missing image is dropped (`--repair`). */
  readonly node?: { start: number; end: number; alt: string };
}

/** Image addresses (Markdown, reference definitions used by images, raw `<img src>`) and local link addresses. */
function addressesIn(body: string): Address[] {
  const tree = markdown.parse(body);
  const found: Address[] = [];
  const imageIds = new Set<string>();
  visit(tree, 'imageReference', (node) => void imageIds.add(node.identifier));
  visit(tree, (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const slice = body.slice(start, end);
    if (node.type === 'image' || node.type === 'link') {
      // `[text](dest "title")`: the destination follows the last `](` of the node's source.
      const at = slice.lastIndexOf('](');
      const inner = at >= 0 && slice.endsWith(')') ? /^\]\(\s*(<[^>]*>|[^\s)]+)/.exec(slice.slice(at)) : null;
      if (inner?.[1]) {
        const offset = start + at + inner[0].length - inner[1].length;
        const alt = node.type === 'image' ? (node.alt ?? '') : textOf(node);
        const kind = node.type === 'image' ? 'image' : 'link';
        found.push({
          start: offset,
          end: offset + inner[1].length,
          written: inner[1],
          kind,
          node: { start, end, alt },
        });
      }
    } else if (node.type === 'definition') {
      const m = /^(\s*\[[^\]]*\]:\s*)(<[^>]*>|\S+)/.exec(slice);
      if (m?.[2]) {
        const kind = imageIds.has(node.identifier) ? 'image' : 'link';
        found.push({
          start: start + (m[1]?.length ?? 0),
          end: start + (m[1]?.length ?? 0) + m[2].length,
          written: m[2],
          kind,
        });
      }
    } else if (node.type === 'html') {
      const value = node.value;
      for (const m of value.matchAll(/<(?:img|source)\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi)) {
        const written = m[1] ?? m[2] ?? m[3] ?? '';
        const offset = start + (m.index ?? 0) + m[0].length - written.length - (m[3] === undefined ? 1 : 0);
        // Inside a quote or list the node's value lacks the container prefixes: find the text again.
        const at = body.slice(offset, offset + written.length) === written ? offset : body.indexOf(written, start);
        if (at >= 0 && at < end) found.push({ start: at, end: at + written.length, written, kind: 'html-image' });
      }
    }
  });
  return found;
}

/** Whether an address is a web address (`https:`, `mailto:`, `//host`, `#id`, `data:`). */
function external(address: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(address) || address.startsWith('//') || address.startsWith('#');
}

/** The source file an image address names, if it exists (relative to the page, or under `static/`). */
function resolveImage(pageFile: string, written: string): string | undefined {
  let address = written.replace(/^<|>$/g, '').split(/[?#]/)[0] ?? '';
  try {
    address = decodeURI(address);
  } catch {
    return undefined;
  }
  if (address === '') return undefined;
  const candidates = address.startsWith('/')
    ? [path.join(from, 'static', address)]
    : [path.resolve(path.dirname(pageFile), address), path.join(from, 'static', address)];
  for (const candidate of candidates) {
    if (candidate.startsWith(from) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const IMAGE_NAME = /\.(?:avif|gif|jpe?g|png|svg|webp|tiff?)$/i;

/** Per story folder: source image → copied name, so both languages share one copy. */
const copied = new Map<string, Map<string, string>>();

/** Copies an image into the story folder (once) and returns its new relative address. */
function copyImage(storyDir: string, source: string): string {
  let names = copied.get(storyDir);
  if (!names) copied.set(storyDir, (names = new Map<string, string>()));
  const known = names.get(source);
  if (known) return known;
  const base =
    path
      .basename(source)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+/, '') || 'image.png';
  let name = base;
  const taken = new Set(names.values());
  for (let n = 2; taken.has(`./${name}`); n++) name = base.replace(/(\.[^.]+)$/, `-${n}$1`);
  mkdirSync(storyDir, { recursive: true });
  copyFileSync(source, path.join(storyDir, name));
  report.imagesCopied++;
  names.set(source, `./${name}`);
  return `./${name}`;
}

/** The body with image addresses rewritten (and, with `--repair`, missing images and site links fixed). */
function convertBody(page: SourcePage, storyDir: string, outRel: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const address of addressesIn(page.body)) {
    const bare = address.written.replace(/^<|>$/g, '');
    if (address.kind === 'link') {
      // Links stay, except (with --repair) links to the source site's own pages, which 404 here.
      if (!repair || external(bare) || bare === '') continue;
      if (siteUrl && bare.startsWith('/')) {
        edits.push({ start: address.start, end: address.end, text: `${siteUrl}${bare}` });
      } else if (address.node) {
        edits.push({ start: address.node.start, end: address.node.end, text: address.node.alt });
      }
      report.repaired.push({
        file: outRel,
        what: `link ${bare} → ${siteUrl && bare.startsWith('/') ? 'absolute' : 'text'}`,
      });
      continue;
    }
    if (external(bare)) continue;
    const source = resolveImage(page.file, address.written);
    if (source && IMAGE_NAME.test(source)) {
      const to = copyImage(storyDir, source);
      edits.push({ start: address.start, end: address.end, text: to });
      report.imagesRewritten++;
      report.rewritten.push({ file: outRel, from: bare, to });
      continue;
    }
    report.imagesMissing.push({ file: outRel, src: bare });
    if (repair && address.node) {
      edits.push({ start: address.node.start, end: address.node.end, text: address.node.alt });
      report.repaired.push({ file: outRel, what: `missing image ${bare} → alt text` });
    }
  }
  let body = page.body;
  // Nested edits (an image inside a link) keep only the outer one; apply from the end.
  edits.sort((a, b) => b.start - a.start);
  let floor = Infinity;
  for (const edit of edits) {
    if (edit.end > floor) continue;
    body = body.slice(0, edit.start) + edit.text + body.slice(edit.end);
    floor = edit.start;
  }
  return body;
}

/** Tag ids (and their English labels) from a front matter's `tags`. */
function tagsOf(front: Record<string, unknown>): { id: string; label: string }[] {
  const raw = front['tags'];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  const tags = new Map<string, string>();
  for (const item of list) {
    const text = typeof item === 'string' ? item : oneLine((item as Record<string, unknown> | null)?.['label']);
    const label = oneLine(text);
    if (label === '') continue;
    const id = idFrom(label) || `tag-${shortHash(label)}`;
    const pretty = /^[a-z0-9-]+$/.test(label)
      ? label.charAt(0).toUpperCase() + label.slice(1).replace(/-/g, ' ')
      : label;
    if (!tags.has(id)) tags.set(id, pretty);
  }
  return [...tags].map(([id, label]) => ({ id, label }));
}

/** A speaker entry: the English name, optionally a role and a web link. */
interface Speaker {
  readonly name: string;
  readonly role?: string | undefined;
  readonly url?: string | undefined;
}

/** Docusaurus `authors.yml`, by id. */
function readAuthors(file: string | undefined): Map<string, Speaker> {
  const authors = new Map<string, Speaker>();
  if (!file || !existsSync(file)) return authors;
  const data = (parseYaml(readFileSync(file, 'utf8'), { schema: 'core' }) ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  for (const [id, entry] of Object.entries(data)) {
    const name = oneLine(entry?.['name']) || id;
    authors.set(id, { name, role: oneLine(entry?.['title']) || undefined, url: oneLine(entry?.['url']) || undefined });
  }
  return authors;
}

/** Speakers of a post: `authors` (ids or inline objects) or `author` + `author_title` + `author_url`. */
function speakersOf(front: Record<string, unknown>, authors: Map<string, Speaker>): { id: string; speaker: Speaker }[] {
  const raw = front['authors'] ?? front['author'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const found = new Map<string, Speaker>();
  for (const item of list) {
    let speaker: Speaker | undefined;
    let key = '';
    if (typeof item === 'string') {
      key = item.trim();
      speaker = authors.get(key) ?? {
        name: oneLine(key),
        role: list.length === 1 ? oneLine(front['author_title']) || undefined : undefined,
        url: list.length === 1 ? oneLine(front['author_url']) || undefined : undefined,
      };
    } else if (item && typeof item === 'object') {
      const entry = item as Record<string, unknown>;
      key = oneLine(entry['key'] ?? entry['name']);
      speaker = {
        name: oneLine(entry['name']) || key,
        role: oneLine(entry['title']) || undefined,
        url: oneLine(entry['url']) || undefined,
      };
    }
    const id = idFrom(key);
    if (!speaker || id === '' || speaker.name === '') continue;
    if (!found.has(id)) found.set(id, speaker);
  }
  return [...found].map(([id, speaker]) => ({ id, speaker }));
}

/** Writes a YAML registry entry once (the first story to use an id wins). */
function writeEntry(collection: string, id: string, data: Record<string, unknown>): void {
  const file = path.join(out, collection, `${id}.yaml`);
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, stringifyYaml(data, { lineWidth: 0 }));
}

/** The article file: front matter in the contract's fields, then the body with the source's BOM and line endings. */
function articleText(page: SourcePage, fields: Record<string, unknown>, body: string): string {
  const yaml = stringifyYaml(fields, { lineWidth: 0 }).trimEnd().split('\n').join(page.eol);
  return `${page.bom ? '\uFEFF' : ''}---${page.eol}${yaml}${page.eol}---${page.eol}${body}`;
}

/** Title, summary and draft flag of one language version. */
function ownFields(page: SourcePage, key: string, language: string): Record<string, unknown> {
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(page.body)?.[1];
  const title = shorten(
    oneLine(page.front['title']) ||
      oneLine(page.front['sidebar_label']) ||
      oneLine(heading) ||
      key.split('/').pop() ||
      key,
    300,
  );
  let summary = oneLine(page.front['description']);
  let from_ = 'description';
  if (summary === '') [summary, from_] = [oneLine(page.front['summary']), 'summary'];
  if (summary === '') [summary, from_] = [firstParagraph(page.body), 'first paragraph'];
  if (summary === '') [summary, from_] = [title, 'title'];
  if (summary.length > 600) from_ += ' (shortened)';
  report.summaries[from_] = (report.summaries[from_] ?? 0) + 1;
  const fields: Record<string, unknown> = { title, language, summary: shorten(summary, 600) };
  if (page.front['draft'] === true) fields['draft'] = true;
  return fields;
}

/** The page, unless `--repair` drops it for having no body (the contract refuses empty articles). */
function usable(page: SourcePage | undefined): SourcePage | undefined {
  if (!page || !repair || page.body.trim() !== '') return page;
  report.repaired.push({ file: path.relative(from, page.file), what: 'empty page left out' });
  return undefined;
}

const dates = gitDates();
const storySlugs = new Set<string>();

for (const roots of layoutRoots()) {
  const authors = readAuthors(roots.authors);
  const en = pagesUnder(roots.en);
  const zh = pagesUnder(roots.zh);
  const keys = [...new Set([...en.keys(), ...zh.keys()])].sort();
  for (const key of keys) {
    if (only && !only.has(key)) continue;
    const enPage = usable(en.has(key) ? readPage(en.get(key) ?? '') : undefined);
    const zhPage = usable(zh.has(key) ? readPage(zh.get(key) ?? '') : undefined);
    const primary = enPage ?? zhPage;
    if (!primary) continue;
    const relToRepo = (file: string): string => path.relative(from, file).split(path.sep).join('/');
    const date =
      normaliseDate(primary.front['date']) ??
      normaliseDate(/^(\d{4}-\d{1,2}-\d{1,2})-/.exec(path.basename(key))?.[1]) ??
      dates.get(relToRepo(primary.file)) ??
      normaliseDate(primary.front['lastmod']);
    if (!date) {
      report.skipped.push(`${relToRepo(primary.file)}: no date (give --git-dir for pages without one)`);
      continue;
    }
    const base = idFrom(key.replace(/(^|\/)\d{4}-\d{1,2}-\d{1,2}-/, '$1')) || `story-${shortHash(key)}`;
    let slug = base;
    for (let n = 2; storySlugs.has(slug); n++) slug = `${base}-${n}`;
    storySlugs.add(slug);
    const storyRel = `articles/${date.slice(0, 4)}/${slug}`;
    const storyDir = path.join(out, storyRel);
    mkdirSync(storyDir, { recursive: true });
    report.stories++;
    report.stories_.push({ key, dir: storyRel });

    // Shared facts go in the primary file only (the translation inherits them).
    const tags = tagsOf(primary.front);
    const speakers = speakersOf(primary.front, authors);
    for (const tag of tags) writeEntry('tags', tag.id, { label: { en: tag.label } });
    for (const { id, speaker } of speakers) {
      const entry: Record<string, unknown> = { name: { en: speaker.name } };
      if (speaker.role) entry['role'] = { en: speaker.role };
      if (speaker.url && /^https?:\/\//.test(speaker.url)) entry['links'] = [{ label: 'Website', url: speaker.url }];
      writeEntry('speakers', id, entry);
    }
    for (const [language, page] of [
      ['en', enPage],
      ['zh', zhPage],
    ] as const) {
      if (!page) continue;
      const outRel = `${storyRel}/${language}.md`;
      const fields = ownFields(page, key, language);
      if (page === primary) {
        const shared: Record<string, unknown> = { date };
        if (speakers.length > 0) shared['speakers'] = speakers.map((s) => s.id);
        if (tags.length > 0) shared['tags'] = tags.map((t) => t.id);
        Object.assign(fields, shared);
        // Keep the contract's field order: title, date, language, summary, ...
        const { title, language: lang, summary, ...rest } = fields;
        Object.keys(fields).forEach((k) => delete fields[k]);
        Object.assign(fields, { title, date, language: lang, summary, ...rest });
      }
      writeFileSync(
        path.join(storyDir, `${language}.md`),
        articleText(page, fields, convertBody(page, storyDir, outRel)),
      );
      report.files[language]++;
    }
  }
}

const line = `converted ${report.stories} stories (${report.files.en} en, ${report.files.zh} zh files), ${report.imagesCopied} images copied, ${report.imagesRewritten} image addresses rewritten, ${report.imagesMissing.length} missing, ${report.skipped.length} skipped`;
console.log(line);
if (options.report) writeFileSync(path.resolve(options.report), `${JSON.stringify(report, null, 2)}\n`);
