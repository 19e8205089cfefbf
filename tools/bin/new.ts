#!/usr/bin/env node
// `npm run new`: starts a story (a complete frontmatter skeleton with to-dos), or a translation of an
// existing one. Never overwrites a file unless --force, never writes through a symbolic link or
// outside the content folder. Exit 0 on success, 1 when the content refuses (unknown id, slug taken,
// file exists, a link, a read-only or full disk), 2 on a usage error. The logic is in tools/authoring/.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readSourceArticle } from '#tools/authoring/article-translation.ts';
import { readContentState, type ContentState } from '#tools/authoring/content-folder.ts';
import { readContentFile } from '#tools/authoring/content-io.ts';
import { writeContentFile } from '#tools/authoring/content-write.ts';
import {
  findStory,
  planNewArticle,
  todayIn,
  translationTarget,
  translationText,
} from '#tools/authoring/new-article.ts';
import { parseCalendarDay } from '#lib/dates.ts';
import { localeCodes, siteConfig } from '#site.config';
import {
  describeArgumentError,
  expandListOptions,
  orRefuse,
  parseCommandLine,
  refuse,
  requireContentFolder,
} from '#tools/lib/cli.ts';
import { buildSettings } from '#lib/environment.ts';

const HELP = `Usage: npm run new -- "Title" [options]
       npm run new -- --translate <YYYY/slug | slug> [--lang zh] [options]

Starts a story: writes content/articles/<YYYY>/<slug>/<lang>.md with every frontmatter field
(filled in, or as a commented hint), a TODO summary and a TODO body, as a draft.
Ids are checked against the registry (content/speakers/, organisations/, events/, tags/).

  --lang <code>            language of the file: ${localeCodes.join(', ')} (default: ${localeCodes[0]})
  --date <YYYY-MM-DD>      publication date, or a date-time with offset (default: today in ${siteConfig.timeZone})
  --event <id>             the event the story covers
  --speaker <id> [id...]   speakers, in order of appearance (repeat the option, or list ids after it)
  --organisation <id>...   organisations the story is about
  --tag <id>...            tags from the vocabulary
  --slug <slug>            the story folder's name (default: from the title, at most 6 words;
                           a Chinese title gives pinyin). Slugs are unique across years.
  --draft / --no-draft     draft: true (default: the skeleton is full of to-dos) or false
  --force                  overwrite the file if it exists (otherwise it is never overwritten)
  --content <dir>          the content folder (default: $CONTENT_DIR or content)
  --help                   show this help

  --translate <story>      add a language to an existing story (2024/ip-protection-forum, or the slug):
                           the title, summary, speaker roles and cover texts become
                           'TODO translate: <original>', the body is the original under a to-do line,
                           and the shared facts (date, event, speakers, organisations, tags) are left
                           out: the translation inherits them. --lang defaults to the missing language.

Examples:
  npm run new -- "WIPO Holds Talks with CNIPA" --event wipo-cnipa-bilateral-2024 --speaker marco-aleman lu-pengqi
  npm run new -- "产权组织代表与中国国家知识产权局举行双边会谈" --lang zh --date 2024-04-30
  npm run new -- --translate 2024/wipo-cnipa-bilateral-meeting --lang zh

Then fill in the to-dos: npm run check lists each one as a warning ("to-do left").
Exit status: 0 written, 1 refused (nothing written), 2 wrong usage.
Set NEWS_TODAY=YYYY-MM-DD to fix "today" (for tests).`;

