/**
 * What the project's YAML reader (yaml.ts) refuses although YAML allows it, found on `yaml`'s
 * parse without recursion so that no input can overflow the stack: nesting deeper than
 * `MAX_YAML_DEPTH` (on the parser's tokens before composing, and again once aliases are expanded),
 * explicit tags beyond the core ones, merge keys, and an alias inside the block it names. Hand-written
 * because `yaml` accepts all of these (its own walk, `visit`, recurses once per level).
 */
import { isAlias, isMap, isScalar, isSeq, type CST, type Document, type Node } from 'yaml';

/** How many lists and maps may sit inside each other (the top-level fields count as one). */
export const MAX_YAML_DEPTH = 32;

/** The message for lists and maps nested too deep, wherever the depth is found. */
export const DEPTH_MESSAGE = `lists and maps nest more than ${MAX_YAML_DEPTH} levels deep here: flatten the fields`;
const MERGE_MESSAGE = 'YAML merge keys (<<: *name) are not supported: write the fields out';

/** Explicit tags that only restate what the core schema reads anyway (`!` is the non-specific tag). */
const PLAIN_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`).concat('!'),
);

/** The first token nested more than `MAX_YAML_DEPTH` lists and maps deep, found without recursion. */
export function tooDeepToken(tokens: readonly CST.Token[]): CST.Token | undefined {
  const pending: [CST.Token | null | undefined, number][] = tokens.map((t) => [t, 0]);
  while (pending.length > 0) {
    const [token, outer] = pending.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      pending.push([token.value, outer]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      const depth = outer + 1;
      if (depth > MAX_YAML_DEPTH) return token;
      for (const item of token.items) pending.push([item.key, depth], [item.value, depth]);
    }
  }
  return undefined;
}

/** A node the project refuses although YAML allows it. */
export interface Refusal {
  /** Character offset in the YAML text. */
  readonly offset: number;
  /** What is refused and what to write instead. */
  readonly message: string;
}

/**
 * Walks a document without recursion and lists what the project refuses: explicit tags beyond the
 * core ones, merge keys, an alias inside the block it names (data that never ends), and nesting
 * deeper than `MAX_YAML_DEPTH` once aliases are expanded.
 */
export function refusedNodes(doc: Document.Parsed, text: string): Refusal[] {
  const refusals: Refusal[] = [];
  /** Lists and maps below each finished node, counting itself (aliases count as their target). */
  const heights = new Map<unknown, number>();
  interface Frame {
    readonly node: Node;
    readonly children: unknown[];
    next: number;
    height: number;
  }
  const frames: Frame[] = [];
  const checkTag = (node: Node): void => {
    if (node.tag === undefined || PLAIN_TAGS.has(node.tag)) return;
    const written = writtenTag(text, node.range?.[0] ?? 0);
    const shown = written?.source ?? node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
    refusals.push({
      offset: written?.offset ?? node.range?.[0] ?? 0,
      message: `YAML tags such as ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown} are not allowed: write plain text, lists and maps`,
    });
  };
  const finish = (node: unknown, height: number): boolean => {
    heights.set(node, height);
    const parent = frames.at(-1);
    if (parent) parent.height = Math.max(parent.height, height + 1);
    if (height <= MAX_YAML_DEPTH) return true;
    refusals.push({ offset: (node as Node).range?.[0] ?? 0, message: DEPTH_MESSAGE });
    return false;
  };
  const heightOf = (node: unknown): number | undefined => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) {
        refusals.push({
          offset: node.range?.[0] ?? 0,
          message: `the alias *${node.source} has no anchor &${node.source} before it: add the anchor, or write the value out`,
        });
        return 0;
      }
      const height = heights.get(target);
      if (height === undefined) {
        // Not finished yet, so it is an ancestor: the alias would make the data contain itself.
        refusals.push({
          offset: node.range?.[0] ?? 0,
          message: `the alias *${node.source} sits inside the block it names, so its value would never end: write the values out`,
        });
        return 0;
      }
      return height;
    }
    if (isScalar(node)) {
      checkTag(node);
      return 0;
    }
    if (isMap(node) || isSeq(node)) {
      checkTag(node);
      const children: unknown[] = [];
      if (isMap(node)) {
        for (const pair of node.items) {
          if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
            refusals.push({ offset: pair.key.range?.[0] ?? 0, message: MERGE_MESSAGE });
          }
          children.push(pair.key, pair.value);
        }
      } else {
        children.push(...node.items);
      }
      frames.push({ node, children, next: 0, height: 1 });
      return undefined;
    }
    return 0;
  };
  const rootHeight = heightOf(doc.contents);
  if (rootHeight !== undefined) return refusals;
  while (frames.length > 0) {
    const frame = frames.at(-1)!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      const height = heightOf(child);
      if (height !== undefined) {
        heights.set(child, height);
        frame.height = Math.max(frame.height, height + 1);
      }
      continue;
    }
    frames.pop();
    if (!finish(frame.node, frame.height)) break;
  }
  return refusals;
}

/** The tag written before the node at `offset` (skipping an anchor), as the editor wrote it. */
function writtenTag(text: string, offset: number): { offset: number; source: string } | undefined {
  let end = offset;
  for (let tries = 0; tries < 2; tries++) {
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
    let start = end;
    while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
    const word = text.slice(start, end);
    if (word.startsWith('!')) return { offset: start, source: word };
    if (!word.startsWith('&')) return undefined;
    end = start;
  }
  return undefined;
}
