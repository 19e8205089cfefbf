import { describe, expect, it } from 'vitest';
import { searchMetaValue } from '#lib/search-meta.ts';

describe('searchMetaValue', () => {
  it('gives a Chinese name as written and as the words a segmented query is made of', () => {
    const query = [...new Intl.Segmenter('zh-Hans', { granularity: 'word' }).segment('欧阳静')]
      .filter((s) => s.isWordLike)
      .map((s) => s.segment);
    const words = searchMetaValue(['欧阳静'], 'zh-Hans').split(' ');
    expect(words).toContain('欧阳静');
    expect(words).toEqual(expect.arrayContaining(query));
  });

  it('keeps every word of English values once, without punctuation-only pieces', () => {
    expect(searchMetaValue(['Ouyang Jing', 'Secretary-General of the Forum', 'Ouyang Jing'], 'en')).toBe(
      'Ouyang Jing Secretary-General of the Forum Secretary General',
    );
  });

  it('skips missing and empty values and collapses whitespace', () => {
    expect(searchMetaValue([undefined, '', '  Lumen \n Press  '], 'en')).toBe('Lumen Press');
    expect(searchMetaValue([], 'zh-Hans')).toBe('');
  });
});
