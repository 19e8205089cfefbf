#!/usr/bin/env node
// `npm run migrate` (issue 15): moves a Hugo or Docusaurus news site into our content folder.
// Thin on purpose: reading the site (tools/migrate/hugo-site.ts, docusaurus-site.ts), mapping it
// (map-site.ts), writing (write-plan.ts) and the report (report.ts) are libraries with their own
// tests. Exit 0 written (notes are not failures), 1 refused or unreadable site, 2 wrong usage.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSettings } from '#lib/environment.ts';
import { siteConfig } from '#site.config';
import { EditorFileError } from '#tools/authoring/content-io.ts';
import { describeArgumentError, parseCommandLine, refuse } from '#tools/lib/cli.ts';
import { readDocusaurusSite } from '#tools/migrate/docusaurus-site.ts';
import { readHugoSite } from '#tools/migrate/hugo-site.ts';
import { parseLocaleMapping } from '#tools/migrate/locales.ts';
import { mapSite } from '#tools/migrate/map-site.ts';
import { reportJson, reportText, withSiteNotes } from '#tools/migrate/report.ts';
import type { SourceSite } from '#tools/migrate/source-page.ts';
import { checkPlan, previewPlan, writePlan, type WriteOutcome } from '#tools/migrate/write-plan.ts';

const HELP = `Usage: npm run migrate -- --from hugo|docusaurus <site-folder> [options]

Moves the news pages of a Hugo or Docusaurus site into our content folder: one story folder per
story (translations paired), speakers and tags registries, images copied, old addresses kept as
aliases, shortcodes and admonitions converted. Ends with a report: what was migrated, then every
note an editor should look at, as file:line:column in the old site.

  --from <hugo|docusaurus>  the generator the site was written for (required)
  --section <path>          Hugo: a content section to read (repeatable; default: the first of
                            blog, posts, news, post). Docusaurus: the blog folder (default: blog)
  --out <dir>               where to write (default: $CONTENT_DIR or content)
  --locale <src=ours>       map a language of the site onto ours (repeatable: --locale pt-br=pt);
                            zh, zh-CN, zh-Hans, en, en-US… are known already
  --old-site <url>          the old site's address: links to its pages that were not migrated
                            (its documentation, say) point there instead of at nothing
  --dry-run                 check and show the plan, write nothing
  --force                   replace existing files whose content differs
  --json                    print the report as one JSON object
  --help                    show this help

Examples:
  npm run migrate -- --from hugo ../old-site --dry-run
  npm run migrate -- --from hugo ../old-site --section news --section press
  npm run migrate -- --from docusaurus ../docs-site --section news-blog --locale zh-TW=zh --out /tmp/c

Running it again is safe: identical files are left untouched ("unchanged"); files that differ are
refused unless --force. Nothing is written when anything is refused.
Exit status: 0 written (notes are not failures), 1 refused or the site cannot be read, 2 wrong usage.`;

