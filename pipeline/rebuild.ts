/**
 * What a rebuild can reuse of the last one. Astro's incremental build re-renders only the pages
 * whose cache key changed, but it still copies every other page from its cache into the new output
 * (about 1 ms a file: 25 s at 10,000 stories) and Pagefind still reads every page. Most rebuilds
 * change much less: nothing at all (a CI re-run, `npm run build` twice), or the body of one story
 * (an editor's fix). For those the build starts from the site it published last:
 *
 * - **unchanged**: the content, the code and the settings hash the same as at the last build, and
 *   that build's site is still the one published: there is nothing to build.
 * - **bodies**: only the bodies of existing story files changed (their frontmatter, every other
 *   file, the set of files, the code and the settings did not, and no changed body names a
 *   different file of its folder, such as an image). Astro then renders just the pages that show
 *   those bodies (the rule of src/data/cache-keys.ts, which also refuses the plan if the site's
 *   fingerprint moved) into the staging folder, and every other file of the previous site is
 *   hard-linked in beside them; Pagefind re-indexes the years whose pages changed.
 * - **full**: anything else, and the first build.
 *
 * The inputs are hashed file by file: content files as their frontmatter and their body
 * separately; the project's code (src/, public/, pipeline/ and the config and lock files) and the
 * build settings as one hash. The record of the last build (these hashes, the site fingerprint and
 * the folder published) lives in the cache folder, so a cold build (no cache) is always full.
 * An integration test holds a body-only rebuild byte-identical to a cold build of the same content.
 *
 * Hand-written: no package plans a static site's rebuild from its inputs; the tree walks use
 * node:fs directly because hard links are what make the copy cheap.
 */
import { createHash } from 'node:crypto';
import {
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { mapWithLimit } from '#lib/concurrency.ts';
import { readRegularFile } from '#lib/content-files.ts';
import { contentIdentity, memoised } from './file-memo.ts';
import type { BuildSettings } from '#lib/environment.ts';

/** The hashes of one input file. */
export interface FileDigest {
  /** Hash of the frontmatter of a story file; of the whole file for any other file. */
  readonly head: string;
  /** Hash of a story file's body (after the frontmatter); absent for other files. */
  readonly body?: string;
  /** Names of the other files of a story's folder that its body mentions (images it shows). */
  readonly mentions?: readonly string[];
}

/** Everything a build is made from, hashed. */
export interface InputSnapshot {
  /** Hash of the project's code, config and lock files, the build settings and Node's version. */
  readonly code: string;
  /** Content files by their path relative to the content folder (with `/`). */
  readonly files: Readonly<Record<string, FileDigest>>;
}

/** What the last successful build was made from, and what it published. */
export interface BuildRecord extends InputSnapshot {
  /** Format of the record; a record of another format is ignored. */
  readonly format: 1;
  /** The site fingerprint the routes computed (src/data/cache-keys.ts). */
  readonly fingerprint: string;
  /** The folder it published (`<out>.versions/<id>`, real path). */
  readonly published: string;
}

/** How to build, given the last build. */
export type RebuildPlan =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'bodies'; readonly files: readonly string[] }
  | { readonly kind: 'full'; readonly reason: string };

/** The project files whose change can change the site (besides content). */
const CODE_FOLDERS = ['src', 'public', 'pipeline'];
const CODE_FILES = ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** A story file: `articles/<year>/<slug>/<lang>.md`. */
const STORY_FILE = /^articles\/[^/]+\/[^/]+\/[^/]+\.md$/;

/** Frontmatter at the start of a Markdown file: `---`, its lines, `---`. */
const FRONTMATTER = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Every file under `dir` (relative, with `/`), links included as links, sorted; none if it is
 * missing. Folders are read 32 at a time, level by level: Node's recursive `readdir` reads one
 * folder after another, and a site has a folder per page (10,000 stories: 2.0 s against 0.7 s).
 */
