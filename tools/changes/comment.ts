/**
 * The pull-request comment of `npm run changes -- --comment`: the same model as the step summary
 * (markdown.ts), laid out for reviewers, with a hidden marker on its first line so the preview
 * workflow finds its own comment and updates it in place instead of adding one per push. GitHub
 * refuses a comment body over 65,536 characters, so the lists share a byte budget (bytes: never
 * fewer than characters, whatever GitHub counts) and end in "…and N more" when cut. Titles, paths
 * and messages come from the pull request and are escaped as in the step summary.
 */
import type { ContentChanges, StoryChange, VersionChange } from './model.ts';
import {
  countsLine,
  elsewhereLine,
  escapeMarkdown,
  markdownCode,
  otherTable,
  registryTable,
  storyTable,
  tableHead,
  tableRow,
  translationTable,
  type MarkdownTable,
} from './markdown.ts';
import { storyOfPath } from './paths.ts';
import { plural, type RenderOptions } from './wording.ts';

/** The first line of every comment the workflow writes: how it finds the one to update. */
export const COMMENT_MARKER = '<!-- news-archive:changes -->';

/** GitHub's limit on an issue or pull-request comment body. */
export const COMMENT_LIMIT = 65_536;

/** Options of the comment. */
export interface CommentOptions extends RenderOptions {
  /** The commit the comment describes, shown at its foot (the comment is rewritten on every push). */
  readonly headCommit?: string;
  /** The most bytes the body may take (default and at most `COMMENT_LIMIT`). */
  readonly maxBytes?: number;
}

/** One part of the comment whose items may be cut: its fixed lines, its items, its "…and N more" line. */
interface Section {
  readonly head: readonly string[];
  readonly items: readonly string[];
  readonly more: (omitted: number) => string;
  readonly tail: readonly string[];
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Shares `budget` between lists of `sizes` (water-filling): lists that fit in an equal share keep
 * all their items, and what they leave goes to the longer ones, so one long list of problems does
 * not push the stories out.
 */
export function shareBudget(sizes: readonly number[], budget: number): number[] {
  const shares = sizes.map(() => 0);
  let left = Math.max(0, budget);
  const open = sizes.map((_, i) => i).sort((a, b) => (sizes[a] ?? 0) - (sizes[b] ?? 0));
  while (open.length > 0) {
    const equal = Math.floor(left / open.length);
    const i = open.shift() ?? 0;
    const share = Math.min(sizes[i] ?? 0, equal);
    shares[i] = share;
    left -= share;
  }
  return shares;
}

/** A table as a section: its head lines, one item per row. */
function tableSection(title: string | undefined, table: MarkdownTable, what: readonly [string, string]): Section {
  return {
    head: [...(title ? [title, ''] : []), ...tableHead(table.head)],
    items: table.rows.map(tableRow),
    more: (n) => `\n…and ${plural(n, ...what)} more: \`npm run changes -- --base <branch>\` lists them all.`,
    tail: [''],
  };
}

/** A code block fenced longer than any run of backticks in it (the line may hold an alias as written). */
function codeBlock(text: string, indent: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${indent}${fence}yaml`, `${indent}${text}`, `${indent}${fence}`];
}

/** The moved versions, each with the alias its new file needs (or has). */
function movedItems(stories: readonly StoryChange[], options: CommentOptions): string[] {
  const { contentPrefix, locales } = options;
  const moved = stories.flatMap((s) =>
    s.versions.filter((v): v is VersionChange & { movedFrom: string } => !!v.alias && !!v.movedFrom),
  );
  return moved.map((v) => {
    const hint = v.alias!;
    const from = `${markdownCode(storyOfPath(v.movedFrom, contentPrefix, locales))} → ${markdownCode(storyOfPath(v.file, contentPrefix, locales))} (${v.language})`;
    switch (hint.state) {
      case 'present':
        return `- ${from}: alias present ✓ (${markdownCode(hint.alias)})`;
      case 'add':
        return [
          `- ${from}: the old address ${markdownCode(hint.alias)} stops working. Add this line to ${markdownCode(v.file)} (replacing its \`aliases:\` line, if any):`,
          '',
          ...codeBlock(hint.line ?? '', '  '),
        ].join('\n');
      case 'taken':
        return `- ${from}: the old address ${markdownCode(hint.alias)} is still a page of the old story folder, so it cannot be an alias; move the other versions too, or keep this one there.`;
      case 'unpublished':
        return `- ${from}: no alias needed, the old version was a draft (${markdownCode(hint.alias)} was never published).`;
    }
  });
}