const OPTIONS = {
  from: { type: 'string' },
  section: { type: 'string', multiple: true },
  out: { type: 'string' },
  locale: { type: 'string', multiple: true },
  'old-site': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** Prints errors the way every editor command does, and exits with `status`. */
function fail(errors: readonly string[], status: 1 | 2): never {
  return refuse('migrate', errors, status);
}

/** `--locale a=b c=d` as typed: a `x=y` word after a `--locale` value is another mapping, not the site folder. */
function expandLocales(args: readonly string[]): string[] {
  const out: string[] = [];
  // 0: not in a --locale list; 1: the flag's own value comes next; 2: more mappings may follow.
  let state = 0;
  for (const arg of args) {
    if (state === 2 && /^[A-Za-z0-9_-]+=[A-Za-z0-9-]+$/.test(arg)) {
      out.push('--locale', arg);
      continue;
    }
    out.push(arg);
    state = arg === '--locale' ? 1 : state === 1 || arg.startsWith('--locale=') ? 2 : 0;
  }
  return out;
}

const { values, positionals } = parseCommandLine(
  'migrate',
  HELP,
  () => parseArgs({ args: expandLocales(process.argv.slice(2)), allowPositionals: true, options: OPTIONS }),
  (error) => fail([describeArgumentError(error, Object.keys(OPTIONS))], 2),
);
const from = values.from;
if (from !== 'hugo' && from !== 'docusaurus') {
  fail(
    [
      from === undefined
        ? 'say which generator: --from hugo or --from docusaurus'
        : `--from "${from}": give hugo or docusaurus`,
    ],
    2,
  );
}
if (positionals.length !== 1) {
  fail(
    [
      positionals.length === 0
        ? 'give the site folder: npm run migrate -- --from hugo ../old-site'
        : `give one site folder (got ${positionals.length}: ${positionals.join(', ')})`,
    ],
    2,
  );
}
const sections = values.section ?? [];
if (from === 'docusaurus' && sections.length > 1) fail(['--section names the one blog folder of a Docusaurus site'], 2);
const locales = parseLocaleMapping((values.locale ?? []).flatMap((l) => l.split(',')).filter((l) => l !== ''));
if (!locales.ok) fail([locales.message], 2);

const oldSite = values['old-site'];
if (oldSite !== undefined && !URL.canParse(oldSite)) fail([`--old-site must be a web address (got "${oldSite}")`], 2);

const siteDir = path.resolve(positionals[0] ?? '');
const outDir = path.resolve(values.out ?? buildSettings(process.env).contentDir);
const shown = (file: string): string => path.relative(process.cwd(), file) || '.';
if (!statSync(siteDir, { throwIfNoEntry: false })?.isDirectory()) {
  fail([`${shown(siteDir)} is not a folder: give the site's folder (relative to ${process.cwd()})`], 1);
}

let site: SourceSite;
try {
  site =
    from === 'hugo'
      ? readHugoSite(siteDir, sections.length > 0 ? { sections } : {})
      : readDocusaurusSite(siteDir, sections[0] !== undefined ? { blogDir: sections[0] } : {});
} catch (error) {
  fail([`cannot read ${shown(siteDir)}: ${error instanceof Error ? error.message : String(error)}`], 1);
}
if (site.pages.length === 0) {
  // Nothing to migrate is always a wrong folder, section or generator: say what the reader saw.
  const why = site.problems.map((p) => `${shown(p.file)}:${p.line}: ${p.message}`);
  fail([`no news pages found in ${shown(siteDir)} (--from ${from})`, ...why], 1);
}

const plan = withSiteNotes(
  mapSite(site, {
    // The default locale first, as mapSite expects (siteConfig lists it first).
    locales: siteConfig.locales.map((l) => l.code),
    localeMap: locales.mapping,
    ...(oldSite !== undefined ? { oldSite } : {}),
  }),
  site,
);
const force = values.force;

let outcome: WriteOutcome | undefined;
if (values['dry-run']) {
  const preview = await previewPlan(plan, outDir, { force });
  // The plan itself, on stderr so that --json keeps stdout one JSON object.
  for (const f of preview.files) console.error(`${f.state.padEnd(9)} ${shown(path.join(outDir, f.path))}`);
  for (const p of preview.problems) console.error(`refused   ${p.message}`);
  if (preview.problems.length > 0) {
    console.error('A real run would be refused: nothing would be written.');
    process.exitCode = 1;
  }
} else {
  const problems = await checkPlan(plan, outDir, { force });
  if (problems.length > 0)
    fail(
      problems.map((p) => p.message),
      1,
    );
  const progress = process.stderr.isTTY && plan.files.length > 50;
  try {
    outcome = await writePlan(plan, outDir, {
      force,
      onProgress: (done, total) => {
        // One line rewritten in place, every 20 files and at the end, only on a terminal.
        if (progress && (done % 20 === 0 || done === total)) process.stderr.write(`\rwriting ${done}/${total}`);
      },
    });
  } catch (error) {
    if (!(error instanceof EditorFileError)) throw error;
    if (progress) process.stderr.write('\n');
    console.error(`error: ${error.message}`);
    console.error(
      'Some files may have been written: fix the problem and run the command again (it is safe to repeat).',
    );
    process.exit(1);
  }
  if (progress) process.stderr.write('\n');
}

const input = {
  plan,
  siteDir,
  generator: from,
  outDir: shown(outDir),
  ...(outcome ? { written: { written: outcome.written, unchanged: outcome.unchanged } } : {}),
};
process.stdout.write(values.json ? reportJson(input) : reportText(input));
