/**
 * The callouts' vocabulary and Docusaurus 2's legacy syntax, for remark-callouts.ts: the kinds, the
 * file messages that tell editors what became text, and `:::note Title` … `:::` (which remark-directive
 * does not parse: the lines are paragraphs) turned into the container directive remark-directive
 * makes of `:::note[Title]`, so that remark-callouts.ts sees one syntax. Its own file because it works
 * on paragraphs' inline content (lines cut at breaks), where the plugin works on blocks.
 */
import type { Paragraph, PhrasingContent, RootContent, Text } from 'mdast';
import type {} from 'remark-directive';
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/** The kinds of callout, in the order of the locale dictionaries. */
export const calloutKinds = ['note', 'tip', 'info', 'important', 'warning', 'caution', 'danger'] as const;

/** A kind of callout. */
export type CalloutKind = (typeof calloutKinds)[number];

/** The callout kind a directive name or alert marker names (any case), if any. */
export function calloutKind(name: string): CalloutKind | undefined {
  const lower = name.toLowerCase();
  return calloutKinds.find((kind) => kind === lower);
}

/** The `source` of remark-callouts' file messages, by which the checker knows them. */
export const calloutsMessageSource = 'remark-callouts';

/** A container directive (`:::name` … `:::`), as remark-directive parses one. */
export type ContainerDirective = Extract<RootContent, { type: 'containerDirective' }>;

/** A text node. */
export const text = (value: string): Text => ({ type: 'text', value });

/** A paragraph of `children`. */
export const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });

/** Docusaurus 2's opening line `:::note Title` (the space after `:::` tolerated). */
const legacyOpening = /^:::[ \t]*([A-Za-z]+)(?=[ \t]|$)[ \t]*/;
/** A closing line: `:::` alone. */
const closingFence = /^[ \t]*:::[ \t]*$/;

/** Files a message for the editor at the start of `node` (see remark-callouts.ts's header). */
export function report(file: VFile, node: Node, reason: string): void {
  file.message(reason, { place: node.position?.start, source: calloutsMessageSource, ruleId: 'directive' });
}

/** The editor's syntax shortened for a message: its first line, at most 40 characters. */
export function brief(written: string): string {
  const line = (written.split(/\r?\n|\r/)[0] ?? '').trim();
  return line.length <= 40 ? line : `${line.slice(0, 39).trimEnd()}…`;
}

/** Why `:::name` (not a callout kind) shows as text, and the kinds there are. */
export function unknownKindMessage(opening: string, name: string): string {
  const kinds = calloutKinds.map((kind) => `:::${kind}`).join(', ');
  return `"${brief(opening)}" is not a callout ("${name}" is not one of ${kinds}): its ":::" lines are printed as text and what is between them as ordinary paragraphs; use one of those kinds, or remove the two lines`;
}

/**
 * Docusaurus 2's `:::note Title` … `:::`: the opening line starts a paragraph, the closing line ends
 * the same or a later paragraph at this level; what lies between becomes a container directive,
 * titled by the rest of the opening line, which remark-callouts.ts then makes a callout (before it walks the blocks of
 * `children`).
 */
export function convertLegacy(children: RootContent[], file: VFile): void {
  for (let index = 0; index < children.length; index++) {
    const open = children[index];
    if (open?.type !== 'paragraph') continue;
    const [line, rest] = splitAtBreak(open.children, 'first');
    const [lead] = line;
    const match = lead?.type === 'text' ? legacyOpening.exec(lead.value) : null;
    if (!match || lead?.type !== 'text') continue;
    const kind = match[1] === undefined ? undefined : calloutKind(match[1]);
    if (!kind) {
      report(file, open, unknownKindMessage(lead.value, match[1] ?? ''));
      continue;
    }
    let end = -1;
    let beforeClosing: PhrasingContent[] = [];
    for (let at = index; at < children.length && end < 0; at++) {
      const candidate = children[at];
      if (candidate?.type !== 'paragraph') continue;
      const [before, last] = splitAtBreak(at === index ? rest : candidate.children, 'last');
      if (last.length === 1 && last[0]?.type === 'text' && closingFence.test(last[0].value)) {
        end = at;
        beforeClosing = before;
      }
    }
    if (end < 0) {
      report(
        file,
        open,
        `"${brief(lead.value)}" is printed as text: the callout is never closed; add a line ":::" where it ends`,
      );
      continue;
    }
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

/**
 * Inline content split at its first (`'first'`) or last (`'last'`) line break, a hard break or a
 * newline inside a text node: the content before it and the content after it, the break dropped.
 * Without any break, everything is the line itself: `[children, []]` for the first line, `[[],
 * children]` for the last.
 */
export function splitAtBreak(
  children: PhrasingContent[],
  which: 'first' | 'last',
): [PhrasingContent[], PhrasingContent[]] {
  const first = which === 'first';
  for (let step = 0; step < children.length; step++) {
    const index = first ? step : children.length - 1 - step;
    const child = children[index];
    if (child?.type === 'break') return [children.slice(0, index), children.slice(index + 1)];
    if (child?.type !== 'text') continue;
    const at = first ? child.value.indexOf('\n') : child.value.lastIndexOf('\n');
    if (at < 0) continue;
    const before = child.value.slice(0, at);
    const after = child.value.slice(at + 1);
    return [
      [...children.slice(0, index), ...(before === '' ? [] : [text(before)])],
      [...(after === '' ? [] : [text(after)]), ...children.slice(index + 1)],
    ];
  }
  return first ? [children, []] : [[], children];
}

/** Inline content without white space at its start and end (empty when it held nothing else). */
export function trimInline(children: PhrasingContent[]): PhrasingContent[] {
  const out = [...children];
  const first = out[0];
  if (first?.type === 'text') out[0] = text(first.value.replace(/^\s+/, ''));
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = text(last.value.replace(/\s+$/, ''));
  return out.filter((child) => !(child.type === 'text' && child.value === ''));
}
