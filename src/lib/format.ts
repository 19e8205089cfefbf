/** Locale-aware formatting through `Intl`, independent of the build machine's time zone. */
import type { PublishedAt } from './dates.ts';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Formats a `YYYY-MM-DD` calendar day in a locale ("23 April 2024", "2024年4月23日"). */
export function formatDay(day: string, htmlLang: string): string {
  let formatter = dayFormatters.get(htmlLang);
  if (!formatter) {
    // Calendar days are stored as UTC midnight and formatted in UTC, so they never shift a day.
    formatter = new Intl.DateTimeFormat(htmlLang, { dateStyle: 'long', timeZone: 'UTC' });
    dayFormatters.set(htmlLang, formatter);
  }
  return formatter.format(new Date(`${day}T00:00:00Z`));
}

/** Formats a publication date: the calendar day, which is what readers of an archive look for. */
export function formatPublished(date: PublishedAt, htmlLang: string): string {
  return formatDay(date.day, htmlLang);
}

/** Picks a per-language text in `locale`, falling back to the default locale's text. */
export function localize(text: Readonly<Record<string, string>>, locale: string, fallback: string): string {
  return text[locale] ?? text[fallback] ?? '';
}
