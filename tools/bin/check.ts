#!/usr/bin/env node
// `npm run check`: validates content/ (or a folder given as argument) and prints every problem.
// Exit 1 on any error, 0 with warnings only. In GitHub Actions it also prints annotations.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent } from '#pipeline/check/checker.ts';
import { countProblems, formatProblem, githubAnnotations } from '#pipeline/check/problems.ts';
import { siteConfig } from '#site.config';
import { buildSettings } from '#lib/environment.ts';

const HELP = `Usage: npm run check [-- <content-folder>] [--json]

Validates every file of the content folder (default: content/) without building the site:
YAML syntax, fields and their types, references between files, story rules.
Prints one line per problem:  path:line:column  error|warning  field  message
Exits 1 if there is any error, 0 if there are only warnings or nothing.

  --json    print the problems as JSON instead
  --help    show this help`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const contentDir = path.resolve(positionals[0] ?? buildSettings(process.env).contentDir);
const started = performance.now();
const result = await checkContent({ contentDir, config: siteConfig });
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const { errors, warnings } = countProblems(result.problems);

if (values.json) {
  console.log(JSON.stringify({ ...result, errors, warnings }, null, 2));
} else {
  for (const p of result.problems) console.log(formatProblem(p));
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.log(
    `${errors > 0 ? '✖' : '✔'} ${plural(errors, 'error')}, ${plural(warnings, 'warning')} ` +
      `in ${plural(result.files, 'file')} (${plural(result.stories, 'story').replace('storys', 'stories')}), ${seconds} s`,
  );
}
for (const line of githubAnnotations(result.problems, process.env)) console.log(line);
process.exitCode = errors > 0 ? 1 : 0;
