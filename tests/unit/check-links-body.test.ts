// Links in article bodies, as `npm run check` reports them before any build: relative links to
// files and pages, site-absolute links to pages and to public/, and #fragments to headings. Each
// case writes its own small content folder; the expected verdicts are what the built page's link
// does in a browser (pipeline/links.ts checks the same after a build).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import type {} from 'hast';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyLinks, linkCandidates } from '#pipeline/check/body-links.ts';
import { checkContent } from '#pipeline/check/checker.ts';
import { headingRehypePlugins, headingRemarkPlugins, pageAnchors } from '#pipeline/check/heading-ids.ts';
import { formatProblem } from '#pipeline/check/problems.ts';
import { sitePages } from '#pipeline/check/site-pages.ts';
import type { PublishedAt } from '#lib/dates.ts';
import { buildStories } from '#lib/stories.ts';
import { visit } from 'unist-util-visit';
import { articleRehypePlugins, articleRemarkPlugins } from '#plugins/index.ts';
import { rehypeCallouts } from '#plugins/rehype-callouts.ts';
import { rehypeDiagramSource } from '#plugins/rehype-diagram-source.ts';
import { rehypeEmbeds } from '#plugins/rehype-embeds.ts';
import { articlePageIds, rehypeHeadingAnchors } from '#plugins/rehype-heading-anchors.ts';
import { rehypeRawImages } from '#plugins/rehype-raw-images.ts';
import { localizedLabels } from '#plugins/markdown-options.ts';
import { siteConfig } from '#site.config';

/** A real image of the site fixture. */
const DIAGRAM = 'tests/fixtures/site/content/articles/2024/digital-archive-launch/diagram.png';
let work: string;
let content: string;
let publicDir: string;

const root = path.resolve(import.meta.dirname, '../..');

/** Writes a file under the work folder, making its folders. */
async function put(rel: string, text: string | Buffer): Promise<void> {
  const abs = path.join(work, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, text);
}

/** An article file with valid frontmatter and `body`. */
function article(language: string, body: string, extra = ''): string {
  return `---\ntitle: A story\ndate: 2024-04-23\nlanguage: ${language}\nsummary: One sentence.\n${extra}---\n${body}\n`;
}

/** The link warnings of a check of the work folder, one formatted line each. */
async function linkReport(): Promise<string[]> {
  const result = await checkContent({ contentDir: content, displayRoot: work, config: siteConfig, publicDir });
  const other = result.problems.filter((p) => p.field !== '(body link)');
  expect(
    other.filter((p) => p.severity === 'error'),
    JSON.stringify(other),
  ).toEqual([]);
  return result.problems.filter((p) => p.field === '(body link)').map(formatProblem);
}

