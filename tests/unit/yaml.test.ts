// The project's one YAML reader (src/lib/yaml.ts): the core schema, no tags beyond the core
// ones, no control characters, no merge keys, one document, bounded nesting without recursion.
import { describe, expect, it } from 'vitest';
import { MAX_YAML_DEPTH, parseYaml, type YamlResult } from '#lib/yaml.ts';

/** The data of a successful parse (fails the test otherwise). (Plain values: tests/unit/read-entry.test.ts.) */
function dataOf(result: YamlResult): unknown {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.ok ? result.value.data : undefined;
}

/** The errors of a failed parse, as `line:column message`. */
function errorsOf(result: YamlResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

describe('refused with a position and a message for editors', () => {
  it.each([
    ['!!js/function', 'title: !!js/function "function () {}"\n', '1:8'],
    ['!!js/regexp', 'title: !!js/regexp /a+/\n', '1:8'],
    ['!!binary', 'a: 1\ntitle: !!binary aGk=\n', '2:8'],
    ['!foo', 'title: &t !foo bar\n', '1:11'],
    ['!!omap', 'list: !!omap\n  - a: 1\n', '1:7'],
    ['!!timestamp', 'date: !!timestamp 2024-04-23\n', '1:7'],
  ])('the tag %s', (tag, text, at) => {
    expect(errorsOf(parseYaml(text))).toEqual([
      `${at} YAML tags such as ${tag} are not allowed: write plain text, lists and maps`,
    ]);
  });
  it('control characters, named by code, never shown', () => {
    const [nul] = errorsOf(parseYaml('a: 1\ntitle: Safe\0text\n'));
    expect(nul).toMatch(/^2:12 an invisible control character U\+0000 \(NUL\) is not allowed/);
    expect(errorsOf(parseYaml('title: "a\u001bb"\n'))[0]).toMatch(/^1:10 .*U\+001B \(ESC\)/);
    expect(errorsOf(parseYaml('title: a\u0085b\n'))[0]).toMatch(/^1:9 .*U\+0085/);
    // Tabs and line breaks (also CRLF) are YAML's own.
    expect(dataOf(parseYaml('title: "a\tb"\r\nsummary: c\r\n'))).toEqual({ title: 'a\tb', summary: 'c' });
  });
  it('merge keys, with or without an alias', () => {
    const message = 'YAML merge keys (<<: *name) are not supported: write the fields out';
    expect(errorsOf(parseYaml('base: &base {a: 1}\nx:\n  <<: *base\n'))).toEqual([`3:3 ${message}`]);
    expect(errorsOf(parseYaml('x:\n  <<: {a: 1}\n'))).toEqual([`2:3 ${message}`]);
    // A quoted "<<" is an ordinary (unknown) field name, which the schemas then refuse by name.
    expect(dataOf(parseYaml('x:\n  "<<": 1\n'))).toEqual({ x: { '<<': 1 } });
  });
  it('a second document', () => {
    const message = "a file holds one set of fields: remove the second '---' block";
    expect(errorsOf(parseYaml('name: A\n---\nname: B\n'))).toEqual([`2:1 ${message}`]);
    expect(errorsOf(parseYaml('name: A\n...\nname: B\n'))).toEqual([`3:1 ${message}`]);
    // One document, explicitly started, is fine.
    expect(dataOf(parseYaml('---\nname: A\n'))).toEqual({ name: 'A' });
  });
  it('an alias inside the block it names (data that would contain itself)', () => {
    expect(errorsOf(parseYaml('tags: &t [a, *t]\n'))).toEqual([
      '1:14 the alias *t sits inside the block it names, so its value would never end: write the values out',
    ]);
  });
  it('an alias with no anchor before it (it used to be called "too many aliases")', () => {
    expect(errorsOf(parseYaml('a: *x\nb: &x 1\n'))).toEqual([
      '1:4 the alias *x has no anchor &x before it: add the anchor, or write the value out',
    ]);
  });
  it('keeps the core schema when a file asks for YAML 1.1 (no Dates, no yes/no booleans)', () => {
    // The alias sends the file to the careful parser, which would otherwise switch schema.
    const parsed = parseYaml('%YAML 1.1\n---\ndate: &d 2024-04-30\nagain: *d\ndraft: yes\n');
    expect(parsed.ok && parsed.value.data).toEqual({ date: '2024-04-30', again: '2024-04-30', draft: 'yes' });
  });
  it('duplicate fields, as before', () => {
    expect(errorsOf(parseYaml('title: A\ntitle: B\n'))).toEqual(['2:1 this field appears twice: keep one']);
  });
});

describe('nesting', () => {
  const nested = (levels: number): string => `a: ${'['.repeat(levels - 1)}x${']'.repeat(levels - 1)}\n`;
  const tooDeep = `lists and maps nest more than ${MAX_YAML_DEPTH} levels deep here: flatten the fields`;

  it(`allows ${MAX_YAML_DEPTH} levels of lists and maps, refuses one more`, () => {
    expect(dataOf(parseYaml(nested(MAX_YAML_DEPTH)))).toBeTruthy();
    expect(errorsOf(parseYaml(nested(MAX_YAML_DEPTH + 1)))).toEqual([`1:36 ${tooDeep}`]);
  });
  it('refuses hostile depths at once, without overflowing the stack', () => {
    for (const text of [
      '['.repeat(100_000),
      '{a: '.repeat(50_000),
      '- '.repeat(100_000) + 'x\n',
      Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
    ]) {
      const started = performance.now();
      const errors = errorsOf(parseYaml(text));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(tooDeep);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
  it('also when an earlier syntax error sends the text to the careful parser', () => {
    // js-yaml stops at line 1; `yaml` would recurse into the 100,000 brackets of line 2.
    const errors = errorsOf(parseYaml(`a: b: c\nx: ${'['.repeat(100_000)}\n`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^2:\\d+ ${tooDeep}$`));
  });
  it('counts the levels an alias brings', () => {
    const half = (inner: string): string => `${'['.repeat(20)}${inner}${']'.repeat(20)}`;
    const errors = errorsOf(parseYaml(`a: &a ${half('x')}\nb: ${half('*a')}\n`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(tooDeep);
  });
  it('keeps the messages of a broken file to a few', () => {
    expect(errorsOf(parseYaml('a: '.repeat(20) + 'x\n')).length).toBeLessThanOrEqual(10);
  });
});
