// The editor commands run for real: `tools/bin/status.ts` on a copy of the fixture archive
// tests/fixtures/editor/content/ with a translation deleted and a primary file updated, and
// `tools/bin/changes.ts` in a real temporary git repository (holding a copy of the fixture) whose
// branch adds, changes and deletes stories and changes a speaker. The fixture, not content/, so
// that an editorial change to the shipped sample cannot change what these tests see.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'tests/fixtures/editor/content');
const run = promisify(execFile);

// What the tests rely on in the fixture (tests/fixtures/editor/README.md describes it): three
// stories, two of them in English and Chinese, one in English only; no drafts, no warnings.
/** A story in English and Chinese: status loses its translation, changes removes the story. */
const BILATERAL = {
  story: '2024/bilateral-talks',
  slug: 'bilateral-talks',
  title: {
    en: 'Delegation Holds Bilateral Talks with the National IP Office',
    zh: '代表团与国家知识产权局举行双边会谈',
  },
} as const;
/** A story in English and Chinese whose en.md is revised (`updated:` after its `date:` line) in both tests. */
const FORUM = {
  story: '2024/forum-opening',
  slug: 'forum-opening',
  date: '2024-04-24',
  title: 'Forum on Intellectual Property Protection Opens in Beijing',
} as const;
/** The story that has an English version only: always missing its Chinese one. */
const ENGLISH_ONLY = { story: '2024/cluster-ranking', slug: 'cluster-ranking' } as const;
/** A speaker of the registry, renamed on the branch of the changes test. */
const SPEAKER = { id: 'wang-binying', en: 'Wang Binying' } as const;

