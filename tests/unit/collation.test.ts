import { describe, expect, it } from 'vitest';
import { groupByInitial, initialOf, sortByCollation } from '#lib/collation.ts';

const PINYIN = 'zh-u-co-pinyin';

describe('initialOf', () => {
  it('files Han names under their pinyin initial', () => {
    const cases: [string, string][] = [
      ['阿莱曼', 'A'],
      ['白云', 'B'],
      ['陈明', 'C'],
      ['卡斯滕·芬克', 'K'],
      ['吕', 'L'],
      ['欧阳修', 'O'],
      ['申长雨', 'S'],
      ['王彬颖', 'W'],
      ['薛澜', 'X'],
      ['于英杰', 'Y'],
      ['张伟', 'Z'],
      ['赵四', 'Z'],
    ];
    expect(cases.map(([name]) => [name, initialOf(name, PINYIN)])).toEqual(cases);
  });
  it('files Latin names by their first letter, accents folded, and anything else under #', () => {
    expect(initialOf('Émile Zola', 'en')).toBe('E');
    expect(initialOf('florence', 'en')).toBe('F');
    expect(initialOf('3M', 'en')).toBe('#');
    expect(initialOf('Florence Rojal', PINYIN)).toBe('F');
  });
});

describe('groupByInitial', () => {
  it('orders Chinese names by pinyin and groups them A–Z with Latin names in the same headings', () => {
    const names = ['张伟', 'Florence Rojal', '安东', '陈明', '白云', '欧阳修', '赵四', '阿莱曼', 'Ada Lovelace'];
    const groups = groupByInitial(names, (n) => n, PINYIN);
    expect(groups.map((g) => [g.initial, ...g.items])).toEqual([
      ['A', '阿莱曼', '安东', 'Ada Lovelace'],
      ['B', '白云'],
      ['C', '陈明'],
      ['F', 'Florence Rojal'],
      ['O', '欧阳修'],
      ['Z', '张伟', '赵四'],
    ]);
  });
  it('sorts English alphabetically regardless of case and accents, # last', () => {
    const groups = groupByInitial(['zeta', 'Alpha', '#hash', 'émile', 'beta'], (n) => n, 'en');
    expect(groups.map((g) => [g.initial, ...g.items])).toEqual([
      ['A', 'Alpha'],
      ['B', 'beta'],
      ['E', 'émile'],
      ['Z', 'zeta'],
      ['#', '#hash'],
    ]);
  });
});

describe('sortByCollation', () => {
  it('sorts by key with numeric awareness and keeps input order for ties', () => {
    const items = [
      { k: 'Forum 10', n: 1 },
      { k: 'Forum 2', n: 2 },
      { k: 'forum 2', n: 3 },
    ];
    expect(sortByCollation(items, (i) => i.k, 'en').map((i) => i.n)).toEqual([2, 3, 1]);
  });
});
