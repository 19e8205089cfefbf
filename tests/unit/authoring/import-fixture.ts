/**
 * The temporary archives of the import-*.test.ts files: a copy of the editor fixture
 * (tests/fixtures/editor/content, whose registries hold every name of the shipped release) in a
 * temporary folder, plus the article files a test adds, read the way `npm run import` reads them.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { readContentState } from '#tools/authoring/content-folder.ts';
import { readArchive } from '#tools/authoring/import-archive.ts';
import type { ImportContext } from '#tools/authoring/import-release.ts';
import { localeCodes, siteConfig } from '#site.config';

/** The shipped raw release (its structure is what the import is tested on, not its prose). */
export const SHIPPED_RELEASE = readFileSync(
  path.resolve(import.meta.dirname, '../../fixtures/raw/raw-press-release-2024-04-30.txt'),
  'utf8',
);

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/editor/content');
const made: string[] = [];

/** An article file's text from frontmatter fields and a body. */
export function articleText(fields: Record<string, unknown>, body: string): string {
  return `---\n${stringify(fields)}---\n\n${body}\n`;
}

/** A copy of the editor fixture with `files` (paths relative to the content folder) added; its path. */
export async function tempContent(files: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-import-'));
  made.push(dir);
  const content = path.join(dir, 'content');
  await cp(FIXTURE, content, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(content, rel)), { recursive: true });
    await writeFile(path.join(content, rel), text);
  }
  return content;
}

/** The import's context for a content folder: its state and every article file of the archive. */
export async function importContext(content: string, extra: Partial<ImportContext> = {}): Promise<ImportContext> {
  const state = await readContentState(content, localeCodes);
  const archive = await readArchive(content, state, { locales: localeCodes, timeZone: siteConfig.timeZone });
  return { state, locales: siteConfig.locales, sourceName: 'release.txt', archive: archive.files, ...extra };
}

/** Removes the temporary folders made so far (call in afterAll). */
export async function removeTempContent(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
