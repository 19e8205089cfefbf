/**
 * Marks passages in another language with `lang`, so screen readers switch voice and browsers pick
 * the right fonts, line breaking and hyphenation. Press releases mix English and Chinese freely: whole
 * paragraphs in the other language, Chinese names and quotations inside English sentences, English
 * names of organisations inside Chinese ones. The language is read off the writing system: the
 * Unicode script of each letter (`\p{Script=Han}`, `\p{Script=Latin}`) says which locale wrote it
 * (passage-scripts.ts reads the text; this file applies it to the tree).
 */
import type { Element, ElementContent, Parents, Root } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { frontmatterLanguage, hasClass, text } from './hast-helpers.ts';
import { findRuns, judgeOf, type Judge, type PassageLocale } from './passage-scripts.ts';

export type { PassageLocale } from './passage-scripts.ts';

/** Options of {@link rehypeLangPassages}. */
export interface LangPassagesOptions {
  /** The site's locales, default first (the fallback when an article has no known language). */
  readonly locales: readonly PassageLocale[];
}

/** Share of a block's (weighted) letters a locale must exceed for the block to be marked as that locale. */
export const blockMajority = 0.5;

/** Elements whose own text is judged as one passage (list items, cells and captions count as blocks). */
const blockTags = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'td',
  'th',
  'figcaption',
  'dt',
  'dd',
  'caption',
  'summary',
]);

/** Elements whose text is code or not text at all: never split, never counted. */
const opaqueTags = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'svg', 'math', 'iframe']);

/** The locale an element's `lang` names, else the inherited one; undefined for a language of no locale. */
function contextOf(node: Element, inherited: number | undefined, judge: Judge): number | undefined {
  const lang = node.properties['lang'];
  return typeof lang === 'string' ? judge.localeOf(lang) : inherited;
}

/** Whether the element's own text is judged as one passage. */
function isBlock(node: Element): boolean {
  // The heading self-link's label ("Link to this section: 关于论坛") is judged like a block of its own.
  return blockTags.has(node.tagName) || (node.tagName === 'a' && hasClass(node, 'heading-anchor'));
}

/** Weighted letters per locale in the block's own text (not in nested blocks, code, or elements with `lang`). */
function countLetters(node: Element, context: number, judge: Judge, counts: number[]): void {
  for (const child of node.children) {
    if (child.type === 'text') {
      for (const char of child.value) {
        const cls = judge.classify(char, context);
        if (cls >= 0) counts[cls] = (counts[cls] ?? 0) + (judge.scripts[cls]?.weight ?? 1);
      }
    } else if (
      child.type === 'element' &&
      !opaqueTags.has(child.tagName) &&
      !isBlock(child) &&
      child.properties['lang'] === undefined
    ) {
      countLetters(child, context, judge, counts);
    }
  }
}

/** The locale holding a majority of the block's weighted letters, if any. */
function dominantLocale(node: Element, context: number, judge: Judge): number | undefined {
  const counts: number[] = judge.scripts.map(() => 0);
  countLetters(node, context, judge, counts);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const winner = counts.findIndex((n) => n > total * blockMajority);
  return total > 0 && winner >= 0 ? winner : undefined;
}

/** A text as text nodes and `<span lang>` passages, one per run. */
function splitText(value: string, context: number, judge: Judge): ElementContent[] {
  const chars = Array.from(value);
  const runs = findRuns(chars, context, judge);
  if (runs.length === 0) return [text(value)];
  const nodes: ElementContent[] = [];
  let cursor = 0;
  for (const run of runs) {
    if (run.start > cursor) nodes.push(text(chars.slice(cursor, run.start).join('')));
    nodes.push(h('span', { lang: run.script.locale.htmlLang }, chars.slice(run.start, run.end + 1).join('')));
    cursor = run.end + 1;
  }
  if (cursor < chars.length) nodes.push(text(chars.slice(cursor).join('')));
  return nodes;
}

/** Splits the text of `node`'s phrasing content into runs, relative to `context`. */
function wrapRuns(node: Element, context: number, judge: Judge): void {
  const next: ElementContent[] = [];
  for (const child of node.children) {
    if (child.type === 'text') {
      next.push(...splitText(child.value, context, judge));
      continue;
    }
    next.push(child);
    if (child.type !== 'element' || opaqueTags.has(child.tagName) || isBlock(child)) continue;
    const inner = contextOf(child, context, judge);
    if (inner !== undefined) wrapRuns(child, inner, judge);
  }
  node.children = next;
}

/**
 * The walk: each block gets `lang` when another locale dominates it, then its runs marked.
 * Hand-recursive rather than unist-util-visit: the locale each element inherits is passed down.
 */
function markPassages(parent: Parents, context: number | undefined, judge: Judge): void {
  for (const child of parent.children) {
    if (child.type !== 'element' || opaqueTags.has(child.tagName)) continue;
    let inner = contextOf(child, context, judge);
    if (isBlock(child) && inner !== undefined) {
      if (child.properties['lang'] === undefined) {
        const winner = dominantLocale(child, inner, judge);
        if (winner !== undefined && winner !== inner) {
          child.properties['lang'] = judge.scripts[winner]?.locale.htmlLang ?? '';
          inner = winner;
        }
      }
      wrapRuns(child, inner, judge);
    }
    markPassages(child, inner, judge);
  }
}

/**
 * Rehype plugin: (a) sets `lang` on a block (paragraph, list item, heading, cell, caption…) whose
 * letters are mostly another locale's script (weighed by passage-scripts.ts's `alphabeticLetterWeight`); (b) inside
 * blocks, wraps runs of another locale's script in `<span lang>` (any CJK run; Latin runs of two words
 * or more). Elements that already have `lang` are left as they are; their content is judged against it.
 */
export function rehypeLangPassages(options: LangPassagesOptions): (tree: Root, file: VFile) => void {
  const judge = judgeOf(options.locales);
  return (tree, file) => {
    const language = frontmatterLanguage(file);
    const found = judge.scripts.findIndex((script) => script.locale.code === language);
    markPassages(tree, found >= 0 ? found : 0, judge);
  };
}
