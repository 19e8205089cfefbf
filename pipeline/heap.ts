// Imported first by pipeline/build.ts: reruns the build with a JavaScript heap sized to the machine.
// V8's default limit (about 4 GiB) is what large Astro sites run out of: Astro bundles the whole
// content store, every rendered body, into the build as one module (a 50,000-story archive failed
// there with the default). The rerun gets three quarters of the memory, leaving the rest to Pagefind.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

const FLAG = '--max-old-space-size';
const limited = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((arg) => arg.includes(FLAG));
if (!limited && process.env['NEWS_ARCHIVE_HEAP'] !== 'set') {
  const megabytes = Math.floor((os.totalmem() / 1024 / 1024) * 0.75);
  const [script = '', ...args] = process.argv.slice(1);
  // `--expose-gc`: one full collection after Astro's content sync (src/integrations/collect-after-sync.ts).
  const flags = [...process.execArgv, `${FLAG}=${megabytes}`, '--expose-gc'];
  const child = spawnSync(process.execPath, [...flags, script, ...args], {
    stdio: 'inherit',
    env: { ...process.env, NEWS_ARCHIVE_HEAP: 'set' },
  });
  process.exit(child.status ?? 1);
}