/** The link warnings when `en.md` of the story 2024/alpha has `body`. */
async function linksIn(body: string): Promise<string[]> {
  await put('content/articles/2024/alpha/en.md', article('en', body));
  return linkReport();
}

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-links-'));
  content = path.join(work, 'content');
  publicDir = path.join(work, 'public');
  await put('content/speakers/wang-binying.yaml', 'name:\n  en: Wang Binying\n');
  await put('content/organisations/wipo.yaml', 'name:\n  en: WIPO\n');
  await put('content/events/forum-2024.yaml', 'name:\n  en: Forum\nstart: 2024-04-23\n');
  await put('content/tags/innovation.yaml', 'label:\n  en: Innovation\n');
  await put('content/articles/2024/alpha/en.md', article('en', 'Text.'));
  await put('content/articles/2024/alpha/zh.md', article('zh', '正文。\n\n## 背景\n'));
  await put('content/articles/2024/alpha/photo.png', await readFile(path.join(root, DIAGRAM)));
  await put(
    'content/articles/2024/beta/en.md',
    article('en', '## Results {#results}\n\n## Next Steps\n\n<a id="raw-anchor"></a>Text.', 'tags: [innovation]\n'),
  );
  await put(
    'content/articles/2023/gamma/en.md',
    article('en', 'Draft.', 'draft: true\n').replace('2024-04-23', '2023-05-01'),
  );
  await put('public/files/report.pdf', '%PDF-1.4\n');
  await put('public/docs/index.html', '<!doctype html><title>Docs</title>\n');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('relative links', () => {
  it('passes a relative link to a page the site builds', async () => {
    expect(await linksIn('[beta](../beta/) and [zh](../../../zh/2024/alpha/) and [self](./)')).toEqual([]);
  });

  it('reports a missing file with its line and column', async () => {
    expect(await linksIn('Intro.\n\nSee [the PDF](./slide.pdf) here.')).toEqual([
      'content/articles/2024/alpha/en.md:9:5  warning  (body link)  link "./slide.pdf" goes to no page (/en/2024/alpha/slide.pdf) and no file (content/articles/2024/alpha/slide.pdf).',
    ]);
  });

  it('reports a file that exists beside the article: the build publishes it only as an image it shows', async () => {
    expect(await linksIn('![photo](./photo.png)\n\n[the full-size photo](./photo.png)')).toEqual([
      'content/articles/2024/alpha/en.md:9:1  warning  (body link)  link "./photo.png" names content/articles/2024/alpha/photo.png, which is not published as a file (an image beside an article reaches the page only when the body shows it, ![…](./photo.png)): to offer the file itself, put it in public/ and link to "/files/photo.png"',
    ]);
  });

  it('reports a link that leaves the content folder', async () => {
    expect(await linksIn('[secret](../../../../secret.env)')).toEqual([
      'content/articles/2024/alpha/en.md:7:1  warning  (body link)  link "../../../../secret.env" points outside the content folder: link to a page of the site (/en/2024/story/) or a file in public/ (/files/name.pdf)',
    ]);
  });

  it("names a story's page for a link to its Markdown file or folder, with the fragment", async () => {
    expect(await linksIn('[md](../beta/en.md#next-steps) and [zh](../alpha/zh.md) and [folder](../beta)')).toEqual([
      'content/articles/2024/alpha/en.md:7:1  warning  (body link)  link "../beta/en.md#next-steps" names the Markdown file of the story 2024/beta, not its page: link to "/en/2024/beta/#next-steps"',
      'content/articles/2024/alpha/en.md:7:36  warning  (body link)  link "../alpha/zh.md" names the Markdown file of the story 2024/alpha, not its page: link to "/zh/2024/alpha/"',
    ]);
  });

  it("says when the story a relative link names is not published in the link's language", async () => {
    expect(await linksIn('[draft](../../2023/gamma/)')).toEqual([
      'content/articles/2024/alpha/en.md:7:1  warning  (body link)  link "../../2023/gamma/" names the folder of the story 2023/gamma, not its page, and that page is not published. The en version of 2023/gamma is a draft: it is not published.',
    ]);
  });

  it('suggests the story an address of the site the content came from meant', async () => {
    expect(await linksIn('[install](../Install/Beta.md) and [blog](/blog/2024-04-23-beta)')).toEqual([
      'content/articles/2024/alpha/en.md:7:1  warning  (body link)  link "../Install/Beta.md" goes to no page (/en/2024/Install/Beta.md) and no file (content/articles/2024/Install/Beta.md). Did you mean "/en/2024/beta/"?',
      'content/articles/2024/alpha/en.md:7:35  warning  (body link)  link "/blog/2024-04-23-beta" goes to no page of the site and no file in public/. Did you mean "/en/2024/beta/"?',
    ]);
  });
});

