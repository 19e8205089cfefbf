// The removal thread of pipeline/publish.ts (removeOffThread): removes the paths it is given with
// blocking calls, so that tens of thousands of unlinks do not queue on the main thread's I/O pool.
import { workerData } from 'node:worker_threads';
import { removeSync } from './output-paths.ts';

for (const target of workerData as readonly string[]) removeSync(target);
