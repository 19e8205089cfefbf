import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarIcs,
  eventCalendarPath,
  eventsCalendarPath,
  eventStamp,
  eventUid,
  foldLine,
  icsDateTime,
  icsText,
  nextDay,
  type CalendarEvent,
} from '#lib/icalendar.ts';

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('icsText', () => {
  it('escapes backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)', () => {
    expect(icsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
  it('drops control characters TEXT does not allow, keeping tabs', () => {
    expect(icsText('a\u0000b\u0007c\td\u007F')).toBe('abc\td');
  });
  it('keeps hostile markup as plain text (a calendar has no markup)', () => {
    expect(icsText('</script><img onerror=x> & ]]>')).toBe('</script><img onerror=x> & ]]>');
  });
});

describe('foldLine', () => {
  it('leaves lines of 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });
  it('folds at 75 octets with CRLF and a space, counting the space', () => {
    const folded = foldLine('A'.repeat(200));
    const parts = folded.split('\r\n');
    expect(parts.map(octets)).toEqual([75, 75, 52]); // 75 + 74 + 51 characters;
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe('A'.repeat(200));
  });
  it('never splits a UTF-8 character (3-octet Han, 4-octet emoji)', () => {
    const line = `SUMMARY:${'创新周'.repeat(20)}😀😀😀${'é'.repeat(30)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    for (const part of parts) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
      expect(part).toBe(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(part)));
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    // "SUMMARY:" (8) + 22 Han characters (66) = 74; the 23rd would make 77.
    expect(octets(parts[0] ?? '')).toBe(74);
  });
});

describe('dates and ids', () => {
  it('ends all-day events the day after, across months and leap days, in any process time zone', () => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env['TZ'] = zone;
      expect(nextDay('2024-04-24')).toBe('2024-04-25');
      expect(nextDay('2024-02-28')).toBe('2024-02-29');
      expect(nextDay('2023-12-31')).toBe('2024-01-01');
      expect(icsDateTime('2024-09-09T23:30:00.000Z')).toBe('20240909T233000Z');
    }
  });
  it('stamps an event by the latest of its first day and its stories, never the clock', () => {
    expect(eventStamp('2024-04-22', [])).toBe('2024-04-22T00:00:00.000Z');
    expect(eventStamp('2024-04-22', ['2024-04-23T00:00:00.000Z', '2024-05-02T08:00:00.000Z'])).toBe(
      '2024-05-02T08:00:00.000Z',
    );
  });
  it('builds stable UIDs and base-aware paths', () => {
    expect(eventUid('example-forum-2024', 'https://news.example.org/previews/pr-42/')).toBe(
      'example-forum-2024@news.example.org',
    );
    expect(eventCalendarPath('/previews/pr-42/', 'zh', 'forum')).toBe('/previews/pr-42/zh/events/forum.ics');
    expect(eventsCalendarPath('/', 'en')).toBe('/en/events.ics');
  });
});

describe('calendarIcs', () => {
  const event: CalendarEvent = {
    uid: 'example-forum-2024@news.example.org',
    url: 'https://news.example.org/en/events/example-forum-2024/',
    summary: 'Example Forum; 2024, "Open Minds"',
    start: '2024-04-22',
    end: '2024-04-24',
    location: 'Riverside Conference Hall, Harbour City',
    description: 'Theme: Open Minds\nOrganisers: Example Forum Secretariat',
    stamp: '2024-04-23T00:00:00.000Z',
  };

  it('writes an exact calendar with CRLF line endings', () => {
    expect(
      calendarIcs({ name: 'Example Forum', prodId: '-//news.example.org//News Archive//EN', events: [event] }),
    ).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//news.example.org//News Archive//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'NAME:Example Forum',
        'X-WR-CALNAME:Example Forum',
        'BEGIN:VEVENT',
        'UID:example-forum-2024@news.example.org',
        'DTSTAMP:20240423T000000Z',
        'DTSTART;VALUE=DATE:20240422',
        'DTEND;VALUE=DATE:20240425',
        'SUMMARY:Example Forum\\; 2024\\, "Open Minds"',
        'LOCATION:Riverside Conference Hall\\, Harbour City',
        'DESCRIPTION:Theme: Open Minds\\nOrganisers: Example Forum Secretariat',
        'URL:https://news.example.org/en/events/example-forum-2024/',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('gives a one-day event an exclusive end the next day and leaves out empty fields', () => {
    const ics = calendarIcs({
      name: '日历',
      prodId: '-//x//ZH',
      events: [{ ...event, end: undefined, location: undefined, description: undefined }],
    });
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20240422\r\nDTEND;VALUE=DATE:20240423\r\n');
    expect(ics).not.toMatch(/LOCATION|DESCRIPTION/);
  });

  it('folds long localized lines and uses CRLF only', () => {
    const ics = calendarIcs({
      name: '新闻档案活动日历',
      prodId: '-//x//ZH',
      events: [
        {
          ...event,
          summary: '2024中国知识产权保护高层论坛'.repeat(5),
          description: '主题：变革与可持续，知识产权助力新质生产力发展',
        },
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    // Unfolding (RFC 5545 §3.1) gives back the escaped property.
    const unfolded = ics.replaceAll('\r\n ', '');
    expect(unfolded).toContain(`\r\nSUMMARY:${'2024中国知识产权保护高层论坛'.repeat(5)}\r\n`);
    // Only ASCII commas are escaped; the ideographic comma is ordinary text.
    expect(unfolded).toContain('\r\nDESCRIPTION:主题：变革与可持续，知识产权助力新质生产力发展\r\n');
  });
});
