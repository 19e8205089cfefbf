/**
 * The build's content check, run on a worker thread (./check-worker.ts) from the build's first
 * second. The check is about five seconds of JavaScript at 10,000 stories, much of it synchronous
 * reads; on the build's own thread it held up what runs beside it (the rebuild plan, a splice,
 * feeding Pagefind its pages). On a thread of its own it takes the second core while the build's
 * thread plans and, for a body edit, splices and indexes; the build still publishes nothing, and
 * runs Astro on nothing, until its result says the content has no error.
 */
import { Worker } from 'node:worker_threads';
import type { CheckResult } from './checker.ts';

/** Checks `contentDir` with the site's configuration on a worker thread. */
export function checkOffThread(contentDir: string): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: { contentDir } });
    worker.once('message', (result: CheckResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the check's thread ended (exit code ${code}) without a result`)));
  });
}
