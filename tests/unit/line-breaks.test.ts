import { describe, expect, it } from 'vitest';
import { needsPhraseBreaks, phrases, phrasesHtml, terms } from '#lib/line-breaks.ts';
import { renderShareImage, type TitleFit } from '#lib/share-image.ts';

/** Headlines of the sample archive, and a few more with digits, punctuation and Latin words. */
const HEADLINES = [
  '产权组织中国办事处：知识产权激发发展新质生产力的创新活力',
  '产权组织代表与中国国家知识产权局举行双边会谈',
  '产权组织在2024中关村论坛举办科技集群平行论坛',
  '2024中关村论坛年会开幕，专利审查提速',
  '“新质生产力”成为中关村论坛关键词',
  '世界知识产权组织(WIPO)北京办事处发布报告',
];
/** Words that must never be split across two lines. */
const WORDS = ['中关村论坛', '平行论坛', '专利', '生产力', '2024', '办事处'];
/** The site's vocabulary (tag labels): kept whole although both segmenters cut 知识|产权, 新质|生产力. */
const VOCABULARY = terms(['知识产权', '新质生产力', '创新', 'Innovation']);

/** Offsets inside `text` where a line may break between the given phrases. */
function breaks(parts: readonly string[]): number[] {
  let at = 0;
  return parts.slice(0, -1).map((part) => (at += part.length));
}

/** Whether some occurrence of `word` in the text has a break strictly inside it. */
function splits(parts: readonly string[], word: string): boolean {
  const text = parts.join('');
  const cuts = breaks(parts);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (cuts.some((cut) => cut > at && cut < at + word.length)) return true;
  }
  return false;
}

describe('phrases', () => {
  it('gives the text back exactly when joined, and breaks Chinese headlines into several phrases', () => {
    for (const headline of HEADLINES) {
      const parts = phrases(headline, 'zh-Hans', VOCABULARY);
      expect(parts.join('')).toBe(headline);
      expect(parts.length).toBeGreaterThan(1);
    }
  });

  it('never splits a word, a number or a term of the vocabulary', () => {
    for (const headline of HEADLINES) {
      const parts = phrases(headline, 'zh-Hans', VOCABULARY);
      for (const word of [...WORDS, '知识产权', '新质生产力'])
        expect(splits(parts, word), `${word} in ${parts.join('|')}`).toBe(false);
    }
    expect(phrases('中关村论坛平行论坛在北京举行', 'zh-Hans')).toEqual(['中关村论坛平行论坛在', '北京', '举行']);
    // ICU reads 中|关|村 and 生产|力 (words it does not know), BudouX cuts 中关|村论坛: both kept whole.
    expect(phrases('办事处在中关村论坛平行论坛上介绍', 'zh-Hans')).toEqual([
      '办事处',
      '在中关村论坛平行论坛上',
      '介绍',
    ]);
    expect(phrases('新质生产力持续提升', 'zh-Hans')).toEqual(['新质', '生产力', '持续', '提升']);
  });

  it('keeps punctuation off the start of a line, and opening quotes off its end', () => {
    for (const headline of HEADLINES) {
      const parts = phrases(headline, 'zh-Hans', VOCABULARY);
      for (const part of parts.slice(1)) expect(part, parts.join('|')).not.toMatch(/^[\p{Pe}\p{Pf}\p{Po}]/u);
      for (const part of parts.slice(0, -1)) expect(part, parts.join('|')).not.toMatch(/[\p{Ps}\p{Pi}]$/u);
    }
    expect(phrases('专利审查提速，生产力提升', 'zh')).toEqual(['专利', '审查提速，', '生产力', '提升']);
  });

  it('leaves English and other spaced text whole: the browser breaks it at spaces', () => {
    const english = 'WIPO China: IPR Stimulates Innovative Vitality';
    expect(needsPhraseBreaks(english)).toBe(false);
    expect(phrases(english, 'en')).toEqual([english]);
    expect(phrasesHtml(english, 'en')).toBeUndefined();
  });

  it('uses the Japanese model for Japanese', () => {
    const parts = phrases('東京で国際会議が開かれました', 'ja');
    expect(parts.join('')).toBe('東京で国際会議が開かれました');
    expect(parts[0]).toBe('東京で');
    expect(parts.length).toBeGreaterThan(1);
  });

  it('uses the Traditional Chinese model for zh-Hant, zh-TW and zh-HK tags', () => {
    for (const tag of ['zh-Hant', 'zh-TW', 'zh-HK']) {
      const parts = phrases('中關村論壇平行論壇在北京舉行', tag);
      expect(parts.join('')).toBe('中關村論壇平行論壇在北京舉行');
      expect(splits(parts, '中關村論壇'), parts.join('|')).toBe(false);
      expect(splits(parts, '平行論壇'), parts.join('|')).toBe(false);
    }
  });

  it('writes HTML with <wbr> between phrases and the text escaped', () => {
    const html = phrasesHtml('A <b> & “论坛”平行论坛在北京举行', 'zh-Hans') ?? '';
    expect(html).toContain('&lt;b&gt; &amp;');
    expect(html).not.toMatch(/<(?!wbr>)/);
    expect(html.replaceAll('<wbr>', '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')).toBe(
      'A <b> & “论坛”平行论坛在北京举行',
    );
    expect(html.split('<wbr>').length).toBeGreaterThan(2);
  });
});

describe('share card titles', () => {
  /** How the card laid its title out. */
  async function fitOf(title: string): Promise<TitleFit> {
    let fit: TitleFit | undefined;
    await renderShareImage(
      { title, date: '2024年4月30日', siteName: '新闻档案', lang: 'zh-Hans' },
      { onFit: (f) => (fit = f) },
    );
    if (!fit) throw new Error('no fit reported');
    return fit;
  }

  it('breaks a Chinese title only between phrases', async () => {
    // Long enough to take several lines at every size, so many breaks are tested.
    const title = '产权组织在2024中关村论坛举办科技集群平行论坛，专利审查提速，新质生产力办事处中关村论坛';
    const fit = await fitOf(title);
    expect(fit.lineTexts.join('')).toBe(title);
    expect(fit.lineTexts.length).toBeGreaterThan(1);
    const allowed = new Set(breaks(phrases(title, 'zh-Hans')));
    let at = 0;
    for (const line of fit.lineTexts.slice(0, -1)) {
      at += line.length;
      expect(allowed.has(at), `${fit.lineTexts.join(' / ')}`).toBe(true);
    }
    for (const word of WORDS) expect(splits(fit.lineTexts, word), fit.lineTexts.join(' / ')).toBe(false);
  });
});