/** Runs a project script on the project's Node, in `cwd`; never throws, returns the exit code too. */
async function script(
  name: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  // Variables of the surrounding CI must not leak into the scripts' defaults.
  const rest = { ...process.env };
  for (const name of ['SITE_URL', 'BASE_PATH', 'CONTENT_DIR', 'GITHUB_ACTIONS']) delete rest[name];
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'tools/bin', name), ...args], {
      cwd,
      env: { ...rest, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Inserts a line after the first line equal to `after` in a file. */
async function insertAfter(file: string, after: string, line: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.split('\n').includes(after)) throw new Error(`${after} not in ${file}`);
  await writeFile(file, text.replace(`${after}\n`, `${after}\n${line}\n`));
}

describe('npm run status', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-status-'));
    dirs.push(dir);
    await cp(fixture, path.join(dir, 'content'), { recursive: true });
    // A story loses its translation; another's primary file is revised after its translation.
    await rm(path.join(dir, `content/articles/${BILATERAL.story}/zh.md`));
    await insertAfter(
      path.join(dir, `content/articles/${FORUM.story}/en.md`),
      `date: ${FORUM.date}`,
      'updated: 2024-05-06',
    );
  });

  it('reports the missing and the stale translations as JSON', async () => {
    const result = await script('status.ts', ['--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      contentDir: 'content',
      locales: ['en', 'zh'],
      // Three stories: FORUM in both languages, BILATERAL and ENGLISH_ONLY now in English only.
      stories: 3,
      versions: 4,
      complete: 1,
      byLocale: {
        en: { versions: 3, published: 3, drafts: 0, primary: 3, translations: 0, missing: 0, stale: 0 },
        zh: { versions: 1, published: 1, drafts: 0, primary: 0, translations: 1, missing: 2, stale: 1 },
      },
      // The deleted translation, and the story that never had one.
      missing: [BILATERAL, ENGLISH_ONLY].map(({ story, slug }) => ({
        story,
        year: '2024',
        slug,
        languages: ['en'],
        drafts: [],
        missing: ['zh'],
      })),
      stale: [
        {
          story: FORUM.story,
          year: '2024',
          slug: FORUM.slug,
          language: 'zh',
          file: `content/articles/${FORUM.story}/zh.md`,
          draft: false,
          changed: FORUM.date,
          changedFrom: 'inherited date',
          primary: 'en',
          primaryChanged: '2024-05-06',
          primaryChangedFrom: 'updated',
        },
      ],
      unreadable: [],
    });
  });

  it('prints a table, from --content anywhere', async () => {
    const result = await script('status.ts', ['--content', path.join(dir, 'content')], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('zh        1         1          0       0        1             2        1');
    // Both missing stories' ids have the same length, so neither is padded.
    expect(result.stdout).toContain(`  ${BILATERAL.story}  has en  missing zh`);
    expect(result.stdout).toContain(`  ${ENGLISH_ONLY.story}  has en  missing zh`);
    expect(result.stdout).toContain(
      `  ${FORUM.story}  zh  inherited date ${FORUM.date}  older than en.md updated 2024-05-06`,
    );
  });

  it('exits 2 on usage errors', async () => {
    expect(await script('status.ts', ['--nope'], dir)).toMatchObject({ code: 2 });
    const missing = await script('status.ts', ['--content', 'no-such-folder'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no content folder at');
  });
});

describe('npm run changes, in a real git repository', () => {
  let repo: string;
  let mergeBase: string;
  const HOSTILE = 'Pipes | <script>alert(1)</script> [x](javascript:alert(1)) **b** `c` @team';
  /** git in the temporary repository, isolated from the machine's and user's git configuration. */
  const git = async (...args: string[]): Promise<string> =>
    (
      await run('git', ['-c', 'user.name=Test Editor', '-c', 'user.email=editor@example.org', ...args], {
        cwd: repo,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      })
    ).stdout;

  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'news-archive-changes-'));
    dirs.push(repo);
    await git('init', '--quiet', '--initial-branch=main');
    await cp(fixture, path.join(repo, 'content'), { recursive: true });
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '--message', 'The archive');
    mergeBase = (await git('rev-parse', 'HEAD')).trim();

    await git('checkout', '--quiet', '-b', 'new-stories');
    const story = path.join(repo, 'content/articles/2024/new-story');
    await mkdir(story, { recursive: true });
    await writeFile(
      path.join(story, 'en.md'),
      `---\ntitle: '${HOSTILE}'\ndate: 2024-05-01\nlanguage: en\nsummary: A new story.\nspeakers: [${SPEAKER.id}]\n---\n\nBody.\n`,
    );
    await writeFile(
      path.join(story, 'zh.md'),
      '---\ntitle: 新故事\nlanguage: zh\nsummary: 新。\ndraft: true\n---\n\n正文。\n',
    );
    await insertAfter(
      path.join(repo, `content/articles/${FORUM.story}/en.md`),
      `date: ${FORUM.date}`,
      'updated: 2024-05-03',
    );
    await rm(path.join(repo, `content/articles/${BILATERAL.story}`), { recursive: true });
    const speaker = path.join(repo, `content/speakers/${SPEAKER.id}.yaml`);
    const entry = await readFile(speaker, 'utf8');
    if (!entry.includes(`en: ${SPEAKER.en}\n`)) throw new Error(`en: ${SPEAKER.en} not in ${speaker}`);
    await writeFile(speaker, entry.replace(`en: ${SPEAKER.en}\n`, `en: ${SPEAKER.en} (WIPO)\n`));
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '--message', 'New story, revision, removal, speaker');
  });

  const site = 'https://preview.example.org';
  const url = (p: string): string => `${site}/previews/pr-7/${p}`;
  // Sorted by story id, as the command lists them.
  const expectedStories = () => [
    {
      story: BILATERAL.story,
      year: '2024',
      slug: BILATERAL.slug,
      status: 'removed',
      versions: (['en', 'zh'] as const).map((language) => ({
        language,
        status: 'removed',
        file: `content/articles/${BILATERAL.story}/${language}.md`,
        title: BILATERAL.title[language],
        draft: false,
        url: null,
        movedFrom: null,
        movedTo: null,
        alias: null,
      })),
      assets: [],
      translations: null,
    },
    {
      story: FORUM.story,
      year: '2024',
      slug: FORUM.slug,
      status: 'changed',
      versions: [
        {
          language: 'en',
          status: 'modified',
          file: `content/articles/${FORUM.story}/en.md`,
          title: FORUM.title,
          draft: false,
          url: url(`en/${FORUM.story}/`),
          movedFrom: null,
          movedTo: null,
          alias: null,
        },
      ],
      assets: [],
      // The revision leaves the Chinese translation, which inherits the date, behind.
      translations: {
        primary: 'en',
        languages: ['en', 'zh'],
        missing: [],
        stale: [
          {
            language: 'zh',
            file: `content/articles/${FORUM.story}/zh.md`,
            changed: FORUM.date,
            changedFrom: 'inherited date',
            primary: 'en',
            primaryChanged: '2024-05-03',
            primaryChangedFrom: 'updated',
          },
        ],
      },
    },
    {
      story: '2024/new-story',
      year: '2024',
      slug: 'new-story',
      status: 'added',
      versions: [
        {
          language: 'en',
          status: 'added',
          file: 'content/articles/2024/new-story/en.md',
          title: HOSTILE,
          draft: false,
          url: url('en/2024/new-story/'),
          movedFrom: null,
          movedTo: null,
          alias: null,
        },
        {
          language: 'zh',
          status: 'added',
          file: 'content/articles/2024/new-story/zh.md',
          title: '新故事',
          draft: true,
          url: null,
          movedFrom: null,
          movedTo: null,
          alias: null,
        },
      ],
      assets: [],
      translations: { primary: 'en', languages: ['en', 'zh'], missing: [], stale: [] },
    },
  ];
  const expectedRegistry = [
    {
      collection: 'speakers',
      id: SPEAKER.id,
      status: 'modified',
      file: `content/speakers/${SPEAKER.id}.yaml`,
      name: `${SPEAKER.en} (WIPO)`,
      movedFrom: null,
      movedTo: null,
    },
  ];

  it('lists the stories, versions, preview URLs and registry changes as JSON', async () => {
    const result = await script('changes.ts', ['--base', 'main', '--head', 'HEAD', '--json'], repo, {
      SITE_URL: site,
      BASE_PATH: '/previews/pr-7/',
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const data = JSON.parse(result.stdout) as Record<string, unknown>;
    expect({ ...data, problems: undefined, problemsElsewhere: undefined }).toEqual({
      base: 'main',
      head: 'HEAD',
      mergeBase,
      siteUrl: site,
      basePath: '/previews/pr-7/',
      stories: expectedStories(),
      registry: expectedRegistry,
      other: [],
      checked: true,
      problems: undefined,
      problemsElsewhere: undefined,
    });
    // The checker ran on the working tree: the draft translation it warns about is a changed file.
    expect(data.problems).toContainEqual(
      expect.objectContaining({
        file: 'content/articles/2024/new-story/zh.md',
        severity: 'warning',
        field: 'draft',
      }),
    );
    expect(data.problemsElsewhere).toEqual({ errors: 0, warnings: 0 });
  });

  it('writes a Markdown summary with the hostile title escaped', async () => {
    const result = await script(
      'changes.ts',
      ['--base', 'main', '--markdown', '--site-url', site, '--base-path', '/previews/pr-7/'],
      repo,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [tables] = result.stdout.split('### Checker');
    expect(tables).toBe(
      [
        '## Content changes',
        '',
        'Preview: <https://preview.example.org/previews/pr-7/>',
        '',
        '3 stories (1 added, 1 changed, 1 removed) · 1 registry entry (1 modified).',
        '',
        '| Story | Language | Change | Title | Preview |',
        '| --- | --- | --- | --- | --- |',
        // The fixture's titles have no character that Markdown escaping changes; the hostile one has them all.
        `| \`${BILATERAL.story}\` (story removed) | en | removed | ${BILATERAL.title.en} | — |`,
        `| \`${BILATERAL.story}\` (story removed) | zh | removed | ${BILATERAL.title.zh} | — |`,
        `| \`${FORUM.story}\` | en | modified | ${FORUM.title} | [preview](<https://preview.example.org/previews/pr-7/en/${FORUM.story}/>) |`,
        '| `2024/new-story` (new story) | en | added | Pipes \\| \\<script\\>alert\\(1\\)\\<\\/script\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*\\*b\\*\\* \\`c\\` \\@team | [preview](<https://preview.example.org/previews/pr-7/en/2024/new-story/>) |',
        '| `2024/new-story` (new story) | zh | added (draft, not published) | 新故事 | — |',
        '',
        '### Translations',
        '',
        '| Story | Languages | Missing | Stale translations |',
        '| --- | --- | --- | --- |',
        `| \`${FORUM.story}\` | en (primary), zh | — | zh: en updated 2024-05-03, zh inherits the date ${FORUM.date} |`,
        '| `2024/new-story` | en (primary), zh | — | — |',
        '',
        '### Registry',
        '',
        '| Kind | Id | Change | Name |',
        '| --- | --- | --- | --- |',
        `| speaker | \`${SPEAKER.id}\` | modified | ${SPEAKER.en} \\(WIPO\\) |`,
        '',
        '',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      '| `content/articles/2024/new-story/zh.md` | 5 | warning | `draft` | this is a draft\\: it is checked but will not be published |',
    );
  });

  it('reads <head> from git when another commit is checked out, and then skips the checker', async () => {
    await git('checkout', '--quiet', 'main');
    try {
      const result = await script(
        'changes.ts',
        ['--base', 'main', '--head', 'new-stories', '--json', '--site-url', site, '--base-path', '/previews/pr-7/'],
        repo,
      );
      expect(result.code).toBe(0);
      const data = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(data.stories).toEqual(expectedStories());
      expect(data.registry).toEqual(expectedRegistry);
      expect(data).toMatchObject({ checked: false, problems: [], problemsElsewhere: { errors: 0, warnings: 0 } });
    } finally {
      await git('checkout', '--quiet', 'new-stories');
    }
  });

  it('exits 2 with a hint on usage errors', async () => {
    const noBase = await script('changes.ts', [], repo);
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toContain('--base <ref> is required');
    const unknown = await script('changes.ts', ['--base', 'origin/main'], repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('fetch-depth: 0');
    const option = await script('changes.ts', ['--base=--output=/tmp/x'], repo);
    expect(option.code).toBe(2);
    const outside = await mkdtemp(path.join(tmpdir(), 'news-archive-nogit-'));
    dirs.push(outside);
    await mkdir(path.join(outside, 'content'));
    const noRepo = await script('changes.ts', ['--base', 'main'], outside, { GIT_CEILING_DIRECTORIES: tmpdir() });
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toContain('is not inside a git repository');
  });
});
