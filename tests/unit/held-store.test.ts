import type { DataStore } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { holdSets } from '#loaders/held-store.ts';

/** A Map-backed store like Astro's, counting its `set` calls, with one method its type leaves out. */
function fakeStore(initial: Record<string, string> = {}) {
  const entries = new Map(Object.entries(initial).map(([id, digest]) => [id, { id, data: {}, digest }]));
  const log: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    entries: () => [...entries],
    set: (entry: { id: string; data: Record<string, unknown>; digest?: string }) => {
      log.push(`set ${entry.id}`);
      entries.set(entry.id, { id: entry.id, data: entry.data, digest: entry.digest ?? '' });
      return true;
    },
    values: () => [...entries.values()],
    keys: () => [...entries.keys()],
    delete: (id: string) => void entries.delete(id),
    clear: () => entries.clear(),
    has: (id: string) => entries.has(id),
    addModuleImport: (file: string) => void log.push(`module ${file}`),
    addAssetImports(this: unknown, files: string[]) {
      log.push(`assets ${files.join(',')} ${this === store ? 'on the store' : 'elsewhere'}`);
    },
  };
  return { store: store as unknown as DataStore & typeof store, entries, log };
}

describe('holdSets', () => {
  it('holds every set until released, then sets them in order, once each', () => {
    const { store, entries, log } = fakeStore();
    const held = holdSets(store);
    held.store.set({ id: 'a', data: {}, digest: '1' });
    held.store.set({ id: 'b', data: {}, digest: '1' });
    held.store.set({ id: 'a', data: {}, digest: '2' });
    expect(log).toEqual([]);
    expect(entries.size).toBe(0);
    expect(held.release()).toBe(2);
    expect(log).toEqual(['set b', 'set a']);
    expect(entries.get('a')?.digest).toBe('2');
    expect(held.release()).toBe(0);
  });

  it('reads held entries as set, so digest checks see them', () => {
    const { store } = fakeStore({ old: 'x' });
    const held = holdSets(store);
    held.store.set({ id: 'new', data: {}, digest: 'y' });
    expect(held.store.get('new')?.digest).toBe('y');
    expect(held.store.get('old')?.digest).toBe('x');
    expect(held.store.has('new')).toBe(true);
    expect(held.store.keys().sort()).toEqual(['new', 'old']);
    expect(held.store.entries().map(([id]) => id)).toEqual(['old', 'new']);
    expect(held.store.values()).toHaveLength(2);
  });

  it('deletes from both, so a deleted entry is not set on release', () => {
    const { store, entries } = fakeStore({ gone: 'x' });
    const held = holdSets(store);
    held.store.set({ id: 'gone', data: {}, digest: 'y' });
    held.store.delete('gone');
    expect(held.release()).toBe(0);
    expect(entries.has('gone')).toBe(false);
  });

  it('passes other methods through, bound to the store', () => {
    const { store, log } = fakeStore();
    const held = holdSets(store);
    held.store.addModuleImport('a.md');
    held.store.addAssetImports(['a.png']);
    expect(log).toEqual(['module a.md', 'assets a.png on the store']);
  });
});
