// Rebuilds: a build that reuses the previous build must write exactly the site a cold build writes
// from the same content: after a body edit (a body-only rebuild, pipeline/rebuild.ts: the body
// spliced into the story's pages and feeds without Astro, pipeline/splice.ts, or, when the body
// names other registry entries than before, those files rendered by Astro; the rest linked from
// the last site), after a title edit (Astro's
// incremental build with our cache keys: it reaches listings, neighbours and feeds), and with
// nothing changed (nothing built at all).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runBuild, type BuildResult } from './build-site.ts';

let work: string;
let content: string;
let cache: string;

/** Every file under `dir` with the SHA-256 of its bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const hashes = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    hashes.set(
      path.relative(dir, file),
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    );
  }
  return hashes;
}

/** Files that differ between two sites (changed, missing on either side). */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const files = new Set([...a.keys(), ...b.keys()]);
  return [...files].filter((file) => a.get(file) !== b.get(file)).sort();
}

/**
 * Builds the working content: `warm` into the same output folder with the shared cache, as CI does
 * (Astro hashes the output folder into page code), otherwise into `cold/` with a fresh cache.
 */
async function build(warm: boolean): Promise<BuildResult> {
  const out = path.join(work, warm ? 'site' : 'cold');
  const env: Record<string, string> = { CONTENT_DIR: content, OUT_DIR: out, BUILD_LOG_LEVEL: 'info' };
  if (warm) env['ASTRO_CACHE_DIR'] = cache;
  const result = await runBuild(env);
  if (result.status !== 0) throw new Error(`build ${out} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The output files Astro's log says it copied from the previous build instead of rendering. */
const restored = (log: string) =>
  // Astro colours its log when the environment asks for it (as CI does).
  stripVTControlCharacters(log)
    .split('\n')
    .filter((line) => line.includes('(restored)'))
    .map((line) => /(\S+)\s+\(restored\)/.exec(line)?.[1] ?? '');

/** The files a body-only rebuild says it spliced. */
const spliceLog = (log: string) =>
  log
    .split('\n')
    .map((line) => /^ {2}(\S+) \(spliced\)$/.exec(line)?.[1])
    .filter((file) => file !== undefined);

const edited = 'articles/2024/green-patents-pilot/en.md';
const retitled = 'articles/2023/open-data-portal/zh.md';
const registryFile = 'open-data.yaml';

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-incremental-'));
  content = path.join(work, 'content');
  cache = path.join(work, 'cache');
  await cp(path.join(root, 'tests/fixtures/site/content'), content, { recursive: true });
  await build(true);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

// Each test runs two real builds (a warm one and a cold reference): minutes on a loaded machine.
const TWO_BUILDS = 300_000;

describe('an incremental build', () => {
  it(
    'after a body edit, splices the body into its pages and the feeds that carry it, links the rest, and equals a cold build',
    async () => {
      const file = path.join(content, edited);
      await writeFile(file, `${await readFile(file, 'utf8')}\nA paragraph added after the first build.\n`);
      const warm = await build(true);
      await build(false);
      expect(differences(await tree(path.join(work, 'site')), await tree(path.join(work, 'cold')))).toEqual([]);
      expect(warm.stdout).toContain('✔ rebuild plan: the bodies of 1 story file(s) changed');
      // The check ran on its own thread beside the plan, the splice and Pagefind; its report comes first.
      expect(warm.stdout).toMatch(/^✔ content check: .*\n {2}\(checked on a thread of its own; .*\)\n✔ rebuild plan/m);
      // Astro did not run: the body went into the story's page and the feeds carrying it, nowhere else.
      expect(warm.stdout).not.toContain('astro build');
      expect(warm.stdout).toMatch(/✔ bodies spliced, without Astro/);
      const spliced = spliceLog(warm.stdout);
      expect(spliced).toContain('en/2024/green-patents-pilot/index.html');
      expect(spliced).toContain('en/rss.xml');
      expect(spliced).toContain('en/atom.xml');
      expect(spliced).toContain('en/feed.json');
      expect(spliced.filter((f) => f.endsWith('.html'))).toEqual(['en/2024/green-patents-pilot/index.html']);
      expect(warm.stdout).toMatch(/body-only rebuild: \d+ file\(s\) spliced, \d+ linked from the last build/);
      // The search index of 2023 was copied, 2024's made again.
      expect(warm.stdout).toMatch(/✔ search index: 28 pages \([\d.]+ s\), 2 year shard\(s\), 1 unchanged copied/);
      const page = await readFile(path.join(work, 'site/en/2024/green-patents-pilot/index.html'), 'utf8');
      expect(page).toContain('A paragraph added after the first build.');
    },
    TWO_BUILDS,
  );

  it(
    'after a body edit that fails the check (spliced and indexed meanwhile), reports it and publishes nothing',
    async () => {
      const file = path.join(content, edited);
      const source = await readFile(file, 'utf8');
      const site = path.join(work, 'site');
      const before = await tree(site);
      // The frontmatter alone: the body is all that changed, and a story without text is an error.
      const frontmatter = /^---\n[\s\S]*?\n---\n/.exec(source)?.[0] ?? '';
      await writeFile(file, frontmatter);
      const failed = await runBuild({ CONTENT_DIR: content, OUT_DIR: site, ASTRO_CACHE_DIR: cache });
      await writeFile(file, source);
      expect(failed.status).toBe(1);
      expect(failed.stdout).toMatch(new RegExp(`${edited}:\\d+:1 .*the article has no text after the frontmatter`));
      expect(failed.stderr).toContain('✖ content check: 1 error(s)');
      // The steps taken beside the check say nothing: their work is thrown away.
      expect(failed.stdout).not.toContain('rebuild plan');
      expect(failed.stdout).not.toContain('spliced');
      expect(differences(await tree(site), before)).toEqual([]);
      expect(existsSync(`${site}.building`)).toBe(false);
    },
    TWO_BUILDS,
  );

  it(
    'after a body edit that names a registry entry, renders with Astro (the search facts change), and equals a cold build',
    async () => {
      const file = path.join(content, edited);
      await writeFile(file, `${await readFile(file, 'utf8')}\nResearchers from Northfield University joined later.\n`);
      const warm = await build(true);
      await build(false);
      expect(differences(await tree(path.join(work, 'site')), await tree(path.join(work, 'cold')))).toEqual([]);
      expect(warm.stdout).toContain(
        `(not spliced: ${edited} mentions other registry names than before; rendering with Astro)`,
      );
      // Astro rendered the story's page and the feeds carrying it, and no other story or listing.
      const rendered = stripVTControlCharacters(warm.stdout);
      expect(rendered).toMatch(/\/en\/2024\/green-patents-pilot\/index\.html/);
      expect(rendered).toMatch(/\/en\/rss\.xml/);
      expect(rendered).not.toMatch(/\/en\/2024\/trademark-campaign\/index\.html/);
      expect(rendered).not.toMatch(/\/en\/archive\//);
      expect(rendered).toMatch(/body-only rebuild: \d+ file\(s\) rendered, \d+ linked from the last build/);
      // The configuration Astro hashes is a full build's: its content store was kept, not cleared.
      expect(rendered).not.toContain('Astro config changed');
    },
    TWO_BUILDS,
  );

  it(
    'after a title edit, updates every page that shows the title, and equals a cold build',
    async () => {
      const file = path.join(content, retitled);
      const source = await readFile(file, 'utf8');
      await writeFile(file, source.replace(/^title: .*$/m, 'title: 示例知识产权局开放十年专利数据（更新）'));
      const warm = await build(true);
      await build(false);
      expect(differences(await tree(path.join(work, 'site')), await tree(path.join(work, 'cold')))).toEqual([]);
      // A title is on listings and neighbours' links: no HTML page was copied from the previous build.
      expect(restored(warm.stdout).filter((page) => page.endsWith('.html'))).toEqual([]);
      // Chinese headlines carry a <wbr> between phrases (src/components/Phrases.astro).
      const year = (await readFile(path.join(work, 'site/zh/archive/2023/index.html'), 'utf8')).replaceAll('<wbr>', '');
      expect(year).toContain('示例知识产权局开放十年专利数据（更新）');
    },
    TWO_BUILDS,
  );

  it(
    "after a change no page shows (a comment in a registry file), copies every page from Astro's cache",
    async () => {
      const file = path.join(content, 'tags', registryFile);
      await writeFile(file, `# Reviewed after the first build.\n${await readFile(file, 'utf8')}`);
      const warm = await build(true);
      expect(warm.stdout).toMatch(/✔ rebuild plan: full build \(tags\/.+ changed beyond its body\)/);
      const copied = restored(warm.stdout);
      expect(copied).toContain('/en/2024/trademark-campaign/index.html');
      expect(copied).toContain('/en/rss.xml');
      expect(warm.stdout).toMatch(/✔ search index: 28 pages \([\d.]+ s\), 2 year shard\(s\), 2 unchanged copied/);
      // `cold/` holds the cold build of the same content but for the comment, from the test before.
      expect(differences(await tree(path.join(work, 'site')), await tree(path.join(work, 'cold')))).toEqual([]);
    },
    TWO_BUILDS,
  );

  it(
    'with nothing changed, builds nothing and leaves the site that equals a cold build',
    async () => {
      const warm = await build(true);
      expect(warm.stdout).toMatch(/✔ nothing changed since the last build: .* is up to date/);
      expect(warm.stdout).not.toContain('astro build');
      // `cold/` holds the cold build of this same content, from the test before.
      expect(differences(await tree(path.join(work, 'site')), await tree(path.join(work, 'cold')))).toEqual([]);
    },
    TWO_BUILDS,
  );
});
