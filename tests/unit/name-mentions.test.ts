import { describe, expect, it } from 'vitest';
import { htmlText, nameMentionFinder, registryNameForms, type NameForms } from '#lib/name-mentions.ts';

const SHEN: NameForms = ['Shen Changyu', '申长雨'];
const WIPO: NameForms = ['World Intellectual Property Organization', '世界知识产权组织', 'WIPO', '产权组织'];
const WIPO_CHINA: NameForms = ['WIPO Office in China', '世界知识产权组织中国办事处'];
const LIN: NameForms = ['Lin Xin', '林新'];
const UN: NameForms = ['United Nations', '联合国', 'UN'];
const MOST: NameForms = ['Ministry of Science and Technology', '科学技术部', 'MOST'];
const ONE_CHAR: NameForms = ['Wang', '王'];
const INNOVATION: NameForms = ['Innovation', '创新'];
const OBRIEN: NameForms = ["Declan O'Brien", '德克兰·奥布莱恩'];
const ZGC: NameForms = ['2024 Zhongguancun Forum', '2024中关村论坛'];

const find = nameMentionFinder([SHEN, WIPO, WIPO_CHINA, LIN, UN, MOST, ONE_CHAR, INNOVATION, OBRIEN, ZGC]);

describe('nameMentionFinder', () => {
  it('gives the other-language forms of a name the text mentions, in either script', () => {
    expect(find('The forum was opened by Shen Changyu, who said…')).toEqual(['申长雨']);
    expect(find('国家知识产权局局长申长雨出席论坛。')).toEqual(['Shen Changyu']);
  });

  it('finds a Latin name next to Han characters, across line breaks and in any case', () => {
    expect(find('会见Shen\n  Changyu时')).toEqual(['申长雨']);
    expect(find('SHEN Changyu spoke.')).toEqual(['申长雨']);
  });

  it('matches Latin forms at word boundaries only', () => {
    expect(find('Lin Xinyu and Shen Changyuan spoke.')).toEqual([]);
    expect(find('Mr. Lin Xin spoke.')).toEqual(['林新']);
  });

  it('matches acronyms with their case only, and never forms shorter than three characters', () => {
    expect(find('the most dynamic cities; who knows')).toEqual([]);
    expect(find('MOST hosted it.')).toEqual(['Ministry of Science and Technology', '科学技术部']);
    // "UN" is too short to look for; the full name still counts, and gives "UN" as a search form.
    expect(find('UN delegates')).toEqual([]);
    expect(find('联合国代表')).toEqual(['United Nations', 'UN']);
  });

  it('never matches a single Han character', () => {
    expect(find('王先生说')).toEqual([]);
  });

  it('matches tags without regard to case', () => {
    expect(find('Driving innovation forward')).toEqual(['创新']);
  });

  it('takes the longest of overlapping names', () => {
    expect(find('世界知识产权组织中国办事处主任')).toEqual(['WIPO Office in China']);
    expect(find('世界知识产权组织总干事')).toEqual(['World Intellectual Property Organization', 'WIPO', '产权组织']);
  });

  it('leaves out forms the text contains itself, and lists entries in order of first mention', () => {
    expect(find('申长雨 (Shen Changyu) met WIPO. 科学技术部')).toEqual([
      'World Intellectual Property Organization',
      '世界知识产权组织',
      '产权组织',
      'Ministry of Science and Technology',
      'MOST',
    ]);
  });

  it('reads curly apostrophes as straight ones, and names starting with digits', () => {
    expect(find('Declan O’Brien said')).toEqual(['德克兰·奥布莱恩']);
    expect(find('在2024中关村论坛上')).toEqual(['2024 Zhongguancun Forum']);
  });

  it('finds nothing with an empty registry or text', () => {
    expect(nameMentionFinder([])('Shen Changyu')).toEqual([]);
    expect(find('')).toEqual([]);
  });
});

describe('registryNameForms', () => {
  it('collects every language form and short name of speakers, organisations, events and tags', () => {
    const forms = registryNameForms({
      speakers: [{ data: { name: { en: 'Shen Changyu', zh: '申长雨' } } }],
      organisations: [
        {
          data: {
            name: { en: 'World Intellectual Property Organization', zh: '世界知识产权组织' },
            short: { en: 'WIPO', zh: '产权组织' },
          },
        },
      ],
      events: [{ data: { name: { en: 'Forum', zh: 'Forum' } } }],
      tags: [{ data: { label: { en: 'Innovation', zh: '创新' } } }],
    });
    expect(forms).toEqual([SHEN, WIPO, ['Forum'], INNOVATION]);
  });
});

describe('htmlText', () => {
  it('drops inline tags, reads block tags as spaces and resolves character references', () => {
    expect(
      htmlText('<p>申<em>长雨</em></p>\n<ul><li>Shen Changyu</li><li>Tao<sup><a href="#fn">1</a></sup></li></ul>'),
    ).toBe(' 申长雨 \n  Shen Changyu  Tao 1   ');
    expect(htmlText('<p title="a > b">AT&#x26;T &amp; O&#39;Brien &lt;x&gt; &unknown;</p><!-- c -->')).toBe(
      " AT&T & O'Brien <x> &unknown;  ",
    );
  });

  it('gives the names of a rendered body to the finder', () => {
    expect(find(htmlText('<p>Mr. <a href="/en/speakers/shen-changyu/">Shen Changyu</a> spoke.</p>'))).toEqual([
      '申长雨',
    ]);
  });
});
