#!/usr/bin/env node
// `npm run build`: checks the content and stops on any error (Astro alone would only log a dangling
// reference and exit 0), builds the site with Astro, or splices edited bodies into the last one,
// and publishes it in one step (pipeline/publish.ts: dist/ becomes a link to the new site; one
// build per output at a time). Nothing is rendered by Astro or published before the check passes.
// First, before Astro loads: a JavaScript heap sized to the machine (see the module).
import './heap.ts';
import path from 'node:path';
import { describeBuildError } from '#pipeline/check/build-errors.ts';
import { checkOffThread } from '#pipeline/check/check-thread.ts';
import type { CheckResult } from '#pipeline/check/checker.ts';
import { countProblems, formatProblem, githubAnnotations } from '#pipeline/check/problems.ts';
import { indexSite } from './search-index.ts';
import { SearchStream } from './search-stream.ts';
import { spliceBodies } from './splice.ts';
import {
  filesUnder,
  linkTree,
  planRebuild,
  publishedFolder,
  readBuildRecord,
  snapshotInputs,
  writeBuildRecord,
  type BuildRecord,
} from './rebuild.ts';
import {
  acquireLock,
  discardStaging,
  prepareOutput,
  PublishError,
  publishSite,
  shownPath,
  stagingFor,
  type OutputLock,
} from './publish.ts';
import { buildSettings } from '#lib/environment.ts';
import { FINGERPRINT_FILE_ENV, REBUILD_PLAN_ENV, STALE_PLAN } from '#lib/rebuild-plan.ts';
import { BODY_INDEX_ENV, MARKDOWN_SETUP_ENV } from '#lib/body-splice.ts';
import { packageVersion } from '#lib/packages.ts';
import { setRenderedPageReceiver } from '#lib/rendered-pages.ts';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';

const settings = buildSettings(process.env);
const contentDir = path.resolve(settings.contentDir);
const outDir = path.resolve(settings.outDir);
const cacheDir = path.resolve(settings.cacheDir);
/** The build's own files in the cache folder (pipeline/rebuild.ts). */
const workDir = path.join(cacheDir, 'news-archive');
/** The one line shown when a publishing step fails, then exit 1 (no stack trace). */
function failed(error: unknown, what: string): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof PublishError ? `✖ ${message}` : `✖ ${what}: ${message}`);
  process.exit(1);
}
// One build per output folder at a time, from the start: a second one refuses at once (pipeline/publish.ts).
let lock: OutputLock;
try {
  lock = acquireLock(outDir);
} catch (error) {
  failed(error, `could not lock ${shownPath(outDir)}/`);
}
process.on('exit', () => lock.release());
const shown = shownPath(outDir);
// Build into a staging folder and publish it only when everything has succeeded, in one step:
// dist/ is a link to the complete old site until it is a link to the complete new one. The staging
// folder is `<out>.building` (inside the project if the output is on another filesystem) and has
// the same name every time: Astro's incremental build hashes the output folder into the page code.
const notPrepared = (error: unknown) => failed(error, `could not prepare ${shown}/`);
const staging = await stagingFor(outDir).catch(notPrepared);
// The content check starts first, on a thread of its own (pipeline/check/check-thread.ts): what
// follows (the rebuild plan, a body splice, Pagefind) takes the build's thread meanwhile, and the
// check's result is awaited before Astro runs or anything is published.
const checkStarted = performance.now();
/** When the check's thread gave its result. */
let checkEnded = checkStarted;
const checking = checkOffThread(contentDir).then((result) => {
  checkEnded = performance.now();
  return result;
});
// Awaited below; a failure meanwhile must not end the build as an unhandled rejection.
void checking.catch(() => undefined);
// What a killed build left (staging folder, temporary link, unpublished versions) goes first; the
// last build's version, kept beside the one published (see publishSite below), too, while the
// content is checked: removing a site's links is disk-bound, the check is not.
const prepared = await prepareOutput(outDir, { staging, background: true }).catch(notPrepared);
// Each step's line ends with its duration, which `npm run bench` reads to split the build into phases.
/** Seconds from `start` to `end` (default: now), as `1.23 s`. */
const seconds = (start: number, end = performance.now()) => `${((end - start) / 1000).toFixed(2)} s`;
/** Seconds since `start`, as printed at the end of a step's line. */
const took = (start: number) => `(${seconds(start)})`;
/** Lines of the steps taken before the content check has reported, printed after its report. */
let deferred: string[] | undefined = [];
/** Prints a step's line, after the content check's report. */
const say = (line: string) => (deferred ? deferred.push(line) : console.log(line));
/** Pagefind indexing a spliced site while the content is checked; awaited before a failed check exits. */
let indexing: Promise<unknown> | undefined;
let checked: Promise<void> | undefined;
/** Ends the build with `message`: what was built beside the check is thrown away, once Pagefind has let go of it. */
async function abandon(message: string): Promise<never> {
  console.error(message);
  await indexing?.catch(() => undefined);
  await discardStaging(staging);
  process.exit(1);
}
/**
 * The content check's report, once: every problem, then the lines of the steps already taken. The
 * build awaits it before Astro runs (Astro alone would only log a dangling reference, or fail with
 * a stack trace) and before publishing; on any error, nothing is published and the build exits 1.
 */
