/**
 * Callouts (admonitions) in the three syntaxes archives are written in:
 *
 * - GitHub's alerts: a blockquote starting with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
 *   `[!CAUTION]` (any case; Obsidian's `> [!TIP] Title` gives it a title);
 * - Docusaurus' directives (parsed by remark-directive): `:::note` … `:::`, titled `:::note[Title]`;
 * - Docusaurus 2's legacy title `:::note Title`, which remark-directive does not parse (the line is a
 *   paragraph), recognised here from the paragraphs between the opening and the closing `:::` line.
 *
 * Kinds: note, tip, info, important, warning, caution, danger. This plugin only finds them: it takes
 * the marker out, keeps the title as the first child and marks the node (src/plugins/source-marks.ts);
 * rehype-callouts.ts builds the markup after the sanitizer, which would strip its classes and role.
 *
 * remark-directive also reads `:name`, `::name` and `:::name` anywhere, so "10:30", "namespace:default"
 * or `:smile:` would lose their text: every directive that is not a callout is put back as the text
 * the editor wrote (as Starlight does). Hand-written on mdast blockquotes rather than with
 * remark-github-blockquote-alert: that plugin writes its final HTML (classes, SVG icons) in remark,
 * all of which the sanitizer removes, and it knows neither directives nor the legacy syntax.
 */
import type { Blockquote, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type {} from 'remark-directive';
import type { VFile } from 'vfile';
import { setMark, sourceOf } from './source-marks.ts';

/** The kinds of callout, in the order of the locale dictionaries. */
export const calloutKinds = ['note', 'tip', 'info', 'important', 'warning', 'caution', 'danger'] as const;

/** A kind of callout. */
export type CalloutKind = (typeof calloutKinds)[number];

/** The callout kind a directive name or alert marker names (any case), if any. */
export function calloutKind(name: string): CalloutKind | undefined {
  const lower = name.toLowerCase();
  return calloutKinds.find((kind) => kind === lower);
}

type ContainerDirective = Extract<RootContent, { type: 'containerDirective' }>;
type AnyParent = Root | Extract<RootContent, Parent>;

/** GitHub's alert marker at the start of a blockquote. */
const alertMarker = /^\[!([A-Za-z]+)\]/;
/** Docusaurus 2's opening line `:::note Title` (the space after `:::` tolerated). */
const legacyOpening = /^:::[ \t]*([A-Za-z]+)(?=[ \t]|$)[ \t]*/;
/** A closing line: `:::` alone. */
const closingFence = /^[ \t]*:::[ \t]*$/;

const text = (value: string): Text => ({ type: 'text', value });
const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });

/** Remark plugin: finds callouts and marks them; puts every other directive back as written. */
export function remarkCallouts(): (tree: Root, file: VFile) => void {
  return (tree, file) => transform(tree, file);
}

function transform(parent: AnyParent, file: VFile): void {
  if (!isPhrasingParent(parent)) convertLegacy(parent.children as RootContent[]);
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as RootContent;
    if (child.type === 'textDirective') {
      // Its label and attributes are part of what the editor wrote: the source has them all.
      children[index] = text(sourceOf(file, child) || `:${child.name}`);
      continue;
    }
    if (child.type === 'leafDirective') {
      children[index] = { ...paragraph([text(sourceOf(file, child) || `::${child.name}`)]), position: child.position };
      continue;
    }
    if ('children' in child) transform(child, file);
    if (child.type === 'containerDirective') {
      const kind = calloutKind(child.name);
      if (kind) makeDirectiveCallout(child, kind, file);
      else {
        const restored = restoreContainer(child, file);
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
  mark(node, kind, label !== undefined && label.children.length > 0, file);
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
  const [line, rest] = splitFirstLine(first.children);
  const title = trimInline(line);
  first.children = rest;
  if (trimInline(rest).length === 0) quote.children.shift();
  if (title.length > 0) quote.children.unshift(paragraph(title));
  mark(quote, kind, title.length > 0, file);
}

/** An unknown container directive, put back as its opening line, its content and its closing line. */
function restoreContainer(node: ContainerDirective, file: VFile): RootContent[] {
  const source = sourceOf(file, node);
  const lines = source.split(/\r?\n|\r/);
  const opening = lines[0] ?? `:::${node.name}`;
  const closing = lines.length > 1 && closingFence.test(lines.at(-1) ?? '') ? (lines.at(-1) ?? '').trim() : undefined;
  const body = node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel === true));
  return [paragraph([text(opening)]), ...body, ...(closing === undefined ? [] : [paragraph([text(closing)])])];
}

