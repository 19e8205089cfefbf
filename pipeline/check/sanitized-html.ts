/**
 * Raw HTML the sanitizer removes from an article body: elements and attributes outside the allow
 * list, and iframes from hosts that are not in `embedHosts`. The sanitizer's own allow list and host
 * check decide (src/plugins/rehype-sanitize-body.ts), run on the same HTML tree the renderer builds,
 * so the warnings follow the allow list when it changes. One of the rules of ./body-lint.ts.
 */
import type { Element, Nodes as HastNodes } from 'hast';
import rehypeSanitize, { type Options as Schema } from 'rehype-sanitize';
import { visit } from 'unist-util-visit';
import { articleSchema, embedFor } from '#plugins/rehype-sanitize-body.ts';
import { inRanges, type BodyNote, type ParsedBody, type Range } from './markdown.ts';

/** Attributes whose loss the renderer makes up for (it sets loading, referrer and link targets itself). */
const SILENT_ATTRIBUTES = new Set([
  'target',
  'loading',
  'decoding',
  'fetchPriority',
  'referrerPolicy',
  'frameBorder',
  'scrolling',
  'crossOrigin',
]);

/** Players and plug-ins: their inside (fallback text, sources) goes with them. */
const MEDIA = new Set([
  'video',
  'audio',
  'track',
  'object',
  'embed',
  'applet',
  'canvas',
  'frame',
  'frameset',
  'map',
  'area',
]);
/** Form elements: their inside (fields) goes with them. */
const FORM = new Set([
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'label',
  'fieldset',
  'legend',
  'output',
  'datalist',
]);
/** Elements that would run scripts or change the page. */
const PAGE = new Set([
  'script',
  'noscript',
  'style',
  'link',
  'meta',
  'base',
  'head',
  'title',
  'template',
  'html',
  'body',
]);

/** Where an embed may come from, for messages. */
function embedHint(hosts: readonly string[]): string {
  return `an embed from a host in embedHosts (src/site.config.ts: ${hosts.join(', ') || 'none'})`;
}

