// Image formats recognised from their first bytes: what the checker accepts as an image.
import { describe, expect, it } from 'vitest';
import { formatByExtension, sniffImage } from '#lib/image-files.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffImage', () => {
  it.each([
    ['png', bytes([0x89], 'PNG\r\n\x1a\n')],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['gif', bytes('GIF89a')],
    ['gif', bytes('GIF87a')],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['avif', bytes([0, 0, 0, 0x1c], 'ftypavif')],
    ['tiff', bytes('II*\0', [8, 0, 0, 0])],
    ['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    [
      'svg',
      bytes(
        [0xef, 0xbb, 0xbf],
        '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n<svg>',
      ),
    ],
  ])('recognises %s', (format, head) => {
    expect(sniffImage(head)).toBe(format);
  });

  it.each([
    ['a password line', bytes('root:x:0:0:root:/root:/bin/bash\n')],
    ['an env file', bytes('API_KEY=secret\n')],
    ['HTML', bytes('<!doctype html><html><svg>')],
    ['an empty file', bytes('')],
    ['a truncated PNG signature', bytes([0x89], 'PN')],
  ])('refuses %s', (_what, head) => {
    expect(sniffImage(head)).toBeUndefined();
  });
});

describe('formatByExtension', () => {
  it('knows the published extensions, case-insensitively, and nothing else', () => {
    expect(formatByExtension('a/b/Photo.JPG')).toBe('jpeg');
    expect(formatByExtension('x.webp')).toBe('webp');
    expect(formatByExtension('passwd')).toBeUndefined();
    expect(formatByExtension('notes.txt')).toBeUndefined();
  });
});
