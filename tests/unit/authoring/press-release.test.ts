import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleStories, parseRelease } from '#tools/authoring/press-release.ts';
import { detectLanguage, firstSentence, isHeadingLike, releaseBlocks } from '#tools/authoring/release-blocks.ts';
import { parseReleaseDate } from '#tools/authoring/release-date.ts';
import { parseCredit } from '#plugins/rehype-figures.ts';
import { siteConfig } from '#site.config';

const locales = siteConfig.locales;
const example = readFileSync(
  path.resolve(import.meta.dirname, '../../fixtures/raw/raw-press-release-2024-04-30.txt'),
  'utf8',
);

describe('parseReleaseDate', () => {
  it.each([
    ['30 avril 2024', '2024-04-30'],
    ['1er mai 2024', '2024-05-01'],
    ['12 févr. 2024', '2024-02-12'],
    ['April 30, 2024', '2024-04-30'],
    ['Apr. 30, 2024', '2024-04-30'],
    ['30 April 2024', '2024-04-30'],
    ['Tuesday, 30 April 2024', '2024-04-30'],
    ['2024年4月30日', '2024-04-30'],
    ['2024 年 4 月 30 日', '2024-04-30'],
    ['2024-04-30', '2024-04-30'],
  ])('reads %s', (line, day) => {
    expect(parseReleaseDate(line)).toEqual({ day });
  });

  it('refuses days that do not exist, and ignores lines that are not dates', () => {
    expect(parseReleaseDate('31 avril 2024')).toEqual({
      error: expect.stringContaining('2024-04-31 does not exist'),
    });
    expect(parseReleaseDate('30 floréal 2024')).toBeUndefined();
    expect(parseReleaseDate('The 2024 forum opened on 30 April 2024.')).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it('weighs Han against Latin letters', () => {
    expect(detectLanguage('The forum opened in Beijing (北京).', locales)).toBe('en');
    expect(detectLanguage('清华大学联合施普林格·自然(Springer Nature)共同发布的评估结果。', locales)).toBe('zh');
    expect(detectLanguage('2024', locales)).toBeUndefined();
  });
});

describe('the shipped example release', () => {
  // The import says that this heading starts a story (it names another event: import-heading tests);
  // parseRelease alone only groups blocks as told.
  const release = parseRelease(example, locales, { startsStory: (h) => h === '与中国国家知识产权局的双边会谈' });

  it('finds the French date line', () => {
    expect(release.date).toEqual({ text: '30 avril 2024', day: '2024-04-30' });
  });

  it('finds three stories: the English one resumed after the Chinese ones', () => {
    const shape = release.stories.map((s) => ({
      language: s.language,
      title: s.title,
      parts: s.parts.map((p) => (p.kind === 'credit' ? `(${p.credit})` : 'P')).join(' '),
    }));
    expect(shape).toEqual([
      {
        language: 'en',
        title: 'WIPO China: IPR Stimulates Innovative Vitality in Developing New Quality Productive Forces',
        parts: 'P P P P',
      },
      {
        language: 'zh',
        title: undefined,
        parts: '(Photo: ZGC Forum) P P (Photo: ZGC Forum) P P P P (Photo: ZGC Forum) P (Photo: ZGC Forum)',
      },
      { language: 'zh', title: '与中国国家知识产权局的双边会谈', parts: 'P P (图: WOC)' },
    ]);
    const english = release.stories[0]?.parts ?? [];
    expect(english.at(-1)).toMatchObject({ text: expect.stringMatching(/^The forum featured insights/) as unknown });
  });

  it('keeps every sentence whole and loses no text', () => {
    const paragraphs = release.stories.flatMap((s) => s.parts.flatMap((p) => (p.kind === 'paragraph' ? [p.text] : [])));
    for (const p of paragraphs) expect(p).toMatch(/[.。"]$/u);
    const squash = (t: string): string => t.replace(/\s+/gu, '');
    const kept = squash(
      [
        ...release.stories.map((s) => s.title ?? ''),
        ...paragraphs,
        ...release.stories.flatMap((s) => s.parts.flatMap((p) => (p.kind === 'credit' ? [p.credit] : []))),
        '30 avril 2024',
      ].join(''),
    );
    // Everything but the credits' brackets is kept.
    expect(kept.length).toBe(squash(example).replace(/[(（]((?:Photo|图)[^)）]*)[)）]/gu, '$1').length);
  });

  it('splits the long Chinese run at spaced full stops and the heading', () => {
    const zh = release.stories[1]?.parts.flatMap((p) => (p.kind === 'paragraph' ? [p.text.slice(0, 6)] : []));
    expect(zh).toEqual([
      '阿莱曼在致辞',
      '阿莱曼强调,',
      '林新在致辞中',
      '于英杰在致辞',
      '在主旨演讲环',
      '清华大学苏世',
      '本场平行论坛',
    ]);
  });
});

describe('cutting and grouping rules', () => {
  const blocks = (text: string) =>
    releaseBlocks(text, locales).map((b) =>
      b.kind === 'credit' ? `credit:${b.name}` : `${b.kind}:${b.kind === 'date' ? b.day : b.text}`,
    );

  it('leaves a credit inside a sentence where it is', () => {
    expect(blocks('Growth was strong (source: WIPO) in all regions.')).toEqual([
      'paragraph:Growth was strong (source: WIPO) in all regions.',
    ]);
  });

  it('joins wrapped lines, and breaks after full sentences and headings', () => {
    expect(
      blocks('A Short Heading\nThe forum opened in Beijing and\ncontinued for two days.\nMs. Wang spoke.\n（图：WOC）'),
    ).toEqual([
      'heading:A Short Heading',
      'paragraph:The forum opened in Beijing and continued for two days.',
      'paragraph:Ms. Wang spoke.',
      'credit:WOC',
    ]);
    // A wrapped Chinese line is joined without a space; a short unpunctuated one would be a heading.
    const wrapped =
      '为纪念世界知识产权日，由世界知识产权组织中国办事处和中国知识产权报共同主办的2024中国知识产权保护高层论坛';
    expect(blocks(`${wrapped}\n于4月23日在北京开幕。`)).toEqual([`paragraph:${wrapped}于4月23日在北京开幕。`]);
  });

  it('starts a paragraph where a full sentence is followed by the other language', () => {
    expect(blocks('The forum opened. 论坛开幕。 WIPO spoke. The end.')).toEqual([
      'paragraph:The forum opened.',
      'paragraph:论坛开幕。',
      'paragraph:WIPO spoke. The end.',
    ]);
    expect(blocks('The theme was 集聚科技力量 for 2024.')).toEqual(['paragraph:The theme was 集聚科技力量 for 2024.']);
  });

  it('does not take Mr. at the end of a line for the end of a sentence', () => {
    expect(blocks('The meeting was chaired by Mr.\nShen Changyu of CNIPA.')).toEqual([
      'paragraph:The meeting was chaired by Mr. Shen Changyu of CNIPA.',
    ]);
  });

  it('reads an unbracketed credit line', () => {
    expect(blocks('Photo: ZGC Forum\n\nText.')).toEqual(['credit:ZGC Forum', 'paragraph:Text.']);
  });

  it('only takes a short line followed by text for a heading', () => {
    expect(isHeadingLike('与中国国家知识产权局的双边会谈')).toBe(true);
    expect(isHeadingLike('阿莱曼强调,各国政府致力于打造')).toBe(false);
    expect(isHeadingLike('The forum featured insights.')).toBe(false);
    expect(blocks('Text first.\n\nClosing words')).toEqual(['paragraph:Text first.', 'paragraph:Closing words']);
  });

  it('gives a credit before a heading to the story before it', () => {
    const stories = assembleStories(
      releaseBlocks('Title One\n\nText one.\n\n(Photo: A)\n\nTitle Two\n\nText two.', locales),
      { startsStory: () => true },
    );
    expect(stories.map((s) => [s.title, s.parts.map((p) => (p.kind === 'credit' ? p.name : p.text))])).toEqual([
      ['Title One', ['Text one.', 'A']],
      ['Title Two', ['Text two.']],
    ]);
  });

  it('recognises the same credit labels as the renderer', () => {
    for (const credit of [
      '(Photo: ZGC Forum)',
      '（图：WOC）',
      '(Photo credit: Li Wei)',
      '（摄影：王磊）',
      '(图/WOC)',
    ]) {
      const found = releaseBlocks(`Text. ${credit} 正文。`, locales).find((b) => b.kind === 'credit');
      expect(found?.kind === 'credit' && found.credit).toBe(parseCredit(credit));
    }
  });
});

describe('firstSentence', () => {
  it('skips abbreviations and stops at Chinese full stops', () => {
    expect(firstSentence('Ms. Wang Binying spoke. Then more.')).toBe('Ms. Wang Binying spoke.');
    expect(firstSentence('阿莱曼在致辞中指出,创新是全球增长的催化剂。创新活动分布不均。')).toBe(
      '阿莱曼在致辞中指出,创新是全球增长的催化剂。',
    );
    expect(firstSentence('No stop at all')).toBe('No stop at all');
  });
});
