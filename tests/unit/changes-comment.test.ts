// The pull-request comment of `npm run changes -- --comment` (tools/changes/comment.ts), built from a
// summary of made-up changes: its marker, sections, alias hints for moved stories, translation status
// by the rule of `npm run status`, escaping of what the pull request wrote, and GitHub's size limit.
import { describe, expect, it } from 'vitest';
import { parsePublishedAt, type PublishedAt } from '#lib/dates.ts';
import type { Problem } from '#pipeline/check/problems.ts';
import { aliasesLine, aliasHint } from '#tools/changes/aliases.ts';
import { changesComment, COMMENT_LIMIT, COMMENT_MARKER, shareBudget } from '#tools/changes/comment.ts';
import { changesJson } from '#tools/changes/json.ts';
import { changesMarkdown } from '#tools/changes/markdown.ts';
import { fileChanges, parseNameStatus } from '#tools/changes/name-status.ts';
import { articleAliases, type FileFacts } from '#tools/changes/read.ts';
import { summariseChanges } from '#tools/changes/summary.ts';
import { changesText } from '#tools/changes/text.ts';

/** `git diff --name-status -z` output from records. */
const z = (...records: string[][]): string => records.map((r) => `${r.join('\0')}\0`).join('');

/** A date as the article schema reads it. */
function day(text: string): PublishedAt {
  const result = parsePublishedAt(text, 'Asia/Shanghai');
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** The facts of an article version. */
function article(
  title: string,
  options: { date?: string; updated?: string; aliases?: string[]; draft?: boolean } = {},
): FileFacts {
  return {
    title,
    draft: options.draft ?? false,
    dates: {
      date: options.date === undefined ? undefined : day(options.date),
      updated: options.updated === undefined ? undefined : day(options.updated),
      datesKnown: true,
    },
    aliases: options.aliases ?? [],
  };
}

const A = 'content/articles';
const site = 'https://preview.example.org';
const basePath = '/previews/pr-9/';
const locales = ['en', 'zh'];
const render = { contentPrefix: 'content', locales, previewUrl: `${site}${basePath}`, checked: true };
const HOSTILE = 'Pipes | <img src=x onerror=alert(1)> [x](javascript:alert(1)) @team `c` <!-- news-archive:changes -->';

/** A pull request that moves one story (both languages), revises another, adds a third, and changes a tag. */
function pullRequest(problems: Problem[] = [], extraFacts: [string, FileFacts][] = []) {
  const changes = fileChanges(
    parseNameStatus(
      z(
        ['R100', `${A}/2023/old-name/en.md`, `${A}/2024/new-name/en.md`],
        ['R097', `${A}/2023/old-name/zh.md`, `${A}/2024/new-name/zh.md`],
        ['M', `${A}/2024/forum/en.md`],
        ['A', `${A}/2024/fresh/en.md`],
        ['M', 'content/tags/ip.yaml'],
      ),
    ),
  );
  const headArticles = [
    `${A}/2024/forum/en.md`,
    `${A}/2024/forum/zh.md`,
    `${A}/2024/fresh/en.md`,
    `${A}/2024/new-name/en.md`,
    `${A}/2024/new-name/zh.md`,
  ];
  const facts = new Map<string, FileFacts>([
    [`${A}/2023/old-name/en.md`, article('Old name')],
    [`${A}/2023/old-name/zh.md`, article('旧名')],
    // English keeps its old address already (written without the trailing slash, in capitals).
    [
      `${A}/2024/new-name/en.md`,
      article('New name', { date: '2023-03-01', aliases: ['/news/old', '/EN/2023/old-name'] }),
    ],
    [`${A}/2024/new-name/zh.md`, article('新名', { aliases: ['/news/旧 名/'] })],
    // Revised after its translation, which inherits the date: stale.
    [`${A}/2024/forum/en.md`, article('Forum', { date: '2024-04-24', updated: '2024-05-06' })],
    [`${A}/2024/forum/zh.md`, article('论坛')],
    [`${A}/2024/fresh/en.md`, article(HOSTILE, { date: '2024-05-01' })],
    ['content/tags/ip.yaml', { title: 'Intellectual property', draft: false }],
    ...extraFacts,
  ]);
  return summariseChanges({
    changes,
    contentPrefix: 'content',
    locales,
    headArticles,
    facts,
    siteUrl: site,
    basePath,
    problems,
  });
}

const problem = (file: string, line: number, message: string): Problem => ({
  file,
  line,
  column: 3,
  severity: 'error',
  field: 'speakers[0]',
  message,
});

describe('the alias hint of a moved version', () => {
  const from = { year: '2023', slug: 'old-name', language: 'en' };
  const to = { year: '2024', slug: 'new-name', language: 'en' };
  const moved = { from, to, wasDraft: false, oldStoryRemains: false, aliases: [] };

  it('names the old address as an alias is written, and the whole aliases: line to add', () => {
    expect(aliasHint(moved)).toEqual({
      alias: '/en/2023/old-name/',
      state: 'add',
      line: 'aliases: [/en/2023/old-name/]',
    });
    expect(aliasHint({ ...moved, aliases: ['/news/old/'] })?.line).toBe('aliases: [/news/old/, /en/2023/old-name/]');
  });

  it('finds the alias however it is written (case, trailing slash, escapes)', () => {
    expect(aliasHint({ ...moved, aliases: ['/En/2023/old-name'] })?.state).toBe('present');
    expect(aliasHint({ ...moved, aliases: ['/en/2023/%6Fld-name/'] })?.state).toBe('present');
    expect(aliasHint({ ...moved, aliases: ['/en/2023/old-name-2/'] })?.state).toBe('add');
  });

  it('says when there is no old page, or when the old story folder still owns its address', () => {
    expect(aliasHint({ ...moved, wasDraft: true })).toMatchObject({ state: 'unpublished', line: null });
    expect(aliasHint({ ...moved, oldStoryRemains: true })).toMatchObject({ state: 'taken', line: null });
    // A file renamed to another language in the same folder changes address too.
    expect(aliasHint({ ...moved, to: { ...from, language: 'zh' } })?.alias).toBe('/en/2023/old-name/');
    expect(aliasHint({ ...moved, to: from })).toBeNull();
  });

  it('quotes what YAML would misread in a flow list', () => {
    expect(aliasesLine(['/a/', '/b, c/', '/d#e/', "/it's/"])).toBe(`aliases: [/a/, "/b, c/", "/d#e/", "/it's/"]`);
    // Written out, a direction override could not reorder the line it is shown in.
    expect(aliasesLine(['/a\u202eb/'])).toBe('aliases: ["/a\\u202eb/"]');
  });
});

describe('reading the aliases of an article', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  it('takes the strings of the list, and nothing from a file or field it cannot read', () => {
    expect(articleAliases(bytes('---\ntitle: A\naliases:\n  - /old/\n  - 7\n  - /older/\n---\n\nBody.\n'))).toEqual([
      '/old/',
      '/older/',
    ]);
    expect(articleAliases(bytes('---\naliases: /not-a-list/\n---\n'))).toEqual([]);
    expect(articleAliases(bytes('---\naliases: [unclosed\n---\n'))).toEqual([]);
    expect(articleAliases(bytes('no frontmatter'))).toEqual([]);
    expect(articleAliases(Uint8Array.from([0xff, 0xfe]))).toEqual([]);
  });
});

