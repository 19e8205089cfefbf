/**
 * The contract between `npm run build` (pipeline/rebuild.ts) and the site's routes for a body-only
 * rebuild: when only story bodies changed since the last build, the build asks Astro for just the
 * pages that show those bodies and lays them over a copy of the previous site. The build passes
 * the plan in a JSON file named by {@link REBUILD_PLAN_ENV}; every full build has the routes write
 * the site fingerprint (what pages show besides bodies) into the file named by
 * {@link FINGERPRINT_FILE_ENV}, which the next plan must match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Environment variable naming the plan file of a body-only rebuild. */
export const REBUILD_PLAN_ENV = 'NEWS_ARCHIVE_REBUILD';

/** Environment variable naming the file a build writes the site fingerprint into. */
export const FINGERPRINT_FILE_ENV = 'NEWS_ARCHIVE_FINGERPRINT_FILE';

/** The start of the error a route throws when the plan no longer holds (the build falls back). */
export const STALE_PLAN = 'body-only rebuild not possible';

/** A body-only rebuild's plan. */
export interface RebuildPlan {
  /** The site fingerprint of the build being patched; the routes refuse the plan if theirs differs. */
  readonly fingerprint: string;
  /** Absolute paths of the story files whose bodies changed. */
  readonly files: readonly string[];
}

/** The plan named by the environment, or `undefined` in a full build. */
export function readRebuildPlan(env: NodeJS.ProcessEnv): RebuildPlan | undefined {
  const file = env[REBUILD_PLAN_ENV];
  if (!file) return undefined;
  const plan = JSON.parse(readFileSync(file, 'utf8')) as RebuildPlan;
  return { fingerprint: plan.fingerprint, files: plan.files.map((f) => path.resolve(f)) };
}

/** Writes `fingerprint` where the environment asks for it (a full build under `npm run build`). */
export function writeFingerprint(env: NodeJS.ProcessEnv, fingerprint: string): void {
  const file = env[FINGERPRINT_FILE_ENV];
  if (file) writeFileSync(file, fingerprint);
}
