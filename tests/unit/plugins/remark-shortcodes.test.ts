import { describe, expect, it } from 'vitest';
import { elementsOf, render, textOf } from './render.ts';

describe('Hugo shortcodes without the space', () => {
  it('prints {{<figure …>}} as text, like {{< figure >}}, and it takes in nothing after it', async () => {
    const html = await render('{{<figure src="x.png" caption="A cap">}}\n\nNext paragraph.\n\nAnother.');
    // Before: `<p>{{</p><figure>}}<p></p><p>Next paragraph.</p><p>Another.</p></figure>`.
    expect(elementsOf(html).map((e) => e.tagName)).toEqual(['p', 'p', 'p']);
    expect(textOf(html)).toBe(
      '{{<figure src=\u201cx.png\u201d caption=\u201cA cap\u201d>}}\nNext paragraph.\nAnother.',
    );
    const spaced = await render('{{< figure src="x.png" caption="A cap" >}}');
    expect(textOf(spaced)).toBe('{{< figure src=\u201cx.png\u201d caption=\u201cA cap\u201d >}}');
  });

  it('keeps closing, unknown and back-to-back shortcodes whole, mid-sentence too', async () => {
    const html = await render('Before {{<youtube abc123>}} after {{</figure>}} and {{<a>}}{{<b>}}.');
    // Before: the tags were dropped by the sanitizer, leaving "Before {{}} after {{}} and {{}}{{}}.".
    expect(textOf(html)).toBe('Before {{<youtube abc123>}} after {{</figure>}} and {{<a>}}{{<b>}}.');
    expect(elementsOf(html).map((e) => e.tagName)).toEqual(['p']);
  });

  it('leaves raw HTML that is not glued to both braces alone', async () => {
    const html = await render('Text {{ <b>bold</b> }} and {{<i>x</i> }} end.');
    expect(elementsOf(html).map((e) => e.tagName)).toEqual(['p', 'b', 'i']);
    expect(textOf(html)).toBe('Text {{ bold }} and {{x }} end.');
  });

  it('leaves shortcodes in code as code', async () => {
    const html = await render('`{{<figure src="x.png">}}`\n\n```\n{{<figure>}}\n```');
    expect(html).toContain('<code>{{&#x3C;figure src="x.png">}}</code>');
  });
});
