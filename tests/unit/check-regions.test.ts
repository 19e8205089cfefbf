// The checker parses only the parts of a body its rules may care about (bodyRegions). Each case
// here is a body whose parts could read differently alone than in the whole (list items, fences and
// HTML blocks with blank lines inside, quotes, references, CRLF): the rules must report exactly the
// same things, at the same lines, either way.
import { describe, expect, it } from 'vitest';
import { bodyLint } from '#pipeline/check/body-lint.ts';
import { bodyAssets } from '#pipeline/check/images.ts';
import { bodyRegions, ParsedBody } from '#pipeline/check/markdown.ts';
import { bodyTodos } from '#pipeline/check/todos.ts';

const embedHosts = ['www.youtube-nocookie.com'];

/** Everything the body rules report on a parsed part, with body lines (`offset` lines before it). */
function findings(parsed: ParsedBody, offset: number): string[] {
  return [
    ...bodyAssets(parsed).map((a) => `${a.line + offset}:${a.column} ${a.where} ${a.src}`),
    ...bodyLint(parsed, { embedHosts }).map((n) => `${n.line + offset}:${n.column} ${n.message}`),
    ...bodyTodos(parsed).map((t) => `${t.index + 1 + offset}:${t.column} to-do ${t.text}`),
  ].sort();
}

const whole = (body: string): string[] => findings(new ParsedBody(body), 0);
const byRegion = (body: string): string[] =>
  bodyRegions(body)
    .flatMap((region) => findings(region.parsed, region.line - 1))
    .sort();

const prose = 'A long paragraph of plain news text, with nothing any rule looks for. '.repeat(20);

describe('bodyRegions', () => {
  it.each([
    ['an image in a list item, indented four columns', '1. Step one\n\n    ![img](./x.png)\n\n2. Step two\n'],
    [
      'a fence with blank lines in a list item',
      '- item\n\n  ```html\n  <video>\n\n  {{ x }}\n  ```\n\nafter <font>x</font>\n',
    ],
    [
      'an HTML comment with blank lines',
      'Text\n\n<!-- start\n\n{{< old >}} <video>\n\nTODO: inside\n-->\n\nTODO: after\n',
    ],
    ['a <pre> block with blank lines', '<pre>\n<video>\n\n{{ x }}\n</pre>\n\n<b>ok</b> <font>f</font>\n'],
    ['a player across blank lines', '<video>\n\n<source src="./v.mp4">\n\n</video>\n'],
    ['quotes and a fence in a quote', '> a\n>\n> <video></video> TODO: q\n\n> ```\n> {{ x }}\n>\n> <video>\n> ```\n'],
    ['a tilde fence closed by a longer one', '~~~\n<video>\n\n{{ y }}\n~~~~\n\n<i>x</i> {{ z }}'],
    ['an image by reference', `${prose}\n\n![a][r]\n\n${prose}\n\n[r]: ./m.png\n`],
    [
      'CRLF line ends',
      'Text\r\n\r\n![a](./m.png)\r\n\r\n```\r\n{{ z }}\r\n\r\n<video>\r\n```\r\n\r\n<font>f</font>\r\n',
    ],
    ['a one-line "fence" that is inline code', '```js```\n\n<font>x</font>\n\n{{ y }}\n'],
    [
      'JSX components around Markdown',
      '<Tabs>\n<TabItem value="a">\n\nContent <u>u</u> TODO: tab\n\n</TabItem>\n</Tabs>\n',
    ],
    ['a nested list', '- a\n  - b\n\n    <video></video>\n'],
    [
      'prose around a figure',
      `${prose}\n\n![Photo](./p.jpg "Title")\n(Photo: Agency)\n\n${prose}\n\n<iframe src="https://evil.example/"></iframe>\n`,
    ],
  ])('reports the same on %s as on the whole body', (_what, body) => {
    expect(byRegion(body)).toEqual(whole(body));
  });

  it('parses only the paragraphs that may concern a rule', () => {
    const body = `${prose}\n\n${prose}\n\n![Photo](./p.jpg)\n\n${prose}\n\nTODO: check\n\n${prose}`;
    expect(bodyRegions(body).map((r) => [r.line, r.parsed.text])).toEqual([
      [5, '![Photo](./p.jpg)'],
      [9, 'TODO: check'],
    ]);
    expect(bodyRegions(`${prose}\n\n${prose}`)).toEqual([]);
  });
});
