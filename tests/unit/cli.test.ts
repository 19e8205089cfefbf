import { describe, expect, it } from 'vitest';
import { describeArgumentError, expandListOptions } from '#tools/lib/cli.ts';

describe('expandListOptions', () => {
  const expand = (args: string[]) => expandListOptions(args, ['speaker', 'tag']);

  it('takes several ids after one flag, or comma-separated', () => {
    expect(expand(['Title', '--speaker', 'a', 'b', '--tag', 'x,y', '--force'])).toEqual([
      'Title',
      '--speaker',
      'a',
      '--speaker',
      'b',
      '--tag',
      'x',
      '--tag',
      'y',
      '--force',
    ]);
    expect(expand(['--tag=x,y'])).toEqual(['--tag', 'x', '--tag', 'y']);
  });

  it('stops the list at a word that cannot be an id (the title)', () => {
    expect(expand(['--speaker', 'a', 'WIPO Holds Talks'])).toEqual(['--speaker', 'a', 'WIPO Holds Talks']);
  });
});

describe('describeArgumentError', () => {
  it('suggests the option meant', () => {
    const error = new Error("Unknown option '--organization'. To specify a positional argument starting with a '-', …");
    expect(describeArgumentError(error, ['organisation', 'tag'])).toBe(
      'unknown option --organization. Did you mean "--organisation"?',
    );
    expect(describeArgumentError(new Error("Option '--slug <value>' argument missing"), [])).toBe(
      '--slug needs a value after it',
    );
  });
});