export async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  let level = [''];
  while (level.length > 0) {
    const folders: string[] = [];
    await mapWithLimit(level, 32, async (rel) => {
      const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
        (entry.isDirectory() ? folders : files).push(child);
      }
    });
    level = folders;
  }
  return files.sort();
}

/**
 * The bytes a file contributes to a hash: its content, a link's target (links are never followed),
 * or a mark for anything else. The plan is made before the content check has refused such files,
 * so a pipe must be named, not read: reading one with no writer would wait forever.
 */
async function fileBytes(file: string): Promise<Buffer> {
  const stats = await lstat(file);
  if (stats.isSymbolicLink()) return Buffer.from(`symlink:${await readlink(file)}`);
  return (await readRegularFile(file)) ?? Buffer.from('(not a regular file)');
}

/** Hash of the project's code and settings. */
async function codeHash(projectDir: string, settings: BuildSettings): Promise<string> {
  const hash = createHash('sha256').update(`node ${process.version}\n${JSON.stringify(settings)}\n`);
  const files = [
    ...(
      await Promise.all(
        CODE_FOLDERS.map(async (folder) =>
          (await filesUnder(path.join(projectDir, folder))).map((f) => `${folder}/${f}`),
        ),
      )
    ).flat(),
    ...CODE_FILES,
  ];
  for (const rel of files) {
    const bytes = await fileBytes(path.join(projectDir, rel)).catch(() => Buffer.from('(none)'));
    hash.update(`${rel}\n${bytes.length}\n`).update(bytes);
  }
  return hash.digest('hex');
}

/** The digest of a story file: frontmatter and body apart, and the folder files the body mentions. */
export function storyDigest(text: string, folderFiles: readonly string[]): FileDigest {
  const match = FRONTMATTER.exec(text);
  if (!match) return { head: sha(text) };
  const body = text.slice(match[0].length);
  return { head: sha(match[0]), body: sha(body), mentions: folderFiles.filter((name) => body.includes(name)) };
}

/**
 * Hashes everything the build is made from (content files 64 at a time). With `memoFile`, a content
 * file whose identity (and, for a story, whose folder's other files) is what an earlier build saw is
 * not read again: its digest comes from the memo, which is then rewritten.
 */
export async function snapshotInputs(
  contentDir: string,
  projectDir: string,
  settings: BuildSettings,
  memoFile?: string,
): Promise<InputSnapshot> {
  const files = await filesUnder(contentDir);
  const byFolder = new Map<string, string[]>();
  for (const rel of files) {
    const folder = path.posix.dirname(rel);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path.posix.basename(rel)]);
  }
  /** The other files of a story's folder, which its body may name. */
  const siblings = (rel: string) =>
    (byFolder.get(path.posix.dirname(rel)) ?? []).filter((name) => !name.endsWith('.md'));
  const digests = await memoised(files, {
    dir: contentDir,
    memoFile,
    identity: contentIdentity,
    context: (rel) => (STORY_FILE.test(rel) ? siblings(rel).join('/') : ''),
    compute: async (rel, file): Promise<FileDigest> => {
      const bytes = await fileBytes(file);
      return STORY_FILE.test(rel) ? storyDigest(bytes.toString('utf8'), siblings(rel)) : { head: sha(bytes) };
    },
  });
  return {
    code: await codeHash(projectDir, settings),
    files: Object.fromEntries(files.flatMap((rel, i) => (digests[i] ? [[rel, digests[i]]] : []))),
  };
}

/**
 * How to build `current`, given the record of the last build and the folder published now
 * (undefined when nothing is). Pure: the rules of the module header.
 */
