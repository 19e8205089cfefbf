/**
 * Hugo's shortcode syntax, read from a body: `{{< name params >}}` and `{{% name params %}}`, closing
 * `{{< /name >}}`, self-closing `{{< name />}}`, named (`src="a.png"`) and positional (`"go"`)
 * parameters, double-quoted (with `\"`), backquoted (raw) or bare. Hand-written because no maintained
 * npm package parses Hugo's template syntax; the rules follow Hugo's own shortcode lexer.
 */
import { inside, type Range } from './convert-markdown.ts';

/** One shortcode tag as written. */
export interface ShortcodeTag {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  /** Named parameters (`key=value`). */
  readonly named: Readonly<Record<string, string>>;
  /** Positional parameters, in order. */
  readonly positional: readonly string[];
  /** The tag as written. */
  readonly text: string;
}

/** A tag with its closing tag, when it has one. */
export interface Shortcode {
  readonly open: ShortcodeTag;
  readonly close?: ShortcodeTag;
}

// `{{<` or `{{%`, an optional `/`, the name, the parameters (anything up to the closing delimiter), an
// optional `/` (self-closing), and `>}}` or `%}}`; the two delimiters are checked to match in code.
const tagPattern = /\{\{([<%])[ \t]*(\/)?[ \t]*([A-Za-z][\w./-]*)((?:[^>%]|[>%](?!\}\}))*?)\s*(\/)?[ \t]*([>%])\}\}/g;
const parameterPattern = /\s*(?:([A-Za-z_][\w-]*)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`=]+)/y;
/** Hugo's comment form (`{{<` and `>}}` around a slash-star comment), which Hugo prints as the shortcode itself. */
const escapedPattern = /\{\{[<%]\/\*[\s\S]*?\*\/[>%]\}\}/g;

/** Every shortcode tag in `body` outside `code` (fenced or inline code is never a shortcode). */
export function shortcodeTags(body: string, code: readonly Range[]): ShortcodeTag[] {
  const tags: ShortcodeTag[] = [];
  for (const match of body.matchAll(tagPattern)) {
    const [text, open, slash, name, rest, selfSlash, close] = match;
    if (inside(code, match.index)) continue;
    if ((open === '<') !== (close === '>')) continue;
    const parameters = readParameters(rest ?? '');
    tags.push({
      start: match.index,
      end: match.index + text.length,
      name: name ?? '',
      closing: slash === '/',
      selfClosing: selfSlash === '/',
      ...parameters,
      text,
    });
  }
  return tags;
}

/** The offsets of Hugo's escaped (commented-out) shortcodes outside code. */
export function escapedShortcodes(body: string, code: readonly Range[]): { start: number; text: string }[] {
  return [...body.matchAll(escapedPattern)]
    .filter((match) => !inside(code, match.index))
    .map((match) => ({ start: match.index, text: match[0] }));
}

function readParameters(source: string): { named: Record<string, string>; positional: string[] } {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  parameterPattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = parameterPattern.exec(source)) !== null) {
    const [, key, raw = ''] = match;
    const value = raw.startsWith('"')
      ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
      : raw.startsWith('`')
        ? raw.slice(1, -1)
        : raw;
    if (key === undefined) positional.push(value);
    else named[key.toLowerCase()] = value;
  }
  return { named, positional };
}

/**
 * The tags paired with their closing tags. `paired` names take a closing tag when one follows (nested
 * ones counted); `raw` names hold code, so the tags between their two tags are not shortcodes. Tags
 * of other names, stray closing tags and unclosed tags stand alone.
 */
export function pairShortcodes(
  tags: readonly ShortcodeTag[],
  paired: ReadonlySet<string>,
  raw: ReadonlySet<string>,
): { shortcodes: Shortcode[]; rawRanges: Range[] } {
  const shortcodes: Shortcode[] = [];
  const rawRanges: Range[] = [];
  const used = new Set<ShortcodeTag>();
  for (let index = 0; index < tags.length; index++) {
    const open = tags[index] as ShortcodeTag;
    if (used.has(open)) continue;
    if (open.closing || open.selfClosing || !paired.has(open.name)) {
      shortcodes.push({ open });
      continue;
    }
    let depth = 0;
    let closeAt = -1;
    for (let at = index + 1; at < tags.length && closeAt < 0; at++) {
      const tag = tags[at] as ShortcodeTag;
      if (tag.name !== open.name || tag.selfClosing || used.has(tag)) continue;
      if (!tag.closing) depth++;
      else if (depth === 0) closeAt = at;
      else depth--;
    }
    const close = closeAt < 0 ? undefined : tags[closeAt];
    if (!close) {
      shortcodes.push({ open });
      continue;
    }
    used.add(close);
    shortcodes.push({ open, close });
    if (raw.has(open.name)) {
      rawRanges.push({ start: open.end, end: close.start });
      // What lies between is code: its tags are left to the conversion of this one.
      while (index + 1 < closeAt) used.add(tags[++index] as ShortcodeTag);
    }
  }
  return { shortcodes: shortcodes.sort((a, b) => a.open.start - b.open.start), rawRanges };
}
