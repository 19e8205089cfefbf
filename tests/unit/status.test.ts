import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArticleFacts, readArticleVersions, type ArticleVersion } from '#tools/authoring/status.ts';
import { formatStatus, statusJson } from '#tools/authoring/status-output.ts';
import { isLater, translationStatus } from '#tools/authoring/translation-status.ts';
import { parsePublishedAt, type PublishedAt } from '#lib/dates.ts';
import { siteConfig } from '#site.config';

const at = (text: string): PublishedAt => {
  const result = parsePublishedAt(text, 'Asia/Shanghai');
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

/** A version as the reader would produce it. */
const version = (
  story: string,
  language: string,
  facts: { date?: string; updated?: string; draft?: boolean; datesKnown?: boolean; problem?: string } = {},
): ArticleVersion => {
  const [year = '', slug = ''] = story.split('/');
  return {
    file: `content/articles/${story}/${language}.md`,
    year,
    slug,
    language,
    title: `${slug} (${language})`,
    draft: facts.draft ?? false,
    date: facts.date === undefined ? undefined : at(facts.date),
    updated: facts.updated === undefined ? undefined : at(facts.updated),
    datesKnown: facts.datesKnown ?? true,
    problem: facts.problem,
  };
};

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readArticleFacts', () => {
  it('reads the fields status needs with the checker’s schema', () => {
    const facts = readArticleFacts(
      bytes(
        '---\ntitle: A story\ndate: 2024-04-30\nupdated: 2024-05-02T10:00:00+08:00\nlanguage: en\nsummary: S.\ndraft: true\n---\nBody\n',
      ),
      siteConfig,
    );
    expect(facts).toEqual({
      title: 'A story',
      draft: true,
      date: { day: '2024-04-30', instant: '2024-04-30T00:00:00.000Z', hasTime: false },
      updated: { day: '2024-05-02', instant: '2024-05-02T02:00:00.000Z', hasTime: true },
      datesKnown: true,
      problem: undefined,
    });
  });

  it('accepts a BOM and CRLF line endings, and does not check references between files', () => {
    const facts = readArticleFacts(
      bytes('\ufeff---\r\ntitle: T\r\nlanguage: zh\r\nspeakers: [nobody-known]\r\nsummary: S\r\n---\r\nBody\r\n'),
      siteConfig,
    );
    expect(facts).toMatchObject({ title: 'T', draft: false, date: undefined, datesKnown: true, problem: undefined });
  });

  it('keeps the valid fields of a file the checker rejects, and says why it rejects it', () => {
    const facts = readArticleFacts(
      bytes('---\ntitle: T\nlanguage: en\nsummary: S\ndate: 2024-02-30\nspeker: x\n---\nBody\n'),
      siteConfig,
    );
    expect(facts.title).toBe('T');
    expect(facts.datesKnown).toBe(false);
    expect(facts.date).toBeUndefined();
    expect(facts.problem).toBe('line 5: date: 2024-02-30 does not exist: month 02 of 2024 has 29 days');
  });

  it('names the line of unreadable files', () => {
    expect(readArticleFacts(bytes('title: no delimiters\n'), siteConfig).problem).toMatch(
      /^line 1: the file must start with a line "---"/,
    );
    expect(readArticleFacts(bytes(''), siteConfig).problem).toBe('the file is empty');
    expect(readArticleFacts(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xd6, 0xd0]), siteConfig).problem).toMatch(
      /^line 2: the file is not UTF-8 text/,
    );
  });
});

describe('isLater (the staleness comparison)', () => {
  it('compares calendar days when either value is date-only, so a same-day update is not later', () => {
    expect(isLater(at('2024-05-02T23:00:00+08:00'), at('2024-05-02'))).toBe(false);
    expect(isLater(at('2024-05-02'), at('2024-05-02T01:00:00+08:00'))).toBe(false);
    expect(isLater(at('2024-05-03'), at('2024-05-02T23:59:00+08:00'))).toBe(true);
  });
  it('compares instants when both carry a time', () => {
    expect(isLater(at('2024-05-02T10:00:00+08:00'), at('2024-05-02T09:00:00+08:00'))).toBe(true);
    expect(isLater(at('2024-05-02T10:00:00+08:00'), at('2024-05-02T04:00:00+02:00'))).toBe(false);
  });
});

