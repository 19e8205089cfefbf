// Builds the shipped sample archive for real and asserts on the output; and proves that invalid
// content stops the build with the checker's messages.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { root, runBuild, type BuildResult } from './build-site.ts';

let out: string;
let build: BuildResult;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'news-archive-dist-'));
  build = await runBuild({ OUT_DIR: out });
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('npm run build on the sample archive', () => {
  it('checks the content, then builds both locales', async () => {
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.status).toBe(0);
    expect(build.stdout).toContain('✔ content check');
    for (const page of [
      'index.html',
      'en/index.html',
      'zh/index.html',
      'en/2024/ip-protection-forum/index.html',
      'zh/2024/ip-protection-forum/index.html',
      'en/2024/zgc-forum-technology-clusters/index.html',
      'zh/2024/wipo-cnipa-bilateral-meeting/index.html',
    ]) {
      await expect(stat(path.join(out, page)), page).resolves.toBeTruthy();
    }
  });

  it('renders a translation with the facts it inherits from the primary file', async () => {
    const zh = await readFile(path.join(out, 'zh/2024/ip-protection-forum/index.html'), 'utf8');
    expect(zh).toContain('<html lang="zh-Hans"');
    expect(zh).toContain('2024年4月30日');
    expect(zh).toContain('申长雨'); // speaker inherited from en.md, named in Chinese
    expect(zh).toContain('hreflang="en" href="https://news.example.org/en/2024/ip-protection-forum/"');
    const en = await readFile(path.join(out, 'en/2024/ip-protection-forum/index.html'), 'utf8');
    expect(en).toContain('30 April 2024');
  });
});

describe('npm run build on invalid content', () => {
  it('exits non-zero with the checker messages and writes no site', async () => {
    const content = await mkdtemp(path.join(tmpdir(), 'news-archive-bad-'));
    await cp(path.join(root, 'content'), content, { recursive: true });
    const file = path.join(content, 'articles/2024/ip-protection-forum/en.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('  - mu-peng\n', '  - mu-pang\n'));
    const badOut = path.join(content, '..', `${path.basename(content)}-dist`);
    const result = await runBuild({ CONTENT_DIR: content, OUT_DIR: badOut });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /en\.md:\d+:\d+ {2}error {2}speakers\[4\] {2}unknown speaker "mu-pang"\. Did you mean "mu-peng"\?/,
    );
    await expect(stat(badOut)).rejects.toThrow();
    await rm(content, { recursive: true, force: true });
  });
});
