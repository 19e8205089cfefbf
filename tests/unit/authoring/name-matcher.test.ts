import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentState, type ContentState } from '#tools/authoring/content-folder.ts';
import {
  findNames,
  idsOf,
  mainEvent,
  namePatterns,
  unknownPeople,
  type NamePattern,
} from '#tools/authoring/name-matcher.ts';
import { localeCodes } from '#site.config';

let state: ContentState;
let patterns: NamePattern[];
const found = (text: string): string[] => findNames(text, patterns).map((m) => `${m.collection}/${m.id}=${m.text}`);

beforeAll(async () => {
  // The shipped registry, read only.
  state = await readContentState(path.resolve(import.meta.dirname, '../../../content'), localeCodes);
  patterns = namePatterns(state.registry);
});

describe('findNames', () => {
  it('finds people and organisations in either language', () => {
    expect(found('Mr. Shen Changyu met 申长雨 of 国家知识产权局 and CNIPA.')).toEqual([
      'speakers/shen-changyu=Shen Changyu',
      'speakers/shen-changyu=申长雨',
      'organisations/cnipa=国家知识产权局',
      'organisations/cnipa=CNIPA',
    ]);
  });

  it('prefers the longest name where names overlap', () => {
    expect(found('世界知识产权组织中国办事处主任刘华')).toEqual([
      'organisations/wipo-office-china=世界知识产权组织中国办事处',
      'speakers/liu-hua=刘华',
    ]);
    expect(found('the Lisbon Registry of WIPO and WIPO')).toEqual([
      'organisations/wipo-lisbon-registry=Lisbon Registry of WIPO',
      'organisations/wipo=WIPO',
    ]);
  });

  it('matches English names whole, case-sensitively, across line breaks and apostrophe styles', () => {
    expect(found('the most dynamic clusters, said Lin Xinyu')).toEqual([]);
    expect(found('MOST and the Supreme People’s Court; Mr. Hu\nWenhui')).toEqual([
      'organisations/most=MOST',
      'organisations/supreme-peoples-court=Supreme People’s Court',
      'speakers/hu-wenhui=Hu\nWenhui',
    ]);
  });

  it('matches transliterated Chinese names with any middle dot', () => {
    expect(found('卡斯滕•芬克和施普林格·自然')).toEqual([
      'speakers/carsten-fink=卡斯滕•芬克',
      'organisations/springer-nature=施普林格·自然',
    ]);
  });
});

describe('ids and the main event', () => {
  it('lists ids once, in order of mention, and picks the most specific event', () => {
    const matches = findNames('2024中关村论坛科技集群平行论坛是2024中关村论坛的活动。林新、于英杰、林新', patterns);
    expect(idsOf(matches, 'speakers')).toEqual(['lin-xin', 'yu-yingjie']);
    expect(idsOf(matches, 'events')).toEqual(['zgc-forum-2024-clusters', 'zgc-forum-2024']);
    expect(mainEvent(matches, state.registry)).toBe('zgc-forum-2024-clusters');
  });
});

describe('unknownPeople', () => {
  it('suggests people named by a title or before a speech verb who are not in the registry', () => {
    const text =
      'Ms. Jane Doe-Smith and Mr. Shen Changyu spoke. 院长张三介绍了成果。林新在致辞中表示感谢。会议指出，要加强合作。';
    const unknown = unknownPeople(text, findNames(text, patterns));
    expect(unknown.map((u) => [u.name, u.suggestedId])).toEqual([
      ['Jane Doe-Smith', 'jane-doe-smith'],
      ['张三', 'zhang-san'],
    ]);
    expect(unknown[1]?.context).toContain('院长张三介绍了');
  });
});
