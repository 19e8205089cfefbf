/**
 * How `npm run status` prints a translation status report: stable JSON for CI, or a table and lists
 * for an editor at a terminal.
 */
import type { StatusReport } from './translation-status.ts';

/**
 * The report as JSON for CI: keys always present and always in the same order (objects are built
 * field by field), lists sorted, so two runs on the same content give the same bytes.
 */
export function statusJson(report: StatusReport, contentDir: string): string {
  const ordered = {
    contentDir,
    locales: report.locales,
    stories: report.stories,
    versions: report.versions,
    complete: report.complete,
    byLocale: Object.fromEntries(
      report.locales.map((l) => {
        const c = report.byLocale[l]!;
        return [
          l,
          {
            versions: c.versions,
            published: c.published,
            drafts: c.drafts,
            primary: c.primary,
            translations: c.translations,
            missing: c.missing,
            stale: c.stale,
          },
        ];
      }),
    ),
    missing: report.missing.map((m) => ({
      story: m.story,
      year: m.year,
      slug: m.slug,
      languages: m.languages,
      drafts: m.drafts,
      missing: m.missing,
    })),
    stale: report.stale.map((s) => ({
      story: s.story,
      year: s.year,
      slug: s.slug,
      language: s.language,
      file: s.file,
      draft: s.draft,
      changed: s.changed,
      changedFrom: s.changedFrom,
      primary: s.primary,
      primaryChanged: s.primaryChanged,
      primaryChangedFrom: s.primaryChangedFrom,
    })),
    unreadable: report.unreadable.map((u) => ({ file: u.file, message: u.message })),
  };
  return JSON.stringify(ordered, null, 2);
}

/** Left-aligned columns, two spaces apart (the rows are ASCII except for paths and messages). */
function columns(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).trimEnd(),
  );
}

/** The report as a readable table and lists, for editors at a terminal. */
export function formatStatus(report: StatusReport, contentDir: string): string {
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  const out: string[] = [
    `Translation status of ${contentDir}: ${plural(report.stories, 'story', 'stories')}, ` +
      `${plural(report.versions, 'language version')}, ${report.complete} in every language`,
    '',
    ...columns([
      ['language', 'versions', 'published', 'drafts', 'primary', 'translations', 'missing', 'stale'],
      ...report.locales.map((l) => {
        const c = report.byLocale[l]!;
        return [l, c.versions, c.published, c.drafts, c.primary, c.translations, c.missing, c.stale].map(String);
      }),
    ]),
  ];
  if (report.missing.length > 0) {
    out.push('', `Missing translations (${plural(report.missing.length, 'story', 'stories')}):`);
    out.push(
      ...columns(
        report.missing.map((m) => [
          m.story,
          `has ${m.languages.map((l) => (m.drafts.includes(l) ? `${l} (draft)` : l)).join(', ')}`,
          `missing ${m.missing.join(', ')}`,
        ]),
        '  ',
      ),
    );
  }
  if (report.stale.length > 0) {
    out.push(
      '',
      `Stale translations (${report.stale.length}): the primary file changed after the translation last did`,
    );
    out.push(
      ...columns(
        report.stale.map((s) => [
          s.story,
          s.draft ? `${s.language} (draft)` : s.language,
          `${s.changedFrom} ${s.changed}`,
          `older than ${s.primary}.md ${s.primaryChangedFrom} ${s.primaryChanged}`,
        ]),
        '  ',
      ),
    );
  }
  if (report.unreadable.length > 0) {
    out.push('', `Files with problems (${report.unreadable.length}), the first of each: npm run check lists them all`);
    for (const u of report.unreadable) out.push(`  ${u.file}  ${u.message}`);
  }
  if (report.missing.length === 0 && report.stale.length === 0 && report.stories > 0) {
    out.push('', '✔ every story is in every language, and no translation is older than its primary file');
  }
  return out.join('\n');
}