function contentChecked(): Promise<void> {
  checked ??= (async () => {
    const waitStarted = performance.now();
    let result: CheckResult;
    try {
      result = await checking;
    } catch (error) {
      return abandon(`✖ content check: ${error instanceof Error ? error.message : String(error)}`);
    }
    const waited = seconds(waitStarted);
    const { errors, warnings } = countProblems(result.problems);
    for (const p of result.problems) console.log(formatProblem(p));
    for (const line of githubAnnotations(result.problems, process.env)) console.log(line);
    if (errors > 0) {
      return abandon(
        `✖ content check: ${errors} error(s), ${warnings} warning(s). Fix them, then build again (npm run check lists them).`,
      );
    }
    console.log(
      `✔ content check: ${result.files} files, ${result.stories} stories, ${warnings} warning(s) (${seconds(checkStarted, checkEnded)})`,
    );
    console.log(`  (checked on a thread of its own; the build waited ${waited} for it)`);
    for (const line of deferred ?? []) console.log(line);
    deferred = undefined;
  })();
  return checked;
}
// What the last build can give this one (pipeline/rebuild.ts): nothing changed, only story bodies
// changed (render just their pages over a copy of the last site), or everything is built. Planned
// while the content is checked; a body-only rebuild is also spliced and indexed meanwhile (below).
const planned = performance.now();
const inputs = await snapshotInputs(contentDir, process.cwd(), settings, path.join(workDir, 'input-digests.json'));
const previous = await readBuildRecord(cacheDir);
const plan = planRebuild(previous, inputs, await publishedFolder(outDir));
const planTook = took(planned);
if (plan.kind === 'unchanged') {
  await contentChecked();
  await prepared.removed.catch(notPrepared);
  console.log(`✔ nothing changed since the last build: ${shown}/ is up to date ${planTook}`);
  process.exit(0);
}
say(
  plan.kind === 'bodies'
    ? `✔ rebuild plan: the bodies of ${plan.files.length} story file(s) changed ${planTook}`
    : `✔ rebuild plan: full build (${plan.reason}) ${planTook}`,
);
if (plan.kind !== 'bodies') await contentChecked();
const logLevel = process.env['BUILD_LOG_LEVEL'] === 'info' ? 'info' : 'warn';
// The routes write the site fingerprint here; the next build's body-only plan must match it.
const fingerprintFile = path.join(workDir, 'site-fingerprint.txt');
process.env[FINGERPRINT_FILE_ENV] = fingerprintFile;
await mkdir(workDir, { recursive: true });
await rm(fingerprintFile, { force: true });
// The body index (routes) and the Markdown set-up (loader) a body-only rebuild splices with
// (pipeline/splice.ts): written beside the ones in use and put in their place only once the site
// they describe is published, so they always describe the published site.
const bodyIndexFile = path.join(workDir, 'body-index.json');
const markdownSetupFile = path.join(workDir, 'markdown-setup.json');
const next = (file: string) => `${file}.next`;
process.env[BODY_INDEX_ENV] = next(bodyIndexFile);
process.env[MARKDOWN_SETUP_ENV] = next(markdownSetupFile);
await Promise.all([bodyIndexFile, markdownSetupFile].map((file) => rm(next(file), { force: true })));

