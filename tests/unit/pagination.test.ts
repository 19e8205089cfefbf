import { describe, expect, it } from 'vitest';
import { pageParam, pagePath, pageWindow, paginate, paginateLocales } from '#lib/pagination.ts';
import { filePath, joinPath } from '#lib/paths.ts';

describe('paginate', () => {
  it('splits items into pages with paths and neighbours', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, '/base/en/tags/x/');
    expect(pages.map((p) => [p.number, p.count, p.items, p.path, p.previous, p.next])).toEqual([
      [1, 3, [1, 2], '/base/en/tags/x/', undefined, '/base/en/tags/x/page/2/'],
      [2, 3, [3, 4], '/base/en/tags/x/page/2/', '/base/en/tags/x/', '/base/en/tags/x/page/3/'],
      [3, 3, [5], '/base/en/tags/x/page/3/', '/base/en/tags/x/page/2/', undefined],
    ]);
  });
  it('gives an empty listing one empty page and refuses a bad page size', () => {
    expect(paginate([], 10, '/en/').map((p) => [p.number, p.count, p.items.length])).toEqual([[1, 1, 0]]);
    expect(() => paginate([1], 0, '/en/')).toThrow(/positive integer/);
  });
  it('names pages the same way in paths and route parameters', () => {
    expect(pagePath('/en/', 1)).toBe('/en/');
    expect(pagePath('/en/', 4)).toBe('/en/page/4/');
    expect(pageParam(1)).toBeUndefined();
    expect(pageParam(4)).toBe('page/4');
  });
});

describe('pageWindow', () => {
  it('shows first, last and neighbours, with gaps, never every page', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(3, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(50, 1000)).toEqual([1, 'gap', 48, 49, 50, 51, 52, 'gap', 1000]);
    // A gap of exactly one page shows the page instead of an ellipsis.
    expect(pageWindow(4, 10)).toEqual([1, 2, 3, 4, 5, 6, 'gap', 10]);
  });
});

describe('paginateLocales', () => {
  it('links page n to page n of the other locales only where it exists', () => {
    const items: Record<string, number[]> = { en: [1, 2, 3], zh: [1] };
    const pages = paginateLocales(
      ['en', 'zh'],
      (l) => items[l] ?? [],
      2,
      (l) => `/${l}/`,
    );
    expect(pages.map((p) => [p.locale, p.page.number, p.alternates])).toEqual([
      ['en', 1, { en: '/en/', zh: '/zh/' }],
      ['en', 2, { en: '/en/page/2/' }],
      ['zh', 1, { en: '/en/', zh: '/zh/' }],
    ]);
  });
});

describe('paths', () => {
  it('joins directories with one slash each and a trailing slash, files without', () => {
    expect(joinPath('/previews/pr-42', 'pagefind')).toBe('/previews/pr-42/pagefind/');
    expect(filePath('/', 'favicon.svg')).toBe('/favicon.svg');
    expect(filePath('/previews/pr-42', 'en', 'events', 'forum.ics')).toBe('/previews/pr-42/en/events/forum.ics');
  });
});