/** The checker's problems as a list: severity, `file:line`, field, message. */
function problemItems(changes: ContentChanges): string[] {
  return changes.problems.map(
    (p) =>
      `- **${p.severity}** ${markdownCode(`${p.file}:${p.line}`)} ${markdownCode(p.field)}: ${escapeMarkdown(p.message, 1000)}`,
  );
}

/** The body of the pull-request comment, under GitHub's size limit. Every untrusted value is escaped. */
export function changesComment(changes: ContentChanges, options: CommentOptions): string {
  const maxBytes = Math.min(options.maxBytes ?? COMMENT_LIMIT, COMMENT_LIMIT);
  const maxRows = options.maxRows ?? 200;
  const header = [
    COMMENT_MARKER,
    '## Content changes',
    '',
    `Preview: <${options.previewUrl.replace(/[<>\s|]/g, encodeURIComponent)}> · ${countsLine(changes)}`,
    '',
  ];
  const sections: Section[] = [];
  if (changes.stories.length > 0) {
    sections.push(tableSection(undefined, storyTable(changes, options), ['row', 'rows']));
    const moved = movedItems(changes.stories, options);
    if (moved.length > 0) {
      sections.push({
        head: [
          '### Moved stories',
          '',
          'A story that moves folder changes its address; an alias in its new file keeps the old one working.',
          '',
        ],
        items: moved,
        more: (n) => `- …and ${plural(n, 'moved version')} more: \`npm run changes\` lists them all.`,
        tail: [''],
      });
    }
    const translations = translationTable(changes);
    if (translations.rows.length > 0) {
      sections.push(tableSection('### Translations', translations, ['story', 'stories']));
    }
  }
  if (changes.registry.length > 0)
    sections.push(tableSection('### Registry', registryTable(changes), ['entry', 'entries']));
  if (changes.other.length > 0) sections.push(tableSection('### Other files', otherTable(changes), ['file', 'files']));
  const footer: string[] = [];
  if (!options.checked) {
    footer.push('The content checker did not run: the change was not checked out.', '');
  } else if (changes.problems.length > 0) {
    sections.push({
      head: [`### Checker: ${plural(changes.problems.length, 'problem')} in the changed files`, ''],
      items: problemItems(changes),
      more: (n) => `- …and ${plural(n, 'problem')} more: \`npm run check\` lists them all.`,
      tail: [''],
    });
  } else if (changes.stories.length + changes.registry.length + changes.other.length > 0) {
    footer.push('The content checker finds no problem in the changed files.', '');
  }
  const elsewhere = elsewhereLine(changes);
  if (options.checked && elsewhere) footer.push(elsewhere, '');
  const commit = options.headCommit ? ` for ${markdownCode(options.headCommit.slice(0, 12))}` : '';
  footer.push(
    `<sub>Written${commit} by the Preview workflow (\`npm run changes -- --comment\`); updated on every push.</sub>`,
  );

  // What is always shown, then what the lists may take: each keeps room for its "…and N more" line.
  const fixed = [...header, ...sections.flatMap((s) => [...s.head, ...s.tail]), ...footer];
  const reserve = sections.reduce((sum, s) => sum + bytes(s.more(Number.MAX_SAFE_INTEGER)) + 1, 0);
  const budget = maxBytes - bytes(fixed.join('\n')) - sections.length - reserve;
  const shares = shareBudget(
    sections.map((s) => s.items.slice(0, maxRows).reduce((sum, item) => sum + bytes(item) + 1, 0)),
    budget,
  );
  const out = [...header];
  sections.forEach((s, i) => {
    out.push(...s.head);
    let used = 0;
    let kept = 0;
    for (const item of s.items.slice(0, maxRows)) {
      used += bytes(item) + 1;
      if (used > (shares[i] ?? 0)) break;
      out.push(item);
      kept++;
    }
    if (kept < s.items.length) out.push(s.more(s.items.length - kept));
    out.push(...s.tail);
  });
  out.push(...footer);
  return out.join('\n');
}
