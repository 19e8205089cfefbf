/**
 * Turns captioned and credited images into figures. Markdown has no figure syntax, so editors give an
 * image a title (`![alt](./a.jpg "Caption")`) and write the photo credit the way press releases do,
 * after the image or on the next line: `(Photo: ZGC Forum)`, `（图：WOC）`. A figure's caption is
 * announced with the image, where a title tooltip and a loose credit paragraph were not.
 *
 * The `img` element itself is kept as it is (same `src`, same alt), only moved, so Astro's image
 * pipeline, which runs after this plugin, still optimises it.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import { isElement, isWhitespace, text } from './hast-helpers.ts';

// Credit labels as editors write them. Chinese: 图 (picture), 图片, 摄影/摄 (photographed by),
// 来源 (source), 图片来源; English ones are matched case-insensitively.
const creditLabels = [
  String.raw`photo\s?credits?`,
  String.raw`photos?`,
  String.raw`photograph`,
  String.raw`credits?`,
  String.raw`images?`,
  String.raw`source`,
  '图片来源',
  '图片',
  '摄影',
  '来源',
  '图',
  '摄',
];

// Label, then a half- or full-width colon or slash (`图/WOC`), then the name.
const creditPattern = new RegExp(String.raw`^(?:${creditLabels.join('|')}) ?[:：/／] ?(?=[\p{L}\p{N}])`, 'iu');

/** Credit names longer than this are prose that happens to start with "Source:", not a credit. */
const maxCreditLength = 120;

// Inline wrappers an editor may put around a credit (`*Photo: X*`); their text is what counts.
const creditWrappers = ['em', 'i', 'small', 'span', 'strong', 'b'];

/**
 * The credit as written, without the surrounding brackets and with whitespace collapsed
 * (`（图：WOC）` → `图：WOC`, `(图:  WOC)` → `图: WOC`), if `value` is nothing but a photo credit.
 */
export function parseCredit(value: string): string | undefined {
  let credit = value.replace(/\s+/gu, ' ').trim();
  if (/^[(（]/u.test(credit) && /[)）]$/u.test(credit)) credit = credit.slice(1, -1).trim();
  if (credit.length > maxCreditLength || !creditPattern.test(credit)) return undefined;
  // Brackets left unbalanced means the line was not one bracketed credit: `(Photo: A) and (B)`.
  return balanced(credit) ? credit : undefined;
}

function balanced(value: string): boolean {
  let depth = 0;
  for (const char of value) {
    if (char === '(' || char === '（') depth++;
    else if ((char === ')' || char === '）') && --depth < 0) return false;
  }
  return depth === 0;
}

interface ImageParagraph {
  /** The image, or the link wrapping it: what the figure shows. */
  readonly media: Element;
  readonly img: Element;
  /** Text after the image in the same paragraph (a credit, or whitespace). */
  readonly rest: string;
}

/** The paragraph's image if it holds only an image (or a linked image), and text or breaks after it. */
function imageParagraph(paragraph: Element): ImageParagraph | undefined {
  const children = paragraph.children.filter((child): boolean => !isWhitespace(child));
  const [media, ...after] = children;
  if (!isElement(media)) return undefined;
  let img: Element | undefined = media;
  if (media.tagName === 'a') {
    const inner = media.children.filter((child): boolean => !isWhitespace(child));
    img = inner.length === 1 && isElement(inner[0], 'img') ? inner[0] : undefined;
  }
  if (!img || img.tagName !== 'img') return undefined;
  let rest = '';
  for (const child of after) {
    if (child.type === 'text') rest += child.value;
    else if (isElement(child, 'br')) rest += ' ';
    else if (isElement(child, ...creditWrappers)) rest += toString(child);
    else return undefined;
  }
  return { media, img, rest };
}

/** The credit if the paragraph is nothing but a credit line. */
function creditParagraph(node: ElementContent | undefined): string | undefined {
  if (!isElement(node, 'p')) return undefined;
  const plain = node.children.every((child) => child.type === 'text' || isElement(child, ...creditWrappers, 'br'));
  return plain ? parseCredit(toString(node)) : undefined;
}

/**
 * Rehype plugin: a paragraph holding only an image (optionally linked) whose image has a title or a
 * credit (after it in the paragraph, or as the next paragraph) becomes
 * `<figure><img><figcaption>title <span class="credit">Photo: X</span></figcaption></figure>`.
 */
export function rehypeFigures(): (tree: Root) => void {
  return (tree) => {
    visit(tree, 'element', (node, index, parent) => {
      // Editors' own figures are left as written; code is never rearranged.
      if (['figure', 'pre', 'code'].includes(node.tagName)) return SKIP;
      if (node.tagName !== 'p' || !parent || index === undefined) return undefined;
      const found = imageParagraph(node);
      if (!found) return SKIP;
      let credit: string | undefined;
      let removeUpTo = index;
      if (found.rest.trim() !== '') {
        credit = parseCredit(found.rest);
        if (credit === undefined) return SKIP;
      } else {
        let next = index + 1;
        while (isWhitespace(parent.children[next])) next++;
        credit = creditParagraph(parent.children[next] as ElementContent | undefined);
        if (credit !== undefined) removeUpTo = next;
      }
      const titleValue = found.img.properties['title'];
      const title = typeof titleValue === 'string' ? titleValue.trim() : '';
      if (title === '' && credit === undefined) return SKIP;
      // The caption says it now; a title would make screen readers announce it twice.
      delete found.img.properties['title'];
      const caption: ElementContent[] = title === '' ? [] : [text(title)];
      if (credit !== undefined) {
        if (caption.length > 0) caption.push(text(' '));
        caption.push(h('span.credit', credit));
      }
      const figure = h('figure', [found.media, h('figcaption', caption)]);
      parent.children.splice(index, removeUpTo - index + 1, figure);
      return [SKIP, index + 1];
    });
  };
}
