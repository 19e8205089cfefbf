import { readFileSync } from 'node:fs';
import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { rehypeLangPassages, type PassageLocale } from '#plugins/rehype-lang-passages.ts';
import { elementsOf, render, testOptions, textOf } from './render.ts';

const passages = (markdown: string, language: string, locales: readonly PassageLocale[] = testOptions.locales) =>
  render(markdown, { language, plugins: [rehypeRaw, [rehypeLangPassages, { locales }]] });

/** The article body: the file without its frontmatter. */
const body = (path: string): string => readFileSync(path, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');

/** The raw press release the sample archive was made from (a copy kept with the test fixtures). */
const pressRelease = readFileSync(
  new URL('../../fixtures/raw/raw-press-release-2024-04-30.txt', import.meta.url),
  'utf8',
);

describe('rehypeLangPassages: blocks', () => {
  it('marks the quoted Chinese paragraph of an English article, and nothing else', async () => {
    const html = await passages(body('content/articles/2024/zgc-forum-technology-clusters/en.md'), 'en');
    expect(html).toMatch(
      /<p>The forum’s theme as published in the original Chinese report:<\/p>\n<p lang="zh-Hans">本场平行论坛由世界知识产权组织、科学技术部、北京市人民政府主办，是2024中关村论坛的重要活动之一。论坛以“集聚科技力量，引领城市发展”为主题，聚焦科技创新前沿话题，共谋科技集群发展未来之路。<\/p>$/,
    );
    // Springer Nature, PCT and the rest are English in an English article: no spans, no other lang.
    expect(html.match(/lang=/g)).toHaveLength(1);
  });

  it('marks list items, cells, headings, terms and captions on their own', async () => {
    expect(
      await passages(
        '- 申长雨\n- Shen Changyu\n\n| Name | 姓名 |\n|-|-|\n| Tao Kaiyuan | 陶凯元 |\n\n## 关于论坛\n\n' +
          '<dl><dt>论坛</dt><dd>Forum</dd></dl>\n\n<figure><img src="a.jpg" alt=""><figcaption>开幕式</figcaption></figure>',
        'en',
      ),
    ).toBe(
      '<ul>\n<li lang="zh-Hans">申长雨</li>\n<li>Shen Changyu</li>\n</ul>\n<table>\n<thead>\n<tr>\n<th>Name</th>\n' +
        '<th lang="zh-Hans">姓名</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Tao Kaiyuan</td>\n<td lang="zh-Hans">陶凯元</td>\n' +
        '</tr>\n</tbody>\n</table>\n<h2 lang="zh-Hans">关于论坛</h2>\n<dl><dt lang="zh-Hans">论坛</dt><dd>Forum</dd></dl>\n' +
        '<figure><img src="a.jpg" alt=""><figcaption lang="zh-Hans">开幕式</figcaption></figure>',
    );
  });

  it('marks English paragraphs of a Chinese article as English', async () => {
    expect(await passages('The forum opened in Beijing.\n\n论坛在北京开幕。', 'zh')).toBe(
      '<p lang="en">The forum opened in Beijing.</p>\n<p>论坛在北京开幕。</p>',
    );
  });

  it('judges paragraphs in block quotes and loose list items, not their containers', async () => {
    expect(await passages('> 论坛在北京开幕。\n>\n> It opened.\n\n- 论坛\n\n  Forum', 'en')).toBe(
      '<blockquote>\n<p lang="zh-Hans">论坛在北京开幕。</p>\n<p>It opened.</p>\n</blockquote>\n' +
        '<ul>\n<li>\n<p lang="zh-Hans">论坛</p>\n<p>Forum</p>\n</li>\n</ul>',
    );
  });

  it('weighs one long English name less than the Chinese sentence around it', async () => {
    expect(
      await passages('世界知识产权组织（World Intellectual Property Organization，WIPO）在北京设有办事处。', 'zh'),
    ).toBe(
      '<p>世界知识产权组织（<span lang="en">World Intellectual Property Organization</span>，WIPO）在北京设有办事处。</p>',
    );
  });

  it('never touches an element that already has lang, and judges its content against it', async () => {
    expect(
      await passages('<p lang="en">Theme: 集聚科技力量</p>\n\n<p lang="fr">Le forum 论坛 a eu lieu</p>', 'zh'),
    ).toBe(
      '<p lang="en">Theme: <span lang="zh-Hans">集聚科技力量</span></p>\n<p lang="fr">Le forum 论坛 a eu lieu</p>',
    );
  });

  it('falls back to the default locale when the article’s language is unknown', async () => {
    expect(await passages('Forum 论坛 opened', 'xx')).toBe('<p>Forum <span lang="zh-Hans">论坛</span> opened</p>');
  });
});

describe('rehypeLangPassages: runs inside a block', () => {
  it('wraps Han runs in English text, with CJK punctuation and the quotes around them', async () => {
    expect(
      await passages(
        'Mr. Shen Changyu (申长雨), Commissioner of the CNIPA, opened the forum under the theme "集聚科技力量，引领城市发展".',
        'en',
      ),
    ).toBe(
      '<p>Mr. Shen Changyu (<span lang="zh-Hans">申长雨</span>), Commissioner of the CNIPA, opened the forum under the ' +
        'theme <span lang="zh-Hans">“集聚科技力量，引领城市发展”</span>.</p>',
    );
  });

  it('wraps Latin runs of two words or more in Chinese text, not single words or acronyms', async () => {
    expect(
      await passages(
        '清华大学联合施普林格·自然（Springer Nature）共同发布。技术与创新支持中心（TISC）建设，PCT国际专利申请，WIPO、PCT和TISC。',
        'zh',
      ),
    ).toBe(
      '<p>清华大学联合施普林格·自然（<span lang="en">Springer Nature</span>）共同发布。技术与创新支持中心（TISC）建设，' +
        'PCT国际专利申请，WIPO、PCT和TISC。</p>',
    );
  });

  it('wraps the runs of the other language inside a block it marked (the raw press release)', async () => {
    const html = await passages(pressRelease, 'en');
    const [mixed] = html.match(/<p lang="zh-Hans">.*<\/p>/) ?? [];
    expect(mixed).toBeDefined();
    // Punctuation next to Han characters is full width (src/lib/typography.ts), Latin runs keep theirs.
    expect(mixed).toMatch(/^<p lang="zh-Hans">（<span lang="en">Photo: ZGC Forum<\/span>）阿莱曼在致辞中指出，创新是/);
    expect(mixed?.match(/[（(]<span lang="en">Photo: ZGC Forum<\/span>[）)]/g)).toHaveLength(4);
    expect(mixed).toContain('施普林格·自然（<span lang="en">Springer Nature</span>）共同发布');
    expect(mixed).toContain('技术与创新支持中心（TISC）建设');
    expect(mixed).toContain('的PCT国际专利申请');
    expect(mixed).toMatch(/（图: {2}WOC）<\/p>$/);
    // The English paragraphs around it stay English, without spans.
    expect(html.match(/<p>/g)).toHaveLength(6);
    expect(html.match(/<span/g)).toHaveLength(5);
  });

  it('loses, adds and reorders no text and no whitespace', async () => {
    const before = textOf(await render(pressRelease, { plugins: [] }));
    expect(textOf(await passages(pressRelease, 'en'))).toBe(before);
    const zh = body('content/articles/2024/ip-protection-forum/zh.md');
    const zhHtml = await passages(zh, 'zh');
    expect(textOf(zhHtml)).toBe(textOf(await render(zh, { language: 'zh', plugins: [] })));
    expect(zhHtml).toContain('高级法律官员 <span lang="en">Florence Rojal</span> 在小组讨论中');
  });

  it('does not split code, and does not wrap whitespace', async () => {
    expect(await passages('Run `申长雨` now, 好\n\n```\n中文中文中文\n```', 'en')).toBe(
      '<p>Run <code>申长雨</code> now, <span lang="zh-Hans">好</span></p>\n<pre><code>中文中文中文\n</code></pre>',
    );
    const html = await passages('论坛 \u3000 论坛 *论坛*', 'en');
    expect(html).toBe('<p lang="zh-Hans">论坛 \u3000 论坛 <em>论坛</em></p>');
  });

  it('wraps runs inside inline elements, and respects editors’ spans', async () => {
    expect(await passages('The forum was opened by **申长雨** and <span lang="zh-Hans">陶凯元</span>', 'en')).toBe(
      '<p>The forum was opened by <strong><span lang="zh-Hans">申长雨</span></strong> and <span lang="zh-Hans">陶凯元</span></p>',
    );
  });

  it('handles any configured script: single words of non-Latin alphabets are wrapped', async () => {
    const locales = [...testOptions.locales, { code: 'ru', htmlLang: 'ru', scripts: ['Cyrillic'] }];
    expect(await passages('The forum in Москва opened.', 'en', locales)).toBe(
      '<p>The forum in <span lang="ru">Москва</span> opened.</p>',
    );
  });

  it('rejects unknown script names at configuration time', () => {
    expect(() => rehypeLangPassages({ locales: [{ code: 'x', htmlLang: 'x', scripts: ['Klingon'] }] })).toThrow(
      /unknown script/,
    );
  });

  it('only ever writes configured html lang tags', async () => {
    const html = await passages(pressRelease, 'en');
    const langs = new Set(elementsOf(html).map((e) => e.properties['lang']));
    expect([...langs].sort()).toEqual(['en', 'zh-Hans', undefined]);
  });
});
