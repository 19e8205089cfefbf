/**
 * The fast path of a body-only rebuild: the edited bodies are rendered here, with the loader's own
 * Markdown renderer and set-up (src/loaders/markdown-render.ts, the set-up the last build's loader
 * wrote), and spliced into copies of the last site's story pages and full-content feeds
 * (src/lib/body-splice.ts), which are all the files a body appears in. Astro does not run: its start
 * alone (reading and digesting every file, writing its store again, bundling, the site data of
 * every story) is most of a minute at 10,000 stories, for a few files.
 *
 * It refuses, and the build renders the bodies with Astro instead (pipeline/build.ts), whenever it
 * cannot be sure: no body index or set-up from the last build, a body that shows local images
 * (Astro optimises them into the page), a change in the registry names a body mentions (they are in
 * the page's search facts), a body identical to another's, a page or feed that does not hold the
 * indexed body where the index says. The integration test holds the result byte-identical to a cold
 * build of the same content.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bodyHash,
  feedEscapes,
  feedContentText,
  feedFormatOf,
  spliceFeed,
  spliceStoryPage,
  type BodyIndex,
  type BodyIndexEntry,
} from '#lib/body-splice.ts';
import { feedHtml } from '#lib/feed-html.ts';
import type { FeedFormat } from '#lib/feeds.ts';
import { htmlText, nameMentionFinder } from '#lib/name-mentions.ts';
import type { WorkerSetup } from '#loaders/markdown-pool.ts';
import { bodyRenderer } from '#loaders/markdown-render.ts';
import { readRegularFile } from '#lib/content-files.ts';
import { readMarkdownEntry } from '#loaders/read-entry.ts';

/** What a splice needs. */
export interface SpliceOptions {
  /** The content folder (absolute). */
  readonly contentDir: string;
  /** The story files whose bodies changed, relative to the content folder (with `/`). */
  readonly files: readonly string[];
  /** Every file of the last published site (relative, with `/`), as `filesUnder` lists them. */
  readonly siteFiles: readonly string[];
  /** The last published site's folder. */
  readonly published: string;
  /** The folder the spliced files are written into. */
  readonly staging: string;
  /** The body index the last build's routes wrote. */
  readonly indexFile: string;
  /** The Markdown set-up the last build's loader wrote. */
  readonly setupFile: string;
}

/** A splice's outcome: the files written and the updated index, or why it was not possible. */
export type SpliceResult =
  | { readonly ok: true; readonly written: readonly string[]; readonly index: BodyIndex }
  | { readonly ok: false; readonly reason: string };

const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** Reads a JSON file the last build wrote, or `undefined`. */
async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Renders the bodies of `options.files` and splices them into copies of the last site's files. */
export async function spliceBodies(options: SpliceOptions): Promise<SpliceResult> {
  const refuse = (reason: string): SpliceResult => ({ ok: false, reason });
  const index = await readJson<BodyIndex>(options.indexFile);
  const setup = await readJson<WorkerSetup>(options.setupFile);
  // A cache that is missing, of another format or damaged is no reason to fail: Astro renders.
  const usable =
    index?.format === 1 &&
    Array.isArray(index.nameForms) &&
    typeof index.entries === 'object' &&
    index.entries !== null;
  if (!usable || !setup) return refuse('no body index from the last build');
  const render = await bodyRenderer(setup);
  const findNames = nameMentionFinder(index.nameForms);
  const siteFiles = new Set(options.siteFiles);
  const feedFiles = options.siteFiles.filter((file) => feedFormatOf(file) !== undefined);
  /** The files changed so far, by their path in the site. */
  const changed = new Map<string, string>();
  const current = async (file: string) =>
    changed.get(file) ?? readFile(path.join(options.published, file), 'utf8').catch(() => undefined);
  const entries: Record<string, BodyIndexEntry> = { ...index.entries };
  for (const rel of options.files) {
    const filePath = path.join(options.contentDir, rel);
    const was = entries[filePath];
    if (!was) return refuse(`${rel} is not in the last build's body index`);
    if (was.images) return refuse(`${rel} shows local images`);
    if (was.shared) return refuse(`${rel} had the same body as another version`);
    // Content is regular files: a story replaced by a link or a pipe since the plan is not followed.
    const bytes = await readRegularFile(filePath);
    if (!bytes) return refuse(`${rel} is not a regular file`);
    // The splice runs before the content check has passed: what cannot be read is the check's to report.
    let entry: ReturnType<typeof readMarkdownEntry>;
    try {
      entry = readMarkdownEntry(bytes.toString('utf8'), { filePath, shown: rel });
    } catch {
      return refuse(`${rel} could not be read here`);
    }
    const { data, body } = entry;
    // A body the renderer fails on is left to Astro, whose build reports it with the file's name.
    const rendered = await render({ body: body ?? '', frontmatter: data, filePath }).catch(() => undefined);
    if (!rendered) return refuse(`${rel} could not be rendered here`);
    const { html, metadata } = rendered;
    if (metadata.localImagePaths.length + metadata.remoteImagePaths.length > 0) {
      return refuse(`${rel} shows images`);
    }
    if (JSON.stringify(findNames(htmlText(html))) !== JSON.stringify(was.mentions)) {
      return refuse(`${rel} mentions other registry names than before`);
    }
    const hash = bodyHash(html);
    if (Object.values(entries).some((entry) => entry !== was && entry.hash === hash)) {
      return refuse(`${rel} now has the same body as another version`);
    }
    let before: string | undefined;
    for (const page of was.pages) {
      // Only files of the last site, as listed here: an index from elsewhere names no other path.
      if (!siteFiles.has(page)) return refuse(`${page} is not a file of the last site`);
      const text = await current(page);
      const spliced = text === undefined ? undefined : spliceStoryPage(text, was, html);
      if (spliced === undefined) return refuse(`${page} does not hold the indexed body`);
      before ??= spliced.before;
      changed.set(page, spliced.text);
    }
    if (before === undefined) return refuse(`${rel} is on no page`);
    // Each format's escaped text of the feed-safe body, before and after (src/lib/feeds.ts).
    const feedWas = feedHtml(before, was.url);
    const feedNow = feedHtml(html, was.url);
    const texts = new Map<FeedFormat, readonly [string, string]>();
    for (const format of FEED_FORMATS) {
      texts.set(format, [await feedContentText(format, feedWas), await feedContentText(format, feedNow)]);
    }
    // A feed that carries the story names its address as it is (one a feed would escape is refused);
    // the others, most of them, are not decoded.
    if (feedEscapes(was.url)) return refuse(`${rel}: its address has characters feeds escape`);
    const address = Buffer.from(was.url);
    for (const file of feedFiles) {
      const format = feedFormatOf(file);
      const pair = format && texts.get(format);
      let text = changed.get(file);
      if (text === undefined) {
        const bytes = await readFile(path.join(options.published, file)).catch(() => undefined);
        if (bytes === undefined) return refuse(`${file} could not be read`);
        if (!bytes.includes(address)) continue;
        text = bytes.toString('utf8');
      }
      if (!format || !pair) return refuse(`${file} could not be read`);
      const spliced = spliceFeed(text, format, was.url, pair[0], pair[1]);
      if (!spliced) return refuse(`${file}: the story's items could not be told from others`);
      if (spliced.count > 0) changed.set(file, spliced.text);
    }
    entries[filePath] = { ...was, hash, length: html.length };
  }
  const written = [...changed.keys()].sort();
  for (const file of written) {
    const target = path.join(options.staging, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, changed.get(file) ?? '');
  }
  return { ok: true, written, index: { ...index, entries } };
}
