/**
 * Docusaurus' own markup turned into ours: the admonition kinds the site has no name for
 * (`:::success`, `:::secondary`) renamed, `<Admonition type="…" title="…">` into a `:::kind` callout,
 * and the `import` of Admonition removed with it, MDX comments (brace, slash, star) into HTML comments (an MDX
 * comment is hidden by Docusaurus but would be printed by a Markdown site). Other MDX (imports, `export`, JSX such as `<Tabs>`)
 * is left as written and reported: it has no equivalent, and its text is the editor's to rewrite.
 * Hand-written on lines and tags rather than with remark-mdx, which refuses a whole body on the first
 * construct MDX cannot read, where Docusaurus' Markdown files are often not valid MDX.
 */
import type { ConversionLog } from './convert-report.ts';
import { colonsFor, containerPrefix, escapeLabel, inside, lineBreak, lineEnd, type Range } from './convert-markdown.ts';

/** Admonition kinds of Docusaurus (and of its older remark-admonitions) the site calls otherwise. */
const renamed: Readonly<Record<string, string>> = { success: 'tip', secondary: 'note' };
/** `<Admonition type>` values as our kinds. */
const admonitionKinds: Readonly<Record<string, string>> = {
  note: 'note',
  tip: 'tip',
  info: 'info',
  important: 'important',
  caution: 'caution',
  warning: 'warning',
  danger: 'danger',
  ...renamed,
};

const admonitionOpening = /^([ \t>]*)(:{3,})([A-Za-z]+)/gm;
const importLine =
  /^import\s[^\n]*?from\s+['"]([^'"]+)['"];?[ \t]*(?:\r?\n)?|^import\s+['"][^'"]+['"];?[ \t]*(?:\r?\n)?/gm;
const exportLine = /^export\s[^\n]*/gm;
const jsxTag = /<(\/)?([A-Z][\w.]*)((?:\s+[\w-]+(?:=(?:"[^"]*"|'[^']*'|\{[^}]*\}))?)*)\s*(\/)?>/g;
const mdxComment = /\{\/\*([\s\S]*?)\*\/\}/g;
const attribute = /([\w-]+)=(?:"([^"]*)"|'([^']*)'|\{["'`]([^"'`]*)["'`]\})/g;

/** Converts Docusaurus' markup in `body` outside `code`. */
export function convertDocusaurus(body: string, code: readonly Range[], log: ConversionLog): void {
  for (const match of body.matchAll(admonitionOpening)) {
    const at = match.index + (match[1]?.length ?? 0) + (match[2]?.length ?? 0);
    const name = match[3] ?? '';
    const kind = renamed[name.toLowerCase()];
    if (kind === undefined || inside(code, match.index)) continue;
    log.edit({ start: at, end: at + name.length, text: kind });
    log.count('admonition');
  }
  const admonitions = convertAdmonitions(body, code, log);
  for (const match of body.matchAll(importLine)) {
    if (inside(code, match.index)) continue;
    const source = match[1] ?? '';
    if (source === '@theme/Admonition' && admonitions) {
      log.edit({ start: match.index, end: match.index + match[0].length, text: '' });
      log.count('import');
    } else {
      log.leave(match.index, 'import', match[0].trimEnd());
    }
  }
  for (const match of body.matchAll(exportLine)) {
    if (!inside(code, match.index)) log.leave(match.index, 'export', match[0]);
  }
  for (const match of body.matchAll(mdxComment)) {
    if (inside(code, match.index)) continue;
    // `--` may not stand inside an HTML comment; a shortcode or JSX inside stays hidden text.
    const text = (match[1] ?? '').replace(/--/g, '- -');
    log.edit({ start: match.index, end: match.index + match[0].length, text: `<!--${text}-->` });
    log.count('comment');
  }
}

/** `<Admonition>` … `</Admonition>` into callouts; other JSX reported. Whether every Admonition was converted. */
function convertAdmonitions(body: string, code: readonly Range[], log: ConversionLog): boolean {
  const br = lineBreak(body);
  const stack: { start: number; end: number; kind: string; title: string; text: string }[] = [];
  const pairs: { open: (typeof stack)[number]; close: { start: number; end: number } }[] = [];
  let all = true;
  for (const match of body.matchAll(jsxTag)) {
    if (inside(code, match.index)) continue;
    const [text, slash, name, attributes = '', selfSlash] = match;
    const end = match.index + text.length;
    if (name !== 'Admonition') {
      if (slash === undefined) log.leave(match.index, 'jsx', text);
      continue;
    }
    if (slash === '/') {
      const open = stack.pop();
      if (open) pairs.push({ open, close: { start: match.index, end } });
      else log.leave(match.index, 'jsx', text);
      continue;
    }
    const values: Record<string, string> = {};
    for (const found of attributes.matchAll(attribute)) {
      values[found[1] ?? ''] = found[2] ?? found[3] ?? found[4] ?? '';
    }
    const kind = admonitionKinds[(values['type'] ?? 'note').toLowerCase()];
    if (selfSlash === '/' || kind === undefined) {
      log.leave(match.index, 'jsx', text);
      all = false;
      continue;
    }
    stack.push({ start: match.index, end, kind, title: values['title'] ?? '', text });
  }
  for (const open of stack) {
    log.leave(open.start, 'jsx', open.text);
    all = false;
  }
  // Innermost first, so that an outer callout takes more colons than those inside it.
  pairs.sort((a, b) => a.close.end - a.open.start - (b.close.end - b.open.start));
  const fences = new Map<number, string>();
  for (const { open, close } of pairs) {
    let fence = colonsFor(body.slice(open.end, close.start));
    for (const [start, inner] of fences) {
      if (start > open.start && start < close.start && inner.length >= fence.length) fence = `${inner}:`;
    }
    fences.set(open.start, fence);
    const prefix = containerPrefix(body, open.start) ?? '';
    const line = (start: number, end: number, text: string): void => {
      const before = containerPrefix(body, start) === undefined ? br + prefix : '';
      const after = lineEnd(body, end) === end ? '' : br + prefix;
      log.edit({ start, end, text: before + text + after });
    };
    line(open.start, open.end, `${fence}${open.kind}${open.title === '' ? '' : `[${escapeLabel(open.title)}]`}`);
    line(close.start, close.end, fence);
    log.count('callout');
  }
  return all;
}
