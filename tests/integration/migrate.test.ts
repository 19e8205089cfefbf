// `npm run migrate` run for real (`node tools/bin/migrate.ts`, as npm runs it) on the three small
// sites of tests/fixtures/migrate/ (their README.md files say what each one holds): the result must
// pass `npm run check`, hold the expected stories in the expected languages, count what it converted
// and report what it left, be idempotent, and (built once, for the Hugo site translated by folder)
// keep every old address of the old site working through an alias page that leads to the new story.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runBuild } from './build-site.ts';

const FIXTURES = path.join(root, 'tests/fixtures/migrate');
/** The build may wait for other files' builds (one at a time), then takes about a minute. */
const BUILD = { timeout: 600_000 };
/** A migration, a check and a second run take a few seconds each. */
const RUNS = { timeout: 60_000 };

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-migrate-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The `--json` report of `npm run migrate` (tools/migrate/report.ts), the parts the tests read. */
interface Report {
  readonly dryRun: boolean;
  readonly files: { readonly planned: number; readonly written: number; readonly unchanged: number };
  readonly stories: number;
  readonly pairs: number;
  readonly images: number;
  readonly aliases: number;
  readonly pagesRead: Record<string, number>;
  readonly converted: Record<string, number>;
  readonly otherLocales: Record<string, number>;
  readonly notes: Record<string, { location: string; message: string }[]>;
  readonly disagreements: { location: string; message: string }[];
  readonly todos: { location: string; message: string }[];
}

/** How a command ended, with the migration report parsed when it printed one. */
interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly report?: Report;
}

/** Runs a script of tools/bin/ from the project root with Node (the binary running the tests). */
function run(script: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [path.join(root, 'tools/bin', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', CONTENT_DIR: '', ...env },
  });
  let report: Report | undefined;
  try {
    report = JSON.parse(result.stdout) as Report;
  } catch {
    report = undefined;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...(report ? { report } : {}) };
}

/** `npm run migrate -- --from <generator> <fixture> --out <out> --json [extra]`. */
function migrate(generator: 'hugo' | 'docusaurus', fixture: string, out: string, extra: string[] = []): Run {
  return run('migrate.ts', ['--from', generator, path.join(FIXTURES, fixture), '--out', out, '--json', ...extra]);
}

/** `npm run check -- --json` on a content folder given as CONTENT_DIR: its error count and problems. */
function check(content: string): { errors: number; problems: unknown[] } {
  const result = run('check.ts', ['--json'], { CONTENT_DIR: content });
  return JSON.parse(result.stdout) as { errors: number; problems: unknown[] };
}

/** Every file under `dir`, relative with `/`, sorted; empty when the folder does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Path → SHA-256 of every file under `dir`: two runs that change nothing give the same map. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await filesUnder(dir)) {
    out[file] = createHash('sha256')
      .update(await readFile(path.join(dir, file)))
      .digest('hex');
  }
  return out;
}

/** One language version of a migrated story. */
interface Version {
  readonly year: string;
  readonly slug: string;
  readonly language: string;
  readonly data: Record<string, unknown>;
  readonly body: string;
}

/** The migrated versions, by title (the fixtures' titles are all different). */
async function versions(content: string): Promise<Map<string, Version>> {
  const found = new Map<string, Version>();
  for (const file of await filesUnder(path.join(content, 'articles'))) {
    const m = /^(\d{4})\/([^/]+)\/([a-z-]+)\.md$/.exec(file);
    if (!m) continue;
    const text = await readFile(path.join(content, 'articles', file), 'utf8');
    const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
    const data = parse(yaml) as Record<string, unknown>;
    found.set(String(data['title']), { year: m[1] ?? '', slug: m[2] ?? '', language: m[3] ?? '', data, body });
  }
  return found;
}

/** A version by title, failing with the titles there are when it is missing. */
function version(all: ReadonlyMap<string, Version>, title: string): Version {
  const found = all.get(title);
  expect(found, `no story titled "${title}" among: ${[...all.keys()].join(' | ')}`).toBeDefined();
  return found as Version;
}

