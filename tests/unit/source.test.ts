import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, splitFrontmatter } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';

describe('decodeUtf8', () => {
  it('drops a BOM and refuses other encodings, naming the line', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
    const gbk = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xd6, 0xd0]);
    expect(decodeUtf8(gbk)).toMatchObject({ ok: false, line: 3 });
  });
});

describe('splitFrontmatter', () => {
  it('keeps file line numbers and finds where the body starts (LF and CRLF)', () => {
    const lf = splitFrontmatter('---\ntitle: A\ndate: 2024-04-23\n---\n\nBody\n');
    expect(lf).toMatchObject({ ok: true, value: { bodyLine: 5 } });
    if (lf.ok) expect(lf.value.yaml.split('\n')[2]).toBe('date: 2024-04-23');
    const crlf = splitFrontmatter('---\r\ntitle: A\r\n---\r\nBody\r\n');
    expect(crlf).toMatchObject({ ok: true, value: { bodyLine: 4 } });
    // No carriage return sticks to the last value: "tags: [ip]" stays a valid flow list.
    const last = splitFrontmatter('---\r\ntitle: A\r\ntags: [ip]\r\n---\r\nBody\r\n');
    expect(last.ok && last.value.yaml).not.toContain('\r');
    expect(last.ok && last.value.body).toBe('Body\n');
  });
  it('explains a missing opening or closing delimiter', () => {
    expect(splitFrontmatter('title: A\n')).toMatchObject({
      ok: false,
      line: 1,
      message: expect.stringContaining('must start'),
    });
    expect(splitFrontmatter('---\ntitle: A\n')).toMatchObject({
      ok: false,
      message: expect.stringContaining('never closed'),
    });
  });
  it('takes "---" only at the very start of line 1 (after a BOM), as the build does', () => {
    expect(splitFrontmatter('\uFEFF---\ntitle: A\n---\nBody\n')).toMatchObject({ ok: true, value: { bodyLine: 4 } });
    expect(splitFrontmatter('---  \ntitle: A\n--- \nBody\n')).toMatchObject({ ok: true, value: { body: 'Body\n' } });
    // Astro's own reader would take each of these; the checker used to take the first.
    expect(splitFrontmatter('  ---\ntitle: A\n---\nBody\n')).toEqual({
      ok: false,
      line: 1,
      message: 'the opening "---" must start at the very beginning of line 1: remove the spaces before it',
    });
    expect(splitFrontmatter('\n---\ntitle: A\n---\nBody\n')).toEqual({
      ok: false,
      line: 1,
      message: 'the file must start with the line "---": remove the blank lines before it',
    });
    expect(splitFrontmatter('+++\ntitle = "A"\n+++\nBody\n')).toMatchObject({
      ok: false,
      line: 1,
      message: expect.stringContaining('(TOML) is not supported'),
    });
  });
  it('names an indented closing "---" by its line', () => {
    expect(splitFrontmatter('---\ntitle: A\ndate: 2024-04-23\n  ---\nBody\n')).toEqual({
      ok: false,
      line: 4,
      message: 'the closing "---" must start at the very beginning of its line: remove the spaces before it',
    });
  });
  it('refuses a delimiter of four dashes or with text after it, at its line, instead of reading on', () => {
    // Read as "no frontmatter" or as fields running on into the text up to the first `---` rule.
    expect(splitFrontmatter('----\ntitle: A\n----\nBody\n')).toEqual({
      ok: false,
      line: 1,
      message: 'the frontmatter must open with exactly three dashes: this line is "----"; make it "---" alone',
    });
    expect(splitFrontmatter('--- yaml\ntitle: A\n---\nBody\n')).toMatchObject({
      ok: false,
      line: 1,
      message: expect.stringContaining('must open with exactly three dashes: this line is "--- yaml"'),
    });
    expect(splitFrontmatter('---\ntitle: A\ndate: 2024-04-23\n----\nBody\n\n---\n\nMore.\n')).toEqual({
      ok: false,
      line: 4,
      message: 'the frontmatter must close with exactly three dashes: this line is "----"; make it "---" alone',
    });
    expect(splitFrontmatter('---\r\ntitle: A\r\n---x\r\nBody\r\n')).toMatchObject({ ok: false, line: 3 });
    // A `----` rule in the text, after the closing line, is the text's own.
    expect(splitFrontmatter('---\ntitle: A\n---\nBody\n\n----\n')).toMatchObject({ ok: true, value: { bodyLine: 4 } });
  });
});

