/** Pagination of listings: page 1 at the listing's own path, page n at `<path>page/<n>/`. */
import { joinPath } from './paths.ts';

/** One page of a paginated listing. */
export interface Page<T> {
  /** 1-based page number. */
  readonly number: number;
  /** Number of pages in the listing (at least 1, even when empty). */
  readonly count: number;
  /** The items on this page. */
  readonly items: readonly T[];
  /** Path of this page. */
  readonly path: string;
  /** Path of the previous page, if any. */
  readonly previous?: string | undefined;
  /** Path of the next page, if any. */
  readonly next?: string | undefined;
}

/** The path of page `number` of a listing whose first page is at `firstPagePath`. */
export function pagePath(firstPagePath: string, number: number): string {
  return number <= 1 ? joinPath(firstPagePath) : joinPath(firstPagePath, 'page', String(number));
}

/** Splits `items` into pages of `pageSize`; an empty listing still has one (empty) page. */
export function paginate<T>(items: readonly T[], pageSize: number, firstPagePath: string): Page<T>[] {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`page size must be a positive integer, got ${pageSize}`);
  const count = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    return {
      number,
      count,
      items: items.slice(index * pageSize, number * pageSize),
      path: pagePath(firstPagePath, number),
      previous: number > 1 ? pagePath(firstPagePath, number - 1) : undefined,
      next: number < count ? pagePath(firstPagePath, number + 1) : undefined,
    };
  });
}

/**
 * The page numbers a pagination bar shows: first, last, and `radius` pages around the current one,
 * with `'gap'` where numbers are skipped, so a 1,000-page listing does not put 1,000 links on every page.
 */
export function pageWindow(current: number, count: number, radius = 2): (number | 'gap')[] {
  const shown = new Set([1, count]);
  for (let n = current - radius; n <= current + radius; n++) if (n >= 1 && n <= count) shown.add(n);
  const numbers = [...shown].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  numbers.forEach((n, i) => {
    const prev = numbers[i - 1];
    if (prev !== undefined && n - prev > 1) out.push(n - prev === 2 ? n - 1 : 'gap');
    out.push(n);
  });
  return out;
}

/** One page of a listing that exists in every locale, with the same page in the other locales. */
export interface LocalizedPage<T, L extends string = string> {
  /** Locale of this page. */
  readonly locale: L;
  /** The page. */
  readonly page: Page<T>;
  /** Path of the same page number in each locale that has it (its own included). */
  readonly alternates: Readonly<Partial<Record<L, string>>>;
}

/**
 * Paginates one listing per locale. Alternates link page n to page n of the other locales, where
 * it exists (when untranslated stories are hidden, the locales' listings differ in length).
 */
export function paginateLocales<T, L extends string>(
  locales: readonly L[],
  itemsOf: (locale: L) => readonly T[],
  pageSize: number,
  firstPagePathOf: (locale: L) => string,
): LocalizedPage<T, L>[] {
  const paged = locales.map((locale) => ({
    locale,
    pages: paginate(itemsOf(locale), pageSize, firstPagePathOf(locale)),
  }));
  return paged.flatMap(({ locale, pages }) =>
    pages.map((page) => {
      const alternates: Partial<Record<L, string>> = {};
      for (const other of paged) {
        const same = other.pages[page.number - 1];
        if (same) alternates[other.locale] = same.path;
      }
      return { locale, page, alternates };
    }),
  );
}

/** The rest parameter of page `number` of a paginated route (`undefined` for page 1, else `page/<n>`). */
export function pageParam(number: number): string | undefined {
  return number === 1 ? undefined : `page/${number}`;
}
