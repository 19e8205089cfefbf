// The content layout the checker enforces (pipeline/check/layout.ts): which paths are articles,
// registry entries, assets or ignorable, and the fix it suggests for a misplaced file.
import { describe, expect, it } from 'vitest';
import { classifyContentPath } from '#pipeline/check/layout.ts';

const locales = ['en', 'zh'];

describe('classifyContentPath', () => {
  it('recognises articles, registry entries, assets and ignorable files', () => {
    expect(classifyContentPath('articles/2024/ip-forum/zh.md', locales)).toEqual({
      kind: 'article',
      year: '2024',
      slug: 'ip-forum',
      language: 'zh',
    });
    expect(classifyContentPath('speakers/wang-binying.yml', locales)).toEqual({
      kind: 'entry',
      collection: 'speakers',
      id: 'wang-binying',
    });
    expect(classifyContentPath('articles/2024/ip-forum/stage.JPG', locales)).toEqual({ kind: 'asset' });
    expect(classifyContentPath('articles/.DS_Store', locales)).toEqual({ kind: 'ignored' });
    expect(classifyContentPath('README.md', locales)).toEqual({ kind: 'ignored' });
  });
  it('explains misplaced files with a fix', () => {
    const misplaced = (p: string) => {
      const c = classifyContentPath(p, locales);
      return c.kind === 'misplaced' ? c.message : c.kind;
    };
    expect(misplaced('articles/24/x/en.md')).toContain('four-digit year');
    expect(misplaced('articles/2024/IP Forum/en.md')).toContain('e.g. ip-forum');
    // A Chinese folder name gets the pinyin slug `npm run new` would have made, not "my-story".
    expect(misplaced('articles/2024/知识产权论坛/en.md')).toContain('e.g. zhishi-chanquan-luntan');
    expect(misplaced('articles/2024/x/english.md')).toContain('en.md, zh.md');
    expect(misplaced('articles/2024/x/y/en.md')).toContain('articles/<YYYY>/<story-slug>/<lang>.md');
    expect(misplaced('speakers/sub/x.yaml')).toContain('no sub-folders');
    expect(misplaced('speakers/Wáng Bīnyǐng.yaml')).toContain('wang-binying.yaml');
    expect(misplaced('drafts/x.md')).toContain('not part of the content layout');
  });
});
