import { describe, expect, it } from 'vitest';
import { changesJson } from '#tools/changes/json.ts';
import { changesMarkdown, escapeMarkdown, markdownCode } from '#tools/changes/markdown.ts';
import { fileChanges, parseNameStatus } from '#tools/changes/name-status.ts';
import { planReads, registryEntryName, type FileFacts } from '#tools/changes/read.ts';
import { summariseChanges } from '#tools/changes/summary.ts';
import { changesText } from '#tools/changes/text.ts';
import type { Problem } from '#pipeline/check/problems.ts';

/** `git diff --name-status -z` output from records. */
const z = (...records: string[][]): string => records.map((r) => `${r.join('\0')}\0`).join('');

const HOSTILE =
  'Pipes | <img src=x onerror=alert(1)> [click](javascript:alert(1)) ![t](https://t.example/p.gif) **b** `c` @team #1 &amp;\nnext';

describe('parseNameStatus', () => {
  it('reads -z records: one path, or two for renames and copies, with their scores', () => {
    const out = z(
      ['M', 'content/a b/en.md'],
      ['A', 'content/tab\there/中文.md'],
      ['D', 'content/line\nbreak.md'],
      ['R100', 'content/old.md', 'content/new.md'],
      ['C075', 'content/src.md', 'content/copy.md'],
      ['T', 'content/link.md'],
    );
    expect(parseNameStatus(out)).toEqual([
      { status: 'M', score: undefined, path: 'content/a b/en.md', from: undefined },
      { status: 'A', score: undefined, path: 'content/tab\there/中文.md', from: undefined },
      { status: 'D', score: undefined, path: 'content/line\nbreak.md', from: undefined },
      { status: 'R', score: 100, path: 'content/new.md', from: 'content/old.md' },
      { status: 'C', score: 75, path: 'content/copy.md', from: 'content/src.md' },
      { status: 'T', score: undefined, path: 'content/link.md', from: undefined },
    ]);
    expect(parseNameStatus('')).toEqual([]);
  });

  it('refuses output that is not -z name-status', () => {
    expect(() => parseNameStatus('M\tcontent/a.md\n')).toThrow(/was it run with -z/);
    expect(() => parseNameStatus('R100\0only-one.md\0')).toThrow(/ends inside a R100 record/);
  });
});

describe('fileChanges', () => {
  it('splits renames into a removal and an addition that name each other', () => {
    expect(fileChanges(parseNameStatus(z(['R087', 'a.md', 'b.md'], ['C100', 'c.md', 'd.md'], ['U', 'e.md'])))).toEqual([
      { status: 'removed', path: 'a.md', movedFrom: undefined, movedTo: 'b.md' },
      { status: 'added', path: 'b.md', movedFrom: 'a.md', movedTo: undefined },
      { status: 'added', path: 'd.md', movedFrom: undefined, movedTo: undefined },
      { status: 'modified', path: 'e.md', movedFrom: undefined, movedTo: undefined },
    ]);
  });
});

