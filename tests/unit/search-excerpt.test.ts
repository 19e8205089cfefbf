import { describe, expect, it } from 'vitest';
import {
  chineseMarks,
  chineseQueryTerms,
  contentExcerpt,
  displayExcerpt,
  latinWordMatcher,
  resultExcerpt,
  type ExcerptPart,
} from '#lib/search-excerpt.ts';

/** Parts from a Pagefind-style excerpt written with `[…]` around marked words. */
const parts = (excerpt: string): ExcerptPart[] =>
  excerpt
    .split(/(\[[^\]]*\])/)
    .filter(Boolean)
    .map((text) => (text.startsWith('[') ? { text: text.slice(1, -1), mark: true } : { text, mark: false }));

/** An excerpt's parts written back with `[…]` around marked words. */
const shown = (list: readonly ExcerptPart[]) => list.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

describe('displayExcerpt', () => {
  it('marks a Chinese name whole and not the longer words Pagefind marked around it', () => {
    const pagefind = parts('。出席论坛的嘉宾包括：国家知识产权局[局长][申][长][雨]，最高人民法院副[院长]陶凯元');
    expect(shown(displayExcerpt(pagefind, '申长雨'))).toBe(
      '出席论坛的嘉宾包括：国家知识产权局局长[申长雨]，最高人民法院副院长陶凯元',
    );
  });

  it('marks a one-character query only where it is a whole word', () => {
    const pagefind = parts('副[院长]陶凯元，组织[长期]以来');
    expect(shown(displayExcerpt(pagefind, '长'))).toBe('副院长陶凯元，组织长期以来');
  });

  it('marks the words of a multi-word Chinese query, together or apart', () => {
    const pagefind = parts('中关村论坛举办[科技][集群]平行论坛. 由世界知识产权组织主办的科技力量与产业集群');
    expect(shown(displayExcerpt(pagefind, '科技集群'))).toBe(
      '中关村论坛举办[科技集群]平行论坛。由世界知识产权组织主办的[科技]力量与产业[集群]',
    );
  });

  it('keeps Pagefind’s marks on English words, without their punctuation', () => {
    const pagefind = parts('Binying. Distinguished attendees included Mr. [Shen] [Changyu,] Commissioner');
    expect(shown(displayExcerpt(pagefind, 'Shen Changyu'))).toBe(
      'Binying. Distinguished attendees included Mr. [Shen] [Changyu], Commissioner',
    );
  });

  it('marks a Chinese word in an English story whose match came from its search words', () => {
    const pagefind = parts('the theme 论坛以“集聚科技力量，引领城市发展”为主题. More English.');
    expect(shown(displayExcerpt(pagefind, '城市发展'))).toBe(
      'the theme 论坛以“集聚科技力量，引领[城市发展]”为主题. More English.',
    );
  });

  it('drops leading punctuation and spaces, but not an opening quote', () => {
    expect(shown(displayExcerpt(parts('。 ，出席'), 'x'))).toBe('出席');
    expect(shown(displayExcerpt(parts(', and then'), 'x'))).toBe('and then');
    expect(shown(displayExcerpt(parts('“集聚科技力量”'), 'x'))).toBe('“集聚科技力量”');
    expect(displayExcerpt([], 'x')).toEqual([]);
  });

  it('never shows spaces between Chinese characters it was not given', () => {
    const text = shown(displayExcerpt(parts('由[世界]知识产权组织. 科技集群'), '世界'));
    expect(text).toBe('由[世界]知识产权组织。科技集群');
    expect(text).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
  });
});

describe('chineseQueryTerms', () => {
  it('gives each Chinese run of the query and its segmented words', () => {
    expect(chineseQueryTerms('科技集群 WIPO')).toEqual(['科技集群', '科技', '集群']);
    expect(chineseQueryTerms('clusters')).toEqual([]);
  });
});

describe('chineseMarks', () => {
  it('marks only terms that start and end on word boundaries', () => {
    const marks = chineseMarks('副院长', '长');
    expect(marks).toEqual([false, false, false]);
  });
});

describe('contentExcerpt and resultExcerpt', () => {
  const content =
    'Forum opens. The forum in Harbour City drew experts from twelve countries and regions. ' +
    'The chair spoke at length about the new rules for the coming year. 本场论坛以“集聚科技力量，引领城市发展”为主题。 More English follows.';

  it('cuts an excerpt around the first whole match, marked, when Pagefind quoted none', () => {
    const cut = shown(contentExcerpt(content, '城市发展') ?? []);
    expect(cut).toContain('引领[城市发展]”为主题');
    expect(cut.startsWith('Forum opens')).toBe(false);
    expect(contentExcerpt(content, '长')).toBeUndefined();
    expect(contentExcerpt(content, 'forum')).toBeUndefined();
  });

  it('keeps Pagefind’s excerpt when it marks something, else cuts one from the content', () => {
    expect(shown(resultExcerpt(parts('The [forum] in Harbour City'), content, 'forum'))).toBe(
      'The [forum] in Harbour City',
    );
    expect(shown(resultExcerpt(parts('Forum opens. The forum'), content, '城市发展'))).toContain('[城市发展]');
    expect(shown(resultExcerpt(parts('Forum opens.'), content, 'nothing'))).toBe('Forum opens.');
  });
});

describe('latinWordMatcher', () => {
  it('accepts the query words and their inflections, not longer words they only begin', () => {
    const whole = latinWordMatcher('Zhang Wei forum');
    expect(['Zhang', 'wei', 'WEI', 'forums', 'Forum'].every(whole)).toBe(true);
    expect(['Weidong', 'Zhangjiang', 'forumite'].some(whole)).toBe(false);
  });

  it('keeps no Latin mark for a query in Chinese only', () => {
    expect(latinWordMatcher('申长雨')('Shen')).toBe(false);
  });
});

describe('displayExcerpt on English words', () => {
  it('keeps the marks on query words and drops those on longer words they only begin', () => {
    const pagefind = parts('said [Zeng] [Weidong] and Commissioner [Zhang] [Wei], who');
    expect(shown(displayExcerpt(pagefind, 'Zhang Wei'))).toBe('said Zeng Weidong and Commissioner [Zhang] [Wei], who');
  });

  it("keeps Pagefind's marks when none is a query word, so the reader still sees what matched", () => {
    const pagefind = parts('keep names, titles and [terms] consistent');
    expect(shown(displayExcerpt(pagefind, 'terminology'))).toBe('keep names, titles and [terms] consistent');
  });
});
