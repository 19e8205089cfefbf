/**
 * The date line of a pasted press release: `30 avril 2024`, `April 30, 2024`, `2024年4月30日`…, read
 * to the day it names. Hand-written because the date libraries read one locale's format at a time,
 * and a release mixes English, French and Chinese lines.
 */
import { parseCalendarDay } from '#lib/dates.ts';

/** Month names and abbreviations in English and French (with and without accents), by month number. */
const MONTHS: Readonly<Record<string, number>> = (() => {
  const names: [number, string[]][] = [
    [1, ['january', 'jan', 'janvier', 'janv']],
    [2, ['february', 'feb', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'fev']],
    [3, ['march', 'mar', 'mars']],
    [4, ['april', 'apr', 'avril', 'avr']],
    [5, ['may', 'mai']],
    [6, ['june', 'jun', 'juin']],
    [7, ['july', 'jul', 'juillet', 'juil']],
    [8, ['august', 'aug', 'août', 'aout']],
    [9, ['september', 'sep', 'sept', 'septembre']],
    [10, ['october', 'oct', 'octobre']],
    [11, ['november', 'nov', 'novembre']],
    [12, ['december', 'dec', 'décembre', 'decembre', 'déc']],
  ];
  return Object.fromEntries(names.flatMap(([month, words]) => words.map((w) => [w, month])));
})();

const MONTH = String.raw`(\p{L}+)\.?`;
// A weekday or "Beijing," before the date ("Tuesday, 30 April 2024", "mardi 30 avril 2024") is skipped.
const LEAD = String.raw`^(?:\p{L}+,?\s+)?`;
const DATE_PATTERNS: readonly { re: RegExp; order: 'dmy' | 'mdy' | 'ymd' }[] = [
  { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/u, order: 'ymd' },
  { re: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u, order: 'ymd' },
  { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/u, order: 'ymd' },
  { re: new RegExp(String.raw`${LEAD}(\d{1,2})(?:er|st|nd|rd|th)?\s+${MONTH}\s+(\d{4})$`, 'iu'), order: 'dmy' },
  { re: new RegExp(String.raw`${LEAD}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`, 'iu'), order: 'mdy' },
];

/**
 * The day a date line names, as `YYYY-MM-DD`: `30 avril 2024`, `1er mai 2024`, `April 30, 2024`,
 * `30 April 2024`, `2024年4月30日`, `2024-04-30`. `undefined` when the line is not a date at all; an
 * error message when it is one that does not exist (`31 avril 2024`).
 */
export function parseReleaseDate(line: string): { day: string } | { error: string } | undefined {
  const text = line.replace(/\s+/gu, ' ').trim();
  if (text.length > 40) return undefined;
  for (const { re, order } of DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [a = '', b = '', c = ''] = m.slice(1);
    let year: string;
    let month: number | undefined;
    let day: string;
    if (order === 'ymd') [year, month, day] = [a, Number(b), c];
    else if (order === 'dmy') [day, month, year] = [a, MONTHS[b.toLowerCase()], c];
    else [month, day, year] = [MONTHS[a.toLowerCase()], b, c];
    if (month === undefined) continue;
    const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
    const checked = parseCalendarDay(iso);
    return checked.ok
      ? { day: checked.value }
      : { error: `the date line "${text}" names no real day: ${checked.message}` };
  }
  return undefined;
}
