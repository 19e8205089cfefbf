/**
 * The GitHub-flavoured Markdown summary of `npm run changes --markdown`, for `$GITHUB_STEP_SUMMARY`.
 * Titles, names, paths and messages come from the pull request, so every one is made inert first.
 */
import type { ContentChanges } from './model.ts';
import {
  plural,
  registryCounts,
  SINGULAR,
  storyCounts,
  translationParts,
  versionNotes,
  type RenderOptions,
} from './wording.ts';

/** Characters that would reorder or hide text (bidirectional overrides and isolates, zero-width). */
const INVISIBLE_RE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Makes untrusted text (a title, a name, a message quoting a value) inert in a Markdown table cell:
 * line breaks and control characters become spaces (a newline would end the row), invisible
 * direction controls go, and every ASCII punctuation character is backslash-escaped (CommonMark lets
 * each of them be escaped), so no `|`, link, image, HTML tag, emphasis, entity, mention or autolink
 * survives. Long text is cut: a summary has a size limit.
 */
export function escapeMarkdown(text: string, max = 300): string {
  const flat = text
    .replace(INVISIBLE_RE, '')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = [...flat];
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
  // ASCII punctuation: ! to /, : to @, [ to `, { to ~.
  return cut.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Untrusted text as an inline code span in a table cell (paths): a fence longer than any backtick run. */
export function markdownCode(text: string): string {
  const flat = text.replace(INVISIBLE_RE, '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  // GFM splits table rows on `|` before reading code spans; `\|` is its escape, even inside them.
  return `${fence}${pad}${flat.replaceAll('|', '\\|')}${pad}${fence}`;
}

/** A Markdown table's head and rows, each row its cells. */
export interface MarkdownTable {
  /** Column titles. */
  readonly head: readonly string[];
  /** Rows of escaped cells. */
  readonly rows: readonly (readonly string[])[];
}

/** A table's head lines. */
export function tableHead(head: readonly string[]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
}

/** A table row. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** One row per language version and per changed file beside them: story, language, change, title, preview. */
export function storyTable(
  changes: ContentChanges,
  options: Pick<RenderOptions, 'contentPrefix' | 'locales'>,
): MarkdownTable {
  const { contentPrefix, locales } = options;
  const rows = changes.stories.flatMap((s) => {
    const label = `${markdownCode(s.story)}${s.status === 'changed' ? '' : ` (${s.status === 'added' ? 'new story' : 'story removed'})`}`;
    const versionRows = s.versions.map((v) => [
      label,
      v.language,
      [v.status, ...versionNotes(v, contentPrefix, locales, markdownCode).map((n) => `(${n})`)].join(' '),
      v.title === null ? '*(no title)*' : escapeMarkdown(v.title),
      v.url === null ? '—' : `[preview](<${v.url}>)`,
    ]);
    const assetRows = s.assets.map((a) => [label, '—', `file ${a.status}`, markdownCode(a.file), '—']);
    return [...versionRows, ...assetRows];
  });
  return { head: ['Story', 'Language', 'Change', 'Title', 'Preview'], rows };
}

/** The translation status of each story the change leaves in place: languages, missing, stale. */
export function translationTable(changes: ContentChanges): MarkdownTable {
  const rows = changes.stories.flatMap((s) => {
    if (!s.translations) return [];
    const t = translationParts(s.translations);
    return [[markdownCode(s.story), t.languages || '—', t.missing || '—', t.stale || '—']];
  });
  return { head: ['Story', 'Languages', 'Missing', 'Stale translations'], rows };
}

/** The registry entries: kind, id, change, name. */
export function registryTable(changes: ContentChanges): MarkdownTable {
  const rows = changes.registry.map((r) => {
    const moved = r.movedFrom
      ? ` (renamed from ${markdownCode(r.movedFrom)})`
      : r.movedTo
        ? ` (renamed to ${markdownCode(r.movedTo)})`
        : '';
    return [
      SINGULAR[r.collection],
      markdownCode(r.id),
      `${r.status}${moved}`,
      r.name === null ? '*(no name)*' : escapeMarkdown(r.name),
    ];
  });
  return { head: ['Kind', 'Id', 'Change', 'Name'], rows };
}

/** The other files of the content folder: file, change. */
export function otherTable(changes: ContentChanges): MarkdownTable {
  return { head: ['File', 'Change'], rows: changes.other.map((o) => [markdownCode(o.file), o.status]) };
}

/** The counts line: `3 stories (…) · 1 registry entry (…) · 1 other file.`, or that nothing changed. */
export function countsLine(changes: ContentChanges): string {
  if (changes.stories.length === 0 && changes.registry.length === 0 && changes.other.length === 0) {
    return 'No stories, registry entries or other content files changed.';
  }
  const counts = [storyCounts(changes.stories), registryCounts(changes.registry)];
  if (changes.other.length) counts.push(plural(changes.other.length, 'other file'));
  return `${counts.join(' · ')}.`;
}

/** The count of problems in files the change does not touch, or undefined when there are none. */
export function elsewhereLine(changes: ContentChanges): string | undefined {
  const { errors, warnings } = changes.problemsElsewhere;
  return errors + warnings > 0
    ? `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in other files (perhaps caused by this change): \`npm run check\` lists them.`
    : undefined;
}

/** A GitHub-flavoured Markdown summary for `$GITHUB_STEP_SUMMARY`. Every untrusted value is escaped. */
export function changesMarkdown(changes: ContentChanges, options: RenderOptions): string {
  const maxRows = options.maxRows ?? 300;
  const out: string[] = ['## Content changes', ''];
  out.push(`Preview: <${options.previewUrl.replace(/[<>\s|]/g, encodeURIComponent)}>`, '');
  out.push(countsLine(changes), '');
  const table = ({ head, rows }: MarkdownTable, what: readonly [string, string]): void => {
    out.push(...tableHead(head));
    for (const row of rows.slice(0, maxRows)) out.push(tableRow(row));
    if (rows.length > maxRows)
      out.push('', `…and ${plural(rows.length - maxRows, ...what)} more: run npm run changes locally.`);
    out.push('');
  };
  if (changes.stories.length > 0) {
    table(storyTable(changes, options), ['row', 'rows']);
    const translations = translationTable(changes);
    if (translations.rows.length > 0) {
      out.push('### Translations', '');
      table(translations, ['story', 'stories']);
    }
  }
  if (changes.registry.length > 0) {
    out.push('### Registry', '');
    table(registryTable(changes), ['entry', 'entries']);
  }
  if (changes.other.length > 0) {
    out.push('### Other files', '');
    table(otherTable(changes), ['file', 'files']);
  }
  if (!options.checked) {
    out.push('The content checker did not run: `--head` is not the checked-out commit.', '');
  } else if (changes.problems.length > 0) {
    out.push('### Checker: problems in the changed files', '');
    table(
      {
        head: ['File', 'Line', 'Severity', 'Field', 'Message'],
        rows: changes.problems.map((p) => [
          markdownCode(p.file),
          String(p.line),
          p.severity,
          markdownCode(p.field),
          escapeMarkdown(p.message, 1000),
        ]),
      },
      ['problem', 'problems'],
    );
  } else if (changes.stories.length + changes.registry.length + changes.other.length > 0) {
    out.push('The content checker finds no problem in the changed files.', '');
  }
  const elsewhere = elsewhereLine(changes);
  if (options.checked && elsewhere) out.push(elsewhere, '');
  return out.join('\n');
}