describe('site-absolute links', () => {
  it('passes pages of every kind, feeds, calendars, public/ files and web addresses', async () => {
    const links = [
      '/',
      '/en/',
      '/zh/',
      '/en/2024/beta/',
      '/en/2024/beta',
      '/zh/2024/alpha/index.html',
      '/en/speakers/',
      '/en/speakers/wang-binying/',
      '/en/speakers/wang-binying/rss.xml',
      '/en/organisations/wipo/',
      '/zh/events/forum-2024/',
      '/en/events/forum-2024.ics',
      '/en/events.ics',
      '/en/tags/innovation/',
      '/en/tags/innovation/rss.xml',
      '/en/archive/',
      '/en/archive/2024/',
      '/en/archive/2024/04/',
      '/en/search/',
      '/en/rss.xml',
      '/en/atom.xml',
      '/zh/feed.json',
      '/sitemap-index.xml',
      '/robots.txt',
      '/files/report.pdf',
      '/docs/',
      '/pagefind/pagefind.js',
      'mailto:news@example.org',
      'https://example.org/x',
      '//example.org/y',
      'tel:+861012345678',
    ];
    expect(await linksIn(links.map((l, i) => `[${i}](${l})`).join(' '))).toEqual([]);
  });

  it('passes an alias of a published story', async () => {
    await put(
      'content/articles/2024/beta/en.md',
      article('en', 'Text.', 'aliases: [/news/old-beta/, /news/old-beta.html]\n'),
    );
    expect(await linksIn('[old](/news/old-beta/) [file](/news/old-beta.html)')).toEqual([]);
  });

  it('reports a page the site does not build, with the nearest page', async () => {
    expect(
      await linksIn(
        '[a](/en/speakers/wang-binyin/) [b](/en/2024/bta/) [c](/EN/Speakers/) [d](/en/page/2/) [e](/files/missing.pdf)',
      ),
    ).toEqual([
      'content/articles/2024/alpha/en.md:7:1  warning  (body link)  link "/en/speakers/wang-binyin/" goes to no page of the site and no file in public/. Did you mean "/en/speakers/wang-binying/"?',
      'content/articles/2024/alpha/en.md:7:32  warning  (body link)  link "/en/2024/bta/" goes to no page of the site and no file in public/. Did you mean "/en/2024/beta/"?',
      'content/articles/2024/alpha/en.md:7:51  warning  (body link)  link "/EN/Speakers/" goes to no page of the site and no file in public/. Paths are case-sensitive: did you mean "/en/speakers/"?',
      'content/articles/2024/alpha/en.md:7:70  warning  (body link)  link "/en/page/2/" goes to no page of the site and no file in public/.',
      'content/articles/2024/alpha/en.md:7:87  warning  (body link)  link "/files/missing.pdf" goes to no page of the site and no file in public/.',
    ]);
  });

  it('says when the page is a draft or a language the story does not have', async () => {
    expect(await linksIn('[d](/en/2023/gamma/) [z](/zh/2024/beta/#results)')).toEqual([
      'content/articles/2024/alpha/en.md:7:1  warning  (body link)  link "/en/2023/gamma/" goes to no page of the site and no file in public/. The en version of 2023/gamma is a draft: it is not published.',
      'content/articles/2024/alpha/en.md:7:22  warning  (body link)  link "/zh/2024/beta/#results" goes to no page of the site and no file in public/. The story 2024/beta has no zh version. Link to "/en/2024/beta/#results".',
    ]);
  });

  it('finds raw-HTML links too, at their own position', async () => {
    expect(await linksIn('Text <a href="/en/nowhere/">x</a> and <a href="/en/2024/beta/">ok</a>.')).toEqual([
      'content/articles/2024/alpha/en.md:7:6  warning  (body link)  <a href> "/en/nowhere/" goes to no page of the site and no file in public/.',
    ]);
  });

  it('looks at nothing inside code', async () => {
    expect(await linksIn('`[a](/en/nowhere/)`\n\n```md\n[b](./missing.pdf)\n```\n\n    [c](#nothing)')).toEqual([]);
  });
});

