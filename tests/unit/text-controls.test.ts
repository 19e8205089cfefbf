/**
 * Invisible control characters and bidirectional overrides in text fields (issue 12, privacy):
 * refused by the schemas' text helpers, with a message that names the character by code point,
 * and reported by the checker (which uses the same schemas) with file, line and field.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import { formatProblem } from '#pipeline/check/problems.ts';
import { articleSchema } from '#schemas/article.ts';
import { invisibleCharacterProblem, plainText } from '#schemas/common.ts';
import { speakerSchema } from '#schemas/speaker.ts';
import { siteConfig } from '#site.config';
import { issuesOf, testContext } from '#tests/helpers.ts';

const ctx = testContext();

describe('text helpers', () => {
  it('refuse C0 and C1 controls, DEL, bidi overrides and isolates, and name them as U+XXXX', () => {
    const text = plainText('title');
    const refused = [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0xfffe, 0xffff];
    for (const bidi of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) refused.push(bidi);
    for (const codePoint of refused) {
      const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      const issues = issuesOf(text.safeParse(`Forum${String.fromCodePoint(codePoint)} opens`));
      expect(issues, code).toHaveLength(1);
      expect(issues[0], code).toContain(`(${code}) at character 6`);
    }
  });

  it('write one clear line that never contains the character itself', () => {
    const esc = invisibleCharacterProblem('Forum \u001b[31mopens', 'title');
    expect(esc).toBe(
      'title contains an ESC (escape) character (U+001B) at character 7: it is invisible (usually pasted in ' +
        'from another program) and would be published as is; delete it',
    );
    const rlo = invisibleCharacterProblem('论坛\u202Egnp.exe', 'name (zh)');
    expect(rlo).toBe(
      'name (zh) contains a right-to-left override (U+202E) at character 3: it is invisible and makes the text ' +
        'display in a different order than it is written; delete it',
    );
    // Counted in characters as an editor sees them: the emoji before the NUL is one.
    expect(invisibleCharacterProblem('🎉\u0000\u0000x', 'title')).toBe(
      'title contains a NUL (null) character (U+0000) at character 2 (and 1 more such character(s)): it is ' +
        'invisible (usually pasted in from another program) and would be published as is; delete it',
    );
    // The messages go to terminals and CI logs, where an ESC or an override would act.
    // eslint-disable-next-line no-control-regex
    for (const message of [esc, rlo]) expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('keep line breaks and tabs out of one-line fields, but allow them in multi-line ones', () => {
    expect(issuesOf(plainText('title').safeParse('Forum\nopens'))).toEqual([
      ': title contains a line break (U+000A) at character 6: this field is one line; join the lines ' +
        '(a long value can continue on indented lines, after ">-")',
    ]);
    expect(issuesOf(plainText('title').safeParse('Forum\topens'))).toEqual([
      ': title contains a tab (U+0009) at character 6: this field is one line of text; replace the tab with a space',
    ]);
    expect(issuesOf(plainText('bio', { multiline: true }).safeParse('Line one.\nLine\ttwo.'))).toEqual([]);
    // A carriage return is no line break of its own in YAML (it never survives a block scalar).
    expect(issuesOf(plainText('bio', { multiline: true }).safeParse('Line one.\rLine two.'))[0]).toContain('U+000D');
    // The trailing line break `title: |` leaves is trimmed away, as before.
    expect(issuesOf(plainText('title').safeParse('Forum opens\n'))).toEqual([]);
  });

  it('leave the marks real text needs alone', () => {
    // Zero-width joiner (emoji sequences), left-to-right and right-to-left marks, no-break space, soft hyphen.
    expect(issuesOf(plainText('title').safeParse('👩\u200D💻 Coders\u200E \u200F\u00A0in\u00ADnovation 创新'))).toEqual(
      [],
    );
  });

  it('apply to every text field of the schemas, per language', () => {
    const article = articleSchema(ctx).safeParse({
      title: 'Ok',
      language: 'en',
      summary: 'A\u0007 summary.',
      cover: { src: './a.jpg', alt: 'Stage\u202D', caption: 'Line\none' },
    });
    expect(issuesOf(article).map<string>((i) => i.slice(0, i.indexOf(' at ')))).toEqual([
      'summary: summary contains a control character (U+0007)',
      'cover.alt: cover alt text contains a left-to-right override (U+202D)',
      'cover.caption: cover caption contains a line break (U+000A)',
    ]);
    const speaker = speakerSchema(ctx).safeParse({
      name: { en: 'Zhang\u0085Wei', zh: '张伟' },
      bio: { en: 'First paragraph.\n\nSecond\tparagraph.', zh: '简介\u001b' },
      links: [{ label: 'Profile\u200F\u2066', url: 'https://example.org/' }],
    });
    expect(issuesOf(speaker).map((i) => i.slice(0, i.indexOf(' at ')))).toEqual([
      'name.en: name (en) contains a control character (U+0085)',
      'bio.zh: bio (zh) contains an ESC (escape) character (U+001B)',
      'links.0.label: link label contains a left-to-right isolate (U+2066)',
    ]);
  });
});

describe('the checker', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-controls-'));
    const story = path.join(dir, 'content/articles/2024/forum-opens');
    await mkdir(story, { recursive: true });
    await mkdir(path.join(dir, 'content/speakers'), { recursive: true });
    // YAML's double-quoted escapes (`\e`, `\u202E`, `\0`) are how such characters usually arrive.
    await writeFile(
      path.join(story, 'en.md'),
      [
        '---',
        'title: "Forum \\e[2J opens"',
        'date: 2024-04-23',
        'language: en',
        'summary: The forum opened.',
        'speakers:',
        '  - zhang-wei',
        '---',
        '',
        'Body.',
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(story, 'zh.md'),
      ['---', 'title: "论坛\\u202Egnp.exe"', 'language: zh', 'summary: "开幕\\0。"', '---', '', '正文。', ''].join(
        '\n',
      ),
    );
    await writeFile(
      path.join(dir, 'content/speakers/zhang-wei.yaml'),
      ['name:', '  en: Zhang Wei', '  zh: 张伟', 'bio:', '  en: |', '    One.', '', '    Two,\tthree.', ''].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each character with file, line and field, and accepts a multi-line biography', async () => {
    const result = await checkContent({ contentDir: path.join(dir, 'content'), displayRoot: dir, config: siteConfig });
    expect(result.problems.map(formatProblem)).toEqual([
      'content/articles/2024/forum-opens/en.md:2:1  error  title  title contains an ESC (escape) character (U+001B) ' +
        'at character 7: it is invisible (usually pasted in from another program) and would be published as is; delete it',
      'content/articles/2024/forum-opens/zh.md:2:1  error  title  title contains a right-to-left override (U+202E) ' +
        'at character 3: it is invisible and makes the text display in a different order than it is written; delete it',
      'content/articles/2024/forum-opens/zh.md:4:1  error  summary  summary contains a NUL (null) character (U+0000) ' +
        'at character 3: it is invisible (usually pasted in from another program) and would be published as is; delete it',
    ]);
  });
});