describe('splitFrontmatter through gray-matter', () => {
  it('gives the padded YAML, the body and its line for empty, blank and last-line frontmatter', () => {
    expect(splitFrontmatter('---\n---\nBody\n')).toEqual({
      ok: true,
      value: { yaml: '', body: 'Body\n', bodyLine: 3 },
    });
    expect(splitFrontmatter('---\n\n\n---\n')).toEqual({ ok: true, value: { yaml: '\n\n', body: '', bodyLine: 5 } });
    // Closed on the file's last line, without a line break: no body.
    expect(splitFrontmatter('---\ntitle: A\n---')).toEqual({
      ok: true,
      value: { yaml: '\ntitle: A', body: '', bodyLine: 4 },
    });
    // Spaces after either delimiter belong to neither the YAML nor the body.
    expect(splitFrontmatter('---  \ntitle: A\n---\t\nBody\n')).toEqual({
      ok: true,
      value: { yaml: '\ntitle: A', body: 'Body\n', bodyLine: 4 },
    });
  });
  it('refuses what gray-matter would take as a language tag or as no frontmatter at all', () => {
    expect(splitFrontmatter('---toml\ntitle = "A"\n---\nBody\n')).toMatchObject({ ok: false, line: 1 });
    expect(splitFrontmatter('------\ntitle: A\n---\nBody\n')).toMatchObject({ ok: false, line: 1 });
    expect(splitFrontmatter('')).toMatchObject({ ok: false, line: 1, message: expect.stringContaining('must start') });
  });
  it('finds the closing line wherever it is in a long file (gray-matter is shown the text up to the first "---" line)', () => {
    for (const fields of [2030, 2040, 2041, 2042, 2043, 2044, 2045, 2050, 5000]) {
      const yaml = `\ntitle: ${'a'.repeat(fields - 12)}`;
      const split = splitFrontmatter(`---${yaml}\n---\n${'Body\n'.repeat(1000)}`);
      expect(split).toMatchObject({ ok: true, value: { yaml, bodyLine: 4 } });
      expect(split.ok && split.value.body.length).toBe(5000);
    }
    const unclosed = splitFrontmatter(`---\ntitle: A\n${'text\n'.repeat(1000)}`);
    expect(unclosed).toMatchObject({ ok: false, line: 1, message: expect.stringContaining('never closed') });
  });
  it('closes at a "---" line as before when a lone carriage return follows the first candidate', () => {
    expect(splitFrontmatter('---\ntitle: A\n---\rx: b\n---\nBody\n')).toEqual({
      ok: true,
      value: { yaml: '\ntitle: A\n---\rx: b', body: 'Body\n', bodyLine: 5 },
    });
  });
  it("leaves gray-matter's cache empty: every call passes options, so no file is kept", () => {
    for (let i = 0; i < 10; i++) splitFrontmatter(`---\ntitle: A${i}\n---\nBody\n`);
    // `cache` is gray-matter's own, missing from its types.
    expect(Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache)).toEqual([]);
  });
});

describe('parseYaml', () => {
  it('locates keys and list items by data path', () => {
    const parsed = parseYaml('\ntitle: A\nspeakers:\n  - a\n  - id: b\n    role: Chair\n');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.locate(['title'])).toEqual({ line: 2, column: 1 });
    expect(parsed.value.locate(['speakers', 1, 'role'])).toEqual({ line: 6, column: 5 });
    expect(parsed.value.locate(['missing'])).toEqual({ line: 2, column: 1 });
  });
  it('reports syntax errors and duplicate keys with positions', () => {
    const dup = parseYaml('title: A\ntitle: B\n');
    expect(dup).toMatchObject({ ok: false, errors: [{ line: 2, message: 'this field appears twice: keep one' }] });
  });
  it('stops alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ]) {
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(parseYaml(bomb.join('\n'))).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining('aliases') }],
    });
  });
});
