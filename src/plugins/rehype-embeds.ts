/**
 * Video embeds a reader can always use. Every player the sanitizer kept, and every YouTube or Vimeo
 * link standing alone in its paragraph (a bare URL, or a link to it), becomes
 *
 *     <figure class="embed embed--youtube">
 *       <div class="embed__frame"><iframe src="https://www.youtube-nocookie.com/embed/ID" title="…"
 *         loading="lazy" sandbox="…"></iframe></div>
 *       <figcaption><a href="https://www.youtube.com/watch?v=ID">Title</a></figcaption>
 *     </figure>
 *
 * The player is privacy-enhanced, lazy and sandboxed (src/lib/embeds.ts, and the sanitizer's
 * `sandboxedIframe`) and has a title, which is how screen readers announce a frame; the caption links
 * to the video's own page, which is all a reader gets without JavaScript, with embeds blocked, in a
 * feed reader or on paper. The title is the iframe's own (unless it is a generic one such as
 * "YouTube video player"), the link's text, or the locale's "Video".
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { embedFor, type Embed } from '#lib/embeds.ts';
import { frontmatterLanguage, hasClass, isElement, isWhitespace, text } from './hast-helpers.ts';
import { sandboxedIframe } from './rehype-sanitize-body.ts';

/** Options of {@link rehypeEmbeds}. */
export interface EmbedsOptions {
  /** Hosts whose players may be embedded (`siteConfig.embedHosts`): a link becomes a player only when its player's host is one. */
  readonly embedHosts: readonly string[];
  /** The title of a video nobody named ("Video", "视频"), per locale code; the first is the fallback. */
  readonly labels: Readonly<Record<string, string>>;
}

// Titles that embed codes carry by default: they say nothing about the video, and in English only.
const genericTitles = new Set([
  'youtube video player',
  'youtube player',
  'youtube',
  'vimeo video player',
  'vimeo player',
  'vimeo',
  'video player',
  'video',
  'embedded video',
  'iframe',
]);

// Elements whose content may be flow content: a figure can take an iframe's place there. Anywhere
// else (a `<span>`, a link, a heading) the iframe stays inline, titled, without a caption.
const flowParents = new Set([
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'header',
  'li',
  'main',
  'nav',
  'section',
  'td',
  'th',
]);

// What a player made from a link may use: exactly what the sanitizer lets an editor's iframe keep.
const playerFeatures = 'encrypted-media; fullscreen; picture-in-picture';

