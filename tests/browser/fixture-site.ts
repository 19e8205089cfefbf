/**
 * The browser tier's shared set-up: Debian's Chromium found (or the tier skipped loudly, and failed
 * under CI), the fixture site built into a temporary folder, served locally and opened in Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { findChromium, launchChromium } from '#tools/lib/chromium.ts';
import { serveDirectory, type StaticServer } from '#tools/lib/static-server.ts';
import { root, runBuild } from '#tests/integration/build-site.ts';

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
  /** The built site's folder. */
  readonly out: string;
  /** The local server over it (at `/`). */
  readonly server: StaticServer;
  /** Chromium. */
  readonly browser: Browser;
  /** Closes the browser and the server and deletes the build. */
  close(): Promise<void>;
}

/** Builds tests/fixtures/site into a new temporary folder named after `name`, serves it and starts Chromium. */
export function startFixtureSite(name: string): Promise<FixtureSite> {
  return startSite(name, { CONTENT_DIR: path.join(root, 'tests/fixtures/site/content') });
}

/** Builds a site (`env` chooses the content; none: the shipped sample), serves it and starts Chromium. */
export async function startSite(name: string, env: Record<string, string> = {}): Promise<FixtureSite> {
  if (!chromium) throw new Error('Chromium is required under CI=true: apt-get install chromium');
  const out = await mkdtemp(path.join(tmpdir(), `news-archive-${name}-`));
  // The build waits for the build lock behind other test files' builds (tests/integration/build-site.ts).
  const build = await runBuild({ ...env, OUT_DIR: out });
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
      await rm(out, { recursive: true, force: true });
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
