import { describe, expect, it } from 'vitest';
import {
  idFrom,
  isValidSlug,
  MAX_SLUG_LENGTH,
  MAX_SLUG_WORDS,
  personId,
  slugify,
  slugWords,
  suffixedSlug,
  uniqueSlug,
} from '#pipeline/check/slug.ts';

describe('slugify', () => {
  it('makes an English title short: lowercase ASCII words, no filler words, at most 6', () => {
    expect(slugify('WIPO China: IPR Stimulates Innovative Vitality in Developing New Quality Productive Forces')).toBe(
      'wipo-china-ipr-stimulates-innovative-vitality',
    );
    expect(
      slugify('WIPO Holds a Parallel Forum on Science and Technology Clusters at the 2024 Zhongguancun Forum'),
    ).toBe('wipo-holds-parallel-forum-science-technology');
    expect(slugify('WIPO Delegation Holds Bilateral Meeting with CNIPA')).toBe(
      'wipo-delegation-holds-bilateral-meeting-cnipa',
    );
  });

  it('drops accents and apostrophes', () => {
    expect(slugify('Alemán visits the Supreme People’s Court')).toBe('aleman-visits-supreme-peoples-court');
  });

  it('writes a Chinese title in toneless pinyin, one word per Chinese word', () => {
    expect(slugify('产权组织在2024中关村论坛举办科技集群平行论坛')).toBe('chanquan-zuzhi-zai-2024-zhongguancun-luntan');
    expect(slugify('产权组织代表与中国国家知识产权局举行双边会谈')).toBe('chanquan-zuzhi-daibiao-yu-zhongguo-guojia');
    expect(slugWords('申长雨会见WIPO代表')).toEqual(['shenchangyu', 'huijian', 'wipo', 'daibiao']);
  });

  it('stays within the limits, cutting at a word boundary', () => {
    const words = slugify('One two three four five six seven eight');
    expect(words).toBe('one-two-three-four-five-six');
    expect(words.split('-')).toHaveLength(MAX_SLUG_WORDS);
    const long = slugify('Extraordinarily lengthy headline vocabulary accumulates incomprehensibly');
    expect(long).toBe('extraordinarily-lengthy-headline-vocabulary-accumulates');
    expect(long.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slugify('x'.repeat(80))).toHaveLength(MAX_SLUG_LENGTH);
  });

  it('keeps filler words when there is nothing else, and gives nothing for no letters', () => {
    expect(slugify('Of the')).toBe('of-the');
    expect(slugify('!!! …')).toBe('');
  });

  it('always gives valid slugs', () => {
    for (const title of ['WIPO China: IPR', '与中国国家知识产权局的双边会谈', 'Ünïcödé — “quotes”', '2024']) {
      expect(isValidSlug(slugify(title))).toBe(true);
    }
  });
});

describe('idFrom', () => {
  it('keeps every word, lowercase ASCII, with pinyin for Chinese', () => {
    expect(idFrom('My Story_2024')).toBe('my-story-2024');
    expect(idFrom("People's Court")).toBe('peoples-court');
    expect(idFrom('Zhongguancun Forum 2024 — Opening of the Forum')).toBe(
      'zhongguancun-forum-2024-opening-of-the-forum',
    );
    expect(idFrom('知识产权论坛')).toBe('zhishi-chanquan-luntan');
    expect(idFrom('---')).toBe('');
  });
});

describe('unique slugs', () => {
  it('adds -2, -3 within the length limit', () => {
    expect(uniqueSlug('forum', new Set())).toBe('forum');
    expect(uniqueSlug('forum', new Set(['forum', 'forum-2']))).toBe('forum-3');
    expect(suffixedSlug('a'.repeat(60), 2)).toBe(`${'a'.repeat(58)}-2`);
  });
});

describe('personId', () => {
  it('writes ids as the registry does', () => {
    expect(personId('Carsten Fink')).toBe('carsten-fink');
    expect(personId('Marco Alemán')).toBe('marco-aleman');
    expect(personId('薛澜')).toBe('xue-lan');
    expect(personId('于英杰')).toBe('yu-yingjie');
    expect(personId('卡斯滕·芬克')).toBe('kasiteng-fenke');
    expect(personId('欧阳修')).toBe('ouyang-xiu');
    // Surname readings: 曾 is zeng, 单 is shan.
    expect(personId('曾卫东')).toBe('zeng-weidong');
    expect(personId('单雄')).toBe('shan-xiong');
  });
});
