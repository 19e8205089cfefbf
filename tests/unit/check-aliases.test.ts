// `npm run check` on a copy of the sample site with a story whose aliases try to take over pages of
// the site: each one is reported at its line, field `aliases[i]`, saying what it would hide.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import { formatProblem } from '#pipeline/check/problems.ts';
import { siteConfig } from '#site.config';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

/** The hostile aliases, one per line from line 7 of the file. */
const HOSTILE = [
  '/',
  '/en/',
  '/en/2024/digital-archive-launch/',
  '/robots.txt',
  '/en/rss.xml',
  '/_redirects',
  '/index.html',
  '/404.html',
  '/favicon.svg',
  '/zh/speakers/',
  '/EN/Page/2/',
  '/a/%2e%2e/zh/',
  '/en/./2023/innovation-week-opens',
  '//en//archive//',
  '/x%00y/',
  '/%2e%2e/etc/',
  '/news/2023/old-name',
  '/moved/',
  '/Moved',
  '/en/2023/draft-budget-note/',
  '/en/2024/old-slug/',
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-check-aliases-'));
  await cp(path.join(root, 'tests/fixtures/site/content'), path.join(dir, 'content'), { recursive: true });
  const story = path.join(dir, 'content/articles/2024/hijack');
  await mkdir(story, { recursive: true });
  await writeFile(
    path.join(story, 'en.md'),
    [
      '---',
      'title: Hijack',
      'date: 2024-05-01',
      'language: en',
      'summary: A story whose aliases try to take over the site.',
      'aliases:',
      ...HOSTILE.map((alias) => `  - "${alias}"`),
      '---',
      '',
      'Body.',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the alias rule of npm run check', () => {
  it('reports every hostile alias at its line and field, saying what it would hide', async () => {
    const result = await checkContent({ contentDir: path.join(dir, 'content'), displayRoot: dir, config: siteConfig });
    const file = 'content/articles/2024/hijack/en.md';
    const at = (alias: string) =>
      `${file}:${7 + HOSTILE.indexOf(alias)}:5  error  aliases[${HOSTILE.indexOf(alias)}]  `;
    const hide = (alias: string, what: string) =>
      `${at(alias)}alias ${alias} would hide ${what}: choose the story's old address instead`;
    expect(result.problems.filter((p) => p.file === file).map(formatProblem)).toEqual([
      hide('/', 'the home page'),
      hide('/en/', 'the English home page'),
      hide(
        '/en/2024/digital-archive-launch/',
        'the English page of the story 2024/digital-archive-launch (/en/2024/digital-archive-launch/)',
      ),
      hide('/robots.txt', 'robots.txt'),
      hide('/en/rss.xml', 'the English RSS feed'),
      hide('/_redirects', "the _redirects file (the host's redirect rules)"),
      hide('/index.html', 'the home page'),
      hide('/404.html', 'the 404 page'),
      hide('/favicon.svg', 'public/favicon.svg'),
      hide('/zh/speakers/', 'the 中文 speaker pages'),
      hide('/EN/Page/2/', 'the English home page listing (its later pages)'),
      hide('/a/%2e%2e/zh/', 'the 中文 home page'),
      hide(
        '/en/./2023/innovation-week-opens',
        'the English page of the story 2023/innovation-week-opens (/en/2023/innovation-week-opens/)',
      ),
      hide('//en//archive//', 'the English archive'),
      `${at('/x%00y/')}alias /x%00y/ contains a control character (%00): remove it`,
      `${at('/%2e%2e/etc/')}alias /%2e%2e/etc/ climbs above the site root with "..": write the old address from the root, e.g. /news/2024/old-name/`,
      `${at('/news/2023/old-name')}alias /news/2023/old-name is the same address as aliases[0] in content/articles/2023/startup-clinic-launch/en.md (written /news/2023/old-name/ there): an old address can redirect to one page only, keep one`,
      `${at('/Moved')}alias /Moved is the same address as aliases[17] in ${file} (written /moved/ there): an old address can redirect to one page only, keep one`,
      // A draft's page is the story's too: publishing it must not meet an alias.
      hide(
        '/en/2023/draft-budget-note/',
        'the English page of the story 2023/draft-budget-note (/en/2023/draft-budget-note/)',
      ),
    ]);
    // The sample's own aliases and an old slug no story has are fine.
    expect(result.problems.filter((p) => p.severity === 'error' && p.file !== file)).toEqual([]);
  });
});
