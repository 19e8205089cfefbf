/**
 * The patch to Astro's chunked content-store writer (patches/astro+*.patch, README "Patched
 * dependencies"): it must cut chunks exactly where Astro's own code does, since the chunk files'
 * names are hashes of their text, and must no longer encode the store one character at a time.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

/** Astro's writer module, by file: the package does not export it. */
const writer = (await import(
  pathToFileURL(path.resolve('node_modules/astro/dist/content/data-store-writer.js')).href
)) as { chunkString: (text: string, maxBytes: number) => string[] };

/**
 * The chunks Astro's unpatched writer makes, written from its rule: as many whole characters (code
 * points; a lone surrogate is one, written as U+FFFD) as fit in `maxBytes` of UTF-8, and at least one.
 */
function referenceChunks(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character, 'utf8');
    if (bytes + size > maxBytes && chunk !== '') {
      chunks.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += character;
    bytes += size;
    if (bytes >= maxBytes) {
      chunks.push(chunk);
      chunk = '';
      bytes = 0;
    }
  }
  if (chunk !== '') chunks.push(chunk);
  return chunks;
}

/** A deterministic text mixing one-, two-, three- and four-byte characters and lone surrogates. */
function mixedText(length: number, seed: number): string {
  const pieces = ['a', ' ', '"', 'é', 'ß', '中', '文', '，', '😀', '𠮷', '\uD800', '\uDFFF', '\n'];
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += pieces[state % pieces.length];
  }
  return text;
}

describe("Astro's chunked store writer, patched", () => {
  it('cuts chunks where the unpatched writer does, never inside a character', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = mixedText(2_000, seed);
      for (const maxBytes of [1, 2, 3, 4, 5, 7, 64, 1_000, 10_000]) {
        expect(writer.chunkString(text, maxBytes), `seed ${seed}, ${maxBytes} bytes`).toEqual(
          referenceChunks(text, maxBytes),
        );
      }
    }
  });

  it('finds chunk ends without encoding the text a character at a time', () => {
    const encode = vi.spyOn(TextEncoder.prototype, 'encode');
    try {
      const chunks = writer.chunkString(mixedText(200_000, 7), 65_536);
      expect(chunks.join('')).toBe(mixedText(200_000, 7));
      expect(encode).not.toHaveBeenCalled();
    } finally {
      encode.mockRestore();
    }
  });
});
