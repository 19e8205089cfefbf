// Chinese punctuation in `npm run import`: ASCII `, : ; ? ! ( )` touching Han become full width in
// the draft, by the site's one typography rule (src/lib/typography.ts), and the report counts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planImport, type ImportContext } from '#tools/authoring/import-release.ts';
import { typeset, widenChinesePunctuation } from '#lib/typography.ts';
import { importContext, removeTempContent, tempContent } from './import-fixture.ts';

let context: ImportContext;
beforeAll(async () => {
  context = await importContext(await tempContent(), { forceNew: true });
});
afterAll(removeTempContent);

describe('widenChinesePunctuation', () => {
  it('widens the marks next to Han and counts them', () => {
    expect(widenChinesePunctuation('他指出,创新是关键:一是人才;二是资金?是的!技术与创新支持中心(TISC)建设')).toEqual({
      text: '他指出，创新是关键：一是人才；二是资金？是的！技术与创新支持中心（TISC）建设',
      changed: 7,
    });
  });

  it('leaves Latin text, numbers and quotes as written', () => {
    expect(widenChinesePunctuation('Python 3.12, JSON (Springer Nature) said "yes"...')).toEqual({
      text: 'Python 3.12, JSON (Springer Nature) said "yes"...',
      changed: 0,
    });
    // The renderer's rule makes the same marks full width: typesetting the widened text changes nothing more.
    for (const text of ['他说:"你好",然后离开(北京)...', '组织 (WIPO) 在北京;会议?', '使用Python,创新']) {
      expect(typeset(widenChinesePunctuation(text).text)).toBe(typeset(text));
    }
  });
});

describe('the imported draft', () => {
  it('has full-width marks in its Chinese title and body, and the count in the plan', () => {
    const raw = [
      '论坛开幕:两场会议',
      '2024年4月24日',
      '论坛于周三开幕,刘华致辞(书面)。',
      '专家们讨论了三个问题:人才,资金,合作。',
    ].join('\n\n');
    const plan = planImport(raw, context);
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    const [story] = plan.stories;
    expect(story?.punctuation).toBe(7);
    expect(story?.title).toBe('论坛开幕：两场会议');
    expect(story?.text).toContain('\n论坛于周三开幕，刘华致辞（书面）。\n\n专家们讨论了三个问题：人才，资金，合作。\n');
    expect(story?.text).not.toMatch(/\p{Script=Han}[,:;?!()]|[,:;?!()]\p{Script=Han}/u);
  });

  it('changes nothing in an English story', () => {
    const plan = planImport(
      'A Title: Here\n\nApril 24, 2024\n\nThe forum (in Beijing) opened, and spoke: yes.',
      context,
    );
    expect(plan.ok && plan.stories[0]?.punctuation).toBe(0);
    expect(plan.ok && plan.stories[0]?.text).toContain('\nThe forum (in Beijing) opened, and spoke: yes.\n');
  });
});