describe('the summary of a pull request that moves, revises and adds stories', () => {
  const summary = pullRequest([
    problem(`${A}/2024/fresh/en.md`, 6, 'unknown speaker "nobody": add content/speakers/nobody.yaml'),
  ]);

  it('gives each moved version its alias hint, and each remaining story its translation status', () => {
    const byStory = new Map(summary.stories.map((s) => [s.story, s]));
    expect(byStory.get('2024/new-name')?.versions.map((v) => v.alias)).toEqual([
      { alias: '/en/2023/old-name/', state: 'present', line: null },
      { alias: '/zh/2023/old-name/', state: 'add', line: 'aliases: ["/news/旧 名/", /zh/2023/old-name/]' },
    ]);
    // The removed half names where it went; the hint is for the new file only.
    expect(byStory.get('2023/old-name')?.versions.map((v) => v.alias)).toEqual([null, null]);
    expect(byStory.get('2023/old-name')?.translations).toBeNull();
    expect(byStory.get('2024/forum')?.translations).toEqual({
      primary: 'en',
      languages: ['en', 'zh'],
      missing: [],
      stale: [
        {
          language: 'zh',
          file: `${A}/2024/forum/zh.md`,
          changed: '2024-04-24',
          changedFrom: 'inherited date',
          primary: 'en',
          primaryChanged: '2024-05-06',
          primaryChangedFrom: 'updated',
        },
      ],
    });
    expect(byStory.get('2024/fresh')?.translations).toEqual({
      primary: 'en',
      languages: ['en'],
      missing: ['zh'],
      stale: [],
    });
  });

  it('is not stale when the translation was revised the same day (the rule of npm run status)', () => {
    const sameDay = pullRequest([], [[`${A}/2024/forum/zh.md`, article('论坛', { updated: '2024-05-06' })]]);
    expect(sameDay.stories.find((s) => s.story === '2024/forum')?.translations?.stale).toEqual([]);
  });

  it('writes the comment: marker first, stories per language with previews, moves, translations, registry, problems', () => {
    const body = changesComment(summary, { ...render, headCommit: '0123456789abcdef0123' });
    const lines = body.split('\n');
    expect(lines[0]).toBe(COMMENT_MARKER);
    // The marker once only: the hostile title's copy of it is escaped.
    expect(body.split(COMMENT_MARKER).length).toBe(2);
    expect(body).toContain(
      '| `2024/new-name` (new story) | zh | added (moved from `2023/old-name`) (old address lost: add `aliases: ["/news/旧 名/", /zh/2023/old-name/]` to its file) | 新名 | [preview](<https://preview.example.org/previews/pr-9/zh/2024/new-name/>) |',
    );
    expect(body).toContain(
      '| `2024/forum` | en | modified | Forum | [preview](<https://preview.example.org/previews/pr-9/en/2024/forum/>) |',
    );
    const moved = body.slice(body.indexOf('### Moved stories'), body.indexOf('### Translations'));
    expect(moved).toContain('- `2023/old-name` → `2024/new-name` (en): alias present ✓ (`/en/2023/old-name/`)');
    expect(moved).toContain(
      [
        '- `2023/old-name` → `2024/new-name` (zh): the old address `/zh/2023/old-name/` stops working. Add this line to `content/articles/2024/new-name/zh.md` (replacing its `aliases:` line, if any):',
        '',
        '  ```yaml',
        '  aliases: ["/news/旧 名/", /zh/2023/old-name/]',
        '  ```',
      ].join('\n'),
    );
    expect(body).toContain(
      '| `2024/forum` | en (primary), zh | — | zh: en updated 2024-05-06, zh inherits the date 2024-04-24 |',
    );
    expect(body).toContain('| `2024/fresh` | en | zh | — |');
    expect(body).toContain('| tag | `ip` | modified | Intellectual property |');
    expect(body).toContain(
      '- **error** `content/articles/2024/fresh/en.md:6` `speakers[0]`: unknown speaker \\"nobody\\"\\: add content\\/speakers\\/nobody\\.yaml',
    );
    expect(lines.at(-1)).toContain('for `0123456789ab` by the Preview workflow');
    // Escaped: every `<` of the title carries a backslash, so no tag or comment survives.
    expect(body).not.toMatch(/(?<!\\)<img|(?<!\\)<!--.*-->.*\|/);
    expect(body).toContain('\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(body).not.toContain('more:');
  });

  it('shows the same hints in the step summary, the terminal and the JSON', () => {
    const markdown = changesMarkdown(summary, render);
    expect(markdown).toContain('(alias present ✓ `/en/2023/old-name/`)');
    expect(markdown).toContain(
      '| `2024/forum` | en (primary), zh | — | zh: en updated 2024-05-06, zh inherits the date 2024-04-24 |',
    );
    const text = changesText(summary, { ...render, range: 'main...HEAD' });
    expect(text).toContain('old address lost: add aliases: ["/news/旧 名/", /zh/2023/old-name/] to its file');
    expect(text).toContain(
      '    translations: en (primary), zh; missing: none; stale: zh: en updated 2024-05-06, zh inherits the date 2024-04-24',
    );
    const json = JSON.parse(
      changesJson(summary, { base: 'main', head: 'HEAD', mergeBase: 'x', siteUrl: site, basePath, checked: true }),
    ) as { stories: { story: string; versions: { alias: unknown }[]; translations: unknown }[] };
    const newName = json.stories.find((s) => s.story === '2024/new-name');
    expect(newName?.versions[1]?.alias).toEqual({
      alias: '/zh/2023/old-name/',
      state: 'add',
      line: 'aliases: ["/news/旧 名/", /zh/2023/old-name/]',
    });
  });

  it('fences an aliases: line longer than any backtick run in it', () => {
    const odd = pullRequest([], [[`${A}/2024/new-name/zh.md`, article('新名', { aliases: ['/a```b/'] })]]);
    const body = changesComment(odd, render);
    expect(body).toContain('  ````yaml\n  aliases: ["/a```b/", /zh/2023/old-name/]\n  ````');
  });
});

describe("GitHub's size limit", () => {
  it('shares the budget: short lists whole, the rest to the long ones', () => {
    expect(shareBudget([10, 1000, 50], 300)).toEqual([10, 240, 50]);
    expect(shareBudget([10, 20], 300)).toEqual([10, 20]);
    expect(shareBudget([100, 100], -5)).toEqual([0, 0]);
  });

  it('cuts the lists with "…and N more", never the marker, the stories or the foot, and stays under the limit', () => {
    const message = `${'字'.repeat(400)} unknown speaker`;
    const many = Array.from({ length: 3000 }, (_, i) => problem(`${A}/2024/fresh/en.md`, i + 1, message));
    const body = changesComment(pullRequest(many), { ...render, maxRows: 5000 });
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain('### Checker: 3000 problems in the changed files');
    const shown = body.split('\n').filter((l) => l.startsWith('- **error**')).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(3000);
    expect(body).toContain(`- …and ${3000 - shown} problems more: \`npm run check\` lists them all.`);
    // The short lists are whole.
    expect(body).toContain('| `2024/fresh` | en | zh | — |');
    expect(body).toContain('alias present ✓');
    expect(body).toMatch(/<sub>Written by the Preview workflow/);
  });

  it('also caps each list at maxRows, for readability', () => {
    const many = Array.from({ length: 30 }, (_, i) => problem(`${A}/2024/fresh/en.md`, i + 1, 'unknown speaker'));
    const body = changesComment(pullRequest(many), { ...render, maxRows: 10 });
    expect(body.split('\n').filter((l) => l.startsWith('- **error**'))).toHaveLength(10);
    expect(body).toContain('- …and 20 problems more');
  });

  it('says when the checker did not run, and when nothing changed', () => {
    const empty = summariseChanges({
      changes: [],
      contentPrefix: 'content',
      locales,
      headArticles: [],
      facts: new Map(),
      siteUrl: site,
      basePath,
      problems: [],
    });
    expect(changesComment(empty, { ...render, checked: false })).toBe(
      [
        COMMENT_MARKER,
        '## Content changes',
        '',
        'Preview: <https://preview.example.org/previews/pr-9/> · No stories, registry entries or other content files changed.',
        '',
        'The content checker did not run: the change was not checked out.',
        '',
        '<sub>Written by the Preview workflow (`npm run changes -- --comment`); updated on every push.</sub>',
      ].join('\n'),
    );
  });
});
