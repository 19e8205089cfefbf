// Bounded parallelism (src/lib/concurrency.ts), which the checker and the build use over thousands of files.
import { describe, expect, it } from 'vitest';
import { mapWithLimit } from '#lib/concurrency.ts';

describe('mapWithLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('handles fewer items than the limit, and none', async () => {
    const seen: number[] = [];
    const upper = (s: string, i: number): Promise<string> => {
      seen.push(i);
      return Promise.resolve(s.toUpperCase());
    };
    expect(await mapWithLimit(['a', 'b'], 8, upper)).toEqual(['A', 'B']);
    expect(seen).toEqual([0, 1]);
    expect(await mapWithLimit([], 4, () => Promise.reject(new Error('never called')))).toEqual([]);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapWithLimit([1, 2, 3], 2, (n) => (n === 2 ? Promise.reject(new Error(`item ${n} failed`)) : Promise.resolve(n))),
    ).rejects.toThrow('item 2 failed');
  });
});
