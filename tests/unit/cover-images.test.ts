import { describe, expect, it } from 'vitest';
import { COVER_WIDTHS, coverWidth } from '#lib/cover-images.ts';

describe('coverWidth', () => {
  it('publishes the fallback <img> at the largest variant at most, never wider than the cover', () => {
    expect(COVER_WIDTHS.at(-1)).toBe(1200);
    expect(coverWidth(4000)).toBe(1200);
    expect(coverWidth(1200)).toBe(1200);
    expect(coverWidth(800)).toBe(800);
  });
});
