/**
 * Vitest's global set-up (vitest.config.ts), run once per `vitest run` in the main process: it makes
 * the run's folder of shared builds and hands its path to every test file through `provide`, so that
 * test files in different worker processes find the same builds (`sharedBuild` in
 * tests/integration/build-site.ts). It builds nothing itself: a build is made the first time a test
 * file asks for it, so a run of the unit tier, or of one file, pays only for what it uses.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  /** What the global set-up gives every test file (`inject`). */
  export interface ProvidedContext {
    /** The folder of this run's shared builds. */
    sharedBuilds: string;
  }
}

/** Makes the folder, provides it, empties it before a watch-mode rerun and deletes it at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-shared-builds-'));
  project.provide('sharedBuilds', dir);
  // In watch mode the sources may have changed between runs: a rerun builds afresh.
  project.onTestsRerun(async () => {
    for (const entry of await readdir(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });
  });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
