// The Hugo half of the migration's body conversion: one string-in/string-out case per shortcode, and
// the guarantees around them (code untouched, leftovers placed, idempotence, Chinese text and CRLF kept).
import { describe, expect, it } from 'vitest';
import { convertBody, type ConvertOptions } from '#tools/migrate/convert-body.ts';

const hugo: ConvertOptions = {
  generator: 'hugo',
  resolveLink: (target) => (target === 'blog/post.md' ? '/en/2024/post/' : undefined),
};
const body = (input: string, options: ConvertOptions = hugo): string => convertBody(input, options).body;

describe('convertBody (Hugo shortcodes)', () => {
  it.each([
    [
      'figure with caption and credit',
      '{{< figure src="a.jpg" alt="Stage" caption="The opening" attr="ZGC Forum" >}}',
      '![Stage](a.jpg "The opening") (Photo: ZGC Forum)',
    ],
    [
      'figure with title and caption',
      '{{< figure src="a.jpg" title="Launch" caption="Day one" >}}',
      '![](a.jpg "Launch. Day one")',
    ],
    [
      'figure with a Chinese credit',
      '{{< figure src="a.jpg" caption="开幕式" attr="新华社" >}}',
      '![](a.jpg "开幕式") （图：新华社）',
    ],
    ['figure with a labelled credit', '{{% figure src="a.jpg" attr="Photo: WOC" /%}}', '![](a.jpg) (Photo: WOC)'],
    [
      'linked figure',
      '{{< figure src="a.jpg" caption="C" link="https://x.org/" >}}',
      '[![](a.jpg "C")](https://x.org/)',
    ],
    [
      'figure with a quote in its caption',
      '{{< figure src="a b.jpg" caption="The \\"best\\"" >}}',
      '![](<a b.jpg> "The \\"best\\"")',
    ],
    ['youtube', '{{< youtube w7Ft2ymGmfc >}}', 'https://www.youtube.com/watch?v=w7Ft2ymGmfc'],
    [
      'youtube id= and title',
      '{{< youtube id="w7Ft2ymGmfc" title="Launch" >}}',
      '[Launch](https://www.youtube.com/watch?v=w7Ft2ymGmfc)',
    ],
    ['vimeo', '{{< vimeo 146022717 >}}', 'https://vimeo.com/146022717'],
    ['highlight', '{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}', '```go\nfunc main() {}\n```'],
    [
      'highlight with options and backticks',
      '{{< highlight md "linenos=table" >}}\n```js\n```\n{{< /highlight >}}',
      '````md linenos=table\n```js\n```\n````',
    ],
    ['mermaid', '{{< mermaid >}}\ngraph TD; A-->B\n{{< /mermaid >}}', '```mermaid\ngraph TD; A-->B\n```'],
    ['ref', 'See [post]({{< ref "blog/post.md" >}}).', 'See [post](/en/2024/post/).'],
    ['relref with path=', '[p]({{< relref path="blog/post.md" >}})', '[p](/en/2024/post/)'],
    ['note', '{{< note >}}\nSome **text**.\n{{< /note >}}', ':::note\nSome **text**.\n:::'],
    ['tip with title', '{{% tip title="Pro [tip]" %}}\nX\n{{% /tip %}}', ':::tip[Pro \\[tip\\]]\nX\n:::'],
    ['warning', '{{< warning >}}\nX\n{{< /warning >}}', ':::warning\nX\n:::'],
    ['Docsy alert primary', '{{% alert title="Note" %}}\nX\n{{% /alert %}}', ':::note[Note]\nX\n:::'],
    ['Docsy alert info', '{{% alert color="info" %}}\nX\n{{% /alert %}}', ':::note\nX\n:::'],
    ['Docsy alert warning', '{{% alert color="warning" %}}\nX\n{{% /alert %}}', ':::warning\nX\n:::'],
    ['Docsy alert danger', '{{% alert color="danger" %}}\nX\n{{% /alert %}}', ':::caution\nX\n:::'],
    ['Docsy alert success', '{{% alert color="success" %}}\nX\n{{% /alert %}}', ':::tip\nX\n:::'],
    ['Hextra callout info', '{{< callout type="info" >}}\nX\n{{< /callout >}}', ':::info\nX\n:::'],
    ['Hextra callout warning', '{{< callout type="warning" emoji="⚠️" >}}\nX\n{{< /callout >}}', ':::warning\nX\n:::'],
    ['Hextra callout error', '{{< callout type="error" >}}\nX\n{{< /callout >}}', ':::danger\nX\n:::'],
    [
      'details',
      '{{< details summary="More & <more>" >}}\nHidden.\n{{< /details >}}',
      '<details>\n<summary>More &#38; &#60;more&#62;</summary>\n\nHidden.\n\n</details>',
    ],
    ['callout inside a quote', '> {{< note >}}\n> X\n> {{< /note >}}', '> :::note\n> X\n> :::'],
    ['callout on one line', '{{< note >}}X{{< /note >}}', ':::note\nX\n:::'],
    ['nested callouts', '{{< note >}}\n{{< tip >}}\nX\n{{< /tip >}}\n{{< /note >}}', '::::note\n:::tip\nX\n:::\n::::'],
    ['self-closing', '{{< youtube id="abc" />}}', 'https://www.youtube.com/watch?v=abc'],
  ])('converts %s', (_, input, output) => {
    expect(body(input)).toBe(output);
  });

  it('counts what it converted', () => {
    const result = convertBody('{{< youtube a >}}\n\n{{< vimeo 1 >}}\n\n{{< note >}}\nX\n{{< /note >}}', hugo);
    expect(result.converted).toEqual({ youtube: 1, vimeo: 1, callout: 1 });
    expect(result.leftovers).toEqual([]);
  });

  it('writes the image address resolveImage gives, and lists the relative ones', () => {
    const result = convertBody(
      '{{< figure src="/images/a.jpg" caption="C" >}}\n\n![b](/images/b.png)\n\n![c](https://x.org/c.png)',
      {
        ...hugo,
        resolveImage: (src) => src.replace(/^\/images\//, './'),
      },
    );
    expect(result.body).toBe('![](./a.jpg "C")\n\n![b](./b.png)\n\n![c](https://x.org/c.png)');
    expect(result.images).toEqual(['./a.jpg', './b.png']);
  });

  it('reports a site-absolute image nobody resolved', () => {
    const result = convertBody('Text\n\n![b](/images/b.png)', hugo);
    expect(result.body).toBe('Text\n\n![b](/images/b.png)');
    expect(result.leftovers).toEqual([{ line: 3, column: 1, kind: 'image', text: '/images/b.png' }]);
  });

  it('touches nothing inside fenced or inline code, or inside a highlight shortcode', () => {
    const input = [
      '```',
      '{{< youtube abc >}}',
      '```',
      '',
      'Write `{{< figure src="a.jpg" >}}` or `{{< note >}}`.',
      '',
      '    {{< vimeo 1 >}}',
      '',
      '{{< highlight html >}}',
      '{{< youtube abc >}} ![x](/a.png)',
      '{{< /highlight >}}',
    ].join('\n');
    const result = convertBody(input, hugo);
    expect(result.body).toBe(input.replace('{{< highlight html >}}', '```html').replace('{{< /highlight >}}', '```'));
    expect(result.leftovers).toEqual([]);
  });

  it('leaves unknown shortcodes and reports each with its line and column', () => {
    const input = 'Intro 中文\n\nText {{< gist spf13 7896402 >}} more\n\n{{< tabs >}}\nA\n{{< /tabs >}}';
    const result = convertBody(input, hugo);
    expect(result.body).toBe(input);
    expect(result.leftovers).toEqual([
      { line: 3, column: 6, kind: 'shortcode', text: '{{< gist spf13 7896402 >}}' },
      { line: 5, column: 1, kind: 'shortcode', text: '{{< tabs >}}' },
      { line: 7, column: 1, kind: 'shortcode', text: '{{< /tabs >}}' },
    ]);
  });

  it('leaves an unresolved ref, an unclosed callout and unused parameters, and reports them', () => {
    const result = convertBody('[x]({{< ref "nope.md" >}})\n\n{{< note >}}\nX\n\n{{< youtube abc start=30 >}}', hugo);
    expect(result.body).toBe('[x]({{< ref "nope.md" >}})\n\n{{< note >}}\nX\n\nhttps://www.youtube.com/watch?v=abc');
    expect(result.leftovers).toEqual([
      { line: 1, column: 5, kind: 'ref', text: '{{< ref "nope.md" >}}' },
      { line: 3, column: 1, kind: 'shortcode', text: '{{< note >}}' },
      { line: 6, column: 1, kind: 'parameter', text: 'youtube start="30"' },
    ]);
  });

  it('removes the <!--more--> divider and says where the summary ends', () => {
    const result = convertBody('Summary 摘要.\n\n<!--more-->\n\nRest.', hugo);
    expect(result.body).toBe('Summary 摘要.\n\nRest.');
    expect(result.truncateAt).toBe('Summary 摘要.\n\n'.length);
    expect(result.leftovers).toEqual([{ line: 3, column: 1, kind: 'truncate', text: '<!--more-->' }]);
  });

  it('keeps Chinese text and CRLF line breaks', () => {
    const input =
      '开头，中文。\r\n\r\n{{< note >}}\r\n注意：内容。\r\n{{< /note >}}\r\n\r\n{{< figure src="a.jpg" caption="图片说明" >}}\r\n';
    expect(body(input)).toBe('开头，中文。\r\n\r\n:::note\r\n注意：内容。\r\n:::\r\n\r\n![](a.jpg "图片说明")\r\n');
  });

  it('changes nothing when run on its own output', () => {
    const input = [
      '{{< figure src="a.jpg" caption="C" attr="X" >}}',
      '{{< youtube abc >}}',
      '{{% alert color="danger" %}}\n{{< note >}}\nX\n{{< /note >}}\n{{% /alert %}}',
      '{{< details summary="S" >}}\nD\n{{< /details >}}',
      '{{< highlight go >}}\nx := 1\n{{< /highlight >}}',
      '{{< unknown >}}',
      'Intro\n\n<!--more-->\n\nRest',
    ].join('\n\n');
    const once = convertBody(input, hugo);
    const twice = convertBody(once.body, hugo);
    expect(twice.body).toBe(once.body);
    expect(twice.converted).toEqual({});
  });
});
