// Translations in `npm run import`: `--translation-of <year/slug>` writes the release's text as the
// story's other-language file (shared facts inherited, as `npm run new -- --translate` writes them),
// and a story of the release that matches an existing story by day, event and speakers is written so
// without being asked (`--force-new` disables it).
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planImport } from '#tools/authoring/import-release.ts';
import { findTranslationOf, SPEAKER_OVERLAP } from '#tools/authoring/import-archive.ts';
import { articleText, importContext, removeTempContent, tempContent } from './import-fixture.ts';

afterAll(removeTempContent);

/** The frontmatter of a planned file. */
const frontmatter = (text: string | undefined): Record<string, unknown> =>
  parse(/^---\n([\s\S]*?)\n---\n/.exec(text ?? '')?.[1] ?? '') as Record<string, unknown>;

/** An English story of the forum, on 30 April, with three speakers and no Chinese version. */
const FORUM_EN = articleText(
  {
    title: 'Forum on IP Protection Hears the Commissioner',
    date: '2024-04-30',
    language: 'en',
    summary: 'The forum heard the Commissioner.',
    event: 'ip-protection-forum-2024',
    speakers: ['shen-changyu', 'wang-binying', 'liu-hua'],
    organisations: ['cnipa'],
  },
  'The forum heard the Commissioner of the national IP office.',
);

/** The Chinese version of it, as a raw release. */
const FORUM_ZH = [
  '知识产权保护论坛听取局长致辞',
  '2024年4月30日',
  '2024中国知识产权保护高层论坛在北京举行,申长雨出席并致辞。王彬颖发表书面致辞,刘华代为宣读。',
  '与会嘉宾围绕知识产权保护进行了交流。',
].join('\n\n');

describe('--translation-of', () => {
  it("writes the text as the story's other-language file, inheriting the shared facts", async () => {
    const content = await tempContent();
    const context = await importContext(content);
    const story = context.state.stories.find((s) => s.slug === 'cluster-ranking');
    const plan = planImport(FORUM_ZH.replace('2024年4月30日', ''), {
      ...context,
      ...(story ? { translationOf: story } : {}),
    });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    const [zh] = plan.stories;
    expect(zh?.rel).toBe('articles/2024/cluster-ranking/zh.md');
    expect(zh?.translation).toEqual({
      of: '2024/cluster-ranking',
      from: 'en',
      automatic: false,
      becomesPrimary: false,
    });
    // No date line is needed: the translation inherits the story's day.
    expect(plan.date).toEqual({ day: '2024-04-26', from: 'the story 2024/cluster-ranking' });
    const data = frontmatter(zh?.text);
    expect(Object.keys(data).sort()).toEqual(['draft', 'language', 'summary', 'title']);
    expect(data['title']).toBe('知识产权保护论坛听取局长致辞');
    expect(zh?.text).toContain('# date, event, speakers, organisations, tags, featured: inherited from en.md');
    expect(zh?.text).toContain('\n2024中国知识产权保护高层论坛在北京举行，申长雨出席并致辞。');
  });

  it('asks a translator for the roles and cover texts the original gives, like npm run new --translate', async () => {
    const content = await tempContent();
    const context = await importContext(content, { force: true });
    const story = context.state.stories.find((s) => s.slug === 'forum-opening');
    const plan = planImport(FORUM_ZH, { ...context, ...(story ? { translationOf: story } : {}) });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    expect(plan.stories[0]?.overwrites).toBe(true);
    expect(frontmatter(plan.stories[0]?.text)['speakers']).toEqual([
      'shen-changyu',
      {
        id: 'liu-hua',
        role: 'TODO translate: Director of the WIPO Office in China, speaking for the Deputy Director General',
      },
    ]);
  });

  it('refuses an existing file without --force, a second story, and the original language', async () => {
    const content = await tempContent();
    const context = await importContext(content);
    const opening = context.state.stories.find((s) => s.slug === 'forum-opening');
    const ranking = context.state.stories.find((s) => s.slug === 'cluster-ranking');
    if (!opening || !ranking) throw new Error('fixture stories missing');
    expect(planImport(FORUM_ZH, { ...context, translationOf: opening })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('articles/2024/forum-opening/zh.md already exists: not overwritten') as unknown],
    });
    expect(
      planImport(`${FORUM_ZH}\n\nAn English Story\n\nText in English.`, { ...context, translationOf: ranking }),
    ).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('release.txt holds 2 (zh, en): keep only the translation') as unknown],
    });
    expect(planImport('An English Story\n\nText in English.', { ...context, translationOf: ranking })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("is the story's primary file") as unknown],
    });
  });

  it('makes the new file the primary, with the facts copied, when its language comes first', async () => {
    const content = await tempContent({
      'articles/2024/zh-only/zh.md': articleText(
        {
          title: '仅有中文的报道',
          date: '2024-04-29',
          language: 'zh',
          summary: '摘要。',
          event: 'zgc-forum-2024',
          tags: ['innovation'],
        },
        '正文。',
      ),
    });
    const context = await importContext(content);
    const story = context.state.stories.find((s) => s.slug === 'zh-only');
    const plan = planImport('A Story in English Only Now\n\nThe English text of the story.', {
      ...context,
      ...(story ? { translationOf: story } : {}),
    });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    expect(plan.stories[0]?.translation?.becomesPrimary).toBe(true);
    expect(frontmatter(plan.stories[0]?.text)).toMatchObject({
      date: '2024-04-29',
      event: 'zgc-forum-2024',
      tags: ['innovation'],
      language: 'en',
    });
  });
});

