/**
 * Makes an article body safe to publish. Editors may write raw HTML in Markdown; everything that could
 * run script, restyle or take over the page, or clobber the page's own ids is removed or neutralised.
 *
 * The plugin first parses raw HTML itself (rehype-raw): when it runs inside Astro's pipeline the raw
 * HTML is still unparsed `raw` nodes (Astro's own rehype-raw comes after every user plugin), and a
 * sanitizer that only sees `raw` nodes would let them through to Astro's parser unchecked. So the one
 * plugin takes any tree in and guarantees a parsed and clean tree out, in whatever order it is used.
 */
import type { Properties, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import { closeSelfClosingTags } from './rehype-self-closing-tags.ts';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import type { Options as Schema } from 'rehype-sanitize';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { embedFor } from '#lib/embeds.ts';

// Which iframe (and lone video link) survives, and as what: for the checker, which must tell editors.
export { embedFor, type Embed, type EmbedProvider, type EmbedUse } from '#lib/embeds.ts';

/** Options of {@link rehypeSanitizeBody}. */
export interface SanitizeBodyOptions {
  /** Hosts (exact names, e.g. `www.youtube-nocookie.com`) whose https pages may be embedded as iframes. */
  readonly embedHosts: readonly string[];
}

/** Prefix of user-written `id`/`name` values, as on GitHub, so they never collide with the page's ids. */
export const clobberPrefix = 'user-content-';

// Properties whose values are ids or references to ids: prefixed together so the references still match.
const clobbered = ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy', 'headers'];

// Elements removed together with their content: their text is code, styling or a foreign vocabulary,
// never readable prose (other unknown elements are unwrapped and their text kept).
const stripped = [
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'object',
  'embed',
  'applet',
  'frame',
  'frameset',
  'noframes',
  'noembed',
  'textarea',
  'select',
  'title',
  'xmp',
  'head',
];

// `rel` values a link may keep: they only restrict what the browser sends or how crawlers weigh it.
const safeRel = ['nofollow', 'noopener', 'noreferrer', 'ugc', 'sponsored', 'external', 'license', 'author', 'tag'];

// Every property holding a URL a browser may load or navigate to: checked once more after the schema.
const urlProperties = [
  'href',
  'src',
  'cite',
  'longDesc',
  'srcSet',
  'poster',
  'action',
  'formAction',
  'background',
  'data',
  'codeBase',
  'ping',
  'xLinkHref',
];

const iframeSandbox = ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'];

// The only features an embedded player may be granted through `allow=`: going full screen, a floating
// video window, and playing protected (DRM) video. Camera, microphone, geolocation, USB, payment,
// clipboard and the rest would let a video page ask the reader for them in the site's name.
const embedFeatures = ['encrypted-media', 'fullscreen', 'picture-in-picture'];

/** The allow list: GitHub's schema plus figures, a few text-level elements and (filtered) iframes. */
export const articleSchema: Schema = buildSchema();

function buildSchema(): Schema {
  const base = structuredClone(defaultSchema);
  const attributes = base.attributes ?? {};
  return {
    ...base,
    tagNames: [
      ...(base.tagNames ?? []),
      'figure',
      'figcaption',
      'caption',
      'colgroup',
      'col',
      'abbr',
      'cite',
      'dfn',
      'mark',
      'small',
      'u',
      'time',
      'bdi',
      'bdo',
      'wbr',
      'iframe',
    ],
    ancestors: {
      ...base.ancestors,
      caption: ['table'],
      colgroup: ['table'],
      col: ['table'],
      figcaption: ['figure'],
      // GFM task-list checkboxes live in list items; a bare `<input>` anywhere else is a form control.
      input: ['li'],
    },
    attributes: {
      ...attributes,
      a: [...(attributes['a'] ?? []), ['rel', ...safeRel]],
      iframe: ['src', 'title', 'width', 'height', 'allow', 'allowFullScreen'],
    },
    // Prefixing is done after sanitizing (see `clobber`), idempotently, so that GFM footnotes, whose
    // ids and hrefs remark-rehype already writes as `user-content-fn-1`, keep matching.
    clobber: [],
    protocols: { ...base.protocols, srcSet: ['http', 'https'] },
    strip: stripped,
  };
}

/**
 * Rehype plugin: parses raw HTML (JSX-style self-closed elements closed first), then keeps only what {@link articleSchema} allows, prefixes
 * user-written ids, keeps iframes only as {@link embedFor} allows them for `embedHosts` (YouTube and
 * Vimeo rewritten to their privacy-enhanced players; then sandboxed by {@link sandboxedIframe}), and
 * drops any `javascript:`, `vbscript:` or `data:` URL that got this far.
 */
export function rehypeSanitizeBody(options: SanitizeBodyOptions): (tree: Root, file: VFile) => Root {
  const parse = rehypeRaw();
  const clean = rehypeSanitize(articleSchema);
  return (tree, file) => {
    // Re-parsing through parse5 is a tenth of the Markdown cost; most bodies hold no raw HTML at all.
    // JSX-style `<iframe … />` is closed first: parsed as HTML it would take in the rest of the body.
    const raw = hasRawNodes(tree);
    if (raw) closeSelfClosingTags(tree);
    const safe = clean(raw ? parse(tree, file) : tree);
    filterIframes(safe, options.embedHosts);
    dropScriptUrls(safe);
    clobber(safe);
    return safe;
  };
}

/** Whether the tree holds raw HTML nodes (Markdown's inline or block HTML) still to be parsed. */
function hasRawNodes(tree: Root): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return EXIT;
  });
  return found;
}