describe('a pull request touching stories, the registry and other files', () => {
  const changes = fileChanges(
    parseNameStatus(
      z(
        ['A', 'content/articles/2024/new-story/en.md'],
        ['A', 'content/articles/2024/new-story/zh.md'],
        ['M', 'content/articles/2024/ip-forum/en.md'],
        ['D', 'content/articles/2024/old-story/en.md'],
        ['D', 'content/articles/2024/old-story/zh.md'],
        ['R100', 'content/articles/2023/moved/en.md', 'content/articles/2024/moved-story/en.md'],
        ['A', 'content/articles/2024/photo-story/cover.jpg'],
        ['M', 'content/speakers/wang-binying.yaml'],
        ['A', 'content/tags/new-tag.yaml'],
        ['R095', 'content/organisations/old-org.yaml', 'content/organisations/new-org.yaml'],
        ['A', 'content/notes.txt'],
        ['M', 'README.md'],
      ),
    ),
  );
  const headArticles = [
    'content/articles/2024/ip-forum/en.md',
    'content/articles/2024/ip-forum/zh.md',
    'content/articles/2024/moved-story/en.md',
    'content/articles/2024/new-story/en.md',
    'content/articles/2024/new-story/zh.md',
    'content/articles/2024/photo-story/en.md',
    'content/articles/2024/photo-story/zh.md',
    'content/articles/2024/untouched/en.md',
  ];
  const facts = new Map<string, FileFacts>([
    ['content/articles/2024/new-story/en.md', { title: HOSTILE, draft: false }],
    ['content/articles/2024/new-story/zh.md', { title: '新故事', draft: true }],
    ['content/articles/2024/ip-forum/en.md', { title: 'IP forum', draft: false }],
    ['content/articles/2024/old-story/en.md', { title: 'Old story', draft: false }],
    ['content/articles/2024/old-story/zh.md', { title: '旧故事', draft: false }],
    ['content/articles/2024/moved-story/en.md', { title: 'Moved', draft: false }],
    ['content/articles/2024/photo-story/en.md', { title: 'Photo story', draft: false }],
    ['content/articles/2024/photo-story/zh.md', { title: '图片故事', draft: false }],
    ['content/speakers/wang-binying.yaml', { title: 'Wang Binying', draft: false }],
    ['content/tags/new-tag.yaml', { title: 'New | tag', draft: false }],
    ['content/organisations/new-org.yaml', { title: 'New org', draft: false }],
    ['content/organisations/old-org.yaml', { title: 'Old org', draft: false }],
  ]);
  const problem = (file: string, severity: Problem['severity'], field: string, message: string): Problem => ({
    file,
    line: 4,
    column: 1,
    severity,
    field,
    message,
  });
  const problems: Problem[] = [
    problem('content/articles/2024/ip-forum/zh.md', 'error', 'date', 'date 2024-04-24 differs from en.md'),
    problem(
      'content/articles/2024/new-story/zh.md',
      'warning',
      'draft',
      'this is a draft: it is checked but will not be published',
    ),
    problem('content/articles/2024/untouched/en.md', 'error', 'speakers[0].id', 'unknown speaker "x"'),
    problem('content/articles/2024/untouched/en.md', 'warning', 'draft', 'this is a draft'),
  ];
  const site = 'https://preview.example.org';
  const basePath = '/previews/pr-42/';
  const summary = summariseChanges({
    changes,
    contentPrefix: 'content',
    locales: ['en', 'zh'],
    headArticles,
    facts,
    siteUrl: site,
    basePath,
    problems,
  });
  const url = (path: string): string => `${site}${basePath}${path}`;
  const version = (v: Partial<ReturnType<typeof summariseChanges>['stories'][number]['versions'][number]>) => ({
    draft: false,
    url: null,
    movedFrom: null,
    movedTo: null,
    title: null,
    alias: null,
    ...v,
  });
  /** The translation status of a story in English and Chinese whose dates were not read (none is stale). */
  const bothLanguages = { primary: 'en', languages: ['en', 'zh'], missing: [], stale: [] };

  it('plans to read head versions of touched stories and base versions of removed files', () => {
    expect(planReads(changes, headArticles, 'content', ['en', 'zh'])).toEqual({
      head: [
        'content/articles/2024/ip-forum/en.md',
        'content/articles/2024/ip-forum/zh.md',
        'content/articles/2024/moved-story/en.md',
        'content/articles/2024/new-story/en.md',
        'content/articles/2024/new-story/zh.md',
        'content/articles/2024/photo-story/en.md',
        'content/articles/2024/photo-story/zh.md',
        'content/organisations/new-org.yaml',
        'content/speakers/wang-binying.yaml',
        'content/tags/new-tag.yaml',
      ],
      base: [
        'content/articles/2023/moved/en.md',
        'content/articles/2024/old-story/en.md',
        'content/articles/2024/old-story/zh.md',
        'content/organisations/old-org.yaml',
      ],
    });
  });

  it('groups changes per story and language, with preview URLs for published versions only', () => {
    expect(summary.stories).toEqual([
      {
        story: '2023/moved',
        year: '2023',
        slug: 'moved',
        status: 'removed',
        versions: [
          version({
            language: 'en',
            status: 'removed',
            file: 'content/articles/2023/moved/en.md',
            movedTo: 'content/articles/2024/moved-story/en.md',
          }),
        ],
        assets: [],
        translations: null,
      },
      {
        story: '2024/ip-forum',
        year: '2024',
        slug: 'ip-forum',
        status: 'changed',
        versions: [
          version({
            language: 'en',
            status: 'modified',
            file: 'content/articles/2024/ip-forum/en.md',
            title: 'IP forum',
            url: url('en/2024/ip-forum/'),
          }),
        ],
        assets: [],
        translations: bothLanguages,
      },
      {
        story: '2024/moved-story',
        year: '2024',
        slug: 'moved-story',
        status: 'added',
        versions: [
          version({
            language: 'en',
            status: 'added',
            file: 'content/articles/2024/moved-story/en.md',
            title: 'Moved',
            url: url('en/2024/moved-story/'),
            movedFrom: 'content/articles/2023/moved/en.md',
            // Nothing is left at the old address, and the new file has no aliases yet.
            alias: { alias: '/en/2023/moved/', state: 'add', line: 'aliases: [/en/2023/moved/]' },
          }),
        ],
        assets: [],
        translations: { primary: 'en', languages: ['en'], missing: ['zh'], stale: [] },
      },
      {
        story: '2024/new-story',
        year: '2024',
        slug: 'new-story',
        status: 'added',
        versions: [
          version({
            language: 'en',
            status: 'added',
            file: 'content/articles/2024/new-story/en.md',
            title: HOSTILE,
            url: url('en/2024/new-story/'),
          }),
          version({
            language: 'zh',
            status: 'added',
            file: 'content/articles/2024/new-story/zh.md',
            title: '新故事',
            draft: true,
          }),
        ],
        assets: [],
        translations: bothLanguages,
      },
      {
        story: '2024/old-story',
        year: '2024',
        slug: 'old-story',
        status: 'removed',
        versions: [
          version({
            language: 'en',
            status: 'removed',
            file: 'content/articles/2024/old-story/en.md',
            title: 'Old story',
          }),
          version({
            language: 'zh',
            status: 'removed',
            file: 'content/articles/2024/old-story/zh.md',
            title: '旧故事',
          }),
        ],
        assets: [],
        translations: null,
      },
      {
        story: '2024/photo-story',
        year: '2024',
        slug: 'photo-story',
        status: 'changed',
        versions: [
          version({
            language: 'en',
            status: 'unchanged',
            file: 'content/articles/2024/photo-story/en.md',
            title: 'Photo story',
            url: url('en/2024/photo-story/'),
          }),
          version({
            language: 'zh',
            status: 'unchanged',
            file: 'content/articles/2024/photo-story/zh.md',
            title: '图片故事',
            url: url('zh/2024/photo-story/'),
          }),
        ],
        assets: [{ file: 'content/articles/2024/photo-story/cover.jpg', status: 'added' }],
        translations: bothLanguages,
      },
    ]);
  });

  it('lists registry entries and other files, renames as removal plus addition', () => {
    expect(summary.registry).toEqual([
      {
        collection: 'speakers',
        id: 'wang-binying',
        status: 'modified',
        file: 'content/speakers/wang-binying.yaml',
        name: 'Wang Binying',
        movedFrom: null,
        movedTo: null,
      },
      {
        collection: 'organisations',
        id: 'new-org',
        status: 'added',
        file: 'content/organisations/new-org.yaml',
        name: 'New org',
        movedFrom: 'content/organisations/old-org.yaml',
        movedTo: null,
      },
      {
        collection: 'organisations',
        id: 'old-org',
        status: 'removed',
        file: 'content/organisations/old-org.yaml',
        name: 'Old org',
        movedFrom: null,
        movedTo: 'content/organisations/new-org.yaml',
      },
      {
        collection: 'tags',
        id: 'new-tag',
        status: 'added',
        file: 'content/tags/new-tag.yaml',
        name: 'New | tag',
        movedFrom: null,
        movedTo: null,
      },
    ]);
    expect(summary.other).toEqual([{ file: 'content/notes.txt', status: 'added' }]);
  });

  it('keeps the checker problems of touched stories and counts the others', () => {
    expect(summary.problems).toEqual([problems[0], problems[1]]);
    expect(summary.problemsElsewhere).toEqual({ errors: 1, warnings: 1 });
  });

  it('renders a Markdown summary in which the hostile title is inert', () => {
    const markdown = changesMarkdown(summary, {
      contentPrefix: 'content',
      locales: ['en', 'zh'],
      previewUrl: url(''),
      checked: true,
    });
    const hostileCell =
      'Pipes \\| \\<img src\\=x onerror\\=alert\\(1\\)\\> \\[click\\]\\(javascript\\:alert\\(1\\)\\) ' +
      '\\!\\[t\\]\\(https\\:\\/\\/t\\.example\\/p\\.gif\\) \\*\\*b\\*\\* \\`c\\` \\@team \\#1 \\&amp\\; next';
    expect(markdown).toBe(
      [
        '## Content changes',
        '',
        'Preview: <https://preview.example.org/previews/pr-42/>',
        '',
        '6 stories (2 added, 2 changed, 2 removed) · 4 registry entries (2 added, 1 modified, 1 removed) · 1 other file.',
        '',
        '| Story | Language | Change | Title | Preview |',
        '| --- | --- | --- | --- | --- |',
        // The old file's title was not read (say, unreadable at the merge base).
        '| `2023/moved` (story removed) | en | removed (moved to `2024/moved-story`) | *(no title)* | — |',
        '| `2024/ip-forum` | en | modified | IP forum | [preview](<https://preview.example.org/previews/pr-42/en/2024/ip-forum/>) |',
        '| `2024/moved-story` (new story) | en | added (moved from `2023/moved`) (old address lost: add `aliases: [/en/2023/moved/]` to its file) | Moved | [preview](<https://preview.example.org/previews/pr-42/en/2024/moved-story/>) |',
        `| \`2024/new-story\` (new story) | en | added | ${hostileCell} | [preview](<https://preview.example.org/previews/pr-42/en/2024/new-story/>) |`,
        '| `2024/new-story` (new story) | zh | added (draft, not published) | 新故事 | — |',
        '| `2024/old-story` (story removed) | en | removed | Old story | — |',
        '| `2024/old-story` (story removed) | zh | removed | 旧故事 | — |',
        '| `2024/photo-story` | en | unchanged (files beside it changed) | Photo story | [preview](<https://preview.example.org/previews/pr-42/en/2024/photo-story/>) |',
        '| `2024/photo-story` | zh | unchanged (files beside it changed) | 图片故事 | [preview](<https://preview.example.org/previews/pr-42/zh/2024/photo-story/>) |',
        '| `2024/photo-story` | — | file added | `content/articles/2024/photo-story/cover.jpg` | — |',
        '',
        '### Translations',
        '',
        '| Story | Languages | Missing | Stale translations |',
        '| --- | --- | --- | --- |',
        '| `2024/ip-forum` | en (primary), zh | — | — |',
        '| `2024/moved-story` | en | zh | — |',
        '| `2024/new-story` | en (primary), zh | — | — |',
        '| `2024/photo-story` | en (primary), zh | — | — |',
        '',
        '### Registry',
        '',
        '| Kind | Id | Change | Name |',
        '| --- | --- | --- | --- |',
        '| speaker | `wang-binying` | modified | Wang Binying |',
        '| organisation | `new-org` | added (renamed from `content/organisations/old-org.yaml`) | New org |',
        '| organisation | `old-org` | removed (renamed to `content/organisations/new-org.yaml`) | Old org |',
        '| tag | `new-tag` | added | New \\| tag |',
        '',
        '### Other files',
        '',
        '| File | Change |',
        '| --- | --- |',
        '| `content/notes.txt` | added |',
        '',
        '### Checker: problems in the changed files',
        '',
        '| File | Line | Severity | Field | Message |',
        '| --- | --- | --- | --- | --- |',
        '| `content/articles/2024/ip-forum/zh.md` | 4 | error | `date` | date 2024\\-04\\-24 differs from en\\.md |',
        '| `content/articles/2024/new-story/zh.md` | 4 | warning | `draft` | this is a draft\\: it is checked but will not be published |',
        '',
        '1 error and 1 warning in other files (perhaps caused by this change): `npm run check` lists them.',
        '',
      ].join('\n'),
    );
    // Every row has exactly the table's cells: no `|` of the title escaped its cell.
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `2024/new-story` (new story)'));
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('renders plain text for a terminal, titles last', () => {
    const text = changesText(
      { ...summary, stories: summary.stories.slice(0, 2), registry: summary.registry.slice(0, 1), other: [] },
      { contentPrefix: 'content', locales: ['en', 'zh'], previewUrl: url(''), checked: true, range: 'main...HEAD' },
    );
    expect(text).toBe(
      [
        'Content changes main...HEAD, preview at https://preview.example.org/previews/pr-42/',
        '',
        'Stories: 2 stories (1 changed, 1 removed)',
        '  2023/moved  removed',
        '    en  removed (moved to 2024/moved-story)  -  (no title)',
        '  2024/ip-forum  changed',
        '    en  modified  https://preview.example.org/previews/pr-42/en/2024/ip-forum/  IP forum',
        '    translations: en (primary), zh; missing: none; stale: none',
        '',
        'Registry: 1 registry entry (1 modified)',
        '  speaker  modified  wang-binying  Wang Binying',
        '',
        'Checker: 2 problems in the changed files',
        '  content/articles/2024/ip-forum/zh.md:4:1  error  date  date 2024-04-24 differs from en.md',
        '  content/articles/2024/new-story/zh.md:4:1  warning  draft  this is a draft: it is checked but will not be published',
        '  and 1 error, 1 warning in other files: npm run check lists them',
      ].join('\n'),
    );
  });

  it('keeps terminal escape sequences in titles out of the text output', () => {
    const escaped = summariseChanges({
      changes: fileChanges(parseNameStatus(z(['A', 'content/articles/2024/x/en.md']))),
      contentPrefix: 'content',
      locales: ['en', 'zh'],
      headArticles: ['content/articles/2024/x/en.md'],
      facts: new Map([['content/articles/2024/x/en.md', { title: 'Clear\u001b[2J\nscreen', draft: false }]]),
      siteUrl: site,
      basePath: '/',
      problems: [],
    });
    const text = changesText(escaped, {
      contentPrefix: 'content',
      locales: ['en', 'zh'],
      previewUrl: `${site}/`,
      checked: false,
      range: 'a...b',
    });
    expect(text).toContain('    en  added  https://preview.example.org/en/2024/x/  Clear [2J screen\n');
    expect(text).not.toContain('\u001b');
  });

  it('prints JSON with every key present, in a fixed order', () => {
    const json = changesJson(summary, {
      base: 'origin/main',
      head: 'HEAD',
      mergeBase: 'abc123',
      siteUrl: site,
      basePath,
      checked: true,
    });
    const data = JSON.parse(json) as { stories: [{ versions: [object] }]; problems: unknown };
    expect(Object.keys(data)).toEqual([
      'base',
      'head',
      'mergeBase',
      'siteUrl',
      'basePath',
      'stories',
      'registry',
      'other',
      'checked',
      'problems',
      'problemsElsewhere',
    ]);
    expect(Object.keys(data.stories[0])).toEqual([
      'story',
      'year',
      'slug',
      'status',
      'versions',
      'assets',
      'translations',
    ]);
    expect(Object.keys(data.stories[0].versions[0])).toEqual([
      'language',
      'status',
      'file',
      'title',
      'draft',
      'url',
      'movedFrom',
      'movedTo',
      'alias',
    ]);
    expect(data.stories).toEqual(summary.stories);
    expect(data.problems).toEqual(summary.problems);
  });

  it('caps long tables, since a step summary holds at most 1 MiB', () => {
    const markdown = changesMarkdown(summary, {
      contentPrefix: 'content',
      locales: ['en', 'zh'],
      previewUrl: url(''),
      checked: true,
      maxRows: 2,
    });
    expect(markdown).toContain('…and 8 rows more: run npm run changes locally.');
    expect(markdown).toContain('…and 2 entries more: run npm run changes locally.');
  });
});

describe('Markdown escaping', () => {
  it('escapes every ASCII punctuation character and flattens line breaks and invisible controls', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<script>alert("x")</script>')).toBe('\\<script\\>alert\\(\\"x\\"\\)\\<\\/script\\>');
    expect(escapeMarkdown('line\r\nbreak\u2028and\ttab')).toBe('line break and tab');
    expect(escapeMarkdown('evil\u202Egnp.exe')).toBe('evilgnp\\.exe');
    expect(escapeMarkdown('知识产权：创新')).toBe('知识产权：创新');
    expect(escapeMarkdown('x'.repeat(400)).length).toBe(300);
  });

  it('fences code spans around backticks and escapes pipes inside them', () => {
    expect(markdownCode('content/a.md')).toBe('`content/a.md`');
    expect(markdownCode('a`b|c')).toBe('``a`b\\|c``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });
});

describe('registryEntryName', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  it('reads the default-locale name or label', () => {
    expect(registryEntryName(bytes('name:\n  en: Wang Binying\n  zh: 王彬颖\n'), 'en')).toBe('Wang Binying');
    expect(registryEntryName(bytes('label: { en: Intellectual property }\n'), 'en')).toBe('Intellectual property');
    expect(registryEntryName(bytes('name: [unclosed\n'), 'en')).toBeUndefined();
    expect(registryEntryName(bytes('name: plain\n'), 'en')).toBeUndefined();
  });
});

describe('the summary without changes, and without the checker', () => {
  it('says so', () => {
    const empty = summariseChanges({
      changes: [],
      contentPrefix: 'content',
      locales: ['en', 'zh'],
      headArticles: [],
      facts: new Map(),
      siteUrl: 'https://x.example',
      basePath: '/',
      problems: [],
    });
    expect(
      changesMarkdown(empty, {
        contentPrefix: 'content',
        locales: ['en', 'zh'],
        previewUrl: 'https://x.example/',
        checked: false,
      }),
    ).toBe(
      [
        '## Content changes',
        '',
        'Preview: <https://x.example/>',
        '',
        'No stories, registry entries or other content files changed.',
        '',
        'The content checker did not run: `--head` is not the checked-out commit.',
        '',
      ].join('\n'),
    );
  });
});
