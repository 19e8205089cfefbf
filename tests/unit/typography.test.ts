import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '#i18n/en.ts';
import { zh } from '#i18n/zh.ts';
import { educate, typeset, typesetArticleText } from '#lib/typography.ts';

describe('typeset: English', () => {
  it('curls quotes and apostrophes, and makes dashes and ellipses', () => {
    expect(typeset(`WIPO's "new quality" forces`)).toBe('WIPO\u2019s \u201cnew quality\u201d forces');
    expect(typeset(`'Clusters' matter -- don't they...`)).toBe(
      '\u2018Clusters\u2019 matter \u2014 don\u2019t they\u2026',
    );
    expect(typeset(`Back in the '80s`)).toBe('Back in the \u201980s');
  });

  it('leaves ASCII punctuation of Latin text, numbers and code alone', () => {
    for (const text of ['Python 3.12, JSON', 'At 10:30 (UTC+8); see https://example.org/a?b=1!', 'Why? Because!']) {
      expect(typeset(text)).toBe(text);
    }
  });
});

describe('typeset: Chinese', () => {
  it('makes ASCII punctuation between Han characters full width', () => {
    expect(typeset('专家指出,创新是关键')).toBe('专家指出，创新是关键');
    expect(typeset('专家指出, 创新是关键')).toBe('专家指出，创新是关键');
    expect(typeset('主题:知识产权;地点:北京')).toBe('主题：知识产权；地点：北京');
    expect(typeset('这是真的吗?是的!')).toBe('这是真的吗？是的！');
    expect(typeset('真的吗?')).toBe('真的吗？');
    expect(typeset('时间:2024年4月')).toBe('时间：2024年4月');
  });

  it('makes brackets around or beside Han text full width, with the spaces beside them', () => {
    expect(typeset('世界知识产权组织(WIPO)中国办事处')).toBe('世界知识产权组织（WIPO）中国办事处');
    expect(typeset('世界知识产权组织 (WIPO) 中国办事处')).toBe('世界知识产权组织（WIPO）中国办事处');
    expect(typeset('论坛(北京)开幕')).toBe('论坛（北京）开幕');
    expect(typeset('（论坛）')).toBe('（论坛）');
    expect(typeset('(北京)论坛开幕')).toBe('（北京）论坛开幕');
    // Latin text beside them: an English sentence, English brackets.
    for (const english of [
      'Ouyang Jing (欧阳静) and Zeng Weidong (曾卫东) spoke',
      'Secretary-General 欧阳静 (Ouyang Jing) said',
    ]) {
      expect(typeset(english)).toBe(english);
    }
  });

  it('keeps Latin words, numbers and code inside Chinese text ASCII', () => {
    expect(typeset('使用 Python 3.12, JSON 和 YAML')).toBe('使用 Python 3.12, JSON 和 YAML');
    expect(typeset('访问 https://example.org/a?b=1 了解')).toBe('访问 https://example.org/a?b=1 了解');
    expect(typeset('中国, China')).toBe('中国, China');
    expect(typeset('会议于 10:30 开始')).toBe('会议于 10:30 开始');
  });

  it('joins a Latin word into the Chinese sentence it sits in', () => {
    expect(typeset('使用Python,创新')).toBe('使用Python，创新');
  });

  it('alternates quotes between Han characters', () => {
    expect(typeset('他说"你好",然后说"再见"。')).toBe('他说\u201c你好\u201d，然后说\u201c再见\u201d。');
  });

  it('carries the state across the text nodes of one block', () => {
    const state = { previous: undefined, doubleOpen: false };
    expect(educate('专家指出', state)).toBe('专家指出');
    expect(educate(',创新', state)).toBe('，创新');
  });
});

/** Every string of a dictionary, its functions called with sample arguments. */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    // Numbers and words both: some take counts, some names; a query-taking one also gets none.
    return [
      ...strings(fn(3, 5), `${path}(3, 5)`),
      ...strings(fn('X', 'Y'), `${path}('X', 'Y')`),
      ...strings(fn('', ''), `${path}('', '')`),
    ];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => strings(inner, `${path}.${key}`));
  }
  return [];
}

describe('UI dictionaries', () => {
  it('Chinese: no ASCII punctuation beside a Han character, no straight quotes', () => {
    const bad = strings(zh, 'zh').filter(
      ([, text]) =>
        /\p{Script=Han}[ ]?[,:;?!()]|[,:;?!()][ ]?\p{Script=Han}|["']/u.test(text) || typeset(text) !== text,
    );
    expect(bad).toEqual([]);
  });

  it('English: curly quotes and apostrophes, as typeset would make them', () => {
    const bad = strings(en, 'en').filter(([, text]) => /["']/.test(text) || typeset(text) !== text);
    expect(bad).toEqual([]);
  });
});

describe('templates', () => {
  it('never write ASCII punctuation after a UI string (a Chinese page would show "其他语言: ")', () => {
    const src = path.resolve(import.meta.dirname, '../../src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(astro|ts)$/.test(file));
    const bad = files.flatMap((file) =>
      [...readFileSync(path.join(src, file), 'utf8').matchAll(/(\{t\.\w+\}|\$\{t\.\w+\})[:;?!(]/g)].map(
        (match) => `${file}: ${match[0]}`,
      ),
    );
    // Labels with values go through the dictionaries' own `labelled` ("Also in: ", "其他语言：").
    expect(bad).toEqual([]);
  });
});

describe('typesetArticleText', () => {
  it('typesets speakers’ story roles and correction texts as well as titles, and leaves ids alone', () => {
    const data = typesetArticleText({
      title: '产权组织在2024中关村论坛举办平行论坛,介绍创新',
      summary: 'WIPO\'s "new" forum',
      speakers: [
        { collection: 'speakers', id: 'wang-binying' },
        { id: 'chen-li', role: '主任(北京)' },
      ],
      corrections: [{ date: '2024-05-01', text: '此前误写为"副主任":现已更正' }],
      language: 'zh',
    });
    expect(data.title).toBe('产权组织在2024中关村论坛举办平行论坛，介绍创新');
    expect(data.speakers).toEqual([
      { collection: 'speakers', id: 'wang-binying' },
      { id: 'chen-li', role: '主任（北京）' },
    ]);
    expect(data.corrections).toEqual([{ date: '2024-05-01', text: '此前误写为\u201c副主任\u201d：现已更正' }]);
    expect(data.language).toBe('zh');
  });
});
