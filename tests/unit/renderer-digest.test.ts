import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererDigest } from '#loaders/renderer-digest.ts';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

/** A project root holding only a package-lock.json with the given text. */
async function rootWithLock(text: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'renderer-digest-'));
  roots.push(root);
  await writeFile(path.join(root, 'package-lock.json'), text);
  return root;
}

describe('rendererDigest', () => {
  it('is the same for the same code and packages', async () => {
    const root = await rootWithLock('{"lockfileVersion":3}');
    expect(await rendererDigest(root)).toBe(await rendererDigest(root));
    expect(await rendererDigest(root)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when the installed packages change', async () => {
    const before = await rendererDigest(await rootWithLock('{"packages":{"node_modules/shiki":{"version":"3.0.0"}}}'));
    const after = await rendererDigest(await rootWithLock('{"packages":{"node_modules/shiki":{"version":"3.1.0"}}}'));
    expect(after).not.toBe(before);
  });

  it('does not need a lock file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'renderer-digest-'));
    roots.push(root);
    expect(await rendererDigest(root)).toMatch(/^[0-9a-f]{64}$/);
  });
});
