#!/usr/bin/env node
// `npm run import`: turns a raw press release (plain text) into draft stories and prints what it
// found. Never overwrites a file unless --force, never writes through a symbolic link or outside the
// content folder; writes nothing when anything is refused (every target is checked before the first
// write). Exit 0 on success, 1 when refused, 2 on a usage error. The logic is in tools/authoring/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readContentState, type ContentState } from '#tools/authoring/content-folder.ts';
import { EditorFileError } from '#tools/authoring/content-io.ts';
import { checkContentFile, writeContentFile } from '#tools/authoring/content-write.ts';
import { planImport, type PlannedStory } from '#tools/authoring/import-release.ts';
import { decodeUtf8 } from '#lib/source.ts';
import { siteConfig } from '#site.config';
import {
  describeArgumentError,
  orRefuse,
  parseCommandLine,
  refuse,
  refuseAfterWriting,
  requireContentFolder,
} from '#tools/lib/cli.ts';
import { buildSettings } from '#lib/environment.ts';

const HELP = `Usage: npm run import -- <release.txt> [--date YYYY-MM-DD] [--content <dir>] [--force] [--dry-run]

Turns a raw press release (UTF-8 text, pasted from a web page or an e-mail) into draft stories,
one per story and language: content/articles/<YYYY>/<slug>/<lang>.md, with draft: true.

  - the date comes from the release's date line: "30 avril 2024", "April 30, 2024",
    "30 April 2024", "2024年4月30日" or "2024-04-30" (or from --date);
  - paragraphs are kept whole; a short line without final punctuation is a story's title;
    a change of language starts a story (or resumes an earlier one in that language);
  - people, organisations and events of the registry are found by name in English or Chinese
    and fill speakers, organisations and event;
  - photo credits such as "(Photo: ZGC Forum)" become to-do comments where the photo was
    (not published; npm run check warns until the photo is added);
  - missing titles and summaries are TODO placeholders, quoting the story's first sentence.

Prints each story (path, language, title, paragraphs, credits, names found) and the people named
who are not in the registry yet, with a suggested id for content/speakers/<id>.yaml.

  --date <YYYY-MM-DD>   the publication date, when the release has no date line (or to override it)
  --content <dir>       the content folder (default: $CONTENT_DIR or content)
  --force               replace files written by an earlier import of the same release
  --dry-run             print the report, write nothing
  --help                show this help

Exit status: 0 written, 1 refused (nothing written), 2 wrong usage.`;

const OPTIONS = {
  date: { type: 'string' },
  content: { type: 'string' },
  force: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** Prints errors with the same prefix as every editor command, and sets the exit status. */
function fail(errors: readonly string[], status: 1 | 2): never {
  return refuse('import', errors, status);
}

const { values, positionals } = parseCommandLine(
  'import',
  HELP,
  () => parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: OPTIONS }),
  (error) => fail([describeArgumentError(error, Object.keys(OPTIONS))], 2),
);
if (positionals.length !== 1) {
  fail(
    [
      positionals.length === 0
        ? 'give the press release to import: npm run import -- path/to/release.txt'
        : `give one press release at a time (got ${positionals.length}: ${positionals.join(', ')})`,
    ],
    2,
  );
}
const rawPath = path.resolve(positionals[0] ?? '');
const contentDir = path.resolve(values.content ?? buildSettings(process.env).contentDir);
const shown = (file: string): string => path.relative(process.cwd(), file) || '.';

await requireContentFolder(contentDir, fail);
let bytes: Uint8Array;
try {
  bytes = await readFile(rawPath);
} catch {
  fail([`cannot read ${shown(rawPath)}: check the path (it is relative to ${process.cwd()})`], 2);
}
const decoded = decodeUtf8(bytes);
if (!decoded.ok) fail([`${shown(rawPath)} line ${decoded.line}: ${decoded.message}`], 1);

const state: ContentState = await orRefuse(
  () =>
    readContentState(
      contentDir,
      siteConfig.locales.map((l) => l.code),
    ),
  fail,
);
const plan = planImport(decoded.text, {
  state,
  locales: siteConfig.locales,
  sourceName: path.basename(rawPath),
  force: values.force,
  ...(values.date !== undefined ? { date: values.date } : {}),
});
if (!plan.ok) fail(plan.errors, 1);

/** One story of the report. */
function describe(story: PlannedStory, index: number): string[] {
  const names = (collection: 'speakers' | 'organisations' | 'events'): string => {
    const found = story.found.filter((f) => f.collection === collection);
    return found.length === 0 ? 'none' : found.map((f) => `${f.id} ("${f.text}")`).join(', ');
  };
  const credits = new Map<string, number>();
  for (const c of story.credits) credits.set(c.credit, (credits.get(c.credit) ?? 0) + 1);
  const lines = [
    `${index + 1}. ${shown(path.join(contentDir, story.rel))}${story.overwrites ? ' (replaced)' : ''}`,
    `   language: ${story.language}, ${story.paragraphs} paragraph${story.paragraphs === 1 ? '' : 's'}`,
    `   title: ${story.titleIsTodo ? 'TODO (the release gives none)' : story.title}`,
    `   photo credits: ${credits.size === 0 ? 'none' : [...credits].map(([c, n]) => (n > 1 ? `${c} (×${n})` : c)).join(', ')}`,
    `   event: ${story.event ?? 'none'}${story.found.filter((f) => f.collection === 'events').length > 1 ? ` (named: ${names('events')})` : story.event ? ` ("${story.found.find((f) => f.id === story.event)?.text}")` : ''}`,
    `   speakers: ${names('speakers')}`,
    `   organisations: ${names('organisations')}`,
  ];
  return lines;
}

const report = [
  `${values['dry-run'] ? 'Would import' : 'Imported'} ${shown(rawPath)}: ${plan.stories.length} stor${plan.stories.length === 1 ? 'y' : 'ies'}, dated ${plan.date.day} (from ${plan.date.from})`,
  '',
  ...plan.stories.flatMap((s, i) => [...describe(s, i), '']),
];
const unknown = plan.stories.flatMap((s, i) => s.unknown.map((u) => ({ ...u, story: i + 1 })));
report.push('Names not in the registry (suggested new entries; found by title or speech verb, best effort):');
if (unknown.length === 0) report.push('   none');
for (const u of unknown) {
  report.push(
    `   ${u.name} (story ${u.story}): add content/speakers/${u.suggestedId}.yaml, or check the spelling ("…${u.context}…")`,
  );
}
report.push('');

if (!values['dry-run']) {
  // Every target first (a link, a file in the way), so that a refusal leaves nothing half-imported.
  // A dry run checks nothing of the kind: it writes nothing, and the real run will say.
  for (const story of plan.stories) {
    await orRefuse(() => checkContentFile(contentDir, story.rel, { overwrite: story.overwrites }), fail);
  }
  const written: string[] = [];
  for (const story of plan.stories) {
    const file = path.join(contentDir, story.rel);
    try {
      await writeContentFile(contentDir, story.rel, story.text, { overwrite: story.overwrites });
      written.push(shown(file));
    } catch (error) {
      if (!(error instanceof EditorFileError)) throw error;
      const message =
        error.code === 'EEXIST' && !story.overwrites
          ? `${shown(file)} appeared while importing: not overwritten. Run the import again (with --force to replace it)`
          : error.message;
      if (written.length === 0) fail([message], 1);
      refuseAfterWriting(message, written, 'fix the cause, then run the import again with --force');
    }
  }
  report.push(
    'Next: read each draft against the release, fill in the TODOs (npm run check lists them), add tags and photos, then set draft: false.',
  );
}
console.log(report.join('\n'));