export function planRebuild(
  previous: BuildRecord | undefined,
  current: InputSnapshot,
  published: string | undefined,
): RebuildPlan {
  if (!previous) return { kind: 'full', reason: 'no record of a previous build' };
  if (published === undefined || published !== previous.published) {
    return { kind: 'full', reason: 'the published site is not the last build' };
  }
  if (previous.code !== current.code) return { kind: 'full', reason: 'the code or the settings changed' };
  const before = Object.keys(previous.files);
  const after = Object.keys(current.files);
  if (before.length !== after.length || after.some((rel) => !(rel in previous.files))) {
    return { kind: 'full', reason: 'files were added, removed or renamed' };
  }
  const bodies: string[] = [];
  for (const rel of after) {
    const was = previous.files[rel];
    const now = current.files[rel];
    if (!was || !now) continue;
    if (was.head !== now.head) return { kind: 'full', reason: `${rel} changed beyond its body` };
    if (was.body === now.body) continue;
    if (JSON.stringify(was.mentions ?? []) !== JSON.stringify(now.mentions ?? [])) {
      return { kind: 'full', reason: `${rel} shows other files of its folder than before` };
    }
    bodies.push(rel);
  }
  return bodies.length === 0 ? { kind: 'unchanged' } : { kind: 'bodies', files: bodies };
}

/** The record file in the cache folder. */
const recordFile = (cacheDir: string) => path.join(cacheDir, 'news-archive', 'last-build.json');

/** The record of the last successful build, or `undefined` (none, unreadable, another format). */
export async function readBuildRecord(cacheDir: string): Promise<BuildRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(recordFile(cacheDir), 'utf8')) as BuildRecord;
    return record.format === 1 ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the record of a successful build (written aside, then renamed into place). */
export async function writeBuildRecord(cacheDir: string, record: BuildRecord): Promise<void> {
  const file = recordFile(cacheDir);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(record));
  await rename(`${file}.tmp`, file);
}

/** The folder `outDir` publishes now (its link's target, or itself), or `undefined`. */
export async function publishedFolder(outDir: string): Promise<string | undefined> {
  return realpath(outDir).catch(() => undefined);
}

/** Options of {@link linkTree}. */
export interface LinkTreeOptions {
  /** Top-level folders of `from` left out. */
  readonly skip?: readonly string[];
  /** Files (relative, with `/`) already in `to`, which stay as they are. */
  readonly keep?: ReadonlySet<string>;
  /** The files of `from`, when the caller has listed them already (`filesUnder`). */
  readonly files?: readonly string[];
}

/**
 * Recreates the tree `from` at `to` with hard links (a copy where the filesystems differ), but for
 * the folders in `skip` and the files in `keep`. Linked files are shared with `from`: nothing may
 * write into them in place afterwards (Pagefind's folder is skipped for that reason). Returns the
 * number of files linked or copied.
 */
export async function linkTree(from: string, to: string, options: LinkTreeOptions = {}): Promise<number> {
  const skip = options.skip ?? [];
  const files = (options.files ?? (await filesUnder(from))).filter(
    (rel) => !skip.includes(rel.split('/')[0] ?? '') && !options.keep?.has(rel),
  );
  // Every folder, parents before children (by depth), each depth's folders 64 at a time.
  const folders = new Set<string>();
  for (const rel of files) {
    for (let dir = path.posix.dirname(rel); dir !== '.' && !folders.has(dir); dir = path.posix.dirname(dir)) {
      folders.add(dir);
    }
  }
  const byDepth = new Map<number, string[]>();
  for (const folder of folders) {
    const depth = folder.split('/').length;
    const list = byDepth.get(depth) ?? [];
    list.push(folder);
    byDepth.set(depth, list);
  }
  await mkdir(to, { recursive: true });
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    await mapWithLimit(byDepth.get(depth) ?? [], 64, (folder) =>
      mkdir(path.join(to, folder)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      }),
    );
  }
  await mapWithLimit(files, 64, async (rel) => {
    const source = path.join(from, rel);
    const target = path.join(to, rel);
    await link(source, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV' && error.code !== 'EPERM') throw error;
      await copyFile(source, target);
    });
  });
  return files.length;
}
