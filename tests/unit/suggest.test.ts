import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '#lib/suggest.ts';

describe('editDistance', () => {
  it('counts edits, with an adjacent swap as one', () => {
    expect(editDistance('speakers', 'speakers')).toBe(0);
    expect(editDistance('speaker', 'speakers')).toBe(1);
    expect(editDistance('sepakers', 'speakers')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  it('suggests near misses and prefixes', () => {
    expect(closestMatch('speker', ['speakers', 'summary', 'source'])).toBe('speakers');
    expect(closestMatch('wang', ['wang-binying', 'liu-hua'])).toBe('wang-binying');
    expect(closestMatch('zn', ['en', 'zh'])).toBe('zh');
  });
  it('stays silent when nothing is close', () => {
    expect(closestMatch('photograph', ['speakers', 'tags'])).toBeUndefined();
    expect(didYouMean('xyz', ['speakers'])).toBe('');
    expect(didYouMean('tag', ['tags'])).toBe(' Did you mean "tags"?');
  });
});
