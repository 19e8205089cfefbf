/**
 * Callouts (admonitions) in the three syntaxes archives are written in:
 *
 * - GitHub's alerts: a blockquote starting with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
 *   `[!CAUTION]` (any case; Obsidian's `> [!TIP] Title` gives it a title);
 * - Docusaurus' directives (parsed by remark-directive): `:::note` … `:::`, titled `:::note[Title]`;
 * - Docusaurus 2's legacy title `:::note Title`, which remark-directive does not parse (the line is a
 *   paragraph), recognised from the paragraphs between the opening and the closing `:::` line
 *   (callout-syntax.ts, with the kinds and the messages).
 *
 * Kinds: note, tip, info, important, warning, caution, danger. This plugin only finds them: it takes
 * the marker out, keeps the title as the first child and marks the node (src/plugins/source-marks.ts);
 * rehype-callouts.ts builds the markup after the sanitizer, which would strip its classes and role.
 *
 * remark-directive also reads `:name`, `::name` and `:::name` anywhere, so "10:30", "namespace:default"
 * or `:smile:` would lose their text: every directive that is not a callout is put back as the text
 * the editor wrote (as Starlight does), the content of an unknown `:::name` container kept as ordinary
 * blocks between its two lines, and image descriptions (whose text remark-directive also cuts) are
 * read again without it. Hand-written on mdast blockquotes rather than with
 * remark-github-blockquote-alert: that plugin writes its final HTML (classes, SVG icons) in remark,
 * all of which the sanitizer removes, and it knows neither directives nor the legacy syntax.
 *
 * What an editor probably meant as a directive but gets as text (an unknown `:::details`, a
 * `::youtube[…]`, an `:abbr[…]{…}`), and a callout that is never closed, is reported as a file message
 * (`file.message`, the way unified plugins report): Astro ignores these, `npm run check` prints them
 * as warnings at their line (pipeline/check/body-syntax.ts), so the rule lives here only.
 */
