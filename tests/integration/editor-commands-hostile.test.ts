// The editor commands run for real (`node tools/bin/new.ts`, `node tools/bin/import.ts`) against hostile
// content folders, as a pull request could make them: a story, year or articles folder that is a
// symbolic link to a folder outside content/, a linked article file, a file where a folder should
// be, a read-only folder. Nothing may be written outside content/, and every refusal is one error
// line (then "Nothing was written."), exit 1, never a stack trace. Each test works on a copy of the
// fixture archive tests/fixtures/editor/content/ (not content/, which editors may change).
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const release = path.join(root, 'tests/fixtures/raw/raw-press-release-2024-04-30.txt');
const fixture = path.join(root, 'tests/fixtures/editor/content');
const temporary: string[] = [];

// What the tests rely on in the fixture (tests/fixtures/editor/README.md describes it): stories in
// articles/2024/ and none in articles/2023/.
/** A story of the fixture with an en.md and a zh.md. */
const TRANSLATED = '2024/bilateral-talks';
/** The story folders the import makes of the release (named after its title, then its event), in order. */
const IMPORTED = ['2024/wipo-china-ipr-stimulates-innovative-vitality', '2024/zgc-forum-2024-clusters'] as const;

afterAll(async () => {
  for (const dir of temporary) {
    await chmod(path.join(dir, 'content'), 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

/** A fresh copy of the fixture archive, with an empty `outside/` beside it; returns the folder of both. */
async function hostileCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-hostile-'));
  temporary.push(dir);
  await cp(fixture, path.join(dir, 'content'), { recursive: true });
  await mkdir(path.join(dir, 'outside'));
  return dir;
}

/** Every entry under `dir`, relative and sorted: what a command left there. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map((p) => p.split(path.sep).join('/')).sort();
}

/**
 * How to run a command as a user who cannot write a read-only folder: as is when not root; as
 * `nobody` through `setpriv` when root (root ignores permissions); undefined when neither works.
 */
function unprivileged(): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  // The probe runs a real command, so a checkout that nobody may read skips instead of failing.
  const user = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  const probe = spawnSync('setpriv', [...user, process.execPath, path.join(root, 'tools/bin/new.ts'), '--help']);
  return probe.status === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined;
}
const asUser = unprivileged();

/** Runs a script of tools/bin/ in `cwd` with Node (the binary running the tests), optionally as `user`. */
function run(script: string, args: string[], cwd: string, user: readonly string[] = []) {
  const command = [...user, process.execPath, path.join(root, 'tools/bin', script), ...args];
  return spawnSync(command[0] ?? process.execPath, command.slice(1), {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', NEWS_TODAY: '2024-04-30', CONTENT_DIR: '' },
  });
}

/** The result of a refused command: exit 1, one error line (matching `expected`), the standard close. */
function expectRefusal(result: ReturnType<typeof run>, expected: string | RegExp): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toEqual([expect.stringMatching(/^error: /), 'Nothing was written.']);
  if (typeof expected === 'string') expect(lines[0]).toBe(`error: ${expected}`);
  else expect(lines[0]).toMatch(expected);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
}

describe('npm run new against a hostile content folder', () => {
  for (const force of [false, true]) {
    it(`never writes through a symlinked story folder to outside content/${force ? ' (--force)' : ''}`, async () => {
      const dir = await hostileCopy();
      await symlink('../../../outside', path.join(dir, 'content/articles/2024/evil'));
      const result = run('new.ts', ['Evil', '--content', 'content', ...(force ? ['--force'] : [])], dir);
      expectRefusal(
        result,
        'content/articles/2024/evil is a symbolic link; editor commands never write through links: replace it with a real folder',
      );
      expect(await tree(path.join(dir, 'outside'))).toEqual([]);
    });
  }

  it('never writes through a symlinked year folder or content/articles', async () => {
    const year = await hostileCopy();
    await symlink(path.join(year, 'outside'), path.join(year, 'content/articles/2023'));
    expectRefusal(
      run('new.ts', ['Old Story', '--date', '2023-05-01', '--content', 'content'], year),
      'content/articles/2023 is a symbolic link; editor commands never write through links: replace it with a real folder',
    );
    expect(await tree(path.join(year, 'outside'))).toEqual([]);

    const articles = await hostileCopy();
    await rm(path.join(articles, 'content/articles'), { recursive: true });
    await symlink(path.join(articles, 'outside'), path.join(articles, 'content/articles'));
    expectRefusal(
      run('new.ts', ['Any Story', '--content', 'content'], articles),
      'content/articles is a symbolic link; editor commands never write through links: replace it with a real folder',
    );
    expect(await tree(path.join(articles, 'outside'))).toEqual([]);
  });

  it('names the link, not a missing --force, when the file is a symlink; its target is untouched', async () => {
    const dir = await hostileCopy();
    const secret = path.join(dir, 'outside/secret.md');
    await writeFile(secret, 'secret\n');
    await mkdir(path.join(dir, 'content/articles/2024/linked'));
    await symlink(secret, path.join(dir, 'content/articles/2024/linked/en.md'));
    for (const force of [[], ['--force']]) {
      const result = run('new.ts', ['Linked', '--content', 'content', ...force], dir);
      expectRefusal(
        result,
        'content/articles/2024/linked/en.md is a symbolic link; editor commands never write through links: replace it with a real file',
      );
      expect(result.stderr).not.toContain('Add --force');
    }
    expect(await readFile(secret, 'utf8')).toBe('secret\n');
  });

  it('never writes a translation through a symlinked language file', async () => {
    const dir = await hostileCopy();
    const secret = path.join(dir, 'outside/secret.md');
    await writeFile(secret, 'secret\n');
    const zh = path.join(dir, `content/articles/${TRANSLATED}/zh.md`);
    await rm(zh);
    await symlink(secret, zh);
    const result = run('new.ts', ['--translate', TRANSLATED, '--lang', 'zh', '--force', '--content', 'content'], dir);
    expectRefusal(result, /^error: /);
    expect(result.stderr).toContain(`error: content/articles/${TRANSLATED}/zh.md is a symbolic link;`);
    expect(await readFile(secret, 'utf8')).toBe('secret\n');
  });

  it('says so in one line when content/articles is a file (it was an ENOTDIR stack trace)', async () => {
    const dir = await hostileCopy();
    await rm(path.join(dir, 'content/articles'), { recursive: true });
    await writeFile(path.join(dir, 'content/articles'), 'not a folder');
    expectRefusal(
      run('new.ts', ['Any Story', '--content', 'content'], dir),
      'content/articles is a file where a folder should be: move it away, then run the command again',
    );
  });

  it('tells a content folder that is a file or a link from a missing one', async () => {
    const dir = await hostileCopy();
    await writeFile(path.join(dir, 'file'), '');
    const file = run('new.ts', ['Any Story', '--content', 'file'], dir);
    expect(file.status).toBe(2); // a wrong --content is a usage error, as in npm run status
    expect(file.stderr).toContain(
      'error: the content folder file is a file, not a folder: give the folder with --content <dir> (or CONTENT_DIR)',
    );
    expect(file.stderr).not.toMatch(/^\s+at /m);
    await symlink('outside', path.join(dir, 'linked'));
    expectRefusal(
      run('new.ts', ['Any Story', '--content', 'linked'], dir),
      'linked is a symbolic link; editor commands never write through links: replace it with a real folder, or give the real folder with --content <dir>',
    );
    expect(await tree(path.join(dir, 'outside'))).toEqual([]);
  });

  it.skipIf(asUser === undefined)(
    'says so in one line when the content folder is read-only (it was an EACCES stack trace)',
    async () => {
      const dir = await hostileCopy();
      // The unprivileged user must reach the folder and read the content, but not write it.
      await chmod(dir, 0o755);
      for (const entry of ['content', ...(await tree(path.join(dir, 'content'))).map((p) => `content/${p}`)]) {
        const abs = path.join(dir, entry);
        await chmod(abs, entry.endsWith('.md') || entry.endsWith('.yaml') ? 0o444 : 0o555);
      }
      try {
        const result = run('new.ts', ['Read Only', '--content', 'content'], dir, asUser);
        expectRefusal(
          result,
          "cannot create the folder content/articles/2024/read-only: permission denied: fix the folder's permissions, or work in a copy of the content folder you own",
        );
      } finally {
        // Writable again, so that the folder can be removed when not running as root.
        for (const entry of ['', ...(await tree(path.join(dir, 'content')))]) {
          await chmod(path.join(dir, 'content', entry), 0o755);
        }
      }
    },
  );
});

describe('npm run import against a hostile content folder', () => {
  it('refuses before writing any story when one story folder is a symlink', async () => {
    const dir = await hostileCopy();
    // The release's second story goes to IMPORTED[1]: make that a link.
    await symlink(path.join(dir, 'outside'), path.join(dir, `content/articles/${IMPORTED[1]}`));
    const before = await tree(path.join(dir, 'content'));
    expectRefusal(
      run('import.ts', [release, '--content', 'content'], dir),
      `content/articles/${IMPORTED[1]} is a symbolic link; editor commands never write through links: replace it with a real folder`,
    );
    expect(await tree(path.join(dir, 'outside'))).toEqual([]);
    expect(await tree(path.join(dir, 'content'))).toEqual(before);
  });

  it.skipIf(asUser === undefined)(
    'names the files already written when the disk refuses a later one (not "Nothing was written.")',
    async () => {
      const dir = await hostileCopy();
      const blocked = path.join(dir, `content/articles/${IMPORTED[1]}`);
      await mkdir(blocked);
      await chmod(dir, 0o755);
      for (const entry of ['', ...(await tree(path.join(dir, 'content')))]) {
        await chmod(path.join(dir, 'content', entry), 0o777);
      }
      await chmod(blocked, 0o555); // the second story's folder: exists, empty, not writable
      try {
        const result = run('import.ts', [release, '--content', 'content'], dir, asUser);
        expect(result.stderr).not.toMatch(/^\s+at /m);
        expect(result.stderr.trimEnd().split('\n')).toEqual([
          `error: cannot write content/articles/${IMPORTED[1]}/zh.md: permission denied: fix the folder's permissions, or work in a copy of the content folder you own`,
          `Written before the failure: content/articles/${IMPORTED[0]}/en.md; fix the cause, then run the import again with --force.`,
        ]);
        expect(result.status).toBe(1);
      } finally {
        await chmod(blocked, 0o755);
      }
    },
  );
});
