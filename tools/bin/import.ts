#!/usr/bin/env node
// `npm run import`: turns a raw press release (plain text) into draft stories and prints what it
// found. Refuses stories already in the archive (unless --force-new) and writes the other-language
// version of an existing story as its translation. Never overwrites a file unless --force, never
// writes through a symbolic link or outside the content folder; writes nothing when anything is
// refused (every target is checked before the first write). Exit 0 on success, 1 when refused, 2 on
// a usage error. The logic is in tools/authoring/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readContentState, type ContentState, type StoryFolder } from '#tools/authoring/content-folder.ts';
import { EditorFileError } from '#tools/authoring/content-io.ts';
import { checkContentFile, writeContentFile } from '#tools/authoring/content-write.ts';
import { readArchive } from '#tools/authoring/import-archive.ts';
import { planImport, type PlannedStory } from '#tools/authoring/import-release.ts';
import { findStory } from '#tools/authoring/new-article.ts';
import { parseRelease } from '#tools/authoring/press-release.ts';
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

const HELP = `Usage: npm run import -- <release.txt> [--date YYYY-MM-DD] [--content <dir>] [--force] [--force-new]
                                     [--translation-of <YYYY/slug>] [--dry-run]

Turns a raw press release (UTF-8 text, pasted from a web page or an e-mail) into draft stories,
one per story and language: content/articles/<YYYY>/<slug>/<lang>.md, with draft: true.

  - the date comes from the release's date line: "30 avril 2024", "April 30, 2024",
    "30 April 2024", "2024年4月30日" or "2024-04-30" (or from --date);
  - paragraphs are kept whole; the first short line without final punctuation is the title;
    a later one is a sub-heading ("## …" in the body) unless it starts another story: it is
    followed by a date line, or it names an event the story is not about; a date line after
    a story's text, or a change of language, also starts a story (or resumes an earlier one
    in that language);
  - people, organisations and events of the registry are found by name in English or Chinese
    and fill speakers, organisations and event; a parallel forum (an event with partOf) is
    also found by its theme when its larger event is named, and the story is filed under it;
  - ASCII , : ; ? ! ( ) touching Chinese characters become full width (，：；？！（）), by the
    site's typography rule; the report counts them;
  - photo credits such as "(Photo: ZGC Forum)" become to-do comments where the photo was
    (not published; npm run check warns until the photo is added);
  - a line "Source: https://…" becomes the story's source;
  - missing titles and summaries are TODO placeholders, quoting the story's first sentence.

Before writing, each story is compared with the archive:
  - already there (same source address; or same day and a similar title, Dice >= 0.8 of
    character bigrams for Chinese, of words for English; or the same opening paragraph,
    Dice >= 0.9): refused, naming the file, the criterion and the similarity, for every story;
  - the other-language version of an existing story (same day, same event, speakers shared,
    Jaccard >= 0.5, and no file in this language yet): written as that story's translation,
    <lang>.md in its folder, inheriting its date, event, speakers, organisations and tags.

Prints each story (path, language, title, paragraphs, sub-headings, credits, names found,
punctuation made full width) and the people named who are not in the registry yet, with a
suggested id for content/speakers/<id>.yaml.

  --date <YYYY-MM-DD>          the publication date, when the release has no date line (or to override it)
  --content <dir>              the content folder (default: $CONTENT_DIR or content)
  --force                      replace files written by an earlier import of the same release
                               (or an existing translation file, with --translation-of)
  --force-new                  import every story as a new one, even those already in the archive,
                               and never as a translation
  --translation-of <YYYY/slug> the text (one story) is the other-language version of this story:
                               written as its <lang>.md, inheriting the story's facts
  --dry-run                    print the report, write nothing
  --help                       show this help

Exit status: 0 written, 1 refused (nothing written), 2 wrong usage.`;