/**
 * Astro's build, loaded when first needed: importing Astro takes about a second, which a build that
 * splices or has nothing to do does not spend.
 */
async function astroBuild(): Promise<void> {
  const { build } = await import('astro');
  await build({ root: process.cwd(), logLevel });
}

/** Whether `error` (or one of its causes) is the routes refusing a body-only plan. */
function isStalePlan(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e.message.includes(STALE_PLAN)) return true;
  return false;
}

/**
 * A body-only rebuild into `staging`: Astro renders the pages showing `files` into it (the same
 * output folder as a full build: Astro hashes its configuration, and a different one would clear
 * its content store), then every other file of the previous site is linked in beside them.
 * False when the routes refuse the plan (the frontmatter they read is not the last build's).
 */
async function rebuildBodies(last: BuildRecord, files: readonly string[]): Promise<boolean> {
  const planFile = path.join(workDir, 'rebuild-plan.json');
  await writeFile(
    planFile,
    JSON.stringify({ fingerprint: last.fingerprint, files: files.map((f) => path.join(contentDir, f)) }),
  );
  process.env[REBUILD_PLAN_ENV] = planFile;
  process.env['OUT_DIR'] = staging;
  try {
    await astroBuild();
  } catch (error) {
    if (!isStalePlan(error)) throw error;
    await discardStaging(staging);
    say('  (the site fingerprint changed with the bodies: building in full)');
    return false;
  } finally {
    delete process.env[REBUILD_PLAN_ENV];
  }
  const rendered = await filesUnder(staging);
  // Pagefind's bundle is written afresh: its linked files must not be written into.
  const linked = await linkTree(last.published, staging, { skip: ['pagefind'], keep: new Set(rendered) });
  say(`  (body-only rebuild: ${rendered.length} file(s) rendered, ${linked} linked from the last build)`);
  return true;
}

/**
 * A body-only rebuild without Astro (pipeline/splice.ts): the edited bodies spliced into copies of
 * their pages and feeds, every other file linked from the last build. False when a splice is not
 * certain to give what Astro would; nothing is written then.
 */
async function spliceInto(last: BuildRecord, files: readonly string[]): Promise<boolean> {
  const siteFiles = await filesUnder(last.published);
  const result = await spliceBodies({
    contentDir,
    files,
    siteFiles,
    published: last.published,
    staging,
    indexFile: bodyIndexFile,
    setupFile: markdownSetupFile,
  });
  if (!result.ok) {
    say(`  (not spliced: ${result.reason}; rendering with Astro)`);
    return false;
  }
  const written = new Set(result.written);
  const linked = await linkTree(last.published, staging, { skip: ['pagefind'], keep: written, files: siteFiles });
  for (const file of result.written) say(`  ${file} (spliced)`);
  say(`  (body-only rebuild: ${written.size} file(s) spliced, ${linked} linked from the last build)`);
  // What the routes and the loader would have written: the same fingerprint and set-up, the new bodies.
  await writeFile(fingerprintFile, last.fingerprint);
  await writeFile(next(bodyIndexFile), JSON.stringify(result.index));
  await copyFile(markdownSetupFile, next(markdownSetupFile));
  return true;
}