/** Text with whitespace runs collapsed and trimmed. */
function collapse(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

/** Whether a link's text is just an address (`https://youtu.be/x`, `www.youtube.com/watch?v=x`). */
function isAddress(value: string): boolean {
  return /^(?:https?:)?(?:\/\/)?(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}(?:[/?#]\S*)?$/iu.test(value);
}

/** The iframe's own title, unless it is missing or generic. */
function writtenTitle(iframe: Element): string | undefined {
  const value = iframe.properties['title'];
  const title = typeof value === 'string' ? collapse(value) : '';
  return title === '' || genericTitles.has(title.toLowerCase()) ? undefined : title;
}

/** The figure around a player, with the link to the video's own page as its caption. */
function figure(iframe: Element, embed: Embed, title: string): Element {
  return h('figure', { className: ['embed', `embed--${embed.provider}`] }, [
    h('div.embed__frame', [iframe]),
    h('figcaption', [h('a', { href: embed.original }, title)]),
  ]);
}

/** The link if it is all the paragraph holds (whitespace aside), and holds only text (no image). */
function loneLink(paragraph: Element): Element | undefined {
  const children = paragraph.children.filter((child) => !isWhitespace(child));
  const [link] = children;
  if (children.length !== 1 || !isElement(link, 'a')) return undefined;
  // A linked picture (a thumbnail pointing at the video) is the editor's choice: keep it.
  const pictured = (node: ElementContent): boolean =>
    node.type === 'element' &&
    (['img', 'picture', 'video', 'iframe'].includes(node.tagName) || node.children.some(pictured));
  return link.children.some(pictured) ? undefined : link;
}

/** Whether a paragraph child only separates (whitespace, a line break). */
function isSpacing(node: ElementContent): boolean {
  return isWhitespace(node) || isElement(node, 'br');
}

/** A paragraph's run of children as a paragraph, or nothing when the run only separates. */
function paragraphOf(paragraph: Element, run: ElementContent[]): Element[] {
  let start = 0;
  let end = run.length;
  while (start < end && isSpacing(run[start]!)) start++;
  while (end > start && isSpacing(run[end - 1]!)) end--;
  if (start === end) return [];
  const kept = run.slice(start, end);
  // The text that ran up to the player and on after it ends and starts there now ("Watch: ").
  const first = kept[0];
  if (first?.type === 'text') kept[0] = text(first.value.trimStart());
  const last = kept[kept.length - 1];
  if (last?.type === 'text') kept[kept.length - 1] = text(last.value.trimEnd());
  // A copy of the editor's paragraph: its properties as they are (`h()` would read them again).
  return [{ type: 'element', tagName: 'p', properties: { ...paragraph.properties }, children: kept }];
}

/**
 * Rehype plugin: wraps every iframe whose address {@link embedFor} accepts in a `figure.embed` with a
 * link to the original, gives every iframe a title, and turns paragraphs holding only a YouTube or
 * Vimeo link into such figures. Iframes written inside a paragraph split it around the figure.
 */
export function rehypeEmbeds(options: EmbedsOptions): (tree: Root, file: VFile) => void {
  const fallback = Object.values(options.labels)[0] ?? 'Video';
  return (tree, file) => {
    const label = options.labels[frontmatterLanguage(file) ?? ''] ?? fallback;

    /** The iframe titled; its figure when `embedFor` knows where the video's page is. */
    const player = (iframe: Element): { iframe: Element; embed: Embed | undefined; title: string } => {
      const title = writtenTitle(iframe) ?? label;
      iframe.properties['title'] = title;
      return { iframe, embed: embedFor(iframe.properties['src'], options.embedHosts), title };
    };

    /** What replaces a paragraph (a figure, or paragraphs around figures), or undefined to keep it. */
    const paragraph = (node: Element): Element[] | undefined => {
      const link = loneLink(node);
      const href = link?.properties['href'];
      const linked = link ? embedFor(href, options.embedHosts, 'link') : undefined;
      if (link && linked) {
        const written = collapse(toString(link));
        const generic = written === '' || isAddress(written) || genericTitles.has(written.toLowerCase());
        const title = generic ? label : written;
        const iframe = h('iframe', sandboxedIframe({ src: linked.src, title, allow: playerFeatures }));
        return [figure(iframe, linked, title)];
      }
      if (!node.children.some((child) => isElement(child, 'iframe'))) return undefined;
      const parts: Element[] = [];
      let run: ElementContent[] = [];
      let split = false;
      for (const child of node.children) {
        const made = isElement(child, 'iframe') ? player(child) : undefined;
        if (!made?.embed) {
          run.push(child);
          continue;
        }
        parts.push(...paragraphOf(node, run), figure(made.iframe, made.embed, made.title));
        run = [];
        split = true;
      }
      parts.push(...paragraphOf(node, run));
      return split ? parts : undefined;
    };

    visit(tree, 'element', (node, index, parent) => {
      // Figures already made (the plugin may run twice) and code are left as they are.
      if (isElement(node, 'figure') && hasClass(node, 'embed')) return SKIP;
      if (node.tagName === 'pre' || node.tagName === 'code') return SKIP;
      if (!parent || index === undefined) return undefined;
      if (node.tagName === 'p') {
        const replacement = paragraph(node);
        if (!replacement) return undefined;
        parent.children.splice(index, 1, ...replacement);
        // Visited again: the paragraphs left around a figure may hold iframes deeper down.
        return [SKIP, index];
      }
      if (node.tagName !== 'iframe') return undefined;
      const made = player(node);
      const flow = parent.type === 'root' || flowParents.has(parent.tagName);
      if (!made.embed || !flow) return SKIP;
      parent.children[index] = figure(made.iframe, made.embed, made.title);
      return [SKIP, index + 1];
    });
  };
}