describe('fragments', () => {
  it('passes a same-page anchor that exists and reports one that does not', async () => {
    expect(await linksIn('## Method\n\nSee [method](#method), [nothing](#results) and [top](#top).')).toEqual([
      'content/articles/2024/alpha/en.md:9:24  warning  (body link)  link "#results": no heading or element has the id "results" on this page',
    ]);
  });

  it('gives the exact id when only the letter case differs', async () => {
    expect(await linksIn('### writeConnectionSecretToRef\n\n[ref](#writeConnectionSecretToRef)')).toEqual([
      'content/articles/2024/alpha/en.md:9:1  warning  (body link)  link "#writeConnectionSecretToRef": no heading or element has the id "writeConnectionSecretToRef" on this page: ids are case-sensitive, write #writeconnectionsecrettoref',
    ]);
  });

  it('uses the id chosen with {#id}, and the slug of Chinese and punctuated headings', async () => {
    const body = '## Results {#outcome}\n\n## 审查周期\n\n## Q&A -- "What\'s new"\n\n';
    expect(await linksIn(`${body}[a](#outcome) [b](#审查周期) [c](#qa--whats-new) [d](#results)`)).toEqual([
      'content/articles/2024/alpha/en.md:13:46  warning  (body link)  link "#results": no heading or element has the id "results" on this page',
    ]);
  });

  it("checks another story's headings, relative or site-absolute", async () => {
    expect(
      await linksIn(
        '[a](/en/2024/beta/#results) [b](../beta/#next-steps) [c](/en/2024/beta/#Next-Steps) [d](../beta/#conclusion) [e](/en/2024/beta/#raw-anchor) [f](/en/speakers/wang-binying/#stories)',
      ),
    ).toEqual([
      'content/articles/2024/alpha/en.md:7:54  warning  (body link)  link "/en/2024/beta/#Next-Steps": no heading or element has the id "Next-Steps" on /en/2024/beta/ (content/articles/2024/beta/en.md): ids are case-sensitive, write #next-steps',
      'content/articles/2024/alpha/en.md:7:85  warning  (body link)  link "../beta/#conclusion": no heading or element has the id "conclusion" on /en/2024/beta/ (content/articles/2024/beta/en.md)',
      'content/articles/2024/alpha/en.md:7:110  warning  (body link)  link "/en/2024/beta/#raw-anchor": #raw-anchor names an id written in raw HTML, which the page prefixes: write #user-content-raw-anchor',
    ]);
  });

  it('follows raw-HTML ids from #links on the same page, as the sanitizer rewrites those only', async () => {
    expect(await linksIn('<span id="note">x</span>\n\n[n](#note) [m](#user-content-note) [o](./#note)')).toEqual([
      'content/articles/2024/alpha/en.md:9:36  warning  (body link)  link "./#note": #note names an id written in raw HTML, which the page prefixes: write #user-content-note',
    ]);
  });
});

describe('pageAnchors', () => {
  /** Every id the whole article pipeline gives a body (the build's own plugins, in order). */
  async function pipelineIds(body: string): Promise<Set<string>> {
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(articleRemarkPlugins() as PluggableList)
      .use(remarkRehype, { allowDangerousHtml: true, passThrough: [] })
      .use(
        articleRehypePlugins({
          siteUrl: 'https://news.example.org',
          embedHosts: siteConfig.embedHosts,
          locales: siteConfig.locales,
          ...localizedLabels(),
          contentDir: content,
          reservedIds: articlePageIds,
        }) as PluggableList,
      );
    const file = new VFile({ value: body, data: { astro: { frontmatter: { language: 'en' } } } });
    const tree = await processor.run(processor.parse(file), file);
    const ids = new Set<string>(articlePageIds);
    visit(tree, 'element', (node) => {
      for (const id of [node.properties['id'], node.tagName === 'a' ? node.properties['name'] : undefined]) {
        if (typeof id === 'string') ids.add(id);
      }
    });
    return ids;
  }

  it('gives exactly the ids the article pipeline gives', async () => {
    const body = [
      'Intro with [a link](#main).',
      '',
      '# Main',
      '',
      '## Results {#results}',
      '',
      '## Results',
      '',
      '```sh',
      '# not a heading',
      '```',
      '',
      '1. Step',
      '    ```sh',
      '    # a comment in a list item',
      '',
      '> Quote ends the item and its code.',
      '',
      '## After the list -- "quoted" ...',
      '',
      'Setext *heading* with `code`',
      '-----------------------------',
      '',
      '> ### In a quote',
      '',
      '<h3 id="raw">Raw heading</h3>',
      '',
      '<a name="old-anchor"></a>',
      '',
      '### 中文 标题',
      '',
      '### !!!',
      '',
      '### Formula $x^2$ here',
      '',
      '## Content',
      '',
      '### Install {{<figure src="a.png">}}',
      '',
      '## 10:30 :abbr[x] and $5',
    ].join('\n');
    const mine = pageAnchors(body);
    expect([...mine.ids].sort()).toEqual([...(await pipelineIds(body))].sort());
    expect([...mine.written].sort()).toEqual(['old-anchor', 'raw']);
  });

  it('runs the plugins of the article pipeline that can change an id, in its order', () => {
    const rehype = articleRehypePlugins({
      siteUrl: 'https://news.example.org',
      embedHosts: [],
      locales: siteConfig.locales,
      ...localizedLabels(),
      contentDir: content,
    }).map((entry) => (Array.isArray(entry) ? entry[0] : entry));
    const upToAnchors = rehype.slice(0, rehype.indexOf(rehypeHeadingAnchors) + 1);
    // Left out: they add no heading and change no heading text or id.
    const noIds = new Set<unknown>([rehypeEmbeds, rehypeRawImages, rehypeCallouts, rehypeDiagramSource]);
    expect([...headingRemarkPlugins]).toEqual(articleRemarkPlugins());
    expect([...headingRehypePlugins]).toEqual(upToAnchors.filter((plugin) => !noIds.has(plugin)));
  });

  it('gives a body without headings only the layout ids', () => {
    expect([...pageAnchors('Plain text.\n\nMore text with a [link](#x).').ids]).toEqual([...articlePageIds]);
  });
});

