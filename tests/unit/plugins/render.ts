/**
 * Test helpers for the article body plugins: Markdown through the same stages, in the same order, as
 * Astro 7's Markdown processor (see @astrojs/markdown-remark), with the article's language on the VFile.
 */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { Element, Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { articleRehypePlugins, articleRemarkPlugins, type ArticlePluginOptions } from '#plugins/index.ts';
import { localizedLabels } from '#plugins/markdown-options.ts';

/** The site's options as the tests use them (the real site config's locales, hosts and labels). */
export const testOptions: ArticlePluginOptions = {
  siteUrl: 'https://news.example.org/',
  embedHosts: ['www.youtube-nocookie.com', 'player.bilibili.com', 'player.vimeo.com'],
  locales: [
    { code: 'en', htmlLang: 'en', scripts: ['Latin'] },
    { code: 'zh', htmlLang: 'zh-Hans', scripts: ['Han'] },
  ],
  // The site's own labels, from the UI dictionaries (so a changed label cannot drift from the tests).
  ...localizedLabels(),
  // The folder of `renderWithAstro`'s article: raw-HTML images beside it are registered.
  contentDir: '/content',
};

/** How to render: the article's language, and the rehype plugins to test (default: the whole pipeline). */
export interface RenderOptions {
  readonly language?: string;
  readonly plugins?: PluggableList;
}

/**
 * Renders Markdown as Astro does: remark-parse, remark-gfm, our remark plugins (typography), remark-rehype (raw HTML
 * kept as `raw` nodes), the plugins under test, then Astro's own rehype-raw and rehype-stringify.
 */
export async function render(markdown: string, options: RenderOptions = {}): Promise<string> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(articleRemarkPlugins())
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(options.plugins ?? articleRehypePlugins(testOptions))
    .use(rehypeRaw)
    .use(rehypeStringify, { allowDangerousHtml: true });
  const file = new VFile({
    value: markdown,
    data: { astro: { frontmatter: { language: options.language ?? 'en' } } },
  });
  return String(await processor.process(file));
}

/**
 * Renders Markdown with Astro's real processor (`unified({ rehypePlugins })`), including Astro's image
 * and heading-id plugins that run after ours; `fileURL` makes local images go through the image pipeline.
 */
export async function renderWithAstro(markdown: string, language = 'en'): Promise<string> {
  const renderer = await createMarkdownProcessor({
    syntaxHighlight: false,
    smartypants: false,
    remarkPlugins: articleRemarkPlugins(),
    rehypePlugins: articleRehypePlugins(testOptions),
  });
  const result = await renderer.render(markdown, {
    fileURL: new URL('file:///content/articles/2024/story/en.md'),
    frontmatter: { language },
  });
  return result.code;
}

/** Every element of an HTML fragment, parsed as a browser would. */
export function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'element') found.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(fromHtml(html, { fragment: true }));
  return found;
}

/** The text of an HTML fragment with all markup removed (to check no text was lost or reordered). */
export function textOf(html: string): string {
  const collect = (node: Nodes): string =>
    node.type === 'text' ? node.value : 'children' in node ? node.children.map(collect).join('') : '';
  return collect(fromHtml(html, { fragment: true }));
}