// A full build indexes story pages for search while Astro renders them (pipeline/search-stream.ts).
const streamDir = path.join(workDir, 'search-stream');
let stream: SearchStream | undefined;
try {
  let astroStarted = performance.now();
  const bodies = plan.kind === 'bodies' && previous !== undefined ? { last: previous, files: plan.files } : undefined;
  const spliced = bodies !== undefined && (await spliceInto(bodies.last, bodies.files));
  if (!spliced) {
    // Astro renders only checked content.
    await contentChecked();
    astroStarted = performance.now();
  }
  const rebuilt = spliced || (bodies !== undefined && (await rebuildBodies(bodies.last, bodies.files)));
  if (!rebuilt) {
    process.env['OUT_DIR'] = staging;
    await rm(streamDir, { recursive: true, force: true });
    stream = new SearchStream({
      base: settings.basePath,
      outDir: staging,
      workDir: streamDir,
      version: packageVersion('pagefind'),
    });
    setRenderedPageReceiver(stream.receive);
    // BUILD_LOG_LEVEL=info shows Astro's own log, with the time of every page (npm run bench reads it).
    await astroBuild();
    setRenderedPageReceiver(undefined);
  }
  say(spliced ? `✔ bodies spliced, without Astro ${took(astroStarted)}` : `✔ astro build ${took(astroStarted)}`);
  const indexStarted = performance.now();
  const streamed = stream?.finish();
  // Year shards are cached beside Astro's own cache: a rebuild re-indexes only the years that changed.
  const searching = indexSite(staging, { cacheDir, streamed });
  // Awaited below; a failure while the check still runs must not end the build unreported.
  void searching.catch(() => undefined);
  if (spliced) {
    // A spliced site is indexed before the check's result is awaited: the check's seconds hide
    // behind the splice's and the index's. Nothing is published unless it passes.
    indexing = searching;
    await contentChecked();
  }
  const search = await searching;
  await stream?.close();
  await rm(streamDir, { recursive: true, force: true });
  const copied = search.reused.length > 0 ? `, ${search.reused.length} unchanged copied from the cache` : '';
  const during = search.streamed.length > 0 ? `, ${search.streamed.length} indexed while rendering` : '';
  say(
    `✔ search index: ${search.pages} pages ${took(indexStarted)}, ${search.shards.length} year shard(s)${copied}${during}`,
  );
} catch (error) {
  // Content that fails the check is reported by the check, not by the step it broke.
  await contentChecked().catch(() => undefined);
  setRenderedPageReceiver(undefined);
  await stream?.abort();
  await discardStaging(staging);
  // One line naming the content file and line where the bundler's error allows, never a stack trace.
  console.error(`✖ build failed: ${describeBuildError(error, { contentDir })}`);
  console.error(`  Nothing was written to ${shown}/.`);
  process.exit(1);
}
await prepared.removed.catch(notPrepared);
try {
  // The version published until now stays until the next build removes it, as above.
  const published = await publishSite(outDir, { staging, keepPrevious: true });
  if (!published.atomic) {
    console.log(`  (${shown}/ was replaced in two steps: this filesystem has no symbolic links)`);
  }
} catch (error) {
  failed(error, `could not publish into ${shown}/ (the previous site is still there)`);
}
// The record the next build plans from; without the routes' fingerprint, the next build is full.
const fingerprint = await readFile(fingerprintFile, 'utf8').catch(() => undefined);
const published = await publishedFolder(outDir);
if (fingerprint !== undefined && published !== undefined) {
  for (const file of [bodyIndexFile, markdownSetupFile]) {
    await rename(next(file), file).catch(() => rm(file, { force: true }));
  }
  await writeBuildRecord(cacheDir, { format: 1, ...inputs, fingerprint, published });
}
console.log(`✔ site built into ${shown}/`);