/**
 * Docusaurus 2's `:::note Title` … `:::`: the opening line starts a paragraph, the closing line ends
 * the same or a later paragraph at this level; what lies between becomes a container directive,
 * titled by the rest of the opening line, which the loop in {@link transform} then makes a callout.
 */
function convertLegacy(children: RootContent[]): void {
  for (let index = 0; index < children.length; index++) {
    const open = children[index];
    if (open?.type !== 'paragraph') continue;
    const [line, rest] = splitFirstLine(open.children);
    const [lead] = line;
    const match = lead?.type === 'text' ? legacyOpening.exec(lead.value) : null;
    const kind = match?.[1] === undefined ? undefined : calloutKind(match[1]);
    if (!match || !kind || lead?.type !== 'text') continue;
    let end = -1;
    let beforeClosing: PhrasingContent[] = [];
    for (let at = index; at < children.length && end < 0; at++) {
      const candidate = children[at];
      if (candidate?.type !== 'paragraph') continue;
      const [before, last] = splitLastLine(at === index ? rest : candidate.children);
      if (last.length === 1 && last[0]?.type === 'text' && closingFence.test(last[0].value)) {
        end = at;
        beforeClosing = before;
      }
    }
    if (end < 0) continue;
    const title = trimInline([text(lead.value.slice(match[0].length)), ...line.slice(1)]);
    const body: RootContent[] = [];
    if (end > index && trimInline(rest).length > 0) body.push(paragraph(rest));
    body.push(...children.slice(index + 1, end));
    if (trimInline(beforeClosing).length > 0) body.push(paragraph(beforeClosing));
    const label: Paragraph = { ...paragraph(title), data: { directiveLabel: true } };
    const node: ContainerDirective = {
      type: 'containerDirective',
      name: kind,
      attributes: {},
      children:
        title.length > 0
          ? [label, ...(body as ContainerDirective['children'])]
          : (body as ContainerDirective['children']),
    };
    const startPoint = open.position?.start;
    const endPoint = children[end]?.position?.end;
    if (startPoint && endPoint) node.position = { start: startPoint, end: endPoint };
    children.splice(index, end - index + 1, node);
  }
}

/** Inline content split at its first line break: the first line, and the rest. */
export function splitFirstLine(children: PhrasingContent[]): [PhrasingContent[], PhrasingContent[]] {
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (child?.type === 'break') return [children.slice(0, index), children.slice(index + 1)];
    if (child?.type !== 'text') continue;
    const at = child.value.indexOf('\n');
    if (at < 0) continue;
    const before = child.value.slice(0, at);
    const after = child.value.slice(at + 1);
    return [
      [...children.slice(0, index), ...(before === '' ? [] : [text(before)])],
      [...(after === '' ? [] : [text(after)]), ...children.slice(index + 1)],
    ];
  }
  return [children, []];
}

/** Inline content split at its last line break: everything before, and the last line. */
export function splitLastLine(children: PhrasingContent[]): [PhrasingContent[], PhrasingContent[]] {
  for (let index = children.length - 1; index >= 0; index--) {
    const child = children[index];
    if (child?.type === 'break') return [children.slice(0, index), children.slice(index + 1)];
    if (child?.type !== 'text') continue;
    const at = child.value.lastIndexOf('\n');
    if (at < 0) continue;
    const before = child.value.slice(0, at);
    const after = child.value.slice(at + 1);
    return [
      [...children.slice(0, index), ...(before === '' ? [] : [text(before)])],
      [...(after === '' ? [] : [text(after)]), ...children.slice(index + 1)],
    ];
  }
  return [[], children];
}

/** Inline content without white space at its start and end (empty when it held nothing else). */
function trimInline(children: PhrasingContent[]): PhrasingContent[] {
  const out = [...children];
  const first = out[0];
  if (first?.type === 'text') out[0] = text(first.value.replace(/^\s+/, ''));
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = text(last.value.replace(/\s+$/, ''));
  return out.filter((child) => !(child.type === 'text' && child.value === ''));
}
