// The editor commands run for real: `tools/bin/status.ts` on a copy of the sample archive with a
// translation deleted and a primary file updated, and `tools/bin/changes.ts` in a real temporary git
// repository whose branch adds, changes and deletes stories and changes a speaker.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

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
    await cp(path.join(root, 'content'), path.join(dir, 'content'), { recursive: true });
    // A story loses its translation; another's primary file is revised after its translation.
    await rm(path.join(dir, 'content/articles/2024/wipo-cnipa-bilateral-meeting/zh.md'));
    await insertAfter(
      path.join(dir, 'content/articles/2024/zgc-forum-technology-clusters/en.md'),
      'date: 2024-04-30',
      'updated: 2024-05-06',
    );
  });

  it('reports the missing and the stale translation as JSON', async () => {
    const result = await script('status.ts', ['--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      contentDir: 'content',
      locales: ['en', 'zh'],
      stories: 3,
      versions: 5,
      complete: 2,
      byLocale: {
        en: { versions: 3, published: 3, drafts: 0, primary: 3, translations: 0, missing: 0, stale: 0 },
        zh: { versions: 2, published: 2, drafts: 0, primary: 0, translations: 2, missing: 1, stale: 1 },
      },
      missing: [
        {
          story: '2024/wipo-cnipa-bilateral-meeting',
          year: '2024',
          slug: 'wipo-cnipa-bilateral-meeting',
          languages: ['en'],
          drafts: [],
          missing: ['zh'],
        },
      ],
      stale: [
        {
          story: '2024/zgc-forum-technology-clusters',
          year: '2024',
          slug: 'zgc-forum-technology-clusters',
          language: 'zh',
          file: 'content/articles/2024/zgc-forum-technology-clusters/zh.md',
          draft: false,
          changed: '2024-04-30',
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
    expect(result.stdout).toContain('zh        2         2          0       0        2             1        1');
    expect(result.stdout).toContain('  2024/wipo-cnipa-bilateral-meeting  has en  missing zh');
    expect(result.stdout).toContain(
      '  2024/zgc-forum-technology-clusters  zh  inherited date 2024-04-30  older than en.md updated 2024-05-06',
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
    await cp(path.join(root, 'content'), path.join(repo, 'content'), { recursive: true });
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '--message', 'The archive');
    mergeBase = (await git('rev-parse', 'HEAD')).trim();

    await git('checkout', '--quiet', '-b', 'new-stories');
    const story = path.join(repo, 'content/articles/2024/new-story');
    await mkdir(story, { recursive: true });
    await writeFile(
      path.join(story, 'en.md'),
      `---\ntitle: '${HOSTILE}'\ndate: 2024-05-01\nlanguage: en\nsummary: A new story.\nspeakers: [wang-binying]\n---\n\nBody.\n`,
    );
    await writeFile(
      path.join(story, 'zh.md'),
      '---\ntitle: 新故事\nlanguage: zh\nsummary: 新。\ndraft: true\n---\n\n正文。\n',
    );
    await insertAfter(
      path.join(repo, 'content/articles/2024/ip-protection-forum/en.md'),
      'date: 2024-04-30',
      'updated: 2024-05-03',
    );
    await rm(path.join(repo, 'content/articles/2024/wipo-cnipa-bilateral-meeting'), { recursive: true });
    const speaker = path.join(repo, 'content/speakers/wang-binying.yaml');
    await writeFile(speaker, (await readFile(speaker, 'utf8')).replace('en: Wang Binying', 'en: Wang Binying (WIPO)'));
    await git('add', '--all');
    await git('commit', '--quiet', '--no-gpg-sign', '--message', 'New story, revision, removal, speaker');
  });

  const site = 'https://preview.example.org';
  const url = (p: string): string => `${site}/previews/pr-7/${p}`;
  const expectedStories = () => [
    {
      story: '2024/ip-protection-forum',
      year: '2024',
      slug: 'ip-protection-forum',
      status: 'changed',
      versions: [
        {
          language: 'en',
          status: 'modified',
          file: 'content/articles/2024/ip-protection-forum/en.md',
          title: 'WIPO China: IPR Stimulates Innovative Vitality in Developing New Quality Productive Forces',
          draft: false,
          url: url('en/2024/ip-protection-forum/'),
          movedFrom: null,
          movedTo: null,
        },
      ],
      assets: [],
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
        },
      ],
      assets: [],
    },
    {
      story: '2024/wipo-cnipa-bilateral-meeting',
      year: '2024',
      slug: 'wipo-cnipa-bilateral-meeting',
      status: 'removed',
      versions: [
        {
          language: 'en',
          status: 'removed',
          file: 'content/articles/2024/wipo-cnipa-bilateral-meeting/en.md',
          title: 'WIPO Delegation Holds Bilateral Meeting with CNIPA',
          draft: false,
          url: null,
          movedFrom: null,
          movedTo: null,
        },
        {
          language: 'zh',
          status: 'removed',
          file: 'content/articles/2024/wipo-cnipa-bilateral-meeting/zh.md',
          title: '产权组织代表与中国国家知识产权局举行双边会谈',
          draft: false,
          url: null,
          movedFrom: null,
          movedTo: null,
        },
      ],
      assets: [],
    },
  ];
  const expectedRegistry = [
    {
      collection: 'speakers',
      id: 'wang-binying',
      status: 'modified',
      file: 'content/speakers/wang-binying.yaml',
      name: 'Wang Binying (WIPO)',
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
        '| `2024/ip-protection-forum` | en | modified | WIPO China\\: IPR Stimulates Innovative Vitality in Developing New Quality Productive Forces | [preview](<https://preview.example.org/previews/pr-7/en/2024/ip-protection-forum/>) |',
        '| `2024/new-story` (new story) | en | added | Pipes \\| \\<script\\>alert\\(1\\)\\<\\/script\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*\\*b\\*\\* \\`c\\` \\@team | [preview](<https://preview.example.org/previews/pr-7/en/2024/new-story/>) |',
        '| `2024/new-story` (new story) | zh | added (draft, not published) | 新故事 | — |',
        '| `2024/wipo-cnipa-bilateral-meeting` (story removed) | en | removed | WIPO Delegation Holds Bilateral Meeting with CNIPA | — |',
        '| `2024/wipo-cnipa-bilateral-meeting` (story removed) | zh | removed | 产权组织代表与中国国家知识产权局举行双边会谈 | — |',
        '',
        '### Registry',
        '',
        '| Kind | Id | Change | Name |',
        '| --- | --- | --- | --- |',
        '| speaker | `wang-binying` | modified | Wang Binying \\(WIPO\\) |',
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
