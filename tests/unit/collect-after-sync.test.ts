import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectAfterSync } from '#integrations/collect-after-sync.ts';

const holder = globalThis as { gc?: () => void };
const original = holder.gc;
afterEach(() => {
  if (original) holder.gc = original;
  else delete holder.gc;
});

/** Runs the integration's `astro:build:start` hook as Astro would. */
async function buildStart(): Promise<void> {
  const hook = collectAfterSync().hooks['astro:build:start'];
  await hook?.({} as Parameters<NonNullable<typeof hook>>[0]);
}

describe('collectAfterSync', () => {
  it('collects once when the build starts, after the content sync, if the process exposes gc', async () => {
    const gc = vi.fn();
    holder.gc = gc;
    await buildStart();
    expect(gc).toHaveBeenCalledTimes(1);
  });

  it('does nothing in a process started without --expose-gc', async () => {
    delete holder.gc;
    await expect(buildStart()).resolves.toBeUndefined();
  });
});
