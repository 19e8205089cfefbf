/**
 * The browser tier's shared set-up: Debian's Chromium found (or the tier skipped loudly, and failed
 * under CI), the fixture site built (once per Vitest run, shared read-only with the other files that
 * build the same inputs: `sharedBuild` in tests/integration/build-site.ts), served locally and opened
 * in Chromium.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { findChromium, launchChromium } from '#tools/lib/chromium.ts';
import { serveDirectory, type StaticServer } from '#tools/lib/static-server.ts';
import { root, sharedBuild } from '#tests/integration/build-site.ts';

/** Chromium's path, or undefined when it is not installed. */
export const chromium = findChromium();
/** Whether this is CI, where a missing Chromium is a failure rather than a skip. */
export const inCI = process.env['CI'] === 'true';
/** Whether the browser tests of this file should be skipped (no Chromium, not CI). */
export const skipBrowser = !chromium && !inCI;

/** Warns once, loudly, that the `tier` tests are skipped because Chromium is missing. */
export function warnWhenSkipped(tier: string): void {
  if (!skipBrowser) return;
  console.warn(
    `\n⚠⚠⚠ ${tier} SKIPPED: Chromium not found. Install it with "apt-get install chromium" ` +
      '(or set CHROMIUM_PATH). Under CI=true this is a failure. ⚠⚠⚠\n',
  );
}

/** The fixture site, built, served and open in a browser. */
export interface FixtureSite {
  /** The built site's folder, shared with other test files: read it, never write into it. */
  readonly out: string;
  /** The local server over it (at `/`). */
  readonly server: StaticServer;
  /** Chromium. */
  readonly browser: Browser;
  /** Closes the browser and the server (the shared build stays for the other files of the run). */
  close(): Promise<void>;
}

/** Builds tests/fixtures/site (or reuses this run's build of it), serves it and starts Chromium. */
export function startFixtureSite(name: string): Promise<FixtureSite> {
  return startSite(name, { CONTENT_DIR: path.join(root, 'tests/fixtures/site/content') });
}

/**
 * Builds a site (`env` chooses the content; none: the shipped sample), or reuses this run's build of
 * the same inputs, serves it and starts Chromium. `name` names the site in a failure.
 */
export async function startSite(name: string, env: Record<string, string> = {}): Promise<FixtureSite> {
  if (!chromium) throw new Error('Chromium is required under CI=true: apt-get install chromium');
  // The build waits for the build lock behind other test files' builds (tests/integration/build-site.ts).
  const { out, build } = await sharedBuild(env);
  if (build.status !== 0) throw new Error(`${name} build failed:\n${build.stdout}\n${build.stderr}`);
  const server = await serveDirectory(out, '/');
  const browser = await launchChromium();
  return {
    out,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A page in a new browser context with `options` (motion reduced unless said), whose console errors
 * and uncaught exceptions go into `errors` as `<url>: <message>`: each test checks them after it.
 */
export async function openRecordingErrors(
  browser: Browser,
  options: BrowserContextOptions,
  errors: string[],
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return { page, context };
}

/** What axe-core reports about a page. */
export type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/**
 * axe-core's results for what `page` shows, with the rules tagged `tags`. AxeBuilder's default mode
 * runs the rules in each frame (`runPartial`) and finishes them in a new blank page into which it
 * injects axe again: that finishing page took about half of each check. A page without child frames
 * is checked by one `axe.run` in the page instead (AxeBuilder's legacy mode), with the same results
 * (compared on all 36 page types of the fixture site); a page with frames keeps the default mode,
 * which also checks inside them.
 */
export function axeResults(
  page: Page,
  tags: readonly string[],
  options: { readonly include?: readonly string[] } = {},
): Promise<AxeResults> {
  let builder = new AxeBuilder({ page });
  // Only these parts of the page (CSS selectors), when given.
  for (const selector of options.include ?? []) builder = builder.include(selector);
  return builder
    .withTags([...tags])
    .setLegacyMode(page.frames().length === 1)
    .analyze();
}
