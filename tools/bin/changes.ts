#!/usr/bin/env node
// `npm run changes -- --base <ref>`: what a pull request does to the archive: stories added, changed
// and removed (per language, with preview URLs), their translation status, the alias a moved story
// needs, registry entries, and the checker's problems in the changed files. `--markdown` writes a
// summary for $GITHUB_STEP_SUMMARY, `--comment` the preview workflow's pull-request comment
// (tools/changes/comment.ts). Information only: exit 0,
// or 2 on a usage error (unknown option, unknown ref, not a git repository, no content folder).
// The git commands, the reading of files and the summary are in tools/changes/.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkContent } from '#pipeline/check/checker.ts';
import type { Problem } from '#pipeline/check/problems.ts';
import { articlesAt, contentChangesBetween, mergeBaseOf, repositoryRoot, resolveCommit } from '#tools/changes/git.ts';
import { changesComment, COMMENT_MARKER } from '#tools/changes/comment.ts';
import { changesJson } from '#tools/changes/json.ts';
import { changesMarkdown } from '#tools/changes/markdown.ts';
import { planReads, readFacts } from '#tools/changes/read.ts';
import { summariseChanges } from '#tools/changes/summary.ts';
import { changesText } from '#tools/changes/text.ts';
import { joinPath } from '#lib/paths.ts';
import { siteConfig } from '#site.config';
import { parseArgs } from 'node:util';
import { parseCommandLine, usageError as exitWithUsageError } from '#tools/lib/cli.ts';
import { buildSettings } from '#lib/environment.ts';

const HELP = `Usage: npm run changes -- --base <ref> [--head <ref>] [--content <folder>]
                           [--site-url <url>] [--base-path <path>] [--json | --markdown | --comment]

Lists what the commits from <base> to <head> do to the content folder, like a pull request does:
compares the merge base of <base> and <head> with <head> (git diff <base>...<head>), and shows
  - stories added, changed or removed, per language, with the title and the preview URL of each
    version (removed versions and drafts have no page, so no URL), and the translation status of
    each (languages it has and lacks, stale translations, as npm run status counts them);
  - speakers, organisations, events and tags added, changed or removed;
  - the content checker's errors and warnings in the changed files (the checker reads the working
    tree, so it runs only when <head> is the checked-out commit).
A renamed file is shown as removed at its old path and added at its new one ("moved from/to"):
a story that moves folder changes its URL, so the new file needs its old address as an alias; the
exact "aliases:" line to add is shown, or "alias present" when the file has it.
Exits 0 (this is information; npm run check is the gate), 2 on a usage error.

  --base <ref>        the branch the change goes into, e.g. origin/main (required)
  --head <ref>        the change (default: HEAD)
  --content <folder>  the content folder (default: $CONTENT_DIR, else content/), inside the repository
  --site-url <url>    the preview's site URL (default: $SITE_URL, else ${siteConfig.productionUrl})
  --base-path <path>  the preview's base path, e.g. /previews/pr-42/ (default: $BASE_PATH, else /)
  --json              print the changes as JSON (stable key order)
  --markdown          print a GitHub Markdown summary, e.g. >> "$GITHUB_STEP_SUMMARY"
  --comment           print the pull-request comment: Markdown under GitHub's 65,536-character
                      limit, its first line the marker ${COMMENT_MARKER}
  --help              show this help`;

/** Prints a usage error and exits 2. */
function usageError(message: string): never {
  return exitWithUsageError('changes', message);
}

