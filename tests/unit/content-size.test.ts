import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNKED_STORE_ABOVE, collectionStorageFor, markdownBytes } from '#lib/content-size.ts';

describe('markdownBytes and collectionStorageFor', () => {
  it('adds up the Markdown files only, in every subfolder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'content-size-'));
    mkdirSync(path.join(dir, '2024/story'), { recursive: true });
    writeFileSync(path.join(dir, '2024/story/en.md'), 'x'.repeat(1000));
    writeFileSync(path.join(dir, '2024/story/zh.md'), '中'.repeat(100));
    writeFileSync(path.join(dir, '2024/story/cover.jpg'), 'y'.repeat(5000));
    expect(markdownBytes(dir)).toBe(1300);
    expect(markdownBytes(path.join(dir, 'missing'))).toBe(0);
  });

  it('keeps one store module for ordinary archives and chunks the store past the limit', () => {
    expect(collectionStorageFor(86 * 1024 * 1024)).toBe('single-file');
    expect(collectionStorageFor(CHUNKED_STORE_ABOVE + 1)).toBe('chunked');
  });
});
