/**
 * The process that tests/integration/publish-kill.test.ts kills: publishes synthetic sites into an
 * output folder the way pipeline/build.ts does (lock, prepare, write the staging folder, publish),
 * over and over, and reports on stdout what it is doing so the test knows the old and new site.
 *
 * Usage: node publish-child.ts <out> loop [--pause-at <step>] [--exdev]
 *        node publish-child.ts <out> hold       (takes the lock and waits)
 * `--pause-at` stops for good at that publish step (the test kills it there); `--exdev` makes
 * renaming the staging folder fail as across filesystems, so every publish copies.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  acquireLock,
  outputPaths,
  prepareOutput,
  publishSite,
  type PublishFs,
  type PublishStep,
} from '#pipeline/publish.ts';

/** Writes a synthetic site of `count` files into `dir`: every file names `version`, listed in manifest.json. */
export async function writeSite(dir: string, version: string, count: number): Promise<void> {
  const files = ['index.html'];
  for (let i = 0; i < count; i++) files.push(`section-${i % 12}/page-${i}.html`);
  await Promise.all(
    [...new Set(files.map((file) => path.dirname(path.join(dir, file))))].map((d) => mkdir(d, { recursive: true })),
  );
  // In batches: fast, without running out of file handles.
  for (let i = 0; i < files.length; i += 100) {
    await Promise.all(
      files
        .slice(i, i + 100)
        .map((file) =>
          writeFile(path.join(dir, file), `<!doctype html><title>${version}</title><p>${version} ${file}</p>\n`),
        ),
    );
  }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ version, files }));
}

/** Never resolves, and keeps the process alive until it is killed. */
const forever = () => new Promise<never>(() => setInterval(() => undefined, 60_000));

if (import.meta.main) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'pause-at': { type: 'string' }, exdev: { type: 'boolean' } },
  });
  const [out = '', mode = 'loop'] = positionals;
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (mode === 'hold') {
    acquireLock(out);
    say('locked');
    await forever();
  }
  const { staging } = outputPaths(out);
  // Renaming the staging folder fails as it would across filesystems: every publish copies.
  const fs: Partial<PublishFs> = values.exdev
    ? {
        rename: async (from, to) => {
          if (from === staging)
            throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
          await rename(from, to);
        },
      }
    : {};
  const onStep = async (step: PublishStep) => {
    if (step !== values['pause-at']) return;
    say(`at ${step}`);
    await forever();
  };
  say('ready');
  for (;;) {
    const lock = acquireLock(out);
    await prepareOutput(out, { fs, onStep });
    const version = randomBytes(6).toString('hex');
    // A different number of files each time, so that a mix of two versions would show.
    await writeSite(staging, version, 250 + Math.floor(Math.random() * 100));
    say(`publishing ${version}`);
    await publishSite(out, { fs, onStep });
    say(`published ${version}`);
    lock.release();
  }
}
