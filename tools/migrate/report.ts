/**
 * The closing report of `npm run migrate` (issue 15): what was migrated (stories, pairs, speakers,
 * tags, images, aliases, conversions, languages left out) and what an editor has to look at (notes
 * by kind, disagreements, to-dos), each at `file:line:column` relative to the site folder so that
 * editors can open it. As text for people and as JSON (`--json`) for scripts; both are built from
 * the same data, in a fixed order, so two runs on the same site print the same report.
 */
import path from 'node:path';
import type { MigrationPlan, PlanNote } from './plan.ts';
import type { SourceSite } from './source-page.ts';

/** What the report is about: the plan, where it came from and what writing it did. */
export interface ReportInput {
  readonly plan: MigrationPlan;
  /** The source site folder (absolute); note locations are shown relative to it. */
  readonly siteDir: string;
  /** The generator read (`hugo`, `docusaurus`). */
  readonly generator: string;
  /** The output folder, as the editor should read it. */
  readonly outDir: string;
  /** The counts of the write, or undefined for a dry run (nothing written). */
  readonly written?: { readonly written: number; readonly unchanged: number };
}

/** One note as reported: where (relative to the site folder) and what. */
export interface ReportedNote {
  readonly location: string;
  readonly message: string;
}

/** The report's data, in the order it is printed (JSON keys follow this order). */
export interface MigrationReport {
  readonly site: string;
  readonly generator: string;
  readonly out: string;
  readonly dryRun: boolean;
  readonly files: { readonly planned: number; readonly written: number; readonly unchanged: number };
  readonly stories: number;
  readonly pairs: number;
  readonly speakers: number;
  readonly tags: number;
  readonly images: number;
  readonly covers: number;
  readonly aliases: number;
  readonly pagesRead: Readonly<Record<string, number>>;
  readonly converted: Readonly<Record<string, number>>;
  readonly otherLocales: Readonly<Record<string, number>>;
  /** Notes other than disagreements and to-dos, by kind (kinds in alphabetical order). */
  readonly notes: Readonly<Record<string, readonly ReportedNote[]>>;
  readonly disagreements: readonly ReportedNote[];
  readonly todos: readonly ReportedNote[];
}

/** Code-point order, not the locale's: the same on every machine. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A record with its keys sorted, so JSON and text do not depend on insertion order. */
function sorted<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}

/** `file:line[:column]`, the file relative to the site folder with `/` (absolute if outside it). */
export function noteLocation(note: PlanNote, siteDir: string): string {
  const rel = path.relative(siteDir, note.file);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? note.file : rel;
  const file = shown.split(path.sep).join('/');
  return `${file}:${note.line}${note.column === undefined ? '' : `:${note.column}`}`;
}

/**
 * The plan with the reader's findings added as notes (`unreadable`: a file that could not be read,
 * `skipped`: one left out on purpose), unless the mapping already noted them: the report is where
 * editors look, so nothing the reader met is left out of it silently.
 */
export function withSiteNotes(plan: MigrationPlan, site: Pick<SourceSite, 'problems' | 'skipped'>): MigrationPlan {
  const key = (n: Pick<PlanNote, 'file' | 'line' | 'message'>): string => `${n.file}\0${n.line}\0${n.message}`;
  const known = new Set(plan.notes.map(key));
  const extra: PlanNote[] = [
    ...site.problems.map((p) => ({ file: p.file, line: p.line, kind: 'unreadable', message: p.message })),
    ...site.skipped.map((s) => ({ file: s.file, line: 1, kind: 'skipped', message: s.reason })),
  ].filter((n) => !known.has(key(n)));
  return extra.length === 0 ? plan : { ...plan, notes: byPlace([...plan.notes, ...extra]) };
}

/** Notes in file, line, column order (the plan's order, made sure of). */
function byPlace(notes: readonly PlanNote[]): PlanNote[] {
  return [...notes].sort(
    (a, b) =>
      compare(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || compare(a.message, b.message),
  );
}

/** The report's data for `input`. */
export function buildReport(input: ReportInput): MigrationReport {
  const { plan, siteDir } = input;
  const notes: Record<string, ReportedNote[]> = {};
  const disagreements: ReportedNote[] = [];
  const todos: ReportedNote[] = [];
  for (const note of byPlace(plan.notes)) {
    const reported = { location: noteLocation(note, siteDir), message: note.message };
    if (note.kind === 'disagreement') disagreements.push(reported);
    else if (note.kind === 'todo') todos.push(reported);
    else (notes[note.kind] ??= []).push(reported);
  }
  const c = plan.counts;
  return {
    site: siteDir,
    generator: input.generator,
    out: input.outDir,
    dryRun: input.written === undefined,
    files: {
      planned: plan.files.length,
      written: input.written?.written ?? 0,
      unchanged: input.written?.unchanged ?? 0,
    },
    stories: c.stories,
    pairs: c.pairs,
    speakers: c.speakers,
    tags: c.tags,
    images: c.images,
    covers: c.covers ?? 0,
    aliases: c.aliases,
    pagesRead: sorted(c.pages),
    converted: sorted(c.converted),
    otherLocales: sorted(c.otherLocales),
    notes: sorted(notes),
    disagreements,
    todos,
  };
}

/** `a 2, b 1`, or `none`. */
function tally(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record);
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ${n}`).join(', ');
}

/** A titled list of notes, or nothing when empty. */
function section(title: string, notes: readonly ReportedNote[]): string[] {
  if (notes.length === 0) return [];
  return ['', `${title} (${notes.length}):`, ...notes.map((n) => `  ${n.location}  ${n.message}`)];
}

/** The report as text, for people: the figures first, then what to look at. Ends with a newline. */
export function reportText(input: ReportInput): string {
  const r = buildReport(input);
  const files = r.dryRun
    ? `${r.files.planned} planned (dry run: nothing written)`
    : `${r.files.written} written, ${r.files.unchanged} unchanged`;
  const lines = [
    `${r.dryRun ? 'Would migrate' : 'Migrated'} ${r.site} (${r.generator}) into ${r.out}`,
    `  files:           ${files}`,
    `  pages read:      ${tally(r.pagesRead)}`,
    `  stories:         ${r.stories} (${r.pairs} with more than one language)`,
    `  speakers:        ${r.speakers}`,
    `  tags:            ${r.tags}`,
    `  images copied:   ${r.images}`,
    `  covers:          ${r.covers}`,
    `  aliases:         ${r.aliases}`,
    `  converted:       ${tally(r.converted)}`,
    `  left out (other languages): ${tally(r.otherLocales)}`,
  ];
  for (const [kind, notes] of Object.entries(r.notes)) lines.push(...section(`Notes: ${kind}`, notes));
  lines.push(...section('Disagreements', r.disagreements));
  lines.push(...section('To-dos (check these before publishing)', r.todos));
  const total = Object.values(r.notes).reduce((n, list) => n + list.length, r.disagreements.length + r.todos.length);
  lines.push('', total === 0 ? 'Nothing to look at.' : `${total} note${total === 1 ? '' : 's'} to look at.`);
  return `${lines.join('\n')}\n`;
}

/** The report as one JSON object (`--json`), keys in a fixed order. Ends with a newline. */
export function reportJson(input: ReportInput): string {
  return `${JSON.stringify(buildReport(input), null, 2)}\n`;
}
