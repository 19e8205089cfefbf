import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentState, type ContentState } from '#tools/authoring/content-folder.ts';
import { escapeMarkdown, photoTodo, planImport, type ImportContext } from '#tools/authoring/import-release.ts';
import { bodyTodos } from '#pipeline/check/todos.ts';
import { localeCodes, siteConfig } from '#site.config';
import { render, renderWithAstro } from '#tests/unit/plugins/render.ts';

const example = readFileSync(
  path.resolve(import.meta.dirname, '../../fixtures/raw/raw-press-release-2024-04-30.txt'),
  'utf8',
);
let state: ContentState;
let context: ImportContext;

beforeAll(async () => {
  state = await readContentState(path.resolve(import.meta.dirname, '../../../content'), localeCodes);
  context = { state, locales: siteConfig.locales, sourceName: 'release.txt' };
});

describe('planImport on the shipped example', () => {
  it('plans three draft stories with the registry names filled in', () => {
    const plan = planImport(example, context);
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    expect(plan.date).toEqual({ day: '2024-04-30', from: 'the line "30 avril 2024"' });
    expect(
      plan.stories.map((s) => ({
        rel: s.rel,
        language: s.language,
        paragraphs: s.paragraphs,
        credits: s.credits.map((c) => c.name),
        event: s.event,
        speakers: s.speakers,
      })),
    ).toEqual([
      {
        rel: 'articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md',
        language: 'en',
        paragraphs: 4,
        credits: [],
        event: 'ip-protection-forum-2024',
        speakers: [
          'wang-binying',
          'shen-changyu',
          'tao-kaiyuan',
          'shi-weizhong',
          'mu-peng',
          'hu-wenhui',
          'liu-hua',
          'florence-rojal',
        ],
      },
      {
        rel: 'articles/2024/zgc-forum-2024-clusters/zh.md',
        language: 'zh',
        paragraphs: 7,
        credits: ['ZGC Forum', 'ZGC Forum', 'ZGC Forum', 'ZGC Forum'],
        // The parallel forum, named by its theme beside its parent event's name.
        event: 'zgc-forum-2024-clusters',
        speakers: ['marco-aleman', 'lin-xin', 'yu-yingjie', 'carsten-fink', 'xue-lan'],
      },
      {
        rel: 'articles/2024/yu-zhongguo-guojia-zhishi-chanquan-ju/zh.md',
        language: 'zh',
        paragraphs: 2,
        credits: ['WOC'],
        // The heading names the bilateral meeting in other words.
        event: 'wipo-cnipa-bilateral-2024',
        speakers: ['marco-aleman', 'carsten-fink', 'lu-pengqi'],
      },
    ]);
    const [en, zgc, bilateral] = plan.stories;
    expect(en?.organisations).toEqual(expect.arrayContaining(['wipo-office-china', 'cnipa', 'china-ip-news']));
    expect(zgc?.organisations).toEqual(
      expect.arrayContaining(['wipo', 'most', 'beijing-government', 'springer-nature']),
    );
    expect(bilateral?.organisations).toEqual(['cnipa']);
    expect(plan.stories.map((s) => s.titleIsTodo)).toEqual([false, true, false]);
    expect(zgc?.text).toContain(
      "title: 'TODO title (the release gives none): 阿莱曼在致辞中指出，创新是全球增长的催化剂。'",
    );
    expect(bilateral?.text).toContain("title: '与中国国家知识产权局的双边会谈'");
    for (const s of plan.stories) {
      expect(s.text).toContain('\ndraft: true');
      expect(s.text).toContain("\nsummary: 'TODO summary (the story starts): ");
      expect(s.unknown).toEqual([]);
    }
    // Credits are to-dos in the body (one per photo) and pre-filled in the cover hint.
    expect(bodyTodos(zgc?.text ?? '').filter((t) => t.text.includes('TODO photo'))).toHaveLength(4);
    expect(bilateral?.text).toContain('#   credit: WOC');
  });

  it('suggests people the registry lacks', () => {
    const speakers = new Map(state.registry.speakers);
    speakers.delete('xue-lan');
    const plan = planImport(example, { ...context, state: { ...state, registry: { ...state.registry, speakers } } });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    expect(plan.stories[1]?.unknown.map((u) => [u.name, u.suggestedId])).toEqual([['薛澜', 'xue-lan']]);
    expect(plan.stories[1]?.speakers).not.toContain('xue-lan');
  });

  it('refuses to overwrite an earlier import unless forced, and avoids slugs taken by other stories', () => {
    const earlier: ContentState = {
      ...state,
      stories: [
        ...state.stories,
        { year: '2024', slug: 'wipo-china-ipr-stimulates-innovative-vitality', languages: ['en'] },
        { year: '2023', slug: 'zgc-forum-2024-clusters', languages: ['zh'] },
      ],
    };
    const refused = planImport(example, { ...context, state: earlier });
    expect(refused).toEqual({
      ok: false,
      errors: [
        'articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md already exists: not overwritten. Add --force to replace the imported files',
      ],
      duplicates: [],
    });
    const forced = planImport(example, { ...context, state: earlier, force: true });
    if (!forced.ok) throw new Error(forced.errors.join('\n'));
    expect(forced.stories.map((s) => [s.rel, s.overwrites])).toEqual([
      ['articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md', true],
      ['articles/2024/zgc-forum-2024-clusters-2/zh.md', false],
      ['articles/2024/yu-zhongguo-guojia-zhishi-chanquan-ju/zh.md', false],
    ]);
  });

  it('needs a date: from the release, or --date', () => {
    const undated = example.replace('30 avril 2024', '');
    expect(planImport(undated, context)).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(/^no date line found in release\.txt .*give the date with --date YYYY-MM-DD$/) as unknown,
      ],
      duplicates: [],
    });
    const dated = planImport(undated, { ...context, date: '2024-05-02' });
    expect(dated.ok && dated.date).toEqual({ day: '2024-05-02', from: '--date' });
    expect(planImport(example.replace('30 avril', '31 avril'), context)).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('"31 avril 2024" names no real day') as unknown],
    });
  });
});

describe('body text', () => {
  it('escapes what Markdown would read as markup, but not web addresses', () => {
    expect(escapeMarkdown('# 1 and *stars* and <b> see https://example.org/a_b_c')).toBe(
      '\\# 1 and \\*stars\\* and \\<b> see https://example.org/a_b_c',
    );
    expect(escapeMarkdown('2024. A year')).toBe('2024\\. A year');
  });

  it('writes photo credits as to-do comments that the site never publishes', async () => {
    const todo = photoTodo({ credit: 'Photo: ZGC Forum', name: 'ZGC Forum' });
    expect(todo).toMatch(/^<!-- TODO photo: .*\(Photo: ZGC Forum\) -->$/);
    for (const html of [
      await render(`Before.\n\n${todo}\n\nAfter.`),
      await renderWithAstro(`Before.\n\n${todo}\n\nAfter.`),
    ]) {
      expect(html).not.toContain('TODO');
      expect(html).not.toContain('ZGC');
      expect(html).not.toContain('photo.jpg');
      expect(html).toContain('Before.');
    }
  });
});