const OPTIONS = {
  lang: { type: 'string' },
  date: { type: 'string' },
  event: { type: 'string' },
  speaker: { type: 'string', multiple: true },
  organisation: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  slug: { type: 'string' },
  draft: { type: 'boolean' },
  force: { type: 'boolean', default: false },
  content: { type: 'string' },
  translate: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

/** Prints errors with the same prefix as every editor command, and sets the exit status. */
function fail(errors: readonly string[], status: 1 | 2): never {
  return refuse('new', errors, status);
}

const { values, positionals } = parseCommandLine(
  'new',
  HELP,
  () =>
    parseArgs({
      args: expandListOptions(process.argv.slice(2), ['speaker', 'organisation', 'tag']),
      allowPositionals: true,
      allowNegative: true,
      options: OPTIONS,
    }),
  (error) => fail([describeArgumentError(error, Object.keys(OPTIONS))], 2),
);

const contentDir = path.resolve(values.content ?? buildSettings(process.env).contentDir);
const shown = (rel: string): string => path.relative(process.cwd(), path.join(contentDir, rel)) || '.';

await requireContentFolder(contentDir, fail);
const state: ContentState = await orRefuse(() => readContentState(contentDir, localeCodes), fail);

/**
 * Writes the file through the one safe writer: exclusively unless --force (a file that appeared
 * meanwhile is not lost), never through a link, never outside the content folder.
 */
async function write(rel: string, text: string, overwrite: boolean): Promise<void> {
  await orRefuse(() => writeContentFile(contentDir, rel, text, { overwrite }), fail);
}

if (values.translate !== undefined) {
  const ignored = (['date', 'event', 'speaker', 'organisation', 'tag', 'slug'] as const).filter(
    (k) => values[k] !== undefined,
  );
  if (positionals.length > 0 || ignored.length > 0) {
    fail(
      [
        `--translate takes only --lang, --force and --content; ${[...positionals.map((p) => `"${p}"`), ...ignored.map((k) => `--${k}`)].join(', ')} would be ignored: a translation inherits the story's facts`,
      ],
      2,
    );
  }
  const found = findStory(state, values.translate);
  if (!found.ok) fail([found.error], 1);
  const target = translationTarget(
    { story: found.story, ...(values.lang !== undefined ? { language: values.lang } : {}), force: values.force },
    localeCodes,
  );
  if (!target.ok) fail([target.error], 1);
  const source = readSourceArticle(await orRefuse(() => readContentFile(contentDir, target.sourceRel), fail));
  if (!source.ok) fail([`cannot read ${shown(target.sourceRel)}: ${source.message}. Run npm run check to see why`], 1);
  await write(
    target.rel,
    translationText(source.value, target.from, target.to, target.becomesPrimary),
    target.overwrites,
  );
  console.log(`${target.overwrites ? 'Replaced' : 'Created'} ${shown(target.rel)}`);
  if (target.becomesPrimary) {
    console.log(
      `${target.to} comes first in the site's languages, so ${target.to}.md is now the story's primary file: it carries the date, event, speakers, organisations and tags copied from ${target.from}.md.`,
    );
  }
  console.log(
    `Translate the TODO lines from ${target.from}.md, then set draft: false. npm run check lists what is left.`,
  );
} else {
  if (positionals.length === 0)
    fail(['give the story\'s title in quotes: npm run new -- "WIPO Holds Talks with CNIPA"'], 2);
  if (positionals.length > 1) {
    fail(
      [
        `got ${positionals.length} titles (${positionals.map((p) => `"${p}"`).join(', ')}): put the whole title in quotes, and ids after their option (--speaker id)`,
      ],
      2,
    );
  }
  const fixedToday = process.env['NEWS_TODAY'];
  if (fixedToday !== undefined && !parseCalendarDay(fixedToday).ok) {
    fail([`NEWS_TODAY=${fixedToday} is not a date: write YYYY-MM-DD, or unset it`], 2);
  }
  const plan = planNewArticle(
    {
      title: positionals[0] ?? '',
      ...(values.lang !== undefined ? { language: values.lang } : {}),
      ...(values.date !== undefined ? { date: values.date } : {}),
      ...(values.event !== undefined ? { event: values.event } : {}),
      ...(values.slug !== undefined ? { slug: values.slug } : {}),
      speakers: values.speaker ?? [],
      organisations: values.organisation ?? [],
      tags: values.tag ?? [],
      draft: values.draft ?? true,
      force: values.force,
    },
    {
      state,
      locales: localeCodes,
      timeZone: siteConfig.timeZone,
      today: fixedToday ?? todayIn(siteConfig.timeZone),
    },
  );
  if (!plan.ok) fail(plan.errors, 1);
  await write(plan.rel, plan.text, plan.overwrites);
  console.log(`${plan.overwrites ? 'Replaced' : 'Created'} ${shown(plan.rel)}`);
  console.log(
    'Write the story and its summary (the TODO lines), then set draft: false. npm run check lists what is left.',
  );
}