describe('translationStatus', () => {
  const versions: ArticleVersion[] = [
    // Complete and current: the translation inherits the date; the primary was never updated.
    version('2024/current', 'en', { date: '2024-04-30' }),
    version('2024/current', 'zh'),
    // The primary was updated after the date the translation inherits: stale.
    version('2024/inherits', 'en', { date: '2024-04-30', updated: '2024-05-02' }),
    version('2024/inherits', 'zh'),
    // Translation updated after the primary: current. Same day, one with a time: current.
    version('2024/kept-up', 'en', { date: '2024-04-30', updated: '2024-05-02' }),
    version('2024/kept-up', 'zh', { updated: '2024-05-02T09:00:00+08:00' }),
    // A draft translation older than its primary is still reported (as a draft).
    version('2024/draft-zh', 'en', { date: '2024-04-01', updated: '2024-04-20T12:00:00+08:00' }),
    version('2024/draft-zh', 'zh', { updated: '2024-04-10', draft: true }),
    // Untranslated stories, one of them a draft; a Chinese-only story (zh is its primary).
    version('2023/english-only', 'en', { date: '2023-12-31' }),
    version('2024/chinese-only', 'zh', { date: '2024-03-01', updated: '2024-03-05' }),
    version('2024/draft-only', 'en', { date: '2024-06-01', draft: true }),
    // The primary's dates cannot be read: nothing can be said about its translation's age.
    version('2024/broken', 'en', { datesKnown: false, problem: 'line 3: date: bad' }),
    version('2024/broken', 'zh'),
  ];
  const report = translationStatus(versions, ['en', 'zh']);

  it('counts per locale and lists missing and stale translations', () => {
    expect(report).toEqual({
      locales: ['en', 'zh'],
      stories: 8,
      versions: 13,
      complete: 5,
      byLocale: {
        en: { versions: 7, published: 6, drafts: 1, primary: 7, translations: 0, missing: 1, stale: 0 },
        zh: { versions: 6, published: 5, drafts: 1, primary: 1, translations: 5, missing: 2, stale: 2 },
      },
      missing: [
        {
          story: '2023/english-only',
          year: '2023',
          slug: 'english-only',
          languages: ['en'],
          drafts: [],
          missing: ['zh'],
        },
        {
          story: '2024/chinese-only',
          year: '2024',
          slug: 'chinese-only',
          languages: ['zh'],
          drafts: [],
          missing: ['en'],
        },
        {
          story: '2024/draft-only',
          year: '2024',
          slug: 'draft-only',
          languages: ['en'],
          drafts: ['en'],
          missing: ['zh'],
        },
      ],
      stale: [
        {
          story: '2024/draft-zh',
          year: '2024',
          slug: 'draft-zh',
          language: 'zh',
          file: 'content/articles/2024/draft-zh/zh.md',
          draft: true,
          changed: '2024-04-10',
          changedFrom: 'updated',
          primary: 'en',
          primaryChanged: '2024-04-20T04:00:00.000Z',
          primaryChangedFrom: 'updated',
        },
        {
          story: '2024/inherits',
          year: '2024',
          slug: 'inherits',
          language: 'zh',
          file: 'content/articles/2024/inherits/zh.md',
          draft: false,
          changed: '2024-04-30',
          changedFrom: 'inherited date',
          primary: 'en',
          primaryChanged: '2024-05-02',
          primaryChangedFrom: 'updated',
        },
      ],
      unreadable: [{ file: 'content/articles/2024/broken/en.md', message: 'line 3: date: bad' }],
    });
  });

  it('prints a table and lists for editors', () => {
    expect(formatStatus(report, 'content/')).toBe(
      [
        'Translation status of content/: 8 stories, 13 language versions, 5 in every language',
        '',
        'language  versions  published  drafts  primary  translations  missing  stale',
        'en        7         6          1       7        0             1        0',
        'zh        6         5          1       1        5             2        2',
        '',
        'Missing translations (3 stories):',
        '  2023/english-only  has en          missing zh',
        '  2024/chinese-only  has zh          missing en',
        '  2024/draft-only    has en (draft)  missing zh',
        '',
        'Stale translations (2): the primary file changed after the translation last did',
        '  2024/draft-zh  zh (draft)  updated 2024-04-10         older than en.md updated 2024-04-20T04:00:00.000Z',
        '  2024/inherits  zh          inherited date 2024-04-30  older than en.md updated 2024-05-02',
        '',
        'Files with problems (1), the first of each: npm run check lists them all',
        '  content/articles/2024/broken/en.md  line 3: date: bad',
      ].join('\n'),
    );
  });

  it('says so when everything is translated and current', () => {
    const done = translationStatus(
      [version('2024/a', 'en', { date: '2024-01-01' }), version('2024/a', 'zh')],
      ['en', 'zh'],
    );
    expect(formatStatus(done, 'content/').split('\n').at(-1)).toBe(
      '✔ every story is in every language, and no translation is older than its primary file',
    );
  });

  it('prints JSON with every key, in a fixed order', () => {
    const json = statusJson(report, 'content');
    expect(Object.keys(JSON.parse(json) as object)).toEqual([
      'contentDir',
      'locales',
      'stories',
      'versions',
      'complete',
      'byLocale',
      'missing',
      'stale',
      'unreadable',
    ]);
    expect(JSON.parse(json)).toEqual({ contentDir: 'content', ...report });
    // Stable: the same report gives the same bytes.
    expect(statusJson(translationStatus([...versions].reverse(), ['en', 'zh']), 'content')).toBe(json);
  });
});

describe('readArticleVersions', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('reads the article files of a content folder, as the checker lays them out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-status-'));
    dirs.push(dir);
    const write = async (rel: string, text: string): Promise<void> => {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    };
    await write('content/articles/2024/a/en.md', '---\ntitle: A\ndate: 2024-01-01\nlanguage: en\nsummary: S\n---\nB\n');
    await write('content/articles/2024/a/zh.md', '---\ntitle: 甲\nlanguage: zh\nsummary: S\n---\nB\n');
    await write('content/articles/2024/a/cover.jpg', 'not an article');
    await write('content/articles/2024/a/fr.md', 'not a configured locale: misplaced, the checker reports it');
    await write('content/speakers/x.yaml', 'name: { en: X }\n');
    const versions = await readArticleVersions({
      contentDir: path.join(dir, 'content'),
      config: siteConfig,
      displayRoot: dir,
    });
    expect(versions.map((v) => [v.file, v.language, v.title, v.date?.day])).toEqual([
      ['content/articles/2024/a/en.md', 'en', 'A', '2024-01-01'],
      ['content/articles/2024/a/zh.md', 'zh', '甲', undefined],
    ]);
  });

  it('treats a content folder without articles as an empty archive', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-status-'));
    dirs.push(dir);
    expect(await readArticleVersions({ contentDir: dir, config: siteConfig })).toEqual([]);
  });
});
