// The content check on a thread of its own (pipeline/check/check-thread.ts starts it): checks the
// folder it is given with the site's configuration and posts the result, plain data, back.
import { parentPort, workerData } from 'node:worker_threads';
import { siteConfig } from '#site.config';
import { checkContent } from './checker.ts';

const { contentDir } = workerData as { readonly contentDir: string };
parentPort?.postMessage(await checkContent({ contentDir, config: siteConfig }));
