#!/usr/bin/env node
// `npm run status`: the translation status of the archive: counts per language, stories that lack a
// language, translations older than their story's primary file. Information only: exit 0, or 2 on a
// usage error (an unknown option, a content folder that does not exist).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readArticleVersions } from '#tools/authoring/status.ts';
import { formatStatus, statusJson } from '#tools/authoring/status-output.ts';
import { translationStatus } from '#tools/authoring/translation-status.ts';
import { siteConfig } from '#site.config';
import { parseArgs } from 'node:util';
import { parseCommandLine, usageError as exitWithUsageError } from '#tools/lib/cli.ts';
import { buildSettings } from '#lib/environment.ts';

const HELP = `Usage: npm run status [-- --content <folder>] [--json]

Shows the translation status of the archive (default folder: $CONTENT_DIR, else content/):
  - per language: versions (files), published, drafts, primary files, translations,
    stories missing that language, stale translations;
  - the stories that lack a language, with the languages they have;
  - stale translations: the story's primary file (${siteConfig.locales[0].code}.md if the story has it) was
    updated after the translation last was. A file's last change is its "updated", else its "date";
    a translation without either inherits the primary's "date". Compared by instant when both values
    give a time, otherwise by calendar day (a same-day update is not stale).
Files are read as npm run check reads them; files it would reject are listed with the first reason.
Exits 0 (status is information), 2 on a usage error.

  --content <folder>  the content folder to read
  --json              print the status as JSON (stable key order), e.g. for CI
  --help              show this help`;

/** Prints a usage error and exits 2. */
function usageError(message: string): never {
  return exitWithUsageError('status', message);
}

const { values, positionals } = parseCommandLine('status', HELP, () =>
  parseArgs({
    allowPositionals: true,
    options: {
      content: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }),
);
if (positionals.length > 0) usageError(`unexpected argument "${positionals[0] ?? ''}"`);

// An empty variable, as CI templates often leave, counts as unset.
const contentArg = values.content ?? buildSettings(process.env).contentDir;
const contentDir = path.resolve(contentArg);
const info = await stat(contentDir).catch(() => undefined);
if (!info?.isDirectory()) {
  usageError(`no content folder at ${contentDir}: run from the project folder, or pass --content <folder>`);
}

const locales = siteConfig.locales.map((l) => l.code);
const versions = await readArticleVersions({ contentDir, config: siteConfig });
const report = translationStatus(versions, locales);
const shown = path.relative(process.cwd(), contentDir).split(path.sep).join('/') || '.';
console.log(values.json ? statusJson(report, shown) : formatStatus(report, `${shown}/`));
