// What the migration writes, rendered through the site's real article pipeline (tests/unit/plugins/
// render.ts): each conversion must give the element it is meant for, not just plausible text.
import { describe, expect, it } from 'vitest';
import { convertBody, type ConvertOptions } from '#tools/migrate/convert-body.ts';
import { elementsOf, render, textOf } from '#tests/unit/plugins/render.ts';

const hugo: ConvertOptions = { generator: 'hugo', resolveLink: () => '/en/2024/post/' };

/** The old body converted, then rendered as an article in `language`. */
async function rendered(input: string, options: ConvertOptions = hugo, language = 'en'): Promise<string> {
  return render(convertBody(input, options).body, { language });
}

const withClass = (html: string, tag: string, name: string): boolean =>
  elementsOf(html).some(
    (element) => element.tagName === tag && String(element.properties['className'] ?? '').includes(name),
  );

describe('converted bodies, rendered by the site', () => {
  it('gives a figure with its caption and credit', async () => {
    const html = await rendered(
      'Intro.\n\n{{< figure src="a.jpg" alt="Stage" caption="The opening" attr="ZGC Forum" >}}\n\nMore.',
    );
    const figure = elementsOf(html).find((element) => element.tagName === 'figure');
    expect(figure).toBeDefined();
    expect(textOf(html)).toContain('The opening Photo: ZGC Forum');
    expect(withClass(html, 'span', 'credit')).toBe(true);
  });

  it('gives a figure with a Chinese credit', async () => {
    const html = await rendered('{{< figure src="a.jpg" caption="开幕式" attr="新华社" >}}', hugo, 'zh');
    expect(elementsOf(html).some((element) => element.tagName === 'figcaption')).toBe(true);
    expect(textOf(html)).toContain('图：新华社');
  });

  it('gives a callout from a Hugo shortcode, a Docsy alert and a Docusaurus <Admonition>', async () => {
    for (const [input, options] of [
      ['{{< note >}}\nRead **this**.\n{{< /note >}}', hugo],
      ['{{% alert title="Heads up" color="danger" %}}\nRead this.\n{{% /alert %}}', hugo],
      ['<Admonition type="success" title="Done">\nRead this.\n</Admonition>', { generator: 'docusaurus' }],
      [':::secondary\nRead this.\n:::', { generator: 'docusaurus' }],
    ] as const) {
      const html = await rendered(input, options);
      expect(withClass(html, 'div', 'callout'), input).toBe(true);
      expect(html).not.toContain(':::');
    }
  });

  it('gives a titled callout inside a quote', async () => {
    const html = await rendered('> {{< tip title="Pro tip" >}}\n> Read this.\n> {{< /tip >}}');
    expect(withClass(html, 'div', 'callout')).toBe(true);
    expect(textOf(html)).toContain('Pro tip');
  });

  it('gives a video player for youtube and vimeo', async () => {
    for (const input of [
      '{{< youtube w7Ft2ymGmfc >}}',
      '{{< vimeo 146022717 >}}',
      '{{< youtube id="w7Ft2ymGmfc" title="Launch" >}}',
    ]) {
      const html = await rendered(`Intro.\n\n${input}\n\nMore.`);
      expect(
        elementsOf(html).some((element) => element.tagName === 'iframe'),
        input,
      ).toBe(true);
    }
  });

  it('gives a highlighted code block labelled with its language', async () => {
    const html = await rendered('{{< highlight python >}}\nprint("hi")\n{{< /highlight >}}');
    expect(elementsOf(html).some((element) => element.tagName === 'pre')).toBe(true);
    expect(html).toContain('Python');
    expect(textOf(html)).toContain('print("hi")');
  });

  it('gives a diagram source figure for mermaid', async () => {
    const html = await rendered('{{< mermaid >}}\ngraph TD; A-->B\n{{< /mermaid >}}');
    expect(withClass(html, 'figure', 'diagram-source')).toBe(true);
  });

  it('gives <details> with its summary, and a link for ref', async () => {
    const html = await rendered(
      '{{< details summary="More" >}}\nHidden **text**.\n{{< /details >}}\n\n[post]({{< ref "p.md" >}})',
    );
    const tags = elementsOf(html).map((element) => element.tagName);
    expect(tags).toEqual(expect.arrayContaining(['details', 'summary', 'strong', 'a']));
    expect(html).toContain('/en/2024/post/');
  });
});
