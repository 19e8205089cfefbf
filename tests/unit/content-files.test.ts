import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile } from '#lib/content-files.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-content-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads a regular file', async () => {
    await writeFile(path.join(dir, 'en.md'), 'Text.\n');
    expect((await readRegularFile(path.join(dir, 'en.md')))?.toString()).toBe('Text.\n');
  });

  it('neither follows a link nor waits on a pipe, a folder or a missing file', async () => {
    await writeFile(path.join(dir, 'target.md'), 'Secret.\n');
    await symlink(path.join(dir, 'target.md'), path.join(dir, 'link.md'));
    // A pipe with no writer: a plain read would block this test until it timed out.
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    await mkdir(path.join(dir, 'folder.md'));
    for (const name of ['link.md', 'pipe.md', 'folder.md', 'missing.md']) {
      expect(await readRegularFile(path.join(dir, name)), name).toBeUndefined();
    }
  });
});
