// Aliases that try to take over pages of the site, built for real on a copy of the fixture site:
// `npm run build` stops at the checker naming each one; Astro alone (the checker skipped) refuses
// them too with one line naming the file; and odd but harmless aliases build at their normal form.
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runBuild, runNode, type BuildResult } from './build-site.ts';

let work: string;
/** A build may wait for others (one build at a time), then takes half a minute. */
const BUILD = { timeout: 600_000 };

/** A copy of the fixture content with one more story, `2024/hijack`, whose aliases are `aliases`. */
async function contentWith(name: string, aliases: readonly string[]): Promise<string> {
  const content = path.join(work, name, 'content');
  await cp(path.join(root, 'tests/fixtures/site/content'), content, { recursive: true });
  await mkdir(path.join(content, 'articles/2024/hijack'), { recursive: true });
  await writeFile(
    path.join(content, 'articles/2024/hijack/en.md'),
    [
      '---',
      'title: Hijack',
      'date: 2024-05-01',
      'language: en',
      'summary: A story whose aliases point old addresses here.',
      'aliases:',
      ...aliases.map((alias) => `  - "${alias}"`),
      '---',
      '',
      'Body.',
      '',
    ].join('\n'),
  );
  return content;
}

/** The hijacking story's file as builds name it (relative to the project, where they run). */
const hijackFile = (content: string) => path.relative(root, path.join(content, 'articles/2024/hijack/en.md'));

/** Runs Astro's build alone, without `npm run build`'s checker, and says how it ended. */
function astroOnly(env: Record<string, string>): Promise<BuildResult> {
  const script = [
    "import { build } from 'astro';",
    "try { await build({ root: process.cwd(), logLevel: 'warn' }); console.log('built'); }",
    "catch (error) { console.error('rejected: ' + (error instanceof Error ? error.message : String(error))); process.exit(1); }",
  ].join('\n');
  return runNode(['--input-type=module', '-e', script], env);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-aliases-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('hostile aliases', () => {
  it('stop npm run build at the checker, each named with its file, line and field', BUILD, async () => {
    const hostile = [
      '/',
      '/en/',
      '/en/2024/digital-archive-launch/',
      '/robots.txt',
      '/en/rss.xml',
      '/_redirects',
      '/news/2023/old-name',
      '/a/%2e%2e/b/%00/',
      '/%2e%2e/x/',
      '/index.html',
      '/404.html',
    ];
    const content = await contentWith('checked', hostile);
    const out = path.join(work, 'checked', 'dist');
    const build = await runBuild({ CONTENT_DIR: content, OUT_DIR: out });
    expect(build.status).toBe(1);
    const file = hijackFile(content);
    const lines = build.stdout.split('\n').filter((line) => line.startsWith(`${file}:`));
    expect(lines.map((line) => line.split('  ').slice(0, 3).join('  '))).toEqual(
      hostile.map((_, i) => `${file}:${7 + i}:5  error  aliases[${i}]`),
    );
    expect(lines[0]).toContain("alias / would hide the home page: choose the story's old address instead");
    expect(lines[4]).toContain('alias /en/rss.xml would hide the English RSS feed');
    expect(lines[6]).toContain('is the same address as aliases[0] in ');
    expect(lines[7]).toContain('contains a control character (%00)');
    expect(build.stderr).toContain('✖ content check: 11 error(s)');
    await expect(stat(path.join(out, '_redirects'))).rejects.toThrow();
  });

  it(
    'are refused by the build itself when the checker is skipped: one line naming the file, no stack',
    BUILD,
    async () => {
      const content = await contentWith('unchecked', ['/', '/en/rss.xml', '/_redirects']);
      const out = path.join(work, 'unchecked', 'dist');
      const build = await astroOnly({ CONTENT_DIR: content, OUT_DIR: out });
      expect(build.status).toBe(1);
      expect(build.stderr).toContain(
        `rejected: ${hijackFile(content)}: aliases[0]: alias / would hide the home page: choose the story's old address instead\n`,
      );
      expect(build.stderr).not.toMatch(/^\s+at /m);
      await expect(stat(path.join(out, '_redirects'))).rejects.toThrow();
    },
  );

  it('that are odd but harmless build at their normal form, in _redirects and as redirect pages', BUILD, async () => {
    const content = await contentWith('odd', [
      '/a/%2e%2e/b/',
      '/c/./d//e',
      '/caf%C3%A9/',
      '/old/Index.HTML',
      '/n/page.htm/',
      '/en/2024/old-slug/',
    ]);
    const out = path.join(work, 'odd', 'dist');
    const build = await runBuild({ CONTENT_DIR: content, OUT_DIR: out });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const redirects = (await readFile(path.join(out, '_redirects'), 'utf8')).split('\n');
    for (const from of ['/b/', '/c/d/e/', '/caf%C3%A9/', '/old/', '/n/page.htm', '/en/2024/old-slug/']) {
      expect(redirects).toContain(`${from} /en/2024/hijack/ 301`);
    }
    for (const page of ['b/index.html', 'c/d/e/index.html', 'café/index.html', 'old/index.html', 'n/page.htm']) {
      expect(await readFile(path.join(out, page), 'utf8'), page).toContain('url=/en/2024/hijack/');
    }
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).not.toContain('http-equiv="refresh"');
  });
});
