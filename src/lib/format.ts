/** Locale-aware formatting through `Intl`, independent of the build machine's time zone. */
import type { PublishedAt } from './dates.ts';
import { typeset } from './typography.ts';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Formats a `YYYY-MM-DD` calendar day in a locale ("23 April 2024", "2024年4月23日"). */
export function formatDay(day: string, dateLocale: string): string {
  let formatter = dayFormatters.get(dateLocale);
  if (!formatter) {
    // Calendar days are stored as UTC midnight and formatted in UTC, so they never shift a day.
    formatter = new Intl.DateTimeFormat(dateLocale, { dateStyle: 'long', timeZone: 'UTC' });
    dayFormatters.set(dateLocale, formatter);
  }
  return formatter.format(new Date(`${day}T00:00:00Z`));
}

/** Formats a publication date: the calendar day, which is what readers of an archive look for. */
export function formatPublished(date: PublishedAt, dateLocale: string): string {
  return formatDay(date.day, dateLocale);
}

/** Picks a per-language text in `locale`, falling back to the default locale's text, typeset. */
export function localize(text: Readonly<Record<string, string>>, locale: string, fallback: string): string {
  // Registry text (names, roles, places) is shown only through here: typeset here, once, it reads
  // the same on pages, in feeds and in JSON-LD as titles and bodies do.
  return typeset(text[locale] ?? text[fallback] ?? '');
}

const monthFormatters = new Map<string, Intl.DateTimeFormat>();

/** A month of a year in a locale ("April 2024", "2024年4月"), from `Intl`, never a hand-written name. */
export function formatMonth(
  yearMonth: string,
  dateLocale: string,
  style: 'month' | 'year-month' = 'year-month',
): string {
  const cacheKey = `${dateLocale}|${style}`;
  let formatter = monthFormatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(dateLocale, {
      ...(style === 'year-month' ? { year: 'numeric' } : {}),
      month: 'long',
      timeZone: 'UTC',
    });
    monthFormatters.set(cacheKey, formatter);
  }
  return formatter.format(new Date(`${yearMonth.slice(0, 7)}-01T00:00:00Z`));
}

/** An event's days: one day, or a range written the locale's way ("23–25 April 2024", "2024年4月23日至25日"). */
export function formatDayRange(start: string, end: string | undefined, dateLocale: string): string {
  if (end === undefined || end === start) return formatDay(start, dateLocale);
  const formatter = new Intl.DateTimeFormat(dateLocale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const range = formatter.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));
  // ICU writes Chinese ranges numerically ("2024/4/23 – 2024/4/25"); keep the long form instead.
  return /\d\/\d/.test(range) ? `${formatDay(start, dateLocale)} – ${formatDay(end, dateLocale)}` : range;
}

/** A number written the locale's way ("1,234"). */
export function formatNumber(value: number, dateLocale: string): string {
  return new Intl.NumberFormat(dateLocale).format(value);
}

/**
 * Every other-language form of a per-language text, space-separated (`申长雨` beside "Shen
 * Changyu"), for search indexing: a reader finds a person under either name in either language.
 */
export function otherForms(text: Readonly<Record<string, string>>, shown: string): string {
  return [...new Set(Object.values(text))].filter((value) => value !== shown).join(' ');
}
