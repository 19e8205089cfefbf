/**
 * Search words for passages in another language. Pagefind segments Chinese only on pages whose
 * `<html lang>` is Chinese: a Chinese passage in an English article would be indexed as one long
 * token, and a word from its middle never found. This plugin gives every such passage (an element
 * whose `lang` differs from the article's and whose text needs word segmentation) a
 * `data-search-words` attribute holding its words, space-separated by `Intl.Segmenter`, and makes
 * it a Pagefind metadata field (`data-pagefind-meta="search_words_1[data-search-words]"`), which
 * Pagefind searches but never quotes: indexed as content (`data-pagefind-index-attrs`), the spaced
 * words showed in result excerpts ("科技 集群") beside the passage itself. Pagefind keeps one value
 * per field name, so each passage of a page gets its own field, numbered in document order.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { frontmatterLanguage } from './hast-helpers.ts';

/** What the plugin needs to know of each locale. */
export interface SearchWordsLocale {
  /** Locale code (`zh`), as in the article's `language`. */
  readonly code: string;
  /** BCP 47 tag written in `lang` attributes (`zh-Hans`). */
  readonly htmlLang: string;
}

/** Options of {@link rehypeSearchWords}. */
export interface SearchWordsOptions {
  /** The site's locales. */
  readonly locales: readonly SearchWordsLocale[];
}

/** Text written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const segmenters = new Map<string, Intl.Segmenter>();

/** The words of `text` in language `lang`, space-separated (punctuation and spaces dropped). */
export function searchWords(text: string, lang: string): string {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, segmenter);
  }
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) if (isWordLike) words.push(segment);
  return words.join(' ');
}

/** The Pagefind metadata fields of the passages' words: `search_words_1`, `search_words_2`… */
export const SEARCH_WORDS_FIELD = 'search_words_';

/** The primary language subtag, lower-cased (`zh-Hans` → `zh`). */
const primary = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? '';

/** Adds segmented search words to other-language passages that need them. */
export function rehypeSearchWords(options: SearchWordsOptions) {
  return (tree: Root, file: VFile): void => {
    const code = frontmatterLanguage(file);
    const documentLang = options.locales.find((l) => l.code === code)?.htmlLang ?? options.locales[0]?.htmlLang ?? '';
    let passages = 0;
    visit(tree, 'element', (node) => {
      const lang = node.properties['lang'];
      if (typeof lang !== 'string' || primary(lang) === primary(documentLang)) return undefined;
      const content = toString(node);
      if (!UNSPACED.test(content)) return undefined;
      node.properties['dataSearchWords'] = searchWords(content, lang);
      node.properties['dataPagefindMeta'] = `${SEARCH_WORDS_FIELD}${++passages}[data-search-words]`;
      // The whole passage is covered; nested passages need no copy of their own.
      return SKIP;
    });
  };
}
