// `npm run dev` tells the truth, in Chromium: the dev server (pipeline/dev.ts) runs on a copy of the
// fixture site's content; an impossible date shows Astro's error overlay naming the file and line,
// live, on the open page; fixing it brings the page back; a to-do shows the warnings banner, which
// passes axe; an unknown speaker id shows the overlay. With DEV_SCREENSHOTS=<folder> it also saves
// the README's two pictures there (editing-dev-overlay.png, editing-dev-warning.png, 1280×800):
// `DEV_SCREENSHOTS=docs/screenshots npx vitest run tests/browser/dev-preview.test.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, prepareWorkspace } from '#tools/bench/workspace.ts';
import { launchChromium } from '#tools/lib/chromium.ts';
import { root } from '#tests/integration/build-site.ts';
import { skipBrowser, warnWhenSkipped } from './fixture-site.ts';

warnWhenSkipped('DEV PREVIEW BROWSER TESTS');

const VIEWPORT = { width: 1280, height: 800 };
/** A story of the fixture site without warnings, in English only. */
const STORY = 'articles/2024/green-patents-pilot/en.md';
const STORY_PAGE = '/en/2024/green-patents-pilot/';
const screenshots = process.env['DEV_SCREENSHOTS'] ? path.resolve(root, process.env['DEV_SCREENSHOTS']) : undefined;

let work: string;
let contentDir: string;
let story: string;
let original: string;
let server: ChildProcess | undefined;
let log = '';
let origin: string;
let browser: Browser | undefined;
let page: Page;

/**
 * This process's environment without what Vitest sets (`NODE_ENV=test`, `VITEST…`): under them
 * Astro's dev server answers every page with a 404.
 */
function devEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST') && name !== 'TEST',
    ),
  );
}

/** A TCP port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Waits until `url` answers, or fails with the dev server's log. */
async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`the dev server exited:\n${log}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the dev server did not answer ${url} within ${timeoutMs} ms:\n${log}`);
}

/**
 * Opens a site path. The dev server reloads open pages after a check; a navigation that such a
 * reload cuts short is tried again.
 */
async function visit(sitePath: string): Promise<number | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await page.goto(`${origin}${sitePath}`))?.status();
    } catch (error) {
      if (attempt === 3 || !String(error).includes('ERR_ABORTED')) throw error;
    }
  }
}

/** Rewrites the story file with `edit` applied to its original text. */
function editStory(edit: (text: string) => string): void {
  writeFileSync(story, edit(original));
}

/** The overlay's text and the file location its code header names (absolute path:line:column). */
async function overlay(): Promise<{ text: string; location: string }> {
  const host = page.locator('vite-error-overlay');
  try {
    await host.waitFor({ state: 'attached', timeout: 10_000 });
  } catch {
    // Astro sends the overlay over the websocket 200 ms after its error page: a page whose socket
    // connects later (a loaded machine) shows a blank error page until it is loaded again.
    await page.reload();
    await host.waitFor({ state: 'attached', timeout: 20_000 });
  }
  const location = page.locator('vite-error-overlay #code header h2');
  await location.waitFor({ timeout: 10_000 });
  return {
    text: (await page.locator('vite-error-overlay #message-content').textContent()) ?? '',
    location: (await location.getAttribute('title')) ?? '',
  };
}

/** Waits for the story page itself (the overlay gone, the article's heading there). */
async function storyShown(): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  expect(await page.locator('vite-error-overlay').count()).toBe(0);
}

describe.skipIf(skipBrowser)('the dev server shows the content check', () => {
  beforeAll(async () => {
    // In a snapshot of the project (the bench's): Astro's dev server writes the content store and its
    // image imports into the project's .astro/ folder for as long as it runs, which a build, `astro
    // sync` or another dev server in the same checkout would overwrite under it.
    const workspace = await createWorkspace();
    await prepareWorkspace(workspace);
    work = workspace.work;
    contentDir = workspace.contentDir;
    cpSync(path.join(root, 'tests/fixtures/site/content'), contentDir, { recursive: true });
    story = path.join(contentDir, STORY);
    original = readFileSync(story, 'utf8');
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['pipeline/dev.ts', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: workspace.buildRoot,
      // Its own process group, so that afterAll ends Astro and everything it started.
      detached: true,
      env: { ...devEnvironment(), CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: workspace.cacheDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitForServer(`${origin}${STORY_PAGE}`, 90_000);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce', colorScheme: 'light' });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    const pid = server?.pid;
    if (pid !== undefined && server?.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      const signal = (name: NodeJS.Signals): void => {
        try {
          process.kill(-pid, name);
        } catch {
          // Already gone.
        }
      };
      signal('SIGTERM');
      // Astro stops its watchers and workers first; whatever is left after five seconds is killed.
      const timer = setTimeout(() => signal('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('serves the story, then the overlay for an impossible date, live, naming the file and line', async () => {
    expect(await visit(STORY_PAGE)).toBe(200);
    await storyShown();
    expect(await page.locator('#content-check-warnings').count()).toBe(0);
    // Line 3 of the fixture file is `date:`; the open page reloads by itself.
    expect(original.split('\n')[2]).toMatch(/^date: /);
    editStory((text) => text.replace(/^date: .*$/m, 'date: 2024-02-30'));
    const shown = await overlay();
    expect(shown.location).toBe(`${story}:3:1`);
    expect(shown.text).toContain('2024-02-30 does not exist');
    expect(shown.text).toContain('date');
    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, 'editing-dev-overlay.png') });
    }
    // Any other page too: no page is served while the content has an error.
    expect(await visit('/en/')).toBe(500);
    await overlay();
  }, 60_000);

  it('brings the page back once the file is fixed', async () => {
    await visit(STORY_PAGE);
    await overlay();
    editStory((text) => text);
    await storyShown();
  }, 40_000);

  it('shows a to-do as a banner on its page, accessible', async () => {
    editStory((text) => text.replace(/^summary: >-$/m, 'summary: >-\n  TODO: one sentence for listings.'));
    const banner = page.locator('#content-check-warnings');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.getAttribute('aria-labelledby')).toBe('content-check-warnings-title');
    expect(await banner.textContent()).toContain('to-do left: TODO: one sentence for listings.');
    expect(await banner.textContent()).toContain(`${STORY}:`);
    // Only on its page.
    await visit('/en/');
    await page.locator('main').first().waitFor();
    expect(await page.locator('#content-check-warnings').count()).toBe(0);
    await visit(STORY_PAGE);
    await banner.waitFor();
    if (screenshots) await page.screenshot({ path: path.join(screenshots, 'editing-dev-warning.png') });
    // Astro's dev toolbar is the dev server's own, not the page's.
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .exclude('astro-dev-toolbar')
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 40_000);

  it('shows the overlay for an unknown speaker id', async () => {
    editStory((text) => text.replace(/^speakers:\n {2}- .*$/m, 'speakers:\n  - nobody-by-this-id'));
    const shown = await overlay();
    expect(shown.text).toContain('unknown speaker "nobody-by-this-id"');
    expect(shown.location).toBe(`${story}:9:5`);
  }, 40_000);
});