/** The HTML attribute name of a hast property (`className` → `class`, `ariaLabel` → `aria-label`). */
function attributeName(property: string): string {
  if (property === 'className') return 'class';
  if (property === 'htmlFor') return 'for';
  if (/^(?:aria|data)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (property === 'acceptCharset' || property === 'httpEquiv')
    return property.replace(/[A-Z]/, (c) => `-${c.toLowerCase()}`);
  return property.toLowerCase();
}

/** Why an element outside the allow list goes, and what to write instead. */
function elementMessage(tag: string, schema: Schema, hosts: readonly string[]): string {
  const stripped = (schema.strip ?? []).includes(tag);
  const goes = stripped ? 'will be removed with its content' : 'will be removed (its text is kept)';
  const lead = `the <${tag}> element ${goes}`;
  const inside = schema.ancestors?.[tag];
  if (inside && (schema.tagNames ?? []).includes(tag)) {
    return `${lead}: it is only kept inside ${inside.map((a) => `<${a}>`).join(' or ')}; move it there or write it in Markdown`;
  }
  if (MEDIA.has(tag))
    return `${lead}: articles cannot carry players or plug-ins; use a Markdown image or ${embedHint(hosts)}`;
  if (PAGE.has(tag)) return `${lead}: articles cannot run scripts or change the page; remove it`;
  if (FORM.has(tag)) return `${lead}: forms do not work in articles; link to the form instead`;
  if (tag === 'svg')
    return `${lead}: save the drawing as an .svg file beside the article and add it as a Markdown image`;
  if (tag === 'math') return `${lead}: write the formula as $$ … $$ math instead`;
  return `${lead}: <${tag}> is not among the elements articles may use; write it in Markdown`;
}

/** Whether the allow list lets `tag` keep `property` at all (whatever its value). */
function attributeAllowed(schema: Schema, tag: string, property: string): boolean {
  const named = (list: readonly unknown[] | undefined): boolean =>
    (list ?? []).some((entry) => (Array.isArray(entry) ? entry[0] : entry) === property);
  return named(schema.attributes?.[tag]) || named(schema.attributes?.['*']);
}

/** Why attributes go (grouped per element), and what to do. */
function attributesMessage(tag: string, removed: readonly string[], schema: Schema): string {
  const names = removed.map(attributeName);
  const reasons = new Set<string>();
  let styling = true;
  for (const property of removed) {
    if (property === 'style' || property === 'className') {
      reasons.add('articles cannot style the page');
      continue;
    }
    styling = false;
    const protocols = schema.protocols?.[property];
    if (/^on[A-Z]/.test(property)) reasons.add('event handlers never run');
    else if (protocols && attributeAllowed(schema, tag, property)) {
      reasons.add(`${attributeName(property)} keeps only ${protocols.join(', ')} addresses`);
    } else reasons.add(`<${tag}> cannot keep ${attributeName(property)} in an article`);
  }
  const list =
    names.length === 1
      ? `the ${names[0]} attribute`
      : `the ${names.slice(0, -1).join(', ')} and ${names.at(-1)} attributes`;
  const fix = styling ? 'use Markdown formatting instead' : `remove ${names.length === 1 ? 'it' : 'them'}`;
  return `${list} of <${tag}> will be removed: ${[...reasons].join('; ')}; ${fix}`;
}

/**
 * Why an iframe goes, or undefined when the sanitizer keeps it (YouTube and Vimeo addresses are
 * kept as their privacy-enhanced players): the sanitizer's own decision, {@link embedFor}.
 */
function iframeMessage(src: unknown, hosts: readonly string[]): string | undefined {
  if (embedFor(src, hosts) !== undefined) return undefined;
  const address = typeof src === 'string' ? src.trim() : '';
  const absolute = address.startsWith('//') ? `https:${address}` : address;
  if (!URL.canParse(absolute)) {
    return `the <iframe> will be removed: it has no web address to embed; use ${embedHint(hosts)}`;
  }
  const url = new URL(absolute);
  const allowed = hosts.some((host) => host.toLowerCase() === url.host);
  if (allowed)
    return `the <iframe> will be removed: only https addresses are embedded; write its address with https://`;
  return `the <iframe> from ${url.host} will be removed: ${url.host} is not in embedHosts (src/site.config.ts); use a player address of an allowed host (${hosts.join(', ')}), or add the host there`;
}

/** The site's sanitizer, the allow list alone: iframes from other hosts are judged by its host check. */
const sanitizeTree = rehypeSanitize(articleSchema);

/** The key an element is found by in the sanitized tree: its tag and where it starts. */
function elementKey(node: Element): string | undefined {
  const offset = node.position?.start.offset;
  return offset === undefined ? undefined : `${node.tagName}@${offset}`;
}

/**
 * What the sanitizer removes, found by running it on the renderer's HTML tree and comparing; `hosts`
 * are the hosts whose iframes the site keeps, `skip` and `jsx` what the caller has reported already.
 */
export function droppedHtml(
  parsed: ParsedBody,
  hosts: readonly string[],
  skip: Range[],
  jsx: ReadonlySet<number>,
): BodyNote[] {
  const schema: Schema = articleSchema;
  const raw = parsed.hast;
  const clean = new Map<string, Element>();
  // The sanitizer builds a new tree and leaves `raw` as it is; positions are carried over.
  visit(sanitizeTree(raw) as HastNodes, 'element', (node: Element) => {
    const key = elementKey(node);
    if (key) clean.set(key, node);
  });
  const notes: BodyNote[] = [];
  visit(raw, 'element', (node: Element) => {
    const key = elementKey(node);
    const start = node.position?.start;
    if (!key || !start || start.offset === undefined) return undefined;
    const note = (message: string): void => {
      notes.push({ line: start.line, column: start.column, message });
    };
    const kept = clean.get(key);
    if (node.tagName === 'iframe' && kept) {
      // The sanitizer rebuilds a kept iframe's attributes itself; only whether it stays matters.
      const message = iframeMessage(node.properties['src'], hosts);
      if (message) note(message);
      return 'skip';
    }
    // Said already: a shortcode or JSX that happens to parse as HTML.
    if (jsx.has(start.offset) || inRanges(start.offset, skip)) return undefined;
    if (!kept) {
      note(elementMessage(node.tagName, schema, hosts));
      // Gone with its content, or a player's or form's inside (fallback text, sources, fields):
      // the one warning says it all.
      const whole = (schema.strip ?? []).includes(node.tagName) || MEDIA.has(node.tagName) || FORM.has(node.tagName);
      return whole ? 'skip' : undefined;
    }
    const removed = Object.keys(node.properties).filter(
      (property) =>
        !SILENT_ATTRIBUTES.has(property) &&
        node.properties[property] !== undefined &&
        node.properties[property] !== null &&
        node.properties[property] !== false &&
        (kept.properties[property] === undefined || kept.properties[property] === null),
    );
    if (removed.length > 0) note(attributesMessage(node.tagName, removed, schema));
    return undefined;
  });
  return notes;
}
