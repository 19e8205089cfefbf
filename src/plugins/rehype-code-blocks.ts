/**
 * Code blocks in article bodies: highlighted at build time by Astro's own Shiki integration (the
 * `rehypeShiki` plugin behind `markdown.syntaxHighlight`), labelled with their language, and made
 * keyboard-reachable, since a long line scrolls inside the block instead of widening the page.
 *
 * It is one of our rehype plugins rather than Astro's `markdown.syntaxHighlight` setting because Astro
 * runs its highlighter before every user plugin, that is before our sanitizer, which would strip all it
 * emits (classes, `style`). Here it runs after sanitizing, on text that is already safe, and what it
 * adds is generated, never the editor's markup.
 *
 * Colours are CSS custom properties, not colours: with `defaultColor: false` Shiki writes
 * `--shiki-light` and `--shiki-dark` on each token, and src/styles/global.css picks one of the two
 * by `prefers-color-scheme`, as it does for the rest of the site. Every other declaration Shiki or Astro
 * writes into a `style` attribute (`overflow-x`, `user-select`) is dropped or turned into a class, so
 * a `style` attribute in a body only ever carries `--shiki-*` properties.
 */
import { rehypeShiki, syntaxHighlightDefaults, type ShikiConfig } from '@astrojs/markdown-remark';
import type { Element, Parents, Properties, Root } from 'hast';
import { bundledLanguagesInfo, isSpecialLang, type ShikiTransformer } from 'shiki';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { addClass, classList, isElement, localizedLabel, localizedSeparator } from './hast-helpers.ts';

/** Options of {@link rehypeCodeBlocks}. */
export interface CodeBlocksOptions {
  /**
   * A code block's accessible name per locale code (`{ en: 'Code', zh: '代码' }`), followed by the
   * block's language ("Code: Python"); the first entry serves articles in other languages.
   */
  readonly labels: Readonly<Record<string, string>>;
  /** What joins the label and the language per locale code (`{ zh: '：' }`); default `': '`. */
  readonly separators?: Readonly<Record<string, string>>;
}

/**
 * The two Shiki themes, chosen for contrast: every token colour of GitHub's current light and dark
 * themes reaches 4.5:1 (WCAG AA) on the theme's own background, which the stylesheet keeps. The older
 * `github-light`/`github-dark` pair does not (comments at 3:1 in dark, variables at 3.5:1 in light).
 */
export const codeThemes = { light: 'github-light-default', dark: 'github-dark-default' } as const;

/** Lines longer than this are shown without colours: tokenizing them is slow and reads no better. */
export const longestHighlightedLine = 2000;

/** The class of the `+`/`-` marker Astro splits off the lines of a `diff` block (not copied with the code). */
export const diffMarkerClass = 'diff-marker';

/**
 * Makes tokenizing independent of the machine: by default Shiki gives up on a line after 500 ms and
 * leaves the rest uncoloured, so a busy machine could build different HTML from the same content. No
 * time limit, and a length limit instead (a limit that is the same everywhere).
 */
const deterministicTokenizing: ShikiTransformer = {
  name: 'news-archive:deterministic-tokenizing',
  preprocess(_code, options) {
    options.tokenizeTimeLimit = 0;
    options.tokenizeMaxLineLength = longestHighlightedLine;
  },
};

/** Astro's Shiki options: both themes as CSS variables, no inline colours, long lines not wrapped. */
const shikiConfig: ShikiConfig = {
  themes: { ...codeThemes },
  defaultColor: false,
  wrap: false,
  transformers: [deterministicTokenizing],
};

/** Shiki's display name of every language id and alias it bundles (`ts` → `TypeScript`). */
const languageNames: ReadonlyMap<string, string> = new Map(
  bundledLanguagesInfo.flatMap((info) => [info.id, ...(info.aliases ?? [])].map((id) => [id, info.name] as const)),
);

/** Languages Astro's highlighter leaves alone (`math`, for a math renderer). */
const excludedLanguages: readonly string[] = syntaxHighlightDefaults.excludeLangs ?? [];

/** The language a `<code>` element declares with a `language-…` class, as written. */
function declaredLanguage(code: Element): string | undefined {
  const found = classList(code).find((name) => name.startsWith('language-'));
  return found?.slice('language-'.length) || undefined;
}

/** The `<code>` element that is a `<pre>`'s only child, as Markdown writes a fenced block. */
function onlyCode(pre: Element): Element | undefined {
  const [child] = pre.children;
  return pre.children.length === 1 && isElement(child, 'code') ? child : undefined;
}

