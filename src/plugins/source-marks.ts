/**
 * Facts a remark plugin learns about a body (this heading was written with `{#id}`, this quote is a
 * callout, this formula was written as display math) handed to a rehype plugin that runs after the
 * sanitizer. They cannot travel on the tree itself: the sanitizer drops every class and `data-*`
 * attribute an editor could also have written, and rehype-raw rebuilds the tree without hast `data`.
 * What survives both is each element's source position, so a mark is filed on the VFile under the
 * start offset of the Markdown node it describes and looked up by the start offset of the element
 * that node became. Raw HTML cannot forge a mark: its elements start at other offsets.
 */
import type { Element } from 'hast';
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/** What a remark plugin can tell the rehype plugins about one node, by kind. */
export interface SourceMarks {
  /** A heading whose id the editor chose with `{#id}`. */
  readonly headingId: { readonly id: string };
  /** A blockquote alert or `:::` directive that is a callout, and whether its first child is the title. */
  readonly callout: { readonly kind: string; readonly titled: boolean };
  /** Inline math that the editor wrote as display math (`\[…\]` inside a paragraph). */
  readonly displayMath: Record<string, never>;
}

/** A kind of mark. */
export type SourceMarkKind = keyof SourceMarks;

type Store = Map<string, unknown>;

const key = (kind: SourceMarkKind, offset: number) => `${kind}@${offset}`;

function store(file: VFile): Store {
  const data = file.data as { sourceMarks?: Store };
  data.sourceMarks ??= new Map();
  return data.sourceMarks;
}

/** Files `mark` for the element `node` will become; nodes without a position (made by plugins) are skipped. */
export function setMark<K extends SourceMarkKind>(file: VFile, node: Node, kind: K, mark: SourceMarks[K]): void {
  const offset = node.position?.start.offset;
  if (offset === undefined) return;
  store(file).set(key(kind, offset), mark);
}

/**
 * The mark of `kind` filed for the Markdown node `element` came from, if any (given a Markdown node,
 * its own mark: the checker reads marks on the Markdown tree).
 */
export function getMark<K extends SourceMarkKind>(
  file: VFile,
  element: Element | Node,
  kind: K,
): SourceMarks[K] | undefined {
  const offset = element.position?.start.offset;
  const marks = (file.data as { sourceMarks?: Store }).sourceMarks;
  if (offset === undefined || marks === undefined) return undefined;
  return marks.get(key(kind, offset)) as SourceMarks[K] | undefined;
}

/** The Markdown source of `node` (an empty string when the node has no position). */
export function sourceOf(file: VFile, node: Node): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : String(file.value).slice(start, end);
}
