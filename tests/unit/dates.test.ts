import { describe, expect, it } from 'vitest';
import { dayInTimeZone, parseCalendarDay, parseEventDay, parsePublishedAt } from '../../src/lib/dates.ts';

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
  it('gives the calendar day of an instant in a zone', () => {
    const instant = new Date('2024-04-23T20:00:00Z');
    expect(dayInTimeZone(instant, 'Asia/Shanghai')).toBe('2024-04-24');
    expect(dayInTimeZone(instant, 'America/Los_Angeles')).toBe('2024-04-23');
  });
});
