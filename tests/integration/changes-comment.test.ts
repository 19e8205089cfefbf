// `npm run changes -- --comment` (and its other outputs) on a real git history: a temporary
// repository holding a copy of the editor fixture (tests/fixtures/editor/, its README lists the
// facts used here) whose branch adds a story in English and Chinese, then moves another story's
// folder with `git mv`, revises a third so its translation goes stale, and names an unknown speaker.
// The comment must show the move with the alias each new file needs, the translation status and
// the checker's problem; and the alias line it suggests, once added, must satisfy the checker.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, COMMENT_MARKER } from '#tools/changes/comment.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'tests/fixtures/editor/content');
const run = promisify(execFile);

// Facts of the fixture the scenario relies on.
/** A story in English and Chinese, moved to a new folder on the branch. */
const MOVED = { from: '2024/bilateral-talks', to: '2024/wipo-cnipa-talks' } as const;
/** A story in English and Chinese whose English file is revised on the branch. */
const FORUM = { story: '2024/forum-opening', date: '2024-04-24' } as const;
/** A speaker of the registry. */
const SPEAKER = 'wang-binying';

const site = 'https://preview.example.org';
const basePath = '/previews/pr-7/';

let repo: string;

/** git in the temporary repository, isolated from the machine's and user's git configuration. */
async function git(...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'user.name=Test Editor', '-c', 'user.email=editor@example.org', ...args], {
    cwd: repo,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  return stdout;
}

/** `npm run changes -- --base main <args>` in the repository, on the project's Node. */
async function changes(...args: string[]): Promise<string> {
  const env = { ...process.env };
  for (const name of ['SITE_URL', 'BASE_PATH', 'CONTENT_DIR', 'GITHUB_ACTIONS']) delete env[name];
  const { stdout, stderr } = await run(
    process.execPath,
    [path.join(root, 'tools/bin/changes.ts'), '--base', 'main', '--site-url', site, '--base-path', basePath, ...args],
    { cwd: repo, env, maxBuffer: 16 * 1024 * 1024 },
  );
  expect(stderr).toBe('');
  return stdout;
}

/** Replaces the first line equal to `line` in a file of the repository with `lines`. */
async function replaceLine(file: string, line: string, ...lines: string[]): Promise<void> {
  const full = path.join(repo, file);
  const text = await readFile(full, 'utf8');
  if (!text.split('\n').includes(line)) throw new Error(`${line} not in ${file}`);
  await writeFile(full, text.replace(`${line}\n`, `${lines.join('\n')}\n`));
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'news-archive-comment-'));
  await git('init', '--quiet', '--initial-branch=main');
  await cp(fixture, path.join(repo, 'content'), { recursive: true });
  await git('add', '--all');
  await git('commit', '--quiet', '--no-gpg-sign', '--message', 'The archive');

  await git('checkout', '--quiet', '-b', 'move-and-revise');
  const story = path.join(repo, 'content/articles/2024/new-story');
  await mkdir(story, { recursive: true });
  await writeFile(
    path.join(story, 'en.md'),
    `---\ntitle: New story\ndate: 2024-05-01\nlanguage: en\nsummary: A new story.\nspeakers: [${SPEAKER}]\n---\n\nBody.\n`,
  );
  await writeFile(path.join(story, 'zh.md'), '---\ntitle: 新故事\nlanguage: zh\nsummary: 新。\n---\n\n正文。\n');
  await git('add', '--all');
  await git('commit', '--quiet', '--no-gpg-sign', '--message', 'A new story in English and Chinese');

  await git('mv', `content/articles/${MOVED.from}`, `content/articles/${MOVED.to}`);
  // The English file keeps its old address already; the Chinese one does not.
  await replaceLine(
    `content/articles/${MOVED.to}/en.md`,
    'language: en',
    'language: en',
    `aliases: [/en/${MOVED.from}/]`,
  );
  await replaceLine(
    `content/articles/${FORUM.story}/en.md`,
    `date: ${FORUM.date}`,
    `date: ${FORUM.date}`,
    'updated: 2024-05-06',
  );
  await replaceLine(
    'content/articles/2024/new-story/en.md',
    `speakers: [${SPEAKER}]`,
    `speakers: [${SPEAKER}, no-such-person]`,
  );
  await git('add', '--all');
  await git('commit', '--quiet', '--no-gpg-sign', '--message', 'Move a story, revise another');
});
afterAll(async () => rm(repo, { recursive: true, force: true }));

