/** The plain-text summary `npm run changes` prints in a terminal. */
import type { ContentChanges, VersionChange } from './model.ts';
import {
  plural,
  registryCounts,
  SINGULAR,
  storyCounts,
  translationParts,
  versionNotes,
  type RenderOptions,
} from './wording.ts';

/** How a version's change reads: `added`, `removed (moved to 2024/new)`, `unchanged (files beside it changed)`. */
function describeVersion(v: VersionChange, contentPrefix: string, locales: readonly string[]): string {
  const notes = versionNotes(v, contentPrefix, locales);
  return notes.length ? `${v.status} (${notes.join('; ')})` : v.status;
}

/** Left-aligned columns, two spaces apart. */
function columns(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).trimEnd(),
  );
}

/** Untrusted text for a terminal: control characters (escape sequences, line breaks) become spaces. */
function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

/** A plain-text summary for a terminal. */
export function changesText(changes: ContentChanges, options: RenderOptions & { readonly range: string }): string {
  const { contentPrefix, locales } = options;
  const out: string[] = [`Content changes ${options.range}, preview at ${options.previewUrl}`];
  if (changes.stories.length > 0) {
    out.push('', `Stories: ${storyCounts(changes.stories)}`);
    for (const s of changes.stories) {
      out.push(`  ${s.story}  ${s.status}`);
      out.push(
        ...columns(
          // The title goes last: its width (CJK, long headlines) would misalign every column after it.
          s.versions.map((v) => [
            v.language,
            describeVersion(v, contentPrefix, locales),
            v.url ?? '-',
            v.title === null ? '(no title)' : terminalSafe(v.title),
          ]),
          '    ',
        ),
      );
      for (const a of s.assets) out.push(`    ${a.status} ${a.file}`);
      if (s.translations) {
        const t = translationParts(s.translations);
        out.push(
          `    translations: ${t.languages || 'none'}; missing: ${t.missing || 'none'}; stale: ${t.stale || 'none'}`,
        );
      }
    }
  }
  if (changes.registry.length > 0) {
    out.push('', `Registry: ${registryCounts(changes.registry)}`);
    out.push(
      ...columns(
        changes.registry.map((r) => [
          SINGULAR[r.collection],
          r.status,
          r.id,
          r.name === null ? '(no name)' : terminalSafe(r.name),
          r.movedFrom ? `renamed from ${r.movedFrom}` : r.movedTo ? `renamed to ${r.movedTo}` : '',
        ]),
        '  ',
      ),
    );
  }
  if (changes.other.length > 0) {
    out.push('', `Other files: ${changes.other.length}`);
    for (const o of changes.other) out.push(`  ${o.status} ${o.file}`);
  }
  if (changes.stories.length + changes.registry.length + changes.other.length === 0) {
    out.push('', 'No content changes.');
  }
  if (!options.checked) {
    out.push('', 'Checker not run: --head is not the checked-out commit.');
  } else {
    const { errors, warnings } = changes.problemsElsewhere;
    out.push('', `Checker: ${plural(changes.problems.length, 'problem')} in the changed files`);
    for (const p of changes.problems)
      out.push(`  ${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.field}  ${p.message}`);
    if (errors + warnings > 0) {
      out.push(
        `  and ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in other files: npm run check lists them`,
      );
    }
  }
  return out.join('\n');
}
