import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentState, type ContentState } from '#tools/authoring/content-folder.ts';
import {
  findStory,
  planNewArticle,
  todayIn,
  translationTarget,
  type NewArticleRequest,
  type PlanContext,
} from '#tools/authoring/new-article.ts';
import { localeCodes } from '#site.config';
import { renderWithAstro } from '#tests/unit/plugins/render.ts';

let context: PlanContext;
let state: ContentState;

beforeAll(async () => {
  state = await readContentState(path.resolve(import.meta.dirname, '../../../content'), localeCodes);
  context = { state, locales: localeCodes, timeZone: 'Asia/Shanghai', today: '2024-04-30' };
});

const plan = (request: Partial<NewArticleRequest>) =>
  planNewArticle({ title: 'WIPO Holds Talks', ...request }, context);

describe('todayIn', () => {
  it('takes the day in the site time zone, not the machine one', () => {
    // 20:00 UTC on 30 April is already 1 May in Beijing.
    expect(todayIn('Asia/Shanghai', new Date('2024-04-30T20:00:00Z'))).toBe('2024-05-01');
    expect(todayIn('UTC', new Date('2024-04-30T20:00:00Z'))).toBe('2024-04-30');
  });
});

describe('planNewArticle', () => {
  it('dates the story today by default and files it under that year, as a draft', () => {
    const result = plan({ speakers: ['marco-aleman'], tags: ['innovation'] });
    expect(result).toMatchObject({ ok: true, rel: 'articles/2024/wipo-holds-talks/en.md', overwrites: false });
    if (!result.ok) return;
    expect(result.text).toContain('\ndate: 2024-04-30');
    expect(result.text).toContain('\ndraft: true');
    expect(result.text).toContain('  - marco-aleman');
    expect(result.text).toContain("summary: 'TODO: ");
  });

  it('writes a body whose Markdown hint is a comment the site never shows', async () => {
    const result = plan({});
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const body = result.text.slice(result.text.indexOf('\n---\n', 4) + 5);
    const html = await renderWithAstro(body);
    expect(html).not.toContain('photo.jpg');
    expect(html).toContain('TODO: write the story.');
  });

  it('takes a date with a time, filing it by its day in the site time zone', () => {
    const result = plan({ date: '2023-12-31T20:00:00Z', draft: false });
    expect(result).toMatchObject({ ok: true, rel: 'articles/2024/wipo-holds-talks/en.md' });
    if (result.ok) expect(result.text).toContain('\ndraft: false');
  });

  it('gives every problem at once, with "did you mean" for ids', () => {
    const result = plan({
      language: 'zn',
      date: '2024-02-30',
      event: 'zgc-forum-2025',
      speakers: ['wang-biying', 'xue-lan', 'xue-lan'],
      organisations: ['nobody'],
      tags: ['inovation'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'unknown language "zn". Did you mean "zh"? The site\'s languages are: en, zh.',
      '--date: 2024-02-30 does not exist: month 02 of 2024 has 29 days',
      'unknown event "zgc-forum-2025". Did you mean "zgc-forum-2024"?',
      'unknown speaker "wang-biying". Did you mean "wang-binying"?',
      'speaker "xue-lan" is given twice: give it once',
      'unknown organisation "nobody". Add content/organisations/nobody.yaml first, or check the spelling.',
      'unknown tag "inovation". Did you mean "innovation"?',
    ]);
  });

  it('refuses an existing file unless forced, and a slug used by another story', () => {
    const same = plan({ slug: 'ip-protection-forum' });
    expect(same.ok).toBe(false);
    if (!same.ok)
      expect(same.errors[0]).toMatch(
        /articles\/2024\/ip-protection-forum\/en\.md already exists: not overwritten\. Add --force/,
      );
    expect(plan({ slug: 'ip-protection-forum', force: true })).toMatchObject({ ok: true, overwrites: true });
    const otherLanguage = plan({ slug: 'ip-protection-forum', language: 'zh', force: true });
    expect(otherLanguage.ok).toBe(true);
    const otherYear = plan({ slug: 'ip-protection-forum', date: '2025-01-02', force: true });
    expect(otherYear.ok).toBe(false);
    if (!otherYear.ok)
      expect(otherYear.errors[0]).toMatch(
        /slug "ip-protection-forum" is already used by articles\/2024\/ip-protection-forum\/: slugs must be unique across years/,
      );
  });

  it('refuses bad slugs and titles that give none', () => {
    const bad = plan({ slug: 'Bad Slug' });
    if (!bad.ok) expect(bad.errors[0]).toMatch(/--slug "Bad Slug" is not a valid slug.*e\.g\. bad-slug/);
    const none = plan({ title: '!!!' });
    if (!none.ok) expect(none.errors[0]).toMatch(/give one with --slug/);
    expect(bad.ok || none.ok).toBe(false);
  });

  it('makes a pinyin slug for a Chinese title', () => {
    expect(plan({ title: '产权组织在2024中关村论坛举办科技集群平行论坛', language: 'zh' })).toMatchObject({
      ok: true,
      rel: 'articles/2024/chanquan-zuzhi-zai-2024-zhongguancun-luntan/zh.md',
    });
  });
});

describe('translations', () => {
  it('finds a story by year and slug, or by slug, with a suggestion for a typo', () => {
    expect(findStory(state, '2024/ip-protection-forum')).toMatchObject({
      ok: true,
      story: { slug: 'ip-protection-forum' },
    });
    expect(findStory(state, 'content/articles/2024/ip-protection-forum/en.md')).toMatchObject({ ok: true });
    expect(findStory(state, 'ip-protection-forun')).toEqual({
      ok: false,
      error: 'no story "ip-protection-forun" in the content folder. Did you mean "ip-protection-forum"?',
    });
  });

  it('refuses a language file that exists unless forced, and the primary language', () => {
    const found = findStory(state, 'ip-protection-forum');
    if (!found.ok) throw new Error(found.error);
    expect(translationTarget({ story: found.story }, localeCodes)).toMatchObject({ ok: false });
    expect(translationTarget({ story: found.story, language: 'zh' }, localeCodes)).toMatchObject({
      ok: false,
      error: expect.stringContaining('zh.md already exists: not overwritten. Add --force') as unknown,
    });
    expect(translationTarget({ story: found.story, language: 'zh', force: true }, localeCodes)).toMatchObject({
      ok: true,
      from: 'en',
      to: 'zh',
      rel: 'articles/2024/ip-protection-forum/zh.md',
      sourceRel: 'articles/2024/ip-protection-forum/en.md',
      overwrites: true,
    });
    expect(translationTarget({ story: found.story, language: 'en', force: true }, localeCodes)).toMatchObject({
      ok: false,
      error: expect.stringContaining('primary file') as unknown,
    });
  });
});