/** A block to label once Shiki has (or has not) replaced it, found again by its place in the tree. */
interface PendingBlock {
  readonly parent: Parents;
  readonly index: number;
  /** The language's display name, or `undefined` for plain text. */
  readonly name: string | undefined;
}

/**
 * Prepares every `<pre>` for Shiki and remembers where it is and what to call its language. A language
 * Shiki does not know is highlighted as plain text (Shiki would do so too, but with a console warning
 * per block) and keeps the name the editor wrote; names are matched case-insensitively (`JSON`).
 */
function collectBlocks(tree: Root): PendingBlock[] {
  const blocks: PendingBlock[] = [];
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'pre' || !parent || index === undefined) return undefined;
    const code = onlyCode(node);
    const written = code ? declaredLanguage(code) : undefined;
    let name: string | undefined;
    if (code && written !== undefined && excludedLanguages.includes(written)) {
      name = written;
    } else if (code && written !== undefined) {
      const id = written.toLowerCase();
      const known = languageNames.get(id);
      const plain = isSpecialLang(id);
      // Plain text (`text`, `txt`, `plaintext`) has no language to name.
      name = plain ? undefined : (known ?? written);
      const language = plain || known !== undefined ? id : 'plaintext';
      code.properties['className'] = [
        ...classList(code).filter((c) => !c.startsWith('language-')),
        `language-${language}`,
      ];
    }
    blocks.push({ parent, index, name });
    return SKIP;
  });
  return blocks;
}

/** Keeps only the `--shiki-*` declarations of a `style` value (`undefined` when none is left). */
function shikiVariablesOnly(style: unknown): string | undefined {
  if (typeof style !== 'string') return undefined;
  const kept = style
    .split(';')
    .map((declaration) => declaration.trim())
    .filter((declaration) => /^--shiki-[a-z-]+\s*:/.test(declaration));
  return kept.length > 0 ? kept.join(';') : undefined;
}

/**
 * Tidies the properties Shiki wrote in a highlighted block: `style` keeps CSS variables only, and the
 * HTML names Shiki uses (`class`, `tabindex`) become hast's (`className`, `tabIndex`), which is what
 * other plugins read and what keeps an attribute from being printed twice.
 */
function tidyProperties(pre: Element): void {
  visit(pre, 'element', (node) => {
    const { class: written, tabindex } = node.properties;
    if (typeof written === 'string') {
      delete node.properties['class'];
      addClass(node, ...written.split(/\s+/).filter(Boolean));
    }
    if (tabindex !== undefined) {
      delete node.properties['tabindex'];
      node.properties['tabIndex'] = Number(tabindex);
    }
    const style = node.properties['style'];
    if (style !== undefined) {
      if (typeof style === 'string' && /user-select\s*:\s*none/.test(style)) addClass(node, diffMarkerClass);
      const kept = shikiVariablesOnly(style);
      if (kept === undefined) delete node.properties['style'];
      else node.properties['style'] = kept;
    }
  });
}

/**
 * Rehype plugin: highlights every `<pre><code class="language-…">` with Shiki (both themes as CSS
 * variables), then gives every `<pre>` of the body (highlighted or not) `tabindex="0"`, `role="group"`
 * and an accessible name in the article's language ("Code: Python"), its language's display name in
 * `data-label` (shown by the stylesheet) and `translate="no"` (page translators leave code alone).
 */
export function rehypeCodeBlocks(options: CodeBlocksOptions): (tree: Root, file: VFile) => Promise<void> {
  const labelFor = localizedLabel(options.labels, 'rehypeCodeBlocks');
  const separatorFor = localizedSeparator(options.separators);
  // Astro's plugin, configured once: it starts its highlighter (a WebAssembly engine) on first use.
  const highlight = (rehypeShiki as unknown as (config: ShikiConfig) => (tree: Root) => Promise<void>)(shikiConfig);
  return async (tree, file) => {
    const blocks = collectBlocks(tree);
    if (blocks.length === 0) return;
    await highlight(tree);
    const label = labelFor(file);
    const separator = separatorFor(file);
    for (const { parent, index, name } of blocks) {
      const pre = parent.children[index];
      if (!isElement(pre, 'pre')) continue;
      tidyProperties(pre);
      // The class first, as Shiki wrote it, so the opening tag reads as usual.
      const { className, ...others } = pre.properties;
      const properties: Properties = {
        ...(className === undefined ? {} : { className }),
        ...others,
        tabIndex: 0,
        role: 'group',
        ariaLabel: name === undefined ? label : `${label}${separator}${name}`,
        translate: 'no',
      };
      if (name !== undefined) properties['dataLabel'] = name;
      pre.properties = properties;
    }
  };
}
