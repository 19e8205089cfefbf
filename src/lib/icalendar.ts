/**
 * iCalendar (RFC 5545) files of events: one calendar per event and one of all dated events per
 * locale. Events are all-day (`VALUE=DATE`), as the content gives days, not times. Output is
 * deterministic: `DTSTAMP` comes from the content (see `eventStamp`), never from the clock.
 */
import { filePath } from './paths.ts';

/** One event as a calendar carries it. */
export interface CalendarEvent {
  /** Globally unique, stable id: `<event id>@<site host>`. */
  readonly uid: string;
  /** Absolute URL of the event's page. */
  readonly url: string;
  /** Event name. */
  readonly summary: string;
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day (inclusive), `YYYY-MM-DD`; the first day when left out. */
  readonly end?: string | undefined;
  /** Venue and city. */
  readonly location?: string | undefined;
  /** Free text (theme, organisers...). */
  readonly description?: string | undefined;
  /** ISO 8601 UTC instant of the entry's last known change, for `DTSTAMP`. */
  readonly stamp: string;
}

/** A calendar file. */
export interface Calendar {
  /** Calendar name (`NAME`, `X-WR-CALNAME`). */
  readonly name: string;
  /** Product identifier, e.g. `-//News Archive//Events//EN`. */
  readonly prodId: string;
  /** Events, in the order written. */
  readonly events: readonly CalendarEvent[];
}

/** The path of one event's calendar: `/base/en/events/example-forum-2024.ics`. */
export function eventCalendarPath(base: string, locale: string, id: string): string {
  return filePath(base, locale, 'events', `${id}.ics`);
}

/** The path of a locale's calendar of all dated events: `/base/en/events.ics`. */
export function eventsCalendarPath(base: string, locale: string): string {
  return filePath(base, locale, 'events.ics');
}

/** A stable event UID: the event id at the site's host name (`example-forum-2024@news.example.org`). */
export function eventUid(id: string, site: string | URL): string {
  return `${id}@${new URL(site).hostname}`;
}

/**
 * A deterministic `DTSTAMP` source: the latest of the event's first day (00:00 UTC) and the
 * given instants (publication and revision of the stories that cover it), as an ISO instant.
 */
export function eventStamp(start: string, instants: Iterable<string>): string {
  let latest = `${start}T00:00:00.000Z`;
  for (const instant of instants) if (instant > latest) latest = instant;
  return latest;
}

/** The day after a `YYYY-MM-DD` day (all-day `DTEND` is exclusive). */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` day as an iCalendar DATE (`20240423`). */
function icsDate(day: string): string {
  return day.replaceAll('-', '');
}

/** An ISO instant as an iCalendar UTC DATE-TIME (`20240423T000000Z`). */
export function icsDateTime(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

// Control characters TEXT does not allow (tab is allowed; line breaks are escaped before this applies).
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROLS = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

/**
 * A TEXT value escaped per RFC 5545 §3.3.11: backslash, semicolon and comma get a backslash, line
 * breaks become `\n`; other control characters (not allowed in TEXT) are dropped.
 */
export function icsText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(CONTROLS, '');
}

const encoder = new TextEncoder();

/**
 * A content line folded per RFC 5545 §3.1: no line longer than 75 octets (CRLF excluded), the
 * continuation lines starting with one space; never inside a UTF-8 character (nor a surrogate pair).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // The leading space of a continuation line counts toward its 75 octets.
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The content lines of one VEVENT. */
function eventLines(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${icsText(event.uid)}`,
    `DTSTAMP:${icsDateTime(event.stamp)}`,
    `DTSTART;VALUE=DATE:${icsDate(event.start)}`,
    `DTEND;VALUE=DATE:${icsDate(nextDay(event.end ?? event.start))}`,
    `SUMMARY:${icsText(event.summary)}`,
    ...(event.location ? [`LOCATION:${icsText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${icsText(event.description)}`] : []),
    `URL:${event.url}`,
    // Reports of events someone attended, not appointments: they should not block the reader's time.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** A whole iCalendar file: CRLF line endings, folded lines, a final CRLF. */
export function calendarIcs(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${icsText(calendar.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${icsText(calendar.name)}`,
    `X-WR-CALNAME:${icsText(calendar.name)}`,
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
