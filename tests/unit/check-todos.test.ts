// The to-do detector on body strings: real notes (TODO and FIXME anywhere, TBD opening a line) are
// reported at their line and column; the word in code, addresses, link destinations, a link named
// TODO and names (the TODO Group, context.TODO()) is not. The old detector reported every line with
// the word, and then took "TODO Add photo" for a name.
import { describe, expect, it } from 'vitest';
import { bodyTodos, frontmatterTodos } from '#pipeline/check/todos.ts';

/** `line:column text` of each to-do, 1-based lines. */
const todos = (body: string): string[] => bodyTodos(body).map((t) => `${t.index + 1}:${t.column} ${t.text}`);

describe('bodyTodos: what is a note', () => {
  it.each([
    ['TODO: check the figures.', '1:1 TODO: check the figures.'],
    ['<!-- TODO photo: the release has a photo here -->', '1:6 <!-- TODO photo: the release has a photo here -->'],
    ['正文 TODO: 核对数字。', '1:4 正文 TODO: 核对数字。'],
    ['TODO translate the paragraph below', '1:1 TODO translate the paragraph below'],
    ['- TODO(ana): ask for the slides', '1:3 - TODO(ana): ask for the slides'],
    ['Some text. TODO', '1:12 Some text. TODO'],
    ['![TODO: describe the photo](./photo.png)', '1:3 ![TODO: describe the photo](./photo.png)'],
    // A capitalised word after TODO is the note's first word, not a name like the TODO Group.
    ['TODO Add photo', '1:1 TODO Add photo'],
    ['<!-- TODO Check the date with the organisers -->', '1:6 <!-- TODO Check the date with the organisers -->'],
    ['FIXME: the caption names the wrong hall', '1:1 FIXME: the caption names the wrong hall'],
    ['Speakers (FIXME) to be confirmed', '1:11 Speakers (FIXME) to be confirmed'],
    ['TBD, content overview:', '1:1 TBD, content overview:'],
    ['- TBD', '1:3 - TBD'],
    ['<!-- TBD: second photo -->', '1:6 <!-- TBD: second photo -->'],
  ])('reports %j', (body, expected) => {
    expect(todos(body)).toEqual([expected]);
  });

  it('reports a note after a word that is not one on the same line, at the note', () => {
    expect(todos('Call `context.TODO()` first. TODO: explain why')).toEqual([
      '1:30 Call `context.TODO()` first. TODO: explain why',
    ]);
  });
});

describe('bodyTodos: what is not a note', () => {
  it.each([
    ['a code span', 'Pass `context.TODO()` when there is no context yet.'],
    ['a code span with a colon', 'The marker is `TODO:` in our code.'],
    ['a fenced code block', '```go\nctx := context.TODO() // TODO: real context\n```'],
    ['a tilde fence', '~~~\nTODO: inside a fence\n~~~'],
    ['an indented code block', 'Text.\n\n    # TODO: in indented code\n'],
    ['a link destination', 'See [the list](https://example.org/TODO/list).'],
    ['a link named TODO', 'The [TODO](https://todogroup.org/) pages explain it.'],
    ['a link reference named TODO', 'The [TODO][t] pages.\n\n[t]: https://todogroup.org/'],
    ['an autolink', 'Go to <https://example.org/TODO>.'],
    ['a bare web address', 'Go to https://example.org/TODO for more.'],
    ['a www address', 'Go to www.example.org/TODO for more.'],
    ['an address in raw HTML', '<a href="https://example.org/TODO">the list</a>'],
    ['a reference definition', 'Text.\n\n[list]: https://example.org/TODO'],
    ['the TODO Group', 'The TODO Group publishes guides for open source program offices.'],
    ['the TODO Group’s survey', 'According to the TODO Group’s survey, most offices are new.'],
    ["the TODO Group's survey", "According to the TODO Group's survey, most offices are new."],
    ['TBD in a sentence, the state of things when the story ran', 'The venue is TBD and the date 12 May.'],
    ['XXX, which news writes for a withheld name', 'XXX 公司的员工说，mail XXX@example.com.'],
    ['a marker in code', 'Search the code for `FIXME` and `TBD`.'],
    ['a call outside code', 'Use context.TODO() while porting.'],
    ['a file name', 'See TODO.md in the repository.'],
    ['a compound', 'The TODO-list app.'],
    ['a longer word', 'TODOs and a TODOLIST are not markers; neither is Todo.'],
  ])('ignores the word in %s', (_what, body) => {
    expect(todos(body)).toEqual([]);
  });

  it('keeps line numbers with CRLF line ends', () => {
    expect(todos('First.\r\n\r\n`TODO` in code.\r\nTODO: real.\r\n')).toEqual(['4:1 TODO: real.']);
  });
});

describe('frontmatterTodos', () => {
  it('finds values that start with TODO, at any depth', () => {
    expect(
      frontmatterTodos({ title: 'TODO translate: X', speakers: [{ role: 'TODO: role' }], summary: 'A TODO' }),
    ).toEqual([
      { path: ['title'], text: 'TODO translate: X' },
      { path: ['speakers', 0, 'role'], text: 'TODO: role' },
    ]);
  });

  it('finds FIXME and TBD values and a note starting with a capital, not the TODO Group', () => {
    expect(
      frontmatterTodos({
        title: 'TODO Group survey: most offices are new',
        summary: 'TBD, content overview',
        cover: { alt: 'TODO Describe the photo', caption: 'FIXME' },
        location: 'Hall TBD',
      }),
    ).toEqual([
      { path: ['summary'], text: 'TBD, content overview' },
      { path: ['cover', 'alt'], text: 'TODO Describe the photo' },
      { path: ['cover', 'caption'], text: 'FIXME' },
    ]);
  });
});
