import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { parseCredit, rehypeFigures } from '#plugins/rehype-figures.ts';
import { render } from './render.ts';

const figures = (markdown: string): Promise<string> => render(markdown, { plugins: [rehypeRaw, rehypeFigures] });

describe('parseCredit', () => {
  it.each([
    ['(Photo: ZGC Forum)', 'Photo: ZGC Forum'],
    ['Photo: ZGC Forum', 'Photo: ZGC Forum'],
    ['  (Photo:ZGC  Forum) ', 'Photo:ZGC Forum'],
    ['(Photo credit: Li Wei)', 'Photo credit: Li Wei'],
    ['(Credit: WIPO/Berrod)', 'Credit: WIPO/Berrod'],
    ['（图：WOC）', '图：WOC'],
    ['(图:  WOC)', '图: WOC'],
    ['图/WOC', '图/WOC'],
    ['（摄影：王磊）', '摄影：王磊'],
    ['摄影：王磊', '摄影：王磊'],
    ['（来源：中国知识产权报）', '来源：中国知识产权报'],
    ['（Photo：ZGC Forum)', 'Photo：ZGC Forum'],
  ])('reads %s as %s', (line, credit) => {
    expect(parseCredit(line)).toBe(credit);
  });

  it.each([
    'Photographers were present.',
    'Photo',
    '(Photo: )',
    '(Photo: A) and (B)',
    'Photo: A) and (B',
    '图书馆：开放时间',
    `Source: ${'a long sentence that goes on '.repeat(6)}`,
    'The photo: ZGC Forum',
  ])('does not read %s as a credit', (line) => {
    expect(parseCredit(line)).toBeUndefined();
  });
});

describe('rehypeFigures', () => {
  it('makes a titled image a figure with the title as caption, alt untouched', async () => {
    expect(await figures('![Speakers on the stage](./opening.jpg "The opening ceremony")')).toBe(
      '<figure><img src="./opening.jpg" alt="Speakers on the stage"><figcaption>The opening ceremony</figcaption></figure>',
    );
  });

  it('keeps the link around a linked image', async () => {
    expect(await figures('[![Alt](./a.jpg "Caption")](https://example.org/full.jpg)')).toBe(
      '<figure><a href="https://example.org/full.jpg"><img src="./a.jpg" alt="Alt"></a>' +
        '<figcaption>Caption</figcaption></figure>',
    );
  });

  it('attaches a credit paragraph that follows the image, and removes it', async () => {
    expect(await figures('![Alt](./a.jpg "The opening")\n\n(Photo: ZGC Forum)\n\nNext paragraph.')).toBe(
      '<figure><img src="./a.jpg" alt="Alt"><figcaption>The opening <span class="credit">Photo: ZGC Forum</span>' +
        '</figcaption></figure>\n<p>Next paragraph.</p>',
    );
  });

  it('attaches a credit written after the image in the same paragraph', async () => {
    expect(await figures('![Alt](./a.jpg) （图：WOC）')).toBe(
      '<figure><img src="./a.jpg" alt="Alt"><figcaption><span class="credit">图：WOC</span></figcaption></figure>',
    );
    expect(await figures('![Alt](./a.jpg "Cap")\n(图:  WOC)')).toBe(
      '<figure><img src="./a.jpg" alt="Alt"><figcaption>Cap <span class="credit">图: WOC</span></figcaption></figure>',
    );
    expect(await figures('![Alt](./a.jpg)  \n*Photo: X*')).toBe(
      '<figure><img src="./a.jpg" alt="Alt"><figcaption><span class="credit">Photo: X</span></figcaption></figure>',
    );
  });

  it.each(['Photo: ZGC Forum', '(Photo credit: X)', '(Credit: X)', '图/WOC', '（摄影：X）', '摄影：X', '（来源：X）'])(
    'recognises the credit form %s on the next line',
    async (line) => {
      const html = await figures(`![Alt](./a.jpg)\n\n${line}`);
      expect(html).toMatch(/^<figure><img src="\.\/a\.jpg" alt="Alt"><figcaption><span class="credit">[^<]+<\/span>/);
      expect(html).not.toContain('<p>');
    },
  );

  it('leaves an image with neither title nor credit alone', async () => {
    expect(await figures('![Alt](./a.jpg)\n\nThe forum opened.')).toBe(
      '<p><img src="./a.jpg" alt="Alt"></p>\n<p>The forum opened.</p>',
    );
  });

  it('leaves credit-looking lines that do not follow an image as paragraphs', async () => {
    expect(await figures('The forum opened.\n\n(Photo: ZGC Forum)')).toBe(
      '<p>The forum opened.</p>\n<p>(Photo: ZGC Forum)</p>',
    );
  });

  it('does not make a figure of an image inside running text', async () => {
    expect(await figures('See ![Alt](./a.jpg "Cap") here.')).toBe(
      '<p>See <img src="./a.jpg" alt="Alt" title="Cap"> here.</p>',
    );
    expect(await figures('![A](./a.jpg "Cap") ![B](./b.jpg "Cap")')).toBe(
      '<p><img src="./a.jpg" alt="A" title="Cap"> <img src="./b.jpg" alt="B" title="Cap"></p>',
    );
    expect(await figures('![Alt](./a.jpg "Cap") and some words')).toBe(
      '<p><img src="./a.jpg" alt="Alt" title="Cap"> and some words</p>',
    );
  });

  it('only takes one following credit paragraph', async () => {
    expect(await figures('![Alt](./a.jpg) (Photo: A)\n\n(Photo: B)')).toBe(
      '<figure><img src="./a.jpg" alt="Alt"><figcaption><span class="credit">Photo: A</span></figcaption></figure>\n' +
        '<p>(Photo: B)</p>',
    );
  });

  it('works inside list items and block quotes', async () => {
    expect(await figures('> ![Alt](./a.jpg "Cap")')).toBe(
      '<blockquote>\n<figure><img src="./a.jpg" alt="Alt"><figcaption>Cap</figcaption></figure>\n</blockquote>',
    );
  });
});
