/**
 * The bodies of migrated stories (`npm run migrate`, issue 15): convertBody with the two look-ups it
 * leaves to its caller. Links to another migrated page (by its old address or its source file) point
 * to our new page; images found beside the page or in the site's `static/` are copied into the story
 * folder and referenced as `./<name>`. Whatever cannot be resolved is kept as written and noted, with
 * the source file line, so the editor finds it.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { convertBody, type Conversion } from './convert-body.ts';
import { destination, parseBody } from './convert-markdown.ts';
import { aliasPath } from './old-urls.ts';
import type { PlanNote, PlannedFile } from './plan.ts';
import type { SourcePage, SourceSite } from './source-page.ts';

/** Where each migrated page went, found by its old addresses and its source path. */
export class LinkIndex {
  readonly #byKey = new Map<string, { locale: string; to: string }[]>();
  readonly #ours = new Set<string>();

  /** Records that `page` (our `locale`) is now at `to` (`/<lang>/<year>/<slug>/`), with its old addresses. */
  add(page: SourcePage, locale: string, to: string, oldPaths: readonly string[]): void {
    this.#ours.add(to);
    const keys = new Set(oldPaths.map((p) => `url:${p}`));
    const rel = page.rel.replace(/\.(?:md|mdx|markdown)$/i, '');
    // Hugo's `post.zh-cn.md` is `post` to a link from its own language.
    const suffix = `.${page.sourceLocale.toLowerCase()}`;
    const plain = rel.toLowerCase().endsWith(suffix) ? rel.slice(0, -suffix.length) : rel;
    const forms = [rel, plain, ...(page.bundleDir !== undefined ? [plain.replace(/\/index$/, '')] : [])];
    for (const form of forms) {
      const parts = form.split('/');
      // Every tail of the path: Hugo's ref takes `posts/x.md`, `x.md` or `x`, relative to any content root.
      for (let i = 0; i < parts.length; i++) keys.add(`src:${parts.slice(i).join('/')}`);
    }
    for (const key of keys) this.#byKey.set(key, [...(this.#byKey.get(key) ?? []), { locale, to }]);
  }

  /** Whether a link already points at one of our new pages (as convertBody writes resolved refs). */
  isOurs(target: string): boolean {
    return this.#ours.has(target.replace(/[?#].*$/, ''));
  }