const OPTIONS = {
  date: { type: 'string' },
  content: { type: 'string' },
  force: { type: 'boolean', default: false },
  'force-new': { type: 'boolean', default: false },
  'translation-of': { type: 'string' },
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
const locales = siteConfig.locales.map((l) => l.code);
let translationOf: StoryFolder | undefined;
if (values['translation-of'] !== undefined) {
  if (values['force-new']) fail(['--translation-of and --force-new contradict each other: give one of them'], 2);
  const found = findStory(state, values['translation-of']);
  if (!found.ok) fail([found.error.replace(/--translate\b/gu, '--translation-of')], 1);
  translationOf = found.story;
}
// The archive is read where the release's stories could be: its year (and the translated story's),
// or every year when a story carries a source address (a duplicate may be filed under any year).
const parsed = parseRelease(decoded.text, siteConfig.locales);
const day = values.date ?? parsed.date?.day;
const years = new Set([
  ...(day !== undefined ? [day.slice(0, 4)] : []),
  ...(translationOf ? [translationOf.year] : []),
]);
const anySource = parsed.stories.some((s) => s.source !== undefined);
// --force-new compares nothing, so it reads nothing (--translation-of, which needs a story, excludes it).
const readYears = values['force-new'] ? new Set<string>() : anySource ? undefined : years;
const archive = await orRefuse(
  () =>
    readArchive(contentDir, state, {
      ...(readYears !== undefined ? { years: readYears } : {}),
      locales,
      timeZone: siteConfig.timeZone,
    }),
  fail,
);
const plan = planImport(decoded.text, {
  state,
  locales: siteConfig.locales,
  sourceName: path.basename(rawPath),
  force: values.force,
  forceNew: values['force-new'],
  archive: archive.files,
  show: (rel) => shown(path.join(contentDir, rel)),
  ...(translationOf !== undefined ? { translationOf } : {}),
  ...(values.date !== undefined ? { date: values.date } : {}),
});
if (!plan.ok) fail(plan.errors, 1);

/** How the story names its event: as written, or by its title in other words. */
function eventText(story: PlannedStory): string {
  const named = story.found.find((f) => f.id === story.event);
  return named === undefined ? ' (its title names it in other words)' : ` ("${named.text}")`;
}

/** One story of the report. */
function describe(story: PlannedStory, index: number): string[] {
  const names = (collection: 'speakers' | 'organisations' | 'events'): string => {
    const found = story.found.filter((f) => f.collection === collection);
    return found.length === 0 ? 'none' : found.map((f) => `${f.id} ("${f.text}")`).join(', ');
  };
  const credits = new Map<string, number>();
  for (const c of story.credits) credits.set(c.credit, (credits.get(c.credit) ?? 0) + 1);
  const translation = story.translation;
  const lines = [
    `${index + 1}. ${shown(path.join(contentDir, story.rel))}${story.overwrites ? ' (replaced)' : ''}`,
    ...(translation !== undefined
      ? [
          `   translation: the ${story.language} version of ${translation.of} (${translation.automatic ? `found by its day, event and speakers, speaker overlap ${translation.speakerOverlap?.toFixed(2) ?? '1.00'}; --force-new imports it as a new story instead` : 'as asked with --translation-of'}); ${translation.becomesPrimary ? `it becomes the primary file, with the facts copied from ${translation.from}.md` : `it inherits the date, event, speakers, organisations and tags of ${translation.from}.md`}`,
        ]
      : []),
    `   language: ${story.language}, ${story.paragraphs} paragraph${story.paragraphs === 1 ? '' : 's'}`,
    `   title: ${story.titleIsTodo ? 'TODO (the release gives none)' : story.title}`,
    `   sub-headings: ${story.headings.length === 0 ? 'none' : story.headings.map((h) => `"## ${h}"`).join(', ')}`,
    `   photo credits: ${credits.size === 0 ? 'none' : [...credits].map(([c, n]) => (n > 1 ? `${c} (×${n})` : c)).join(', ')}`,
    `   event: ${story.event ?? 'none'}${story.found.filter((f) => f.collection === 'events').length > 1 ? ` (named: ${names('events')})` : story.event ? eventText(story) : ''}`,
    `   speakers: ${names('speakers')}`,
    `   organisations: ${names('organisations')}`,
    `   Chinese punctuation: ${story.punctuation === 0 ? 'none changed' : `${story.punctuation} ASCII mark${story.punctuation === 1 ? '' : 's'} made full width next to Han (review them in the diff)`}`,
    ...(story.source !== undefined ? [`   source: ${story.source}`] : []),
    ...story.notes.map((n) => `   note: ${n}`),
  ];
  return lines;
}

const report = [
  `${values['dry-run'] ? 'Would import' : 'Imported'} ${shown(rawPath)}: ${plan.stories.length} stor${plan.stories.length === 1 ? 'y' : 'ies'}, dated ${plan.date.day} (from ${plan.date.from})`,
  '',
  ...plan.stories.flatMap((s, i) => [...describe(s, i), '']),
];
const unknown = plan.stories.flatMap((s, i) => s.unknown.map((u) => ({ ...u, story: i + 1 })));
if (archive.unreadable.length > 0) {
  report.push(
    `Not compared (cannot be read, or no title or summary; npm run check says why): ${archive.unreadable.map((rel) => shown(path.join(contentDir, rel))).join(', ')}`,
    '',
  );
}
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
