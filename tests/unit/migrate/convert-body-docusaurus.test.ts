// The Docusaurus half of the migration's body conversion: admonitions, the truncate marker, MDX
// imports and JSX components, with what is left reported by line and column.
import { describe, expect, it } from 'vitest';
import { convertBody, type ConvertOptions } from '#tools/migrate/convert-body.ts';

const docusaurus: ConvertOptions = { generator: 'docusaurus' };
const body = (input: string): string => convertBody(input, docusaurus).body;

describe('convertBody (Docusaurus)', () => {
  it('turns an MDX comment into an HTML comment, outside code only, and counts it', () => {
    const input = 'Text {/* hidden -- note */} more.\n\n```js\n{/* code */}\n```\n';
    const result = convertBody(input, docusaurus);
    expect(result.body).toBe('Text <!-- hidden - - note --> more.\n\n```js\n{/* code */}\n```\n');
    expect(result.converted).toEqual({ comment: 1 });
    expect(body(result.body)).toBe(result.body);
  });

  it.each([
    [':::note[Title]\nX\n:::'],
    [':::tip Title\nX\n:::'],
    [':::info\nX\n:::'],
    [':::caution\nX\n:::'],
    [':::danger\nX\n:::'],
    [':::warning\nX\n:::'],
    [':::important\nX\n:::'],
  ])('keeps the admonition the site already has: %j', (input) => {
    const result = convertBody(input, docusaurus);
    expect(result.body).toBe(input);
    expect(result.converted).toEqual({});
    expect(result.leftovers).toEqual([]);
  });

  it.each([
    ['success', ':::success[Done]\nX\n:::', ':::tip[Done]\nX\n:::'],
    ['secondary', ':::secondary\nX\n:::', ':::note\nX\n:::'],
    ['a quoted one', '> :::success\n> X\n> :::', '> :::tip\n> X\n> :::'],
  ])('renames a %s admonition', (_, input, output) => {
    const result = convertBody(input, docusaurus);
    expect(result.body).toBe(output);
    expect(result.converted).toEqual({ admonition: 1 });
  });

  it('turns <Admonition> into a callout and drops its import', () => {
    const input =
      'import Admonition from \'@theme/Admonition\';\n\nText.\n\n<Admonition type="tip" title="Did you know">\n  Use **plugins**.\n</Admonition>\n';
    const result = convertBody(input, docusaurus);
    expect(result.body).toBe('\nText.\n\n:::tip[Did you know]\n  Use **plugins**.\n:::\n');
    expect(result.converted).toEqual({ callout: 1, import: 1 });
  });

  it('maps Admonition types and nests callouts', () => {
    expect(body('<Admonition type="success">\n<Admonition type="danger">\nX\n</Admonition>\n</Admonition>')).toBe(
      '::::tip\n:::danger\nX\n:::\n::::',
    );
  });

  it('removes <!-- truncate --> and says where the summary ends', () => {
    const result = convertBody('Summary 摘要。\n\n<!-- truncate -->\n\nRest.\n', docusaurus);
    expect(result.body).toBe('Summary 摘要。\n\nRest.\n');
    expect(result.truncateAt).toBe('Summary 摘要。\n\n'.length);
    expect(result.converted).toEqual({ truncate: 1 });
    expect(result.leftovers).toEqual([{ line: 3, column: 1, kind: 'truncate', text: '<!-- truncate -->' }]);
  });

  it('leaves other imports, exports and JSX, and reports them', () => {
    const input =
      'import Tabs from \'@theme/Tabs\';\nimport TabItem from \'@theme/TabItem\';\nexport const x = 1;\n\n<Tabs>\n  <TabItem value="a" label="A">A</TabItem>\n</Tabs>\n';
    const result = convertBody(input, docusaurus);
    expect(result.body).toBe(input);
    expect(result.leftovers).toEqual([
      { line: 1, column: 1, kind: 'import', text: "import Tabs from '@theme/Tabs';" },
      { line: 2, column: 1, kind: 'import', text: "import TabItem from '@theme/TabItem';" },
      { line: 3, column: 1, kind: 'export', text: 'export const x = 1;' },
      { line: 5, column: 1, kind: 'jsx', text: '<Tabs>' },
      { line: 6, column: 3, kind: 'jsx', text: '<TabItem value="a" label="A">' },
    ]);
  });

  it('touches nothing inside code', () => {
    const input =
      '```mdx\nimport Admonition from \'@theme/Admonition\';\n<Admonition type="tip">X</Admonition>\n:::success\n<!-- truncate -->\n```\n\nInline `:::success` and `<Tabs>`.';
    const result = convertBody(input, docusaurus);
    expect(result.body).toBe(input);
    expect(result.leftovers).toEqual([]);
  });

  it('does not read Hugo shortcodes in a Docusaurus page', () => {
    expect(body('{{< youtube abc >}}')).toBe('{{< youtube abc >}}');
  });

  it('keeps CRLF line breaks and changes nothing on its own output', () => {
    const input =
      'import Admonition from \'@theme/Admonition\';\r\n\r\n前言。\r\n\r\n<!-- truncate -->\r\n\r\n:::success\r\n好。\r\n:::\r\n\r\n<Admonition type="info">\r\n信息\r\n</Admonition>\r\n';
    const once = convertBody(input, docusaurus);
    expect(once.body).toBe('\r\n前言。\r\n\r\n:::tip\r\n好。\r\n:::\r\n\r\n:::info\r\n信息\r\n:::\r\n');
    const twice = convertBody(once.body, docusaurus);
    expect(twice.body).toBe(once.body);
    expect(twice.converted).toEqual({});
  });
});