  /** Our address for a link of `from` (our `locale`), or undefined when it names no migrated page (or several). */
  resolve(target: string, from: SourcePage, locale: string): string | undefined {
    const hash = /#.*$/.exec(target)?.[0] ?? '';
    const bare = target.replace(/[?#].*$/, '').trim();
    if (bare === '' || /^[a-z][a-z0-9+.-]*:/i.test(bare) || bare.startsWith('//')) return undefined;
    const keys: string[] = [];
    if (bare.startsWith('/')) {
      const old = aliasPath(bare);
      if (old !== undefined) keys.push(`url:${old}`);
    } else {
      const dir = path.posix.dirname(from.rel);
      keys.push(`src:${path.posix.normalize(path.posix.join(dir, decode(bare)))}`);
    }
    keys.push(`src:${decode(bare).replace(/^\.?\/+/, '')}`);
    for (const key of keys) {
      const found = this.#byKey.get(key.replace(/\.(?:md|mdx|markdown)$/i, '').replace(/\/$/, '')) ?? [];
      const same = found.filter((f) => f.locale === locale);
      const targets = [...new Set((same.length > 0 ? same : found).map((f) => f.to))];
      if (targets.length === 1) return `${targets[0] ?? ''}${hash}`;
    }
    return undefined;
  }
}

/** `text` percent-decoded, or as it is when it is not valid percent-encoding. */
function decode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/** The images copied into one story folder: source file → name, so versions share a copy and names never clash. */
export class StoryImages {
  readonly #names = new Map<string, string>();
  readonly #taken = new Set<string>();

  /** The story folder (`articles/<year>/<slug>`). */
  readonly folder: string;

  /** Images for the story in `folder` (`articles/<year>/<slug>`). */
  constructor(folder: string) {
    this.folder = folder;
  }

  /** The `./<name>` for a source file, the same one each time it is asked for. */
  nameFor(file: string): string {
    const known = this.#names.get(file);
    if (known !== undefined) return known;
    const base = path.basename(file).replace(/[^\p{L}\p{N}._-]+/gu, '-');
    const ext = path.extname(base);
    let name = base;
    for (let n = 2; this.#taken.has(name.toLowerCase()) || /^[a-z-]+\.md$/i.test(name); n++) {
      name = `${base.slice(0, base.length - ext.length)}-${n}${ext}`;
    }
    this.#taken.add(name.toLowerCase());
    this.#names.set(file, name);
    return name;
  }

  /** The copies to plan, sorted by path. */
  files(): PlannedFile[] {
    return [...this.#names]
      .map(([copyFrom, name]) => ({ path: `${this.folder}/${name}`, copyFrom }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

/** Whether `file` is a regular file (not a link, which the writer would refuse anyway). */
export function isFile(file: string): boolean {
  return lstatSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * The file an image of `page` written as `src` names: site-absolute (`/img/x.png`) under the site's
 * `static/`, else relative to the page (its bundle); undefined for a web address or nothing. The
 * file may not exist: the caller notes that in its own words.
 */
export function imageSource(src: string, page: SourcePage, site: SourceSite): string | undefined {
  const bare = decode(src.replace(/[?#].*$/, ''));
  if (bare === '' || /^[a-z][a-z0-9+.-]*:/i.test(bare) || bare.startsWith('//')) return undefined;
  return bare.startsWith('/') ? path.join(site.siteDir, 'static', bare) : path.resolve(path.dirname(page.file), bare);
}

/** The source file line where `text` first occurs in the page's body (the body's first line if nowhere). */
function sourceLine(page: SourcePage, text: string): number {
  const at = page.body.indexOf(text);
  return page.bodyLine + (at < 0 ? 0 : page.body.slice(0, at).split('\n').length - 1);
}

/** Converts one page's body for the story folder: the conversion, and its body with links rewritten; notes go to `notes`. */
export function mapBody(
  page: SourcePage,
  locale: string,
  site: SourceSite,
  links: LinkIndex,
  images: StoryImages,
  notes: PlanNote[],
  oldSite?: string,
): { readonly conversion: Conversion; readonly body: string } {
  const resolveImage = (src: string): string | undefined => {
    const file = imageSource(src, page, site);
    if (file === undefined) return undefined;
    if (isFile(file)) return `./${images.nameFor(file)}`;
    const message = `image "${src}" not found (looked for ${path.relative(site.siteDir, file)}): left as written; add it beside the story`;
    notes.push({ file: page.file, line: sourceLine(page, src), kind: 'image', message });
    return undefined;
  };
  const conversion = convertBody(page.body, {
    generator: page.generator,
    resolveLink: (target) => links.resolve(target, page, locale),
    resolveImage,
  });
  for (const left of conversion.leftovers) {
    // The summary divider is used for the summary; an image left as written is already noted above.
    if (left.kind === 'truncate' || left.kind === 'image') continue;
    notes.push({
      file: page.file,
      line: page.bodyLine + left.line - 1,
      column: left.column,
      kind: `leftover:${left.kind}`,
      message: `${left.kind} left as written: ${left.text}`,
    });
  }
  return { conversion, body: rewriteLinks(conversion.body, page, locale, links, notes, oldSite) };
}

/** Points Markdown links and link definitions to migrated pages at our addresses; notes internal ones left. */
function rewriteLinks(
  body: string,
  page: SourcePage,
  locale: string,
  links: LinkIndex,
  notes: PlanNote[],
  oldSite: string | undefined,
): string {
  const edits: { start: number; end: number; text: string }[] = [];
  visit(parseBody(body), ['link', 'definition'], (node) => {
    if ((node.type !== 'link' && node.type !== 'definition') || node.url.startsWith('#') || links.isOurs(node.url)) {
      return;
    }
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const to = links.resolve(node.url, page, locale);
    const written = body.slice(start, end);
    const open = node.type === 'link' ? written.lastIndexOf('](') : written.indexOf(']:');
    const at = open < 0 ? -1 : written.indexOf(node.url, open);
    if (to !== undefined && at >= 0) {
      edits.push({ start: start + at, end: start + at + node.url.length, text: destination(to) });
    } else if (!/^[a-z][a-z0-9+.-]*:/i.test(node.url) && /^\/(?!\/)|\.mdx?(?:#|$)/i.test(node.url)) {
      // A site-absolute link or a link to a Markdown file of the source (a web address is another site's).
      const onOldSite =
        oldSite !== undefined && /^\/(?!\/)/.test(node.url) && at >= 0 ? new URL(node.url, oldSite).href : undefined;
      if (onOldSite !== undefined)
        edits.push({ start: start + at, end: start + at + node.url.length, text: destination(onOldSite) });
      const message =
        onOldSite === undefined
          ? `link "${node.url}" is to no migrated page: left as written; check where it should go`
          : `link "${node.url}" is to no migrated page: now points at the old site, ${onOldSite}`;
      notes.push({ file: page.file, line: sourceLine(page, node.url), kind: 'link', message });
    }
  });
  let out = body;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, edit.start)}${edit.text}${out.slice(edit.end)}`;
  }
  return out;
}
