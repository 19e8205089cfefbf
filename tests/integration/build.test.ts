// Builds the shipped sample archive for real and asserts on the output; and proves that invalid
// content stops the build with the checker's messages.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { root, runBuild, type BuildResult } from './build-site.ts';
import { validateSite } from './html-validity.ts';
import { indexedPageCounts, loadPagefind, searchHits, searchShards } from './pagefind-node.ts';

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

describe('valid HTML', () => {
  it('every page of the sample archive passes html-validate', async () => {
    const { pages, report } = await validateSite(out);
    expect(pages).toBeGreaterThan(100);
    expect(report).toBe('');
  });
});

describe('search on the sample archive', () => {
  /** The story paths a query finds in one language's index (with other languages merged in). */
  const find = async (lang: string, query: string, merge: string[] = []) =>
    (await searchHits(await loadPagefind(out, lang, merge), query)).map((hit) => hit.url).sort();

  it('indexes only the articles, one index per language', async () => {
    expect(await indexedPageCounts(out)).toEqual({
      en: 3,
      'zh-hans': 3,
    });
    expect(await searchShards(out)).toEqual(['2024']);
  });

  it('finds Chinese words in Chinese stories, segmented', async () => {
    expect(await find('zh-hans', '科技集群')).toEqual(['/zh/2024/zgc-forum-technology-clusters/']);
    expect(await find('zh-hans', '知识产权')).toEqual([
      '/zh/2024/ip-protection-forum/',
      '/zh/2024/wipo-cnipa-bilateral-meeting/',
      '/zh/2024/zgc-forum-technology-clusters/',
    ]);
  });

  it('finds English words in English stories', async () => {
    expect(await find('en', 'clusters')).toEqual(['/en/2024/zgc-forum-technology-clusters/']);
    expect(await find('en', 'commercialization')).toEqual(['/en/2024/wipo-cnipa-bilateral-meeting/']);
  });

  it('finds a word from the middle of a Chinese passage inside an English story', async () => {
    // 城市发展 sits mid-sentence in the quoted Chinese paragraph that ends the English article.
    expect(await find('en', '城市发展')).toEqual(['/en/2024/zgc-forum-technology-clusters/']);
    expect(await find('en', '平行论坛')).toEqual(['/en/2024/zgc-forum-technology-clusters/']);
  });

  it("finds a speaker's stories under either name, in the site's language", async () => {
    expect(await find('zh-hans', '申长雨')).toEqual(['/zh/2024/ip-protection-forum/']);
    expect(await find('en', 'Shen Changyu')).toEqual(['/en/2024/ip-protection-forum/']);
    expect(await find('en', '申长雨')).toEqual(['/en/2024/ip-protection-forum/']);
    expect(await find('zh-hans', 'Shen Changyu')).toEqual(['/zh/2024/ip-protection-forum/']);
    expect(await find('zh-hans', '卡斯滕·芬克')).toEqual([
      '/zh/2024/wipo-cnipa-bilateral-meeting/',
      '/zh/2024/zgc-forum-technology-clusters/',
    ]);
  });

  it('searches both languages at once when asked', async () => {
    expect(await find('en', '申长雨', ['zh-hans'])).toEqual([
      '/en/2024/ip-protection-forum/',
      '/zh/2024/ip-protection-forum/',
    ]);
  });
});

describe('npm run build on invalid content', () => {
  it('exits non-zero with the checker messages and writes no site', { timeout: 300_000 }, async () => {
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