describe('automatic translation', () => {
  it('writes a story matching by day, event and speakers as the translation, and says so', async () => {
    const content = await tempContent({ 'articles/2024/forum-hears-commissioner/en.md': FORUM_EN });
    const context = await importContext(content);
    const plan = planImport(FORUM_ZH, context);
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    expect(plan.stories.map((s) => [s.rel, s.translation])).toEqual([
      [
        'articles/2024/forum-hears-commissioner/zh.md',
        { of: '2024/forum-hears-commissioner', from: 'en', automatic: true, speakerOverlap: 1, becomesPrimary: false },
      ],
    ]);
    expect(frontmatter(plan.stories[0]?.text)['date']).toBeUndefined();
    // --force-new: a new story of its own.
    const forced = planImport(FORUM_ZH, { ...context, forceNew: true });
    expect(forced.ok && forced.stories.map((s) => [s.rel, s.translation])).toEqual([
      ['articles/2024/zhishi-chanquan-baohu-luntan-tingqu-juchang/zh.md', undefined],
    ]);
  });

  it('needs the same day, the same event, shared speakers and a missing language', async () => {
    const content = await tempContent({ 'articles/2024/forum-hears-commissioner/en.md': FORUM_EN });
    const { archive = [] } = await importContext(content);
    const base = {
      language: 'zh',
      day: '2024-04-30',
      event: 'ip-protection-forum-2024',
      speakers: ['shen-changyu', 'wang-binying'],
    };
    expect(SPEAKER_OVERLAP).toBe(0.5);
    expect(findTranslationOf(base, archive).match?.file.rel).toBe('articles/2024/forum-hears-commissioner/en.md');
    expect(findTranslationOf({ ...base, day: '2024-05-01' }, archive).match).toBeUndefined();
    expect(findTranslationOf({ ...base, event: 'zgc-forum-2024' }, archive).match).toBeUndefined();
    expect(
      findTranslationOf({ language: base.language, day: base.day, speakers: base.speakers }, archive).match,
    ).toBeUndefined();
    // One speaker of four in common: Jaccard 0.25.
    expect(findTranslationOf({ ...base, speakers: ['shen-changyu', 'mu-peng'] }, archive).match).toBeUndefined();
    expect(findTranslationOf({ ...base, language: 'en' }, archive).match).toBeUndefined();
  });

  it('leaves the choice to the editor when two stories match equally', async () => {
    const content = await tempContent({
      'articles/2024/forum-hears-commissioner/en.md': FORUM_EN,
      'articles/2024/forum-hears-commissioner-again/en.md': FORUM_EN,
    });
    const plan = planImport(FORUM_ZH, await importContext(content));
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    expect(plan.stories[0]?.translation).toBeUndefined();
    expect(plan.stories[0]?.notes).toEqual([
      'it may translate articles/2024/forum-hears-commissioner/en.md or articles/2024/forum-hears-commissioner-again/en.md (same day, event and speakers): imported as a new story; to attach it, import it alone with --translation-of YYYY/slug',
    ]);
  });
});