/** Whether `src` is an https URL on one of `hosts` (exact host, no other port). */
export function isEmbeddable(src: unknown, hosts: ReadonlySet<string>): boolean {
  if (typeof src !== 'string' || !URL.canParse(src)) return false;
  const url = new URL(src);
  return url.protocol === 'https:' && url.username === '' && url.password === '' && hosts.has(url.host);
}

function filterIframes(tree: Root, embedHosts: readonly string[]): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'iframe' || !parent || index === undefined) return undefined;
    const embed = embedFor(node.properties['src'], embedHosts);
    if (!embed) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    node.properties = sandboxedIframe({ ...node.properties, src: embed.src });
    // An iframe's content is never shown by browsers that support iframes; keep nothing in it.
    node.children = [];
    return SKIP;
  });
}

/**
 * An embed's iframe properties: only `src`, `title`, `width`, `height`, `allow` (cut down by
 * {@link embedAllowList}) and `allowfullscreen` kept, then lazy loading, a strict referrer policy and
 * the sandbox added. Also for players built from a bare video link (src/plugins/rehype-embeds.ts).
 */
export function sandboxedIframe(properties: Properties): Properties {
  const kept: Properties = {};
  for (const key of ['src', 'title', 'width', 'height', 'allow', 'allowFullScreen']) {
    const value = properties[key];
    if (value !== undefined && value !== null) kept[key] = value;
  }
  const allow = embedAllowList(kept['allow']);
  if (allow === undefined) delete kept['allow'];
  else kept['allow'] = allow;
  return {
    ...kept,
    loading: 'lazy',
    referrerPolicy: 'strict-origin-when-cross-origin',
    sandbox: [...iframeSandbox],
  };
}

/**
 * An iframe's `allow=` (Permissions Policy directives such as `camera *; fullscreen 'src'`) cut down to
 * what an embed needs: the features in `embedFeatures`, each granted to the embedded page's own
 * origin only (a bare feature name means `'src'`; `*`, `'self'` and other origins are dropped), in a
 * fixed order so the output does not depend on how the editor wrote it. A feature the editor denied
 * (`'none'`) stays denied. `undefined` when nothing is left: the attribute is dropped.
 */
export function embedAllowList(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  const granted = new Set<string>();
  for (const directive of text.split(';')) {
    const [feature = '', ...allowlist] = directive.trim().split(/[\t\n\f\r ]+/);
    const name = feature.toLowerCase();
    if (embedFeatures.includes(name) && !allowlist.some((origin) => origin.toLowerCase() === "'none'")) {
      granted.add(name);
    }
  }
  const kept = embedFeatures.filter((name) => granted.has(name));
  return kept.length > 0 ? kept.join('; ') : undefined;
}

/** Whether a URL would run script or carry an inline document, the way a browser reads it. */
export function isScriptUrl(value: string): boolean {
  // Browsers ignore ASCII whitespace and control characters anywhere in a scheme (`java\tscript:`).
  // eslint-disable-next-line no-control-regex
  const scheme = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return scheme.startsWith('javascript:') || scheme.startsWith('vbscript:') || scheme.startsWith('data:');
}

function dropScriptUrls(tree: Root): void {
  visit(tree, 'element', (node) => {
    for (const key of urlProperties) {
      const value = node.properties[key];
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v === 'string' && isScriptUrl(v))) delete node.properties[key];
    }
  });
}

function prefixed(value: string | number): string {
  const name = String(value);
  return name.startsWith(clobberPrefix) ? name : clobberPrefix + name;
}

function clobber(tree: Root): void {
  const ids = new Set<string>();
  const targets = new Set<string>();
  visit(tree, 'element', (node) => {
    for (const key of clobbered) {
      const value = node.properties[key];
      if (typeof value === 'string' || typeof value === 'number') {
        node.properties[key] = prefixed(value);
      } else if (Array.isArray(value)) {
        node.properties[key] = value.map(prefixed);
      } else {
        continue;
      }
      if (key === 'id' || key === 'name') {
        ids.add(String(node.properties[key]));
        targets.add(String(value));
      }
    }
  });
  // In-page links written against the unprefixed ids (`<a href="#intro">` to `<h2 id="intro">`)
  // follow their targets; links to ids added later (heading slugs) are left alone.
  visit(tree, 'element', (node) => {
    const href = node.properties['href'];
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
    const fragment = safeDecode(href.slice(1));
    if (ids.has(fragment) || !targets.has(fragment)) return;
    node.properties['href'] = '#' + prefixed(fragment);
  });
}

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
