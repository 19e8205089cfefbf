import { describe, expect, it } from 'vitest';
import { COVER_WIDTHS, coverWidth, coverWidths } from '#lib/cover-images.ts';

describe('coverWidth', () => {
  it('publishes the fallback <img> at the largest variant at most, never wider than the cover', () => {
    expect(COVER_WIDTHS.at(-1)).toBe(1200);
    expect(coverWidth(4000)).toBe(1200);
    expect(coverWidth(1200)).toBe(1200);
    expect(coverWidth(800)).toBe(800);
  });
});

describe('coverWidths', () => {
  it('offers the variants below the cover width and the cover width itself, never more', () => {
    expect(coverWidths(4000)).toEqual([480, 800, 1200]);
    expect(coverWidths(1000)).toEqual([480, 800, 1000]);
    expect(coverWidths(800)).toEqual([480, 800]);
    expect(coverWidths(300)).toEqual([300]);
  });
});
