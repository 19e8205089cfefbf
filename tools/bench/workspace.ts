/**
 * The temporary folder of one `npm run bench`: the corpus, the output, Astro's cache, the logs, and a
 * snapshot of the project that the builds run in. Everything in it is removed when the run ends
 * (unless `--keep`): a large archive's folder is gigabytes.
 */
import { cp, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CorpusPlan } from './corpus-model.ts';
import { corpusFiles, corpusImages } from './corpus.ts';
import { ImageMaker } from './images.ts';

/** The project this file belongs to (tools/bench/ → the root). */
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The folders of one benchmark run. */
export interface Workspace {
  /** The temporary folder holding everything else. */
  readonly work: string;
  /** The generated content folder (CONTENT_DIR of the builds). */
  readonly contentDir: string;
  /** The builds' output (OUT_DIR). */
  readonly outDir: string;
  /** Astro's cache (ASTRO_CACHE_DIR): removed for a cold build, kept for warm ones. */
  readonly cacheDir: string;
  /** One log per build. */
  readonly logDir: string;
  /** The snapshot of the project the builds run in. */
  readonly buildRoot: string;
}

/** Creates the temporary folder (its removal is the caller's: see `work`). */
export async function createWorkspace(): Promise<Workspace> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'news-archive-bench-'));
  return {
    work,
    contentDir: path.join(work, 'content'),
    outDir: path.join(work, 'dist'),
    cacheDir: path.join(work, 'cache'),
    logDir: path.join(work, 'logs'),
    buildRoot: path.join(work, 'project'),
  };
}

/**
 * Prepares the workspace's folders and its snapshot of the project. The build runs in a snapshot,
 * not in the checkout: Astro writes its prerender chunks to the project's .astro/ folder, so two
 * builds in one checkout at once (tests, another bench) break each other. The code is copied;
 * dependencies are linked one by one, so Vite's node_modules/.vite cache is the snapshot's own.
 */
export async function prepareWorkspace(workspace: Workspace): Promise<void> {
  const { buildRoot } = workspace;
  await mkdir(workspace.logDir);
  for (const entry of ['src', 'pipeline', 'tools', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(path.join(PROJECT_ROOT, entry), path.join(buildRoot, entry), { recursive: true });
  }
  await mkdir(path.join(buildRoot, 'node_modules'));
  for (const name of await readdir(path.join(PROJECT_ROOT, 'node_modules'))) {
    if (['.astro', '.vite', '.cache'].includes(name)) continue;
    await symlink(path.join(PROJECT_ROOT, 'node_modules', name), path.join(buildRoot, 'node_modules', name));
  }
}

/** What writing the corpus took. */
export interface WrittenCorpus {
  /** Files written. */
  readonly files: number;
  /** Their size in bytes. */
  readonly bytes: number;
  /** Picture files among them. */
  readonly images: number;
  /** The pictures' size in bytes. */
  readonly imageBytes: number;
}

/** Writes every file of a planned corpus into `contentDir`, one at a time (`photoScale`: see ImageMaker). */
export async function writeCorpus(plan: CorpusPlan, contentDir: string, photoScale = 1): Promise<WrittenCorpus> {
  let bytes = 0;
  let files = 0;
  const madeDirs = new Set<string>();
  for (const file of corpusFiles(plan)) {
    const target = path.join(contentDir, file.path);
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    await writeFile(target, file.text);
    bytes += Buffer.byteLength(file.text);
    files++;
  }
  // Pictures after the text: their folders exist (each sits beside its story's files).
  const maker = new ImageMaker(plan.seed, photoScale);
  let images = 0;
  let imageBytes = 0;
  for (const { path: file, image } of corpusImages(plan)) {
    const data = await maker.bytes(image, file);
    await writeFile(path.join(contentDir, file), data);
    images++;
    imageBytes += data.length;
  }
  return { files: files + images, bytes: bytes + imageBytes, images, imageBytes };
}