const { values, positionals } = parseCommandLine('changes', HELP, () =>
  parseArgs({
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string', default: 'HEAD' },
      content: { type: 'string' },
      'site-url': { type: 'string' },
      'base-path': { type: 'string' },
      json: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      comment: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }),
);
if (positionals.length > 0) usageError(`unexpected argument "${positionals[0] ?? ''}"`);
if (values.base === undefined || values.base === '') usageError('--base <ref> is required, e.g. --base origin/main');
if ([values.json, values.markdown, values.comment].filter(Boolean).length > 1) {
  usageError('choose one of --json, --markdown and --comment');
}
// Refs come from CI templates; one starting with "-" would be read by git as an option.
for (const [name, ref] of [
  ['--base', values.base],
  ['--head', values.head],
] as const) {
  if (ref.startsWith('-')) usageError(`${name} must be a branch, tag or commit, not "${ref}"`);
}
// An empty variable, as CI templates often leave, counts as unset (as in check-links).
const siteUrl = values['site-url'] ?? (process.env['SITE_URL'] || siteConfig.productionUrl);
const basePath = values['base-path'] ?? buildSettings(process.env).basePath;
if (!/^https?:\/\//i.test(siteUrl) || !URL.canParse(siteUrl)) {
  usageError(`the site URL must be a full http(s) address such as https://news.example.org (got "${siteUrl}")`);
}
if (!basePath.startsWith('/'))
  usageError(`the base path must start with "/", e.g. /previews/pr-42/ (got "${basePath}")`);

// The repository and the content folder's place in it.
const cwd = process.cwd();
const toplevel = await repositoryRoot(cwd).catch(() =>
  usageError(`${cwd} is not inside a git repository: run this from a clone of the archive`),
);
const contentArg = values.content ?? buildSettings(process.env).contentDir;
const contentDir = await realpath(path.resolve(contentArg)).catch(() => undefined);
if (!contentDir || !(await stat(contentDir)).isDirectory()) {
  usageError(
    `no content folder at ${path.resolve(contentArg)}: run from the project folder, or pass --content <folder>`,
  );
}
const top = await realpath(toplevel);
const contentPrefix = path.relative(top, contentDir).split(path.sep).join('/');
if (contentPrefix.startsWith('..') || path.isAbsolute(contentPrefix)) {
  usageError(`the content folder ${contentDir} is not inside the repository ${top}`);
}

/** Resolves a ref to a commit id, or stops with a hint (CI clones are often shallow). */
async function commitOf(ref: string, option: string): Promise<string> {
  return resolveCommit(top, ref).catch(() =>
    usageError(
      `${option} ${ref} is not a commit in this repository: fetch it first (git fetch origin <branch>; ` +
        'in GitHub Actions, actions/checkout with fetch-depth: 0)',
    ),
  );
}
const baseCommit = await commitOf(values.base, '--base');
const headCommit = await commitOf(values.head, '--head');
const mergeBase = await mergeBaseOf(top, baseCommit, headCommit).catch(() =>
  usageError(
    `${values.base} and ${values.head} have no common ancestor here: the clone may be shallow ` +
      '(git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)',
  ),
);

const changes = await contentChangesBetween(top, mergeBase, headCommit, contentPrefix);
const locales = siteConfig.locales.map((l) => l.code);
const headArticles = await articlesAt(top, headCommit, contentPrefix);
const plan = planReads(changes, headArticles, contentPrefix, locales);
const facts = await readFacts(plan, { top, headCommit, mergeBase, contentPrefix, locales, config: siteConfig });

// The checker reads files on disk: its verdict describes <head> only when <head> is checked out.
const checkedOut = await commitOf('HEAD', '--head');
const checked = checkedOut === headCommit;
let problems: Problem[] = [];
if (checked) {
  problems = (await checkContent({ contentDir, config: siteConfig, displayRoot: top })).problems;
}

const summary = summariseChanges({
  changes,
  contentPrefix,
  locales,
  headArticles,
  facts,
  siteUrl,
  basePath,
  problems,
});
const previewUrl = new URL(joinPath(basePath), siteUrl).href;
const render = { contentPrefix, locales, previewUrl, checked };
if (values.json) {
  console.log(changesJson(summary, { base: values.base, head: values.head, mergeBase, siteUrl, basePath, checked }));
} else if (values.markdown) {
  console.log(changesMarkdown(summary, render));
} else if (values.comment) {
  console.log(changesComment(summary, { ...render, headCommit }));
} else {
  console.log(changesText(summary, { ...render, range: `${values.base}...${values.head}` }));
}
