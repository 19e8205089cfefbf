// The editor commands' one writer: never through a symbolic link (at any level, with or without
// --force), never outside the content folder, and every expected failure as one line. Each test
// builds its own content folder, with an `outside/` folder beside it that must stay empty.
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContentState } from '#tools/authoring/content-folder.ts';
import {
  contentFolderProblem,
  contentPathParts,
  describeFileError,
  EditorFileError,
  readContentFile,
  type FileIo,
} from '#tools/authoring/content-io.ts';
import { checkContentFile, writeContentFile, type WriteOptions } from '#tools/authoring/content-write.ts';

let base: string;
let content: string;
let outside: string;
/** Paths as the messages show them: relative to the folder holding `content/`. */
const show = (abs: string): string => path.relative(base, abs);
const REL = 'articles/2024/x/en.md';

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'news-archive-content-io-'));
  content = path.join(base, 'content');
  outside = path.join(base, 'outside');
  await mkdir(content);
  await mkdir(outside);
});

afterEach(async () => {
  await chmod(content, 0o755).catch(() => undefined);
  await rm(base, { recursive: true, force: true });
});

/** Every file and folder under `dir`, relative, sorted (links listed, not followed). */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map((p) => p.split(path.sep).join('/')).sort();
}

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<EditorFileError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EditorFileError);
  return error as EditorFileError;
}

