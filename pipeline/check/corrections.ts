/**
 * The checker's rules on `corrections`. Each language file keeps its own list, in its language
 * (src/lib/corrections.ts), so nothing is inherited or compared for drift; instead:
 * - a correction dated before the story's publication date (the primary file's) is an error. Only
 *   the story's own dates are compared, never the clock: a check gives the same answer every day;
 * - a correction repeated exactly (same date, same text) is a warning;
 * - a translation without corrections while the primary file has some is a warning: its readers
 *   would not learn of them.
 */
import { repeatedCorrections } from '#lib/corrections.ts';
import type { PublishedAt } from '#lib/dates.ts';
import { primaryLanguage } from '#lib/stories.ts';
import type { CheckRun } from './check-run.ts';
import type { StoryFolders } from './story-rules.ts';
import { fieldName } from './zod-issues.ts';

/** Whether `a` is before `b`: by day when either is a plain date, by instant when both have a time. */
function isBefore(a: PublishedAt, b: PublishedAt): boolean {
  return a.hasTime && b.hasTime ? a.instant < b.instant : a.day < b.day;
}

/** How a date is written in messages. */
function shown(date: PublishedAt): string {
  return date.hasTime ? date.instant : date.day;
}

/** Reports the corrections problems of every story. */
export function checkCorrections(run: CheckRun, stories: StoryFolders): void {
  for (const members of stories.values()) {
    const primaryLang = primaryLanguage(
      members.map((m) => m.language),
      run.locales,
    );
    const primary = members.find((m) => m.language === primaryLang);
    const published = primary?.facts.date;
    for (const m of members) {
      const corrections = m.facts.corrections ?? [];
      corrections.forEach((c, index) => {
        if (!published || !isBefore(c.date, published)) return;
        const path = ['corrections', index, 'date'];
        run.report(
          m.rel,
          m.locate(path),
          'error',
          fieldName(path),
          `correction date ${shown(c.date)} is before the story's publication date ${shown(published)}: a correction comes after publication; fix the date`,
        );
      });
      for (const index of repeatedCorrections(corrections)) {
        const path = ['corrections', index];
        run.report(
          m.rel,
          m.locate(path),
          'warning',
          fieldName(path),
          'this correction repeats an earlier one (same date and text): delete one of them',
        );
      }
    }
    // Counted from the file as written, so a primary with one wrongly written correction still counts.
    const written = primary?.raw?.['corrections'];
    const primaryCount = Array.isArray(written) ? written.length : 0;
    if (!primary || primaryCount === 0) continue;
    for (const m of members) {
      if (m === primary || !m.raw || m.raw['corrections'] !== undefined || m.facts.draft === true) continue;
      run.report(
        m.rel,
        m.locate([]),
        'warning',
        'corrections',
        `no corrections: ${primary.language}.md lists ${primaryCount} correction(s), which this version does not show; add them here in ${m.language} ("corrections:", then "- date: …" and "  text: …" for each)`,
      );
    }
  }
}
