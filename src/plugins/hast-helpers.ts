/**
 * Small hast helpers shared by the article body plugins. Pure functions over hast trees, no
 * `astro:` imports, so the plugins stay importable from a plain `astro.config.mjs`. Trees are walked
 * with unist-util-visit and elements built with hastscript's `h()`; what is here has no twin in them
 * (class lists of any shape, the article's language, text nodes).
 */
import type { Element, Root, RootContent, Text } from 'hast';
import type { VFile } from 'vfile';

/** The article's locale code from Astro's frontmatter on the VFile (`language: zh`), if any. */
export function frontmatterLanguage(file: VFile | undefined): string | undefined {
  // Typed loosely on purpose: Astro's `DataMap` augmentation is only visible where Astro's types are.
  const data = file?.data as { astro?: { frontmatter?: Record<string, unknown> } } | undefined;
  const language = data?.astro?.frontmatter?.['language'];
  return typeof language === 'string' ? language : undefined;
}

/**
 * The chooser of a per-locale value (a label) for an article: the entry of its language, else the
 * first entry, which serves articles in other languages. `plugin` names who asked, for the error
 * thrown when `labels` is empty.
 */
export function localizedLabel<T>(labels: Readonly<Record<string, T>>, plugin: string): (file: VFile) => T {
  const fallback = Object.values(labels)[0];
  if (fallback === undefined) throw new Error(`${plugin}: \`labels\` needs at least one locale`);
  return (file) => {
    const language = frontmatterLanguage(file);
    return (language !== undefined ? labels[language] : undefined) ?? fallback;
  };
}

/**
 * The joiner of an accessible name's label and value per locale ("Code: Python", "代码：Python"):
 * the entry of the article's language, else `': '`. Option of the plugins that name things so.
 */
export function localizedSeparator(separators: Readonly<Record<string, string>> | undefined): (file: VFile) => string {
  return (file) => {
    const language = frontmatterLanguage(file);
    return (language !== undefined ? separators?.[language] : undefined) ?? ': ';
  };
}

/** Whether `node` is an element, optionally with one of the given tag names. */
export function isElement(node: RootContent | Root | undefined, ...tagNames: string[]): node is Element {
  return node?.type === 'element' && (tagNames.length === 0 || tagNames.includes(node.tagName));
}

/** Whether `node` is a text node holding only whitespace (the newlines between blocks). */
export function isWhitespace(node: RootContent | undefined): node is Text {
  return node?.type === 'text' && node.value.trim() === '';
}

/** The element's class names, whatever shape the property has. */
export function classList(node: Element): string[] {
  // Typed as a list, but trees built by hand or by other tools may hold a string.
  const value: unknown = node.properties['className'];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}

/** Whether the element carries the class `name`. */
export function hasClass(node: Element, name: string): boolean {
  return classList(node).includes(name);
}

/** Adds class names to the element, keeping the ones it has and never duplicating. */
export function addClass(node: Element, ...names: string[]): void {
  const list = classList(node);
  for (const name of names) if (!list.includes(name)) list.push(name);
  node.properties['className'] = list;
}

/** A text node. */
export function text(value: string): Text {
  return { type: 'text', value };
}
