import { describe, expect, it } from 'vitest';
import { educate } from '#lib/typography.ts';
import { render, textOf } from './render.ts';

/** The body's text after the whole pipeline (typography included), markup removed. */
const text = async (markdown: string, language = 'en') => textOf(await render(markdown, { language })).trim();

describe('remarkTypography', () => {
  it('curls double and single quotes by their neighbours', async () => {
    expect(await text(`He said "the forum is open" and left.`)).toBe('He said \u201cthe forum is open\u201d and left.');
    expect(await text(`'Clusters' matter, don't they? The editors' desk.`)).toBe(
      '\u2018Clusters\u2019 matter, don\u2019t they? The editors\u2019 desk.',
    );
    expect(await text(`"Quoted."`)).toBe('\u201cQuoted.\u201d');
    expect(await text(`Back in the '80s.`)).toBe('Back in the \u201980s.');
    expect(await text(`("parenthesised")`)).toBe('(\u201cparenthesised\u201d)');
  });

  it('turns dashes, ellipses and backtick quotes into their typographic forms', async () => {
    expect(await text(`Wait... it was 2024 -- or 2025 --- no.`)).toBe(
      'Wait\u2026 it was 2024 \u2014 or 2025 \u2014 no.',
    );
    expect(await text("``Old style'' quotes.")).toBe('\u201cOld style\u201d quotes.');
  });

  it('alternates quotes between Chinese characters, where no space tells open from close', async () => {
    expect(await text(`他说"你好"，然后说"再见"。`, 'zh')).toBe('他说\u201c你好\u201d，然后说\u201c再见\u201d。');
  });

  it('makes ASCII punctuation between Han characters full width, never in code or Latin text', async () => {
    expect(await text('专家指出,创新是关键:要保护(专利)吗?', 'zh')).toBe('专家指出，创新是关键：要保护（专利）吗？');
    expect(await text('专家**指出**,创新', 'zh')).toBe('专家指出，创新');
    expect(await text('使用 Python 3.12, JSON 格式', 'zh')).toBe('使用 Python 3.12, JSON 格式');
    expect(await render('代码`a,b:c`中', { language: 'zh' })).toContain('<code>a,b:c</code>');
  });

  it('carries the quote across inline markup, and never touches code or bare addresses', async () => {
    expect(await text(`"**Bold** start" and "end *emphasis*"`)).toBe(
      '\u201cBold start\u201d and \u201cend emphasis\u201d',
    );
    const html = await render('Run `a -- "b"` and see https://example.org/a--b... or\n\n```\nx -- "y"\n```');
    expect(html).toContain('<code>a -- "b"</code>');
    expect(html).toContain('>https://example.org/a--b</a>');
    expect(html).toContain('x -- "y"');
  });

  it('never touches the text of raw-HTML code, keyboard and output elements, but goes on after them', async () => {
    const html = await render(
      'Type <code>--flag "x"</code>, press <kbd>Ctrl</kbd>--<kbd>C</kbd>, see <samp>"ok"...</samp> -- "done".\n\n' +
        '| cell |\n| --- |\n| <code>a--"b"</code> "c" |',
    );
    expect(html).toContain('<code>--flag "x"</code>');
    expect(html).toContain('<kbd>Ctrl</kbd>\u2014<kbd>C</kbd>');
    expect(html).toContain('<samp>"ok"...</samp> \u2014 \u201cdone\u201d.');
    expect(html).toContain('<code>a--"b"</code> \u201cc\u201d');
  });

  it('keeps quotes inside raw HTML attributes straight', async () => {
    const html = await render('A <abbr title="World Intellectual Property Organization">WIPO</abbr> "quote".');
    expect(html).toContain('title="World Intellectual Property Organization"');
    expect(html).toContain('\u201cquote\u201d');
  });

  it('continues the state it is given (one block read in several text nodes)', () => {
    const state = { previous: undefined, doubleOpen: false };
    expect(educate('say "a', state)).toBe('say \u201ca');
    expect(educate('b" now', state)).toBe('b\u201d now');
  });
});