/** A Node-style file system error. */
function fsError(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${syscall} '${file ?? ''}'`), {
    code,
    syscall,
    ...(file !== undefined ? { path: file } : {}),
  });
}

const write = (options: Partial<WriteOptions> = {}, rel = REL, text = 'new\n') =>
  writeContentFile(content, rel, text, { overwrite: false, show, ...options });

describe('writeContentFile', () => {
  it('creates the folders and the file, exclusively', async () => {
    expect(await write()).toBe('created');
    expect(await readFile(path.join(content, REL), 'utf8')).toBe('new\n');
    const again = await failure(write());
    expect(again.code).toBe('EEXIST');
    expect(again.message).toBe(
      'content/articles/2024/x/en.md already exists: not overwritten. Add --force to replace it',
    );
    expect(await readFile(path.join(content, REL), 'utf8')).toBe('new\n');
  });

  it('replaces a regular file with --force in one step, keeping its mode and leaving no temporary file', async () => {
    await write({}, REL, 'old\n');
    await chmod(path.join(content, REL), 0o640);
    expect(await write({ overwrite: true })).toBe('replaced');
    expect(await readFile(path.join(content, REL), 'utf8')).toBe('new\n');
    expect((await stat(path.join(content, REL))).mode & 0o777).toBe(0o640);
    expect(await readdir(path.join(content, 'articles/2024/x'))).toEqual(['en.md']);
  });

  // The hole: mkdir -p and writeFile followed a linked folder at any level and wrote outside content/.
  for (const [level, linked] of [
    ['content/articles', 'articles'],
    ['the year folder', 'articles/2024'],
    ['the story folder', 'articles/2024/x'],
  ] as const) {
    for (const overwrite of [false, true]) {
      it(`refuses a symlinked ${level}${overwrite ? ' with --force' : ''}, writing nothing outside`, async () => {
        await mkdir(path.dirname(path.join(content, linked)), { recursive: true });
        await symlink(outside, path.join(content, linked));
        const error = await failure(write({ overwrite }));
        expect(error.code).toBe('ELINK');
        expect(error.message).toBe(
          `content/${linked} is a symbolic link; editor commands never write through links: replace it with a real folder`,
        );
        expect(await tree(outside)).toEqual([]);
      });
    }
  }

  it('refuses a relative link too (the usual form in a pull request)', async () => {
    await mkdir(path.join(content, 'articles/2024'), { recursive: true });
    await symlink('../../../outside', path.join(content, 'articles/2024/x'));
    expect((await failure(write())).code).toBe('ELINK');
    expect(await tree(outside)).toEqual([]);
  });

  // The hole: with --force the link's target was overwritten; without it the message said "Add --force".
  for (const overwrite of [false, true]) {
    it(`refuses a symlinked file${overwrite ? ' with --force' : ''}, leaving its target untouched`, async () => {
      const secret = path.join(outside, 'secret.md');
      await writeFile(secret, 'secret\n');
      await mkdir(path.join(content, 'articles/2024/x'), { recursive: true });
      await symlink(secret, path.join(content, REL));
      const error = await failure(write({ overwrite }));
      expect(error.code).toBe('ELINK');
      expect(error.message).toBe(
        'content/articles/2024/x/en.md is a symbolic link; editor commands never write through links: replace it with a real file',
      );
      expect(error.message).not.toContain('Add --force');
      expect(await readFile(secret, 'utf8')).toBe('secret\n');
      expect((await lstat(path.join(content, REL))).isSymbolicLink()).toBe(true);
    });
  }

  it('refuses a dangling link where the story folder would be created', async () => {
    await mkdir(path.join(content, 'articles/2024'), { recursive: true });
    await symlink(path.join(outside, 'not-yet'), path.join(content, 'articles/2024/x'));
    expect((await failure(write())).code).toBe('ELINK');
    expect(await tree(outside)).toEqual([]);
  });

  it('refuses a link swapped in just after the folder was created (the re-check closes the race)', async () => {
    const io: Partial<FileIo> = {
      mkdir: async (dir) => {
        // Another process wins the race: a link appears where the story folder was being made.
        if (dir.endsWith(`${path.sep}x`)) await symlink(outside, dir);
        else await mkdir(dir);
        throw fsError('EEXIST', 'mkdir', dir);
      },
    };
    const error = await failure(write({ io }));
    expect(error.message).toBe(
      'content/articles/2024/x is a symbolic link; editor commands never write through links: replace it with a real folder',
    );
    expect(await tree(outside)).toEqual([]);
  });

  it('refuses a file where a folder should be, with one line', async () => {
    await writeFile(path.join(content, 'articles'), 'not a folder');
    const error = await failure(write());
    expect(error.code).toBe('ENOTDIR');
    expect(error.message).toBe(
      'content/articles is a file where a folder should be: move it away, then run the command again',
    );
  });

  it('refuses a folder where the file should be, even with --force', async () => {
    await mkdir(path.join(content, REL), { recursive: true });
    const error = await failure(write({ overwrite: true }));
    expect(error.code).toBe('EISDIR');
    expect(error.message).toMatch(/^content\/articles\/2024\/x\/en\.md is a folder where the file should be/);
  });

  for (const rel of [
    'articles/2024/../../../outside/en.md',
    'articles/../../outside/en.md',
    '../outside/en.md',
    '/etc/en.md',
    'articles/2024//en.md',
    'articles/./2024/x/en.md',
    'articles/2024/x\\..\\..\\en.md',
    'articles/2024/x\0/en.md',
  ]) {
    it(`refuses a path that could leave the content folder: ${JSON.stringify(rel)}`, async () => {
      const error = await failure(write({}, rel));
      expect(error.code).toBe('EOUTSIDE');
      expect(error.message).toMatch(/is not a path inside the content folder/);
      expect(error.message).not.toContain('\0');
      expect(await tree(outside)).toEqual([]);
      expect(await tree(content)).toEqual([]);
    });
  }

  it('refuses a content folder that is missing, a file, or a link', async () => {
    const missing = await failure(writeContentFile(path.join(base, 'nope'), REL, 'x', { overwrite: false, show }));
    expect(missing.code).toBe('ENOENT');
    expect(missing.message).toBe(
      'the content folder nope does not exist: give it with --content <dir> (or CONTENT_DIR)',
    );
    await writeFile(path.join(base, 'file'), '');
    expect((await failure(writeContentFile(path.join(base, 'file'), REL, 'x', { overwrite: false, show }))).code).toBe(
      'ENOTDIR',
    );
    await symlink(outside, path.join(base, 'linked'));
    const linked = await failure(writeContentFile(path.join(base, 'linked'), REL, 'x', { overwrite: true, show }));
    expect(linked.message).toBe(
      'linked is a symbolic link; editor commands never write through links: replace it with a real folder, or give the real folder with --content <dir>',
    );
    expect(await tree(outside)).toEqual([]);
  });

  it('turns a read-only folder into one line and creates nothing (simulated: root ignores chmod)', async () => {
    for (const code of ['EROFS', 'EACCES']) {
      const error = await failure(
        write({
          io: {
            mkdir: (dir) => Promise.reject(fsError(code, 'mkdir', dir)),
          },
        }),
      );
      expect(error.code).toBe(code);
      expect(error.message).toBe(
        code === 'EROFS'
          ? 'cannot create the folder content/articles: the disk is read-only: work in a writable copy of the content folder'
          : "cannot create the folder content/articles: permission denied: fix the folder's permissions, or work in a copy of the content folder you own",
      );
      expect(await tree(content)).toEqual([]);
    }
  });

  it.skipIf(process.getuid?.() === 0)('turns a really read-only folder into one line (not as root)', async () => {
    await chmod(content, 0o555);
    const error = await failure(write());
    expect(error.code).toBe('EACCES');
    expect(error.message).toMatch(/^cannot create the folder content\/articles: permission denied/);
  });

  it('removes what it created when the disk is full, so nothing is left half-written', async () => {
    await mkdir(path.join(content, 'articles'));
    const full: Partial<FileIo> = {
      open: () =>
        Promise.resolve({
          writeFile: () => Promise.reject(fsError('ENOSPC', 'write')),
          close: () => Promise.resolve(),
        }),
      // The file "opened" above must still be removed: the real unlink gets the real path.
    };
    const error = await failure(write({ io: full }));
    expect(error.message).toBe(
      'cannot write content/articles/2024/x/en.md: no space left on the disk: free some space, then run the command again',
    );
    expect(await tree(content)).toEqual(['articles']);
  });

  it('leaves the old file whole when the disk fills up while replacing it', async () => {
    await write({}, REL, 'old\n');
    const full: Partial<FileIo> = {
      open: async (file, flags, mode) => {
        await writeFile(file, '', { flag: 'wx', mode }); // the temporary file is created...
        void flags;
        return { writeFile: () => Promise.reject(fsError('ENOSPC', 'write')), close: () => Promise.resolve() };
      },
    };
    const error = await failure(write({ overwrite: true, io: full }));
    expect(error.message).toMatch(/^cannot write content\/articles\/2024\/x\/en\.md: no space left on the disk/);
    expect(await readFile(path.join(content, REL), 'utf8')).toBe('old\n');
    expect(await readdir(path.join(content, 'articles/2024/x'))).toEqual(['en.md']); // ...and removed
  });
});

describe('checkContentFile', () => {
  it('finds a link before anything is written, and says a free path is free', async () => {
    expect(await checkContentFile(content, REL, { overwrite: false, show })).toBe('absent');
    await mkdir(path.join(content, 'articles'));
    await symlink(outside, path.join(content, 'articles/2024'));
    expect((await failure(checkContentFile(content, REL, { overwrite: true, show }))).code).toBe('ELINK');
    expect(await tree(content)).toEqual(['articles', 'articles/2024']);
  });
});

describe('readContentFile', () => {
  it('reads a regular file, and refuses a linked file or folder', async () => {
    await write({}, REL, 'story\n');
    expect((await readContentFile(content, REL, { show })).toString()).toBe('story\n');
    await writeFile(path.join(outside, 'secret.md'), 'secret');
    await symlink(path.join(outside, 'secret.md'), path.join(content, 'articles/2024/x/zh.md'));
    expect((await failure(readContentFile(content, 'articles/2024/x/zh.md', { show }))).message).toBe(
      'content/articles/2024/x/zh.md is a symbolic link; editor commands never read through links: replace it with a real file',
    );
    await symlink(outside, path.join(content, 'articles/2024/y'));
    expect((await failure(readContentFile(content, 'articles/2024/y/secret.md', { show }))).message).toBe(
      'content/articles/2024/y is a symbolic link; editor commands never read through links: replace it with a real folder',
    );
  });
});

describe('describeFileError', () => {
  const at = '/c/content/a.md';
  it.each([
    ['EACCES', 'open', /^cannot write .*a\.md: permission denied: fix the folder's permissions/],
    ['EPERM', 'mkdir', /^cannot create the folder .*a\.md: permission denied/],
    ['EROFS', 'open', /^cannot write .*a\.md: the disk is read-only: work in a writable copy/],
    ['ENOSPC', 'write', /^cannot write .*a\.md: no space left on the disk: free some space/],
    ['ENOENT', 'mkdir', /^cannot create the folder .*a\.md: it does not exist/],
    ['ENOTDIR', 'mkdir', /a file where a folder should be: move the file away/],
    ['ELOOP', 'open', /a\.md is a symbolic link; editor commands never write through links/],
    ['EMFILE', 'open', /^cannot write .*a\.md: EMFILE: check the disk and the folder/],
  ])('words %s (%s) as one line, without a stack frame', (code, syscall, expected) => {
    const message = describeFileError(fsError(code, syscall, at), at);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/\bat /);
  });

  it('names the file given when the error has no path (a failed write on an open file)', () => {
    expect(describeFileError(fsError('ENOSPC', 'write'), '/c/a.md', (p) => p)).toBe(
      'cannot write /c/a.md: no space left on the disk: free some space, then run the command again',
    );
  });
});

describe('contentPathParts', () => {
  it('splits a path inside the content folder', () => {
    expect(contentPathParts('articles/2024/x/en.md')).toEqual(['articles', '2024', 'x', 'en.md']);
  });
});

describe('contentFolderProblem', () => {
  it('says what is wrong with the content folder, or nothing', async () => {
    expect(await contentFolderProblem(content, { show })).toBeUndefined();
    expect((await contentFolderProblem(path.join(base, 'nope'), { show }))?.code).toBe('ENOENT');
    await writeFile(path.join(base, 'file'), '');
    expect(await contentFolderProblem(path.join(base, 'file'), { show })).toEqual({
      code: 'ENOTDIR',
      message: 'the content folder file is a file, not a folder: give the folder with --content <dir> (or CONTENT_DIR)',
    });
  });
});

describe('readContentState', () => {
  it('lists no story through a link (a linked story folder or file is not content)', async () => {
    await mkdir(path.join(outside, 'story'), { recursive: true });
    await writeFile(path.join(outside, 'story/en.md'), '---\ntitle: x\n---\n');
    await write({}, 'articles/2024/real/en.md', '---\ntitle: y\n---\n');
    await symlink(path.join(outside, 'story'), path.join(content, 'articles/2024/linked'));
    await symlink(path.join(outside, 'story/en.md'), path.join(content, 'articles/2024/real/zh.md'));
    const state = await readContentState(content, ['en', 'zh']);
    expect(state.stories).toEqual([{ year: '2024', slug: 'real', languages: ['en'] }]);
  });

  it('refuses a missing content folder, a file or a link in its place with one line (it used to list nothing)', async () => {
    const missing = await failure(readContentState(path.join(base, 'nope'), ['en']));
    expect(missing.message).toMatch(/^the content folder .*nope does not exist: give it with --content <dir>/);
    await writeFile(path.join(base, 'file'), '');
    expect((await failure(readContentState(path.join(base, 'file'), ['en']))).code).toBe('ENOTDIR');
    await symlink(content, path.join(base, 'linked'));
    expect((await failure(readContentState(path.join(base, 'linked'), ['en']))).code).toBe('ELINK');
  });
});