describe('bodyLinks and linkCandidates', () => {
  it('finds links the way the parser does, by reference too, with positions', () => {
    const body = 'A [one](./a.pdf "T") and [two][ref] and <a href="/x/">three</a>.\n\n[ref]: ../b/';
    expect(bodyLinks(body).map((l) => `${l.line}:${l.column} ${l.where} ${l.href}`)).toEqual([
      '1:3 link ./a.pdf',
      '1:26 link ../b/',
      '1:41 <a href> /x/',
    ]);
  });

  it('scans a superset of the links, marking what the parser would rewrite', () => {
    const text =
      '[a](./a(1).pdf) [b]( <./c d.pdf> ) `[c](./code)` [e](https://x.org) [f](./%7Ex) <a class="x" href=\'/y\'> ![i](./i.png) [![j [k]](./j.png)](./big.png)';
    expect(linkCandidates(text).map((c) => `${c.href}${c.uncertain ? ' ?' : ''}`)).toEqual([
      './a(1).pdf',
      './c d.pdf',
      './code',
      './%7Ex ?',
      './big.png',
      '/y',
    ]);
  });
});

describe('sitePages', () => {
  const day = (d: string): PublishedAt => ({ day: d, instant: `${d}T00:00:00.000Z`, hasTime: false });
  const records = Array.from({ length: 12 }, (_, i) => ({
    id: `2024/story-${i}/en`,
    data: { language: 'en', draft: false, date: day(`2024-0${(i % 3) + 1}-10`), tags: [{ id: 'innovation' }] },
  }));
  const site = sitePages({
    locales: ['en', 'zh'],
    stories: buildStories(records, ['en', 'zh']),
    folders: new Map(),
    speakers: [],
    organisations: [],
    events: ['dated', 'undated'],
    tags: ['innovation'],
    datedEvents: ['dated'],
    pageSize: 10,
    untranslatedStories: 'hide',
  });

  it('has the later pages of listings, in the locales that list the stories', () => {
    expect(site.find('/en/page/2/')).toBeDefined();
    expect(site.find('/en/tags/innovation/page/2/')).toBeDefined();
    expect(site.find('/en/page/3/')).toBeUndefined();
    // Untranslated stories are hidden in this configuration: the Chinese listing has one page.
    expect(site.find('/zh/page/2/')).toBeUndefined();
    expect(site.find('/zh/')).toBeDefined();
  });

  it('has archive months with stories, and calendars of dated events only', () => {
    expect(site.find('/en/archive/2024/03/')).toBeDefined();
    expect(site.find('/en/archive/2024/04/')).toBeUndefined();
    expect(site.find('/zh/events/dated.ics')).toBeDefined();
    expect(site.find('/zh/events/undated.ics')).toBeUndefined();
    expect(site.find('/zh/events/undated/')).toBeDefined();
  });

  it('names the article a story page shows', () => {
    expect(site.find('/en/2024/story-3/')).toEqual({
      file: 'en/2024/story-3/index.html',
      article: 'articles/2024/story-3/en.md',
    });
    expect(site.storyPage('2024', 'story-3', 'zh')).toBeUndefined();
  });
});
