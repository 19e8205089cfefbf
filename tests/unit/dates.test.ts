import { describe, expect, it } from 'vitest';
import { dayInTimeZone, parseCalendarDay, parseEventDay, parsePublishedAt } from '#lib/dates.ts';

describe('parseCalendarDay', () => {
  it('accepts days that exist, including 29 February in a leap year', () => {
    expect(parseCalendarDay('2024-04-23')).toEqual({ ok: true, value: '2024-04-23' });
    expect(parseCalendarDay('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });
  it('refuses days that do not exist, naming the month length', () => {
    expect(parseCalendarDay('2024-02-30')).toEqual({ ok: false, message: expect.stringContaining('has 29 days') });
    expect(parseCalendarDay('2023-02-29')).toEqual({ ok: false, message: expect.stringContaining('has 28 days') });
    expect(parseCalendarDay('2024-13-01')).toEqual({ ok: false, message: expect.stringContaining('no month 13') });
    expect(parseCalendarDay('23/04/2024').ok).toBe(false);
  });
  it('refuses years before 1000 (JavaScript reads years 0 to 99 as 1900 to 1999), suggesting a year', () => {
    expect(parseCalendarDay('0099-06-01')).toEqual({
      ok: false,
      message: 'date 0099-06-01: years before 1000 are not supported; write four digits, e.g. 1999-06-01',
    });
    expect(parseCalendarDay('0000-01-01')).toMatchObject({
      ok: false,
      message: expect.stringContaining('e.g. 2000-01-01'),
    });
    expect(parseCalendarDay('0999-12-31').ok).toBe(false);
    expect(parseCalendarDay('1000-01-01')).toEqual({ ok: true, value: '1000-01-01' });
  });
});

describe('parsePublishedAt', () => {
  it('keeps a plain date as a calendar day at UTC midnight', () => {
    expect(parsePublishedAt('2024-04-23', 'Asia/Shanghai')).toEqual({
      ok: true,
      value: { day: '2024-04-23', instant: '2024-04-23T00:00:00.000Z', hasTime: false },
    });
  });
  it('treats the Date that Astro YAML makes of an unquoted date the same way', () => {
    expect(parsePublishedAt(new Date(Date.UTC(2024, 3, 23)), 'America/Los_Angeles')).toEqual(
      parsePublishedAt('2024-04-23', 'America/Los_Angeles'),
    );
  });
  it('dates a time with offset in the site time zone', () => {
    const late = parsePublishedAt('2024-04-23T23:30:00-07:00', 'Asia/Shanghai');
    expect(late).toEqual({
      ok: true,
      value: { day: '2024-04-24', instant: '2024-04-24T06:30:00.000Z', hasTime: true },
    });
  });
  it('refuses a time without offset, a non-existent day and a non-date', () => {
    expect(parsePublishedAt('2024-04-23T10:00', 'UTC')).toMatchObject({
      ok: false,
      message: expect.stringContaining('+08:00'),
    });
    expect(parsePublishedAt('2024-02-30T10:00Z', 'UTC').ok).toBe(false);
    expect(parsePublishedAt('2024-04-23T25:00Z', 'UTC').ok).toBe(false);
    expect(parsePublishedAt(20240423, 'UTC').ok).toBe(false);
    expect(parsePublishedAt(new Date('nonsense'), 'UTC').ok).toBe(false);
  });
});

describe('parseEventDay and dayInTimeZone', () => {
  it('reads event days from strings and UTC-midnight dates', () => {
    expect(parseEventDay('2024-04-23')).toEqual({ ok: true, value: '2024-04-23' });
    expect(parseEventDay(new Date(Date.UTC(2024, 3, 23)))).toEqual({ ok: true, value: '2024-04-23' });
    expect(parseEventDay('2024-04-31').ok).toBe(false);
  });
  it('refuses years before 1000 for publication dates and event days, as text or as a Date', () => {
    const early = expect.stringContaining('years before 1000 are not supported');
    expect(parsePublishedAt('0099-06-01', 'UTC')).toEqual({ ok: false, message: early });
    expect(parsePublishedAt('0099-06-01T10:00+08:00', 'UTC')).toEqual({ ok: false, message: early });
    expect(parseEventDay('0000-01-01')).toEqual({ ok: false, message: early });
    const year500 = new Date(Date.UTC(2000, 0, 1));
    year500.setUTCFullYear(500);
    expect(parsePublishedAt(year500, 'UTC')).toEqual({ ok: false, message: early });
    expect(parseEventDay(year500)).toEqual({ ok: false, message: early });
  });
  it('gives the calendar day of an instant in a zone', () => {
    const instant = new Date('2024-04-23T20:00:00Z');
    expect(dayInTimeZone(instant, 'Asia/Shanghai')).toBe('2024-04-24');
    expect(dayInTimeZone(instant, 'America/Los_Angeles')).toBe('2024-04-23');
  });
});