describe('the pull-request comment on a real git history', () => {
  let body: string;
  beforeAll(async () => {
    body = await changes('--comment');
  });

  it('sees the folder move as a git rename', async () => {
    const diff = await git('diff', '--name-status', '-M', 'main...HEAD');
    expect(diff).toMatch(
      new RegExp(`^R\\d+\\tcontent/articles/${MOVED.from}/zh\\.md\\tcontent/articles/${MOVED.to}/zh\\.md$`, 'm'),
    );
  });

  it('starts with the marker and lists the stories per language with preview links', () => {
    expect(body.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(Buffer.byteLength(body)).toBeLessThan(COMMENT_LIMIT);
    expect(body).toContain('4 stories (2 added, 1 changed, 1 removed)');
    expect(body).toContain(
      '| `2024/new-story` (new story) | zh | added | 新故事 | [preview](<https://preview.example.org/previews/pr-7/zh/2024/new-story/>) |',
    );
    expect(body).toContain(`| \`${MOVED.from}\` (story removed) | en | removed (moved to \`${MOVED.to}\`) |`);
  });

  it('gives the moved story its alias hints: present for English, the line to add for Chinese', () => {
    expect(body).toContain(`- \`${MOVED.from}\` → \`${MOVED.to}\` (en): alias present ✓ (\`/en/${MOVED.from}/\`)`);
    expect(body).toContain(
      [
        `- \`${MOVED.from}\` → \`${MOVED.to}\` (zh): the old address \`/zh/${MOVED.from}/\` stops working. Add this line to \`content/articles/${MOVED.to}/zh.md\` (replacing its \`aliases:\` line, if any):`,
        '',
        '  ```yaml',
        `  aliases: [/zh/${MOVED.from}/]`,
        '  ```',
      ].join('\n'),
    );
  });

  it('shows the translation status of each story left, with the stale translation', () => {
    expect(body).toContain(
      `| \`${FORUM.story}\` | en (primary), zh | — | zh: en updated 2024-05-06, zh inherits the date ${FORUM.date} |`,
    );
    expect(body).toContain(`| \`${MOVED.to}\` | en (primary), zh | — | — |`);
  });

  it("lists the checker's problem in the changed files, at its line", () => {
    expect(body).toContain('### Checker: 1 problem in the changed files');
    expect(body).toMatch(
      /^- \*\*error\*\* `content\/articles\/2024\/new-story\/en\.md:6` `speakers\[1\]`: unknown speaker .*no\\-such\\-person/m,
    );
  });

  it('shows the same alias hint and translation status in the JSON, the step summary and the terminal', async () => {
    const json = JSON.parse(await changes('--json')) as {
      stories: {
        story: string;
        versions: { language: string; alias: unknown }[];
        translations: { stale: unknown[] } | null;
      }[];
    };
    const moved = json.stories.find((s) => s.story === MOVED.to);
    expect(moved?.versions.map((v) => v.alias)).toEqual([
      { alias: `/en/${MOVED.from}/`, state: 'present', line: null },
      { alias: `/zh/${MOVED.from}/`, state: 'add', line: `aliases: [/zh/${MOVED.from}/]` },
    ]);
    expect(json.stories.find((s) => s.story === FORUM.story)?.translations?.stale).toHaveLength(1);
    const markdown = await changes('--markdown');
    expect(markdown).toContain(`(old address lost: add \`aliases: [/zh/${MOVED.from}/]\` to its file)`);
    expect(markdown).toContain('### Translations');
    const text = await changes();
    expect(text).toContain(`alias present ✓ /en/${MOVED.from}/`);
    expect(text).toContain(`stale: zh: en updated 2024-05-06, zh inherits the date ${FORUM.date}`);
  });

  it('says "alias present" once the suggested line is added, and the checker accepts it', async () => {
    await replaceLine(
      `content/articles/${MOVED.to}/zh.md`,
      'language: zh',
      'language: zh',
      `aliases: [/zh/${MOVED.from}/]`,
    );
    await git('commit', '--quiet', '--no-gpg-sign', '--all', '--message', 'Keep the old Chinese address');
    const after = await changes('--comment');
    expect(after).toContain(`(zh): alias present ✓ (\`/zh/${MOVED.from}/\`)`);
    expect(after).not.toContain('stops working');
    const json = JSON.parse(await changes('--json')) as { problems: { file: string; field: string }[] };
    expect(json.problems.filter((p) => p.field.startsWith('aliases'))).toEqual([]);
    expect(json.problems.map((p) => p.file)).toEqual(['content/articles/2024/new-story/en.md']);
  });
});
