/**
 * Calendar dates and publication times, parsed strictly and rendered without depending on the
 * machine's time zone: the same content gives the same dates on every build machine.
 */

/** A publication moment as the site uses it. */
export interface PublishedAt {
  /** The calendar day, `YYYY-MM-DD`: as written for dates, in the site time zone for times. */
  readonly day: string;
  /** The instant as an ISO 8601 UTC string, for ordering (midnight UTC for date-only values). */
  readonly instant: string;
  /** Whether the editor gave a clock time (with offset) rather than a plain date. */
  readonly hasTime: boolean;
}

/** The result of parsing a date: a value, or a message written for editors. */
export type DateResult<T> = { ok: true; value: T } | { ok: false; message: string };

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)? ?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The earliest year accepted. Earlier ones are typing slips (`0099` for 1999), and JavaScript's
 * `Date.UTC` reads years 0 to 99 as 1900 to 1999, so they could not even be computed faithfully.
 */
const FIRST_YEAR = 1000;

/** The message for a year before `FIRST_YEAR`, with the date the editor probably meant. */
function earlyYearMessage(text: string, year: number): string {
  // Two-digit years as people mean them: 00 to 69 in this century, 70 to 99 in the last one.
  const guess = year < 100 ? (year < 70 ? 2000 + year : 1900 + year) : 2000 + (year % 100);
  return `date ${text}: years before ${FIRST_YEAR} are not supported; write four digits, e.g. ${guess}${text.slice(4, 10)}`;
}

/** Checks that `YYYY-MM-DD` names a day that exists (no 2024-02-30, no month 13, no year 0099). */
export function parseCalendarDay(text: string): DateResult<string> {
  const m = DAY_RE.exec(text.trim());
  if (!m) return { ok: false, message: `"${text}" is not a date: write it as YYYY-MM-DD, e.g. 2024-04-23` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR) return { ok: false, message: earlyYearMessage(text.trim(), year) };
  if (month < 1 || month > 12) return { ok: false, message: `${text} has no month ${month}: months run 01 to 12` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { ok: false, message: `${text} does not exist: month ${m[2]} of ${year} has ${last} days` };
  }
  return { ok: true, value: text.trim() };
}

/** The calendar day of an instant in an IANA time zone, as `YYYY-MM-DD`. */
export function dayInTimeZone(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD; formatToParts keeps us independent of that detail anyway.
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The UTC day of a `Date` as `YYYY-MM-DD` (four-digit years; `toISOString` writes 0099 as "0099"). */
function isoDay(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Builds the value for a plain calendar day. */
function fromDay(day: string): PublishedAt {
  return { day, instant: `${day}T00:00:00.000Z`, hasTime: false };
}

/**
 * Parses a frontmatter date: a `YYYY-MM-DD` string, a date-time string with an offset, or a `Date`
 * (midnight UTC = date only). The project's YAML reader keeps dates as text (src/lib/yaml.ts);
 * a `Date` only comes from code that builds data itself.
 */
export function parsePublishedAt(value: unknown, timeZone: string): DateResult<PublishedAt> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: 'this date does not exist' };
    if (value.getUTCFullYear() < FIRST_YEAR)
      return { ok: false, message: earlyYearMessage(isoDay(value), value.getUTCFullYear()) };
    const iso = value.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return { ok: true, value: fromDay(iso.slice(0, 10)) };
    return { ok: true, value: { day: dayInTimeZone(value, timeZone), instant: iso, hasTime: true } };
  }
  if (typeof value !== 'string') {
    return { ok: false, message: 'expected a date such as 2024-04-23 or 2024-04-23T10:00:00+08:00' };
  }
  const text = value.trim();
  if (DAY_RE.test(text)) {
    const day = parseCalendarDay(text);
    return day.ok ? { ok: true, value: fromDay(day.value) } : day;
  }
  const m = TIME_RE.exec(text);
  if (!m) {
    return {
      ok: false,
      message: `"${text}" is not a date: write YYYY-MM-DD, or YYYY-MM-DDTHH:MM+08:00 with a time`,
    };
  }
  const day = parseCalendarDay(m[1] ?? '');
  if (!day.ok) return day;
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return { ok: false, message: `"${text}" has a time that does not exist` };
  if (!m[5]) {
    return {
      ok: false,
      message: `"${text}" has a time but no time zone: add an offset such as +08:00 (Beijing) or Z (UTC)`,
    };
  }
  const offset = m[5].toUpperCase() === 'Z' ? 'Z' : m[5].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const instant = new Date(`${day.value}T${m[2]}:${m[3]}:${String(ss).padStart(2, '0')}${offset}`);
  return {
    ok: true,
    value: { day: dayInTimeZone(instant, timeZone), instant: instant.toISOString(), hasTime: true },
  };
}

/** Parses an event's calendar day from a `YYYY-MM-DD` string or a UTC-midnight `Date`. */
export function parseEventDay(value: unknown): DateResult<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: 'this date does not exist' };
    if (value.getUTCFullYear() < FIRST_YEAR)
      return { ok: false, message: earlyYearMessage(isoDay(value), value.getUTCFullYear()) };
    return { ok: true, value: value.toISOString().slice(0, 10) };
  }
  if (typeof value !== 'string') return { ok: false, message: 'expected a date such as 2024-04-23' };
  return parseCalendarDay(value);
}
