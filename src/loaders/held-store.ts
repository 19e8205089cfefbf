/**
 * A view of a loader's data store that holds the entries set during a build's content sync and
 * sets them all at once at the end. Astro writes the whole store to disk 500 ms after the last
 * change (a debounce, `SAVE_DEBOUNCE_MS` in its mutable data store), and each write serialises
 * every entry: any pause of half a second in a long sync (a garbage collection, a slow Markdown
 * file) set off another full write, and a cold sync of 50,000 stories wrote the growing store over
 * and over (its 20 MB chunks were rewritten every minute or so). Held back, the entries are set in
 * one synchronous run and the store is written once. Reads see the held entries, so the glob
 * loader's digest and duplicate checks behave as with the real store. Hand-written: a Proxy over
 * Astro's store object, which has internal methods (`addAssetImports`) its type leaves out.
 */
import type { DataStore } from 'astro/loaders';

/** A store whose `set` calls are held, and the function that makes them. */
export interface HeldStore<S extends DataStore> {
  /** The view to hand to a loader. */
  readonly store: S;
  /** Sets the held entries in the real store, in the order they were set; returns how many. */
  readonly release: () => number;
}

/** One entry as `set` takes it. */
type Entry = Parameters<DataStore['set']>[0];

/** Holds the `set` calls made through the returned view of `store` until `release()`. */
export function holdSets<S extends DataStore>(store: S): HeldStore<S> {
  const held = new Map<string, Entry>();
  const overrides: Partial<DataStore> = {
    set: (entry) => {
      held.delete(entry.id);
      held.set(entry.id, entry);
      return true;
    },
    get: ((id: string) => held.get(id) ?? store.get(id)) as DataStore['get'],
    has: (id) => held.has(id) || store.has(id),
    delete: (id) => {
      held.delete(id);
      store.delete(id);
    },
    clear: () => {
      held.clear();
      store.clear();
    },
    entries: () => {
      const merged = new Map(store.entries());
      for (const [id, entry] of held) merged.set(id, entry);
      return [...merged];
    },
    keys: () => [...new Set([...store.keys(), ...held.keys()])],
    values: () => [...new Map([...store.entries(), ...held]).values()],
  };
  const view = new Proxy(store, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) {
        return overrides[property as keyof DataStore];
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const release = () => {
    const count = held.size;
    for (const entry of held.values()) store.set(entry);
    held.clear();
    return count;
  };
  return { store: view, release };
}