/** An address compared the way a server reads it: decoded, lower case, with a trailing slash. */
function address(value: string): string {
  const decoded = decodeURIComponent(value).toLowerCase();
  return decoded.endsWith('/') ? decoded : `${decoded}/`;
}

/** A version's aliases, as addresses. */
function aliasesOf(v: Version): string[] {
  const list = v.data['aliases'];
  return Array.isArray(list) ? list.map((a) => address(String(a))) : [];
}

/** The 1-based line of the first line of a fixture file holding `text`. */
async function lineOf(file: string, text: string): Promise<number> {
  const lines = (await readFile(path.join(FIXTURES, file), 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  expect(index, `${file} holds ${text}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** Every note of a report, whatever its kind. */
function allNotes(report: Report): { location: string; message: string }[] {
  return [...Object.values(report.notes).flat(), ...report.disagreements, ...report.todos];
}

/**
 * The hugo-folders fixture's stories: titles per language, the year, and the addresses each
 * version had on the Hugo site. Hugo's rules: `[permalinks] posts = "/:year/:month/:slug/"`, where
 * `:slug` is the front matter `slug`, else the title urlized (lower case, spaces to hyphens, Han
 * characters kept); English is the default language, so unprefixed; zh-cn under `/zh-cn/`; a `url`
 * replaces the permalink; `aliases` add addresses.
 */
const FOLDERS = [
  {
    en: 'City Archive Opens Its Reading Room',
    zh: '市档案馆阅览室重新开放',
    year: '2024',
    oldEn: ['/2024/03/city-archive-opens-its-reading-room/'],
    oldZh: ['/zh-cn/2024/03/市档案馆阅览室重新开放/'],
  },
  {
    en: 'Council Holds Public Hearing on the 2024 Budget',
    zh: '市议会就2024年预算举行公开听证会',
    year: '2024',
    oldEn: ['/2024/04/council-holds-public-hearing-on-the-2024-budget/', '/news/budget-hearing/', '/2024/04/budget/'],
    oldZh: ['/zh-cn/2024/04/市议会就2024年预算举行公开听证会/'],
  },
  {
    en: 'Five Hundred Volunteers Join the River Cleanup Day',
    zh: '五百名志愿者参加河道清洁日',
    year: '2024',
    oldEn: ['/special/river-cleanup/'],
    oldZh: ['/zh-cn/2024/05/五百名志愿者参加河道清洁日/'],
  },
  {
    en: 'The Public Library Launches a Mobile App',
    zh: '市图书馆推出手机应用',
    year: '2023',
    oldEn: ['/2023/11/new-library-app/'],
    oldZh: ['/zh-cn/2023/11/new-library-app/'],
  },
] as const;

describe('npm run migrate -- --from hugo (translation by folder: hugo-folders)', () => {
  let content: string;
  let first: Run;

  beforeAll(() => {
    content = path.join(work, 'folders', 'content');
    first = migrate('hugo', 'hugo-folders', content);
  }, 60_000);

  it('exits 0 with a JSON report, and npm run check finds no error in what it wrote', RUNS, () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.report).toBeDefined();
    const result = check(content);
    expect(result.problems.filter((p) => (p as { severity?: string }).severity === 'error')).toEqual([]);
    expect(result.errors).toBe(0);
  });

  it('writes the four stories in English and Chinese, paired, in the year of their date', RUNS, async () => {
    const all = await versions(content);
    for (const story of FOLDERS) {
      const en = version(all, story.en);
      const zh = version(all, story.zh);
      expect([en.language, zh.language]).toEqual(['en', 'zh']);
      expect(zh.year).toBe(story.year);
      expect(`${zh.year}/${zh.slug}`, story.en).toBe(`${en.year}/${en.slug}`);
    }
    // The draft is Hugo's unpublished page: if migrated, it stays a draft.
    const draft = all.get('Draft Notes on the Transit Plan');
    if (draft) expect(draft.data['draft']).toBe(true);
    expect(first.report?.pairs).toBe(4);
    expect(first.report?.pagesRead).toMatchObject({ en: 5, 'zh-cn': 4 });
  });

  it('counts the French pages (a language the site does not publish) and writes none of them', RUNS, async () => {
    expect(first.report?.otherLocales).toEqual({ fr: 2 });
    const files = await filesUnder(content);
    expect(files.filter((file) => /(^|\/)fr\.md$/.test(file))).toEqual([]);
    const all = await versions(content);
    expect([...all.keys()].filter((title) => /Archives municipales|Audience publique/.test(title))).toEqual([]);
  });

  it('converts every shortcode kind, and reports the unknown one at its file and line', RUNS, async () => {
    // Counted over the eight English and Chinese pages (see the fixture's README).
    expect(first.report?.converted).toMatchObject({
      figure: 2,
      youtube: 1,
      vimeo: 1,
      highlight: 1,
      mermaid: 1,
      link: 3,
      callout: 10,
      details: 2,
    });
    const file = 'hugo-folders/content/en/posts/river-cleanup.md';
    const line = await lineOf(file, '{{< tweet');
    const at = `content/en/posts/river-cleanup.md:${line}`;
    const notes = allNotes(first.report as Report).filter((note) => note.location.startsWith(at));
    expect(
      notes.some((note) => note.message.includes('tweet')),
      JSON.stringify(first.report?.notes),
    ).toBe(true);
    const all = await versions(content);
    const river = version(all, FOLDERS[2].en);
    expect(river.body).toContain('{{< tweet');
  });

  it('writes bodies in the site’s Markdown, with the images beside the stories', RUNS, async () => {
    const all = await versions(content);
    const archive = version(all, FOLDERS[0].en);
    const budget = version(all, FOLDERS[1].en);
    const river = version(all, FOLDERS[2].en);
    expect(archive.body).toMatch(/!\[Desks in the reading room\]\(\.?\/?reading-room\.png/);
    expect(archive.body).toContain('https://www.youtube.com/watch?v=aBcDeFgHiJk');
    expect(archive.body).toContain('<details>');
    expect(budget.body).toContain('```python');
    expect(budget.body).toContain('```mermaid');
    expect(budget.body).toMatch(/^:::note$/m);
    expect(budget.body).toContain(`/en/${archive.year}/${archive.slug}/`);
    expect(budget.body).not.toContain('{{<');
    // Every ref/relref of the fixture is to a migrated story: none may be reported as left.
    expect(first.report?.notes['link'] ?? []).toEqual([]);
    expect(river.body).not.toContain('](/images/');
    const files = await filesUnder(content);
    expect(files).toContain(`articles/${archive.year}/${archive.slug}/reading-room.png`);
    expect(files).toContain(`articles/${river.year}/${river.slug}/route-map.png`);
  });

  it('keeps every old address of the Hugo site as an alias of the version it belonged to', RUNS, async () => {
    const all = await versions(content);
    for (const story of FOLDERS) {
      expect(aliasesOf(version(all, story.en)), story.en).toEqual(expect.arrayContaining(story.oldEn.map(address)));
      expect(aliasesOf(version(all, story.zh)), story.zh).toEqual(expect.arrayContaining(story.oldZh.map(address)));
    }
  });

  it('is idempotent: a second run without --force writes nothing and reports every file unchanged', RUNS, async () => {
    const before = await snapshot(content);
    const second = migrate('hugo', 'hugo-folders', content);
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(second.report?.files).toEqual({
      planned: first.report?.files.planned,
      written: 0,
      unchanged: first.report?.files.planned,
    });
    expect(await snapshot(content)).toEqual(before);
  });

  it('writes nothing with --dry-run, and plans the same files', RUNS, async () => {
    const out = path.join(work, 'folders-dry', 'content');
    const dry = migrate('hugo', 'hugo-folders', out, ['--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.report?.dryRun).toBe(true);
    expect(dry.report?.files.planned).toBe(first.report?.files.planned);
    await expect(stat(path.join(work, 'folders-dry'))).rejects.toThrow();
  });

  it('builds, and each old address leads through an alias page to the new story', BUILD, async () => {
    // Without a migration there is nothing to build: fail at once rather than after a build.
    expect(first.status, first.stderr).toBe(0);
    const out = path.join(work, 'folders-dist');
    const build = await runBuild({ CONTENT_DIR: content, OUT_DIR: out });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const all = await versions(content);
    for (const story of FOLDERS) {
      for (const [language, title, old] of [
        ['en', story.en, story.oldEn],
        ['zh', story.zh, story.oldZh],
      ] as const) {
        const v = version(all, title);
        const target = `/${language}/${v.year}/${v.slug}/`;
        await expect(stat(path.join(out, target, 'index.html')), target).resolves.toBeDefined();
        for (const from of old) {
          const page = await readFile(path.join(out, decodeURIComponent(from), 'index.html'), 'utf8').catch(
            () => `no alias page for ${from}`,
          );
          expect(page, from).toContain(`url=${target}`);
        }
      }
    }
  });
});

describe('npm run migrate -- --from hugo (translation by file name: hugo-suffix)', () => {
  it('reads config/_default/, pairs hello.md with hello.zh.md and the bundle’s two index files', RUNS, async () => {
    const content = path.join(work, 'suffix', 'content');
    const result = migrate('hugo', 'hugo-suffix', content);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(check(content).errors).toBe(0);
    expect(result.report?.pagesRead).toEqual({ en: 2, zh: 2 });
    expect(result.report?.pairs).toBe(2);
    expect(result.report?.otherLocales).toEqual({});
    const all = await versions(content);
    const hello = version(all, 'Hello from the Harbour');
    const helloZh = version(all, '来自港口的问候'); // the JSON front matter
    const walk = version(all, 'A Walk Along the Old Harbour Wall');
    const walkZh = version(all, '沿着老港口防波堤散步');
    expect(`${helloZh.year}/${helloZh.slug}/${helloZh.language}`).toBe(`${hello.year}/${hello.slug}/zh`);
    expect(`${walkZh.year}/${walkZh.slug}/${walkZh.language}`).toBe(`${walk.year}/${walk.slug}/zh`);
    // The bundle's image is shared by both languages: copied once, beside the story.
    const images = (await filesUnder(content)).filter((file) => file.endsWith('.png'));
    expect(images).toEqual([`articles/${walk.year}/${walk.slug}/harbour.png`]);
    // Hugo's default addresses: /<section>/<path>/, the non-default language under /zh/.
    expect(aliasesOf(hello)).toEqual(expect.arrayContaining(['/post/hello/']));
    expect(aliasesOf(helloZh)).toEqual(expect.arrayContaining(['/zh/post/hello/']));
    expect(aliasesOf(walk)).toEqual(expect.arrayContaining(['/post/harbour-walk/']));
    expect(aliasesOf(walkZh)).toEqual(expect.arrayContaining(['/zh/post/harbour-walk/']));
    const again = migrate('hugo', 'hugo-suffix', content);
    expect(again.status).toBe(0);
    expect(again.report?.files.written).toBe(0);
  });
});

describe('npm run migrate -- --from docusaurus', () => {
  it('migrates the post and its zh-Hans translation, with the author and the old addresses', RUNS, async () => {
    const content = path.join(work, 'docusaurus', 'content');
    const result = migrate('docusaurus', 'docusaurus', content);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(check(content).errors).toBe(0);
    expect(result.report?.pagesRead).toEqual({ en: 1, 'zh-Hans': 1 });
    expect(result.report?.pairs).toBe(1);
    const all = await versions(content);
    const en = version(all, 'Lantern Street Gets New Lights');
    const zh = version(all, '灯笼街换上新灯');
    expect(`${zh.year}/${zh.slug}/${zh.language}`).toBe(`2024/${en.slug}/zh`);
    expect(en.body).toMatch(/^:::tip$/m);
    expect(en.body).not.toContain('truncate');
    expect(aliasesOf(en)).toEqual(expect.arrayContaining(['/blog/2024/01/02/first/']));
    expect(aliasesOf(zh)).toEqual(expect.arrayContaining(['/zh-hans/blog/2024/01/02/first/']));
    const speakers = await filesUnder(path.join(content, 'speakers'));
    const texts = await Promise.all(speakers.map((file) => readFile(path.join(content, 'speakers', file), 'utf8')));
    expect(texts.some((text) => text.includes('Maria Garcia'))).toBe(true);
  });
});
