#!/usr/bin/env node
// `npm run build`: checks the content first and stops on any error (Astro alone would only log a
// dangling reference and exit 0), then builds the site with Astro.
// First, before Astro loads: a JavaScript heap sized to the machine (see the module).
import './lib/heap.ts';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'astro';
import { checkContent } from '../src/lib/check/checker.ts';
import { countProblems, formatProblem, githubAnnotations } from '../src/lib/check/problems.ts';
import { indexSite } from '../src/lib/search-index.ts';
import { siteConfig } from '../src/site.config.ts';

const contentDir = path.resolve(process.env['CONTENT_DIR'] ?? 'content');
// Each step's line ends with its duration, which `npm run bench` reads to split the build into phases.
const checkStarted = performance.now();
/** Seconds since `start`, as printed at the end of a step's line. */
const took = (start: number) => `(${((performance.now() - start) / 1000).toFixed(2)} s)`;
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
console.log(
  `✔ content check: ${result.files} files, ${result.stories} stories, ${warnings} warning(s) ${took(checkStarted)}`,
);
// Build into a staging folder beside the output and swap it in only when everything has succeeded:
// a failed build never leaves a half-written site that looks complete, and the previous one stays.
const outDir = path.resolve(process.env['OUT_DIR'] ?? 'dist');
// The same name every time: Astro's incremental build hashes the output folder into the page
// code, so a per-process name would make every page look changed. (One build per output at a time.)
const staging = `${outDir}.building`;
/** A path as the user would write it: relative inside the project, absolute elsewhere. */
const shown = (dir: string) => {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' || relative.startsWith('..') ? dir : relative;
};
await rm(staging, { recursive: true, force: true });
try {
  process.env['OUT_DIR'] = staging;
  const astroStarted = performance.now();
  // BUILD_LOG_LEVEL=info shows Astro's own log, with the time of every page (npm run bench reads it).
  await build({ root: process.cwd(), logLevel: process.env['BUILD_LOG_LEVEL'] === 'info' ? 'info' : 'warn' });
  console.log(`✔ astro build ${took(astroStarted)}`);
  const indexStarted = performance.now();
  // Year shards are cached beside Astro's own cache: a rebuild re-indexes only the years that changed.
  const search = await indexSite(staging, {
    cacheDir: path.resolve(process.env['ASTRO_CACHE_DIR'] ?? 'node_modules/.astro'),
  });
  const copied = search.reused.length > 0 ? `, ${search.reused.length} unchanged copied from the cache` : '';
  console.log(
    `✔ search index: ${search.pages} pages ${took(indexStarted)}, ${search.shards.length} year shard(s)${copied}`,
  );
  await rm(outDir, { recursive: true, force: true });
  await rename(staging, outDir);
} catch (error) {
  await rm(staging, { recursive: true, force: true });
  console.error(`✖ build failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`  Nothing was written to ${shown(outDir)}/.`);
  process.exit(1);
}
console.log(`✔ site built into ${shown(outDir)}/`);
