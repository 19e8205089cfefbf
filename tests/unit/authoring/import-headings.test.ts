// Headings in `npm run import`: a short line inside a story stays a `##` sub-heading of it; a new
// story starts only where the text starts one (a heading followed by a date line, a date line after
// a story's text, another language, or a heading that names an event the story is not about).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentState } from '#tools/authoring/content-folder.ts';
import { planImport, type ImportContext } from '#tools/authoring/import-release.ts';
import { assembleStories } from '#tools/authoring/press-release.ts';
import { releaseBlocks, sourceUrl } from '#tools/authoring/release-blocks.ts';
import { siteConfig } from '#site.config';
import { importContext, removeTempContent, SHIPPED_RELEASE, tempContent } from './import-fixture.ts';

let context: ImportContext;
beforeAll(async () => {
  context = await importContext(await tempContent(), { forceNew: true });
});
afterAll(removeTempContent);

/** Each planned story as path, title, sub-headings and paragraph count. */
function shape(raw: string, ctx: ImportContext = context) {
  const plan = planImport(raw, ctx);
  if (!plan.ok) throw new Error(plan.errors.join('\n'));
  return plan.stories.map((s) => ({ rel: s.rel, title: s.title, headings: s.headings, paragraphs: s.paragraphs }));
}

const SUB_HEADINGS = [
  'Forum Opens with Two Sessions',
  'April 24, 2024',
  'The forum opened in Beijing on Wednesday.',
  'Opening Ceremony',
  'Ms. Liu Hua delivered a speech on behalf of Ms. Wang Binying.',
  'Panel Discussions',
  'Experts from many countries took part.',
  '论坛开幕并举行两场会议',
  '论坛于周三在北京开幕。',
  '开幕式致辞',
  '刘华代表王彬颖致辞。',
  '分论坛讨论情况',
  '多国专家参加了讨论。',
].join('\n\n');

describe('sub-headings', () => {
  it('stay ## headings of their story, in both languages', () => {
    expect(shape(SUB_HEADINGS)).toEqual([
      {
        rel: 'articles/2024/forum-opens-two-sessions/en.md',
        title: 'Forum Opens with Two Sessions',
        headings: ['Opening Ceremony', 'Panel Discussions'],
        paragraphs: 3,
      },
      {
        rel: 'articles/2024/luntan-kaimu-bing-juxing-liangchang-huiyi/zh.md',
        title: '论坛开幕并举行两场会议',
        headings: ['开幕式致辞', '分论坛讨论情况'],
        paragraphs: 3,
      },
    ]);
    const plan = planImport(SUB_HEADINGS, context);
    expect(plan.ok && plan.stories[0]?.text).toContain(
      'opened in Beijing on Wednesday.\n\n## Opening Ceremony\n\nMs. Liu Hua delivered',
    );
    expect(plan.ok && plan.stories[1]?.text).toContain('\n\n## 分论坛讨论情况\n\n多国专家参加了讨论。');
  });

  it('keep a credit before them in the story', () => {
    const stories = assembleStories(
      releaseBlocks('Title One\n\nText one.\n\n(Photo: A)\n\nPart Two\n\nText two.', siteConfig.locales),
    );
    expect(
      stories.map((s) => s.parts.map((p) => (p.kind === 'credit' ? `credit:${p.name}` : `${p.kind}:${p.text}`))),
    ).toEqual([['paragraph:Text one.', 'credit:A', 'heading:Part Two', 'paragraph:Text two.']]);
  });
});

describe('where a new story starts', () => {
  it('at a heading followed by a date line, and at a date line after text', () => {
    const raw = [
      'First Story Title',
      'April 24, 2024',
      'Text of the first story.',
      'Second Story Title',
      'April 25, 2024',
      'Text of the second story.',
      'April 26, 2024',
      'Text of an untitled third story.',
    ].join('\n\n');
    expect(shape(raw).map((s) => [s.title, s.headings])).toEqual([
      ['First Story Title', []],
      ['Second Story Title', []],
      ['TODO title (the release gives none): Text of an untitled third story.', []],
    ]);
  });

  it('at a heading that names an event the story is not about, not at one it is about', () => {
    const raw = [
      'Forum on IP Protection',
      'April 24, 2024',
      'The 2024 High-level Forum on China Intellectual Property Protection opened.',
      // The larger event of the story's event: a sub-heading.
      'World Intellectual Property Day 2024',
      'The forum marked the day.',
      // Another event, named in other words: another story.
      'Bilateral Meeting with CNIPA',
      'The delegation then met the office.',
    ].join('\n\n');
    expect(shape(raw).map((s) => [s.title, s.headings])).toEqual([
      ['Forum on IP Protection', ['World Intellectual Property Day 2024']],
      ['Bilateral Meeting with CNIPA', []],
    ]);
    const plan = planImport(raw, context);
    expect(plan.ok && plan.stories[1]?.event).toBe('wipo-cnipa-bilateral-2024');
  });

  it('gives exactly the three stories of the shipped release, and two without the event the heading names', () => {
    expect(shape(SHIPPED_RELEASE).map((s) => [s.rel, s.headings])).toEqual([
      ['articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md', []],
      ['articles/2024/zgc-forum-2024-clusters/zh.md', []],
      ['articles/2024/yu-zhongguo-guojia-zhishi-chanquan-ju/zh.md', []],
    ]);
    const events = new Map(context.state.registry.events);
    events.delete('wipo-cnipa-bilateral-2024');
    const state: ContentState = { ...context.state, registry: { ...context.state.registry, events } };
    expect(shape(SHIPPED_RELEASE, { ...context, state }).map((s) => [s.rel, s.headings])).toEqual([
      ['articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md', []],
      ['articles/2024/zgc-forum-2024-clusters/zh.md', ['与中国国家知识产权局的双边会谈']],
    ]);
  });
});

describe('source lines', () => {
  it('are read as the story source, and only when the whole line is an address', () => {
    expect(sourceUrl('Source: https://www.example.org/a')).toBe('https://www.example.org/a');
    expect(sourceUrl('原文链接：https://www.example.org/b')).toBe('https://www.example.org/b');
    expect(sourceUrl('<https://www.example.org/c>')).toBe('https://www.example.org/c');
    expect(sourceUrl('See https://www.example.org/a for more.')).toBeUndefined();
    expect(sourceUrl('Source: ftp://www.example.org/a')).toBeUndefined();
  });
});
