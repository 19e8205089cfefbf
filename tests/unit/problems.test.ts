// The checker's problem order (pipeline/check/problems.ts): stable between runs, so output and
// annotations can be compared.
import { describe, expect, it } from 'vitest';
import { sortProblems, type Problem } from '#pipeline/check/problems.ts';

describe('sortProblems', () => {
  it('orders by file, line, column', () => {
    const p = (file: string, line: number, column = 1): Problem => ({
      file,
      line,
      column,
      severity: 'error',
      field: 'f',
      message: 'm',
    });
    expect(
      sortProblems([p('b', 1), p('a', 9), p('a', 2, 5), p('a', 2, 1)]).map((x) => `${x.file}${x.line}${x.column}`),
    ).toEqual(['a21', 'a25', 'a91', 'b11']);
  });

  it('breaks ties by field, then message, and leaves its input as it was', () => {
    const p = (field: string, message: string): Problem => ({
      file: 'a.md',
      line: 3,
      column: 1,
      severity: 'warning',
      field,
      message,
    });
    const input = [p('title', 'b'), p('date', 'z'), p('title', 'a')];
    const before = JSON.stringify(input);
    expect(sortProblems(input).map((x) => `${x.field}:${x.message}`)).toEqual(['date:z', 'title:a', 'title:b']);
    // The checker sorts the list it also reports from; sorting must not reorder the caller's copy.
    expect(JSON.stringify(input)).toBe(before);
  });
});