import type { Blockquote, Image, ImageReference, Parent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import type {} from 'remark-directive';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import {
  brief,
  calloutKind,
  convertLegacy,
  paragraph,
  report,
  splitAtBreak,
  text,
  trimInline,
  unknownKindMessage,
  type CalloutKind,
  type ContainerDirective,
} from './callout-syntax.ts';
import { remarkMathSyntax } from './remark-math-syntax.ts';
import { setMark, sourceOf } from './source-marks.ts';

// The checker tells this plugin's messages by their source (pipeline/check/body-syntax.ts).
export { calloutsMessageSource } from './callout-syntax.ts';

type AnyParent = Root | Extract<RootContent, Parent>;

/** GitHub's alert marker at the start of a blockquote. */
const alertMarker = /^\[!([A-Za-z]+)\]/;
/** The closing line of a container directive as its source ends: three colons or more, after any quote markers. */
const containerClosing = /^[ \t>]*(:{3,})[ \t]*$/;
/** A text directive written as one (`:abbr[HTML]`, `:kbd{.x}`), not a colon in prose (`Note:foo`, `:smile:`). */
const meantTextDirective = /^:[A-Za-z][\w-]*[[{]/;
/** Directive names that stand for a video or post, which a link alone on its line embeds. */
const embedNames = /youtube|vimeo|bilibili|video|tweet|twitter/i;

/** The description of images, read without the directive syntax (and as the site reads math and GFM). */
const withoutDirectives = unified().use(remarkParse).use(remarkGfm).use(remarkMathSyntax);

/** Remark plugin: finds callouts and marks them; puts every other directive back as written. */
export function remarkCallouts(): (tree: Root, file: VFile) => void {
  return (tree, file) => transform(tree, file);
}

/**
 * Walks the blocks of `parent` (hand-recursive, not unist-util-visit: the legacy syntax is converted
 * per parent before its children are read, and a callout is made after its content has been).
 */
function transform(parent: AnyParent, file: VFile): void {
  if (!isPhrasingParent(parent)) convertLegacy(parent.children as RootContent[], file);
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as RootContent;
    if (child.type === 'textDirective') {
      // Its label and attributes are part of what the editor wrote: the source has them all.
      const written = sourceOf(file, child) || `:${child.name}`;
      const before = String(file.value)[(child.position?.start.offset ?? 0) - 1] ?? '';
      if (meantTextDirective.test(written) && !/[\p{L}\p{N}]/u.test(before)) {
        report(
          file,
          child,
          `"${brief(written)}" is printed as text: the site has no ":name[…]" directives; ${directiveHint(child.name, 'write the text itself')}`,
        );
      }
      children[index] = text(written);
      continue;
    }
    if (child.type === 'leafDirective') {
      const written = sourceOf(file, child) || `::${child.name}`;
      report(
        file,
        child,
        `"${brief(written)}" is printed as text: the site has no "::name" directives; ${directiveHint(child.name, 'write it in Markdown')}`,
      );
      children[index] = { ...paragraph([text(written)]), position: child.position };
      continue;
    }
    if (child.type === 'image' || child.type === 'imageReference') {
      restoreDescription(child, file);
      continue;
    }
    if ('children' in child) transform(child, file);
    if (child.type === 'containerDirective') {
      const kind = calloutKind(child.name);
      const closing = closingLine(child, file);
      if (kind) {
        if (closing === undefined) {
          report(
            file,
            child,
            `"${brief(openingLine(child, file))}" is never closed, so the callout takes in everything after it, to the end of the article (or of the quote or list item it is in): add a line ":::" where it ends`,
          );
        }
        makeDirectiveCallout(child, kind, file);
      } else {
        report(file, child, unknownKindMessage(openingLine(child, file), child.name));
        const restored = restoreContainer(child, file, closing);
        children.splice(index, 1, ...restored);
        index += restored.length - 1;
      }
    } else if (child.type === 'blockquote') {
      makeAlert(child, file);
    }
  }
}

function isPhrasingParent(parent: AnyParent): boolean {
  return !['root', 'blockquote', 'listItem', 'containerDirective', 'footnoteDefinition'].includes(parent.type);
}

/** What to write instead of a directive the site does not have, by its name. */
function directiveHint(name: string, otherwise: string): string {
  return embedNames.test(name) ? "put the video's or post's link on a line of its own instead" : otherwise;
}

/** The first line of a container directive as written. */
function openingLine(node: ContainerDirective, file: VFile): string {
  return sourceOf(file, node).split(/\r?\n|\r/)[0] ?? `:::${node.name}`;
}

/**
 * The closing line of a container directive (`:::`, or more colons), or `undefined` when it is never
 * closed: remark-directive then ends it with its parent (the article, a quote, a list item), and
 * its last child ends where it ends.
 */
function closingLine(node: ContainerDirective, file: VFile): string | undefined {
  const lines = sourceOf(file, node).split(/\r?\n|\r/);
  const closing = lines.length > 1 ? containerClosing.exec(lines.at(-1) ?? '')?.[1] : undefined;
  const last = node.children.at(-1)?.position?.end.offset;
  const end = node.position?.end.offset;
  if (closing === undefined || (last !== undefined && end !== undefined && last >= end)) return undefined;
  return closing;
}

/** Marks `node` as a callout whose children are the title paragraph (if any) and the body. */
function mark(node: Blockquote | ContainerDirective, kind: CalloutKind, titled: boolean, file: VFile): void {
  node.data = { ...node.data, hName: 'div', hProperties: {} };
  setMark(file, node, 'callout', { kind, titled });
}

function makeDirectiveCallout(node: ContainerDirective, kind: CalloutKind, file: VFile): void {
  const [first] = node.children;
  const label = first?.type === 'paragraph' && first.data?.directiveLabel === true ? first : undefined;
  // An empty label (`:::note[]`) is no title.
  if (label && label.children.length === 0) node.children.shift();
  let titled = label !== undefined && label.children.length > 0;
  // `:::warning{title="Heads up"}` (remark-admonitions, VitePress-style converters): the attribute is
  // the title, which would otherwise be lost without a trace.
  const attribute = node.attributes?.['title']?.trim();
  if (!titled && attribute) {
    node.children.unshift(paragraph([text(attribute)]));
    titled = true;
  }
  mark(node, kind, titled, file);
}

function makeAlert(quote: Blockquote, file: VFile): void {
  const [first] = quote.children;
  if (first?.type !== 'paragraph') return;
  const [lead] = first.children;
  if (lead?.type !== 'text') return;
  const match = alertMarker.exec(lead.value);
  const kind = match?.[1] === undefined ? undefined : calloutKind(match[1]);
  if (!match || !kind) return;
  // `\[!NOTE]` is the editor asking for the text.
  const start = lead.position?.start.offset;
  if (start !== undefined && String(file.value)[start] !== '[') return;
  lead.value = lead.value.slice(match[0].length);
  const [line, rest] = splitAtBreak(first.children, 'first');
  const title = trimInline(line);
  first.children = rest;
  if (trimInline(rest).length === 0) quote.children.shift();
  if (title.length > 0) quote.children.unshift(paragraph(title));
  mark(quote, kind, title.length > 0, file);
}

/** An unknown container directive, put back as its opening line, its content and its closing line. */
function restoreContainer(node: ContainerDirective, file: VFile, closing: string | undefined): RootContent[] {
  const body = node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel === true));
  const lines = [paragraph([text(openingLine(node, file))]), ...body];
  return closing === undefined ? lines : [...lines, paragraph([text(closing)])];
}

/**
 * An image's description read again without the directive syntax: remark-directive cuts what looks
 * like a directive out of it ("Stage at 10:30" became "Stage at 10"), and an image's description is
 * a plain string by the time this plugin sees it. Only descriptions with a colon are read again.
 */
function restoreDescription(node: Image | ImageReference, file: VFile): void {
  const written = sourceOf(file, node);
  if (!written.includes(':')) return;
  // A reference needs its definition to be an image at all; where it points does not matter here.
  const definition = node.type === 'imageReference' ? `\n\n[${node.label ?? node.identifier}]: x` : '';
  const [first] = withoutDirectives.parse(written + definition).children;
  const again = first?.type === 'paragraph' ? first.children.find((child) => child.type === node.type) : undefined;
  if (again && 'alt' in again && typeof again.alt === 'string') node.alt = again.alt;
}
