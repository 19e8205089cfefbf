// `npm run check` on `corrections`: schema errors at their file:line:column, a correction dated before
// the story (compared with the story's own date, never the clock), repeated corrections, and a
// translation that lists none while the primary file has some.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import { formatProblem } from '#pipeline/check/problems.ts';
import { siteConfig } from '#site.config';

let dir: string;

/** Writes `content/articles/<story>/<file>` with frontmatter lines and a body. */
async function article(story: string, file: string, lines: readonly string[]): Promise<void> {
  const folder = path.join(dir, 'content/articles', story);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, file), ['---', ...lines, '---', '', 'Body.', ''].join('\n'));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-check-corrections-'));
  // A valid story: corrections in both languages, one with a time, one the day of publication.
  await article('2024/fine', 'en.md', [
    'title: Fine',
    'date: 2024-05-01T10:00:00+08:00',
    'language: en',
    'summary: Corrected twice.',
    'corrections:',
    '  - date: 2024-05-01',
    '    text: The venue was Hall B.',
    '  - date: 2024-05-03T09:00:00+08:00',
    '    text: An earlier version misspelt a name.',
  ]);
  await article('2024/fine', 'zh.md', [
    'title: 没问题',
    'language: zh',
    'summary: 更正过两次。',
    'corrections:',
    '  - date: 2024-05-03',
    '    text: 此前版本有一个名字拼写错误。',
  ]);
  // The rules between dates run when the field is valid (an invalid field has no value to compare).
  await article('2024/rules', 'en.md', [
    'title: Rules',
    'date: 2024-05-10',
    'language: en',
    'summary: Wrong corrections.',
    'corrections:',
    '  - date: 2024-05-01', // line 7: before the story
    '    text: Too early.',
    '  - date: 2024-05-12',
    '    text: Said twice.',
    '  - date: 2024-05-12', // line 11: a repeat
    '    text: Said twice.',
  ]);
  // A translation without corrections while the primary has some; its own date is inherited.
  await article('2024/rules', 'zh.md', ['title: 规则', 'language: zh', 'summary: 没有更正。']);
  // A translation's correction is compared with the story's date, which it inherits.
  await article('2024/early-zh', 'en.md', ['title: Early', 'date: 2024-05-10', 'language: en', 'summary: S.']);
  await article('2024/early-zh', 'zh.md', [
    'title: 过早',
    'language: zh',
    'summary: 摘要。',
    'corrections:',
    '  - date: 2024-05-09', // line 6
    '    text: 过早的更正。',
  ]);
  await article('2024/shape', 'en.md', [
    'title: Shape',
    'date: 2024-05-10',
    'language: en',
    'summary: Wrongly written corrections.',
    'corrections:',
    '  - date: 2024-05-33', // line 7: no such day
    '    text: Bad date.',
    '  - date: 2024-05-14', // line 9: no text
    '  - 2024-05-15 fixed', // line 10: not a date and text
    '  - date: 2024-05-16',
    '    txt: Misspelt field.', // line 12
  ]);
  // The primary's corrections could not be read, yet the translation is still told it lists none.
  await article('2024/shape', 'zh.md', ['title: 形状', 'language: zh', 'summary: 摘要。']);
  await article('2024/not-a-list', 'en.md', [
    'title: Not a list',
    'date: 2024-05-10',
    'language: en',
    'summary: Corrections as text.',
    'corrections: fixed the name', // line 6
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkContent: corrections', () => {
  it('reports every problem at its line and column, and nothing for valid corrections', async () => {
    const result = await checkContent({
      contentDir: path.join(dir, 'content'),
      displayRoot: dir,
      config: siteConfig,
      publicDir: path.join(dir, 'public'),
    });
    const missing = (count: number) =>
      `no corrections: en.md lists ${count} correction(s), which this version does not show; add them here in zh ("corrections:", then "- date: …" and "  text: …" for each)`;
    const shape =
      'each correction needs a date and a text: "- date: 2024-05-03" then, on the next line, "  text: What was corrected."';
    expect(result.problems.map(formatProblem)).toEqual([
      "content/articles/2024/early-zh/zh.md:6:5  error  corrections[0].date  correction date 2024-05-09 is before the story's publication date 2024-05-10: a correction comes after publication; fix the date",
      'content/articles/2024/not-a-list/en.md:6:1  error  corrections  ' + shape,
      "content/articles/2024/rules/en.md:7:5  error  corrections[0].date  correction date 2024-05-01 is before the story's publication date 2024-05-10: a correction comes after publication; fix the date",
      'content/articles/2024/rules/en.md:11:5  warning  corrections[2]  this correction repeats an earlier one (same date and text): delete one of them',
      'content/articles/2024/rules/zh.md:2:1  warning  corrections  ' + missing(3),
      'content/articles/2024/shape/en.md:7:5  error  corrections[0].date  2024-05-33 does not exist: month 05 of 2024 has 31 days',
      'content/articles/2024/shape/en.md:9:5  error  corrections[1].text  correction text is missing',
      'content/articles/2024/shape/en.md:10:5  error  corrections[2]  ' + shape,
      'content/articles/2024/shape/en.md:11:5  error  corrections[3].text  correction text is missing',
      'content/articles/2024/shape/en.md:12:5  error  corrections[3].txt  unknown field "txt". Did you mean "text"?',
      'content/articles/2024/shape/zh.md:2:1  warning  corrections  ' + missing(4),
    ]);
  });
});
