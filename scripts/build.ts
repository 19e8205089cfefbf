#!/usr/bin/env node
// `npm run build`: checks the content first and stops on any error (Astro alone would only log a
// dangling reference and exit 0), then builds the site with Astro.
import path from 'node:path';
import { build } from 'astro';
import { checkContent } from '../src/lib/check/checker.ts';
import { countProblems, formatProblem, githubAnnotations } from '../src/lib/check/problems.ts';
import { indexSite } from '../src/lib/search-index.ts';
import { siteConfig } from '../src/site.config.ts';

const contentDir = path.resolve(process.env['CONTENT_DIR'] ?? 'content');
const result = await checkContent({ contentDir, config: siteConfig });
const { errors, warnings } = countProblems(result.problems);
for (const p of result.problems) console.log(formatProblem(p));
for (const line of githubAnnotations(result.problems, process.env)) console.log(line);
if (errors > 0) {
  console.error(
    `✖ content check: ${errors} error(s), ${warnings} warning(s). Fix them, then build again (npm run check lists them).`,
  );
  process.exit(1);
}
console.log(`✔ content check: ${result.files} files, ${result.stories} stories, ${warnings} warning(s)`);
await build({ root: process.cwd(), logLevel: 'warn' });
const outDir = path.resolve(process.env['OUT_DIR'] ?? 'dist');
const search = await indexSite(outDir);
console.log(`✔ search index: ${search.pages} pages`);
console.log(`✔ site built into ${process.env['OUT_DIR'] ?? 'dist'}/`);
