// Chinese typography in a real browser (Debian's Chromium through playwright-core, as in
// site.test.ts): justified Chinese paragraphs must not spread the letters of Latin words
// ("K u b e V e l a", what `text-justify: inter-character` does), and headings are never justified.
// The CSS alone cannot show this: the test measures where each letter is drawn. Without Chromium the
// tier is skipped loudly; under CI it fails.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '#tools/lib/static-server.ts';
import { skipBrowser, startFixtureSite, warnWhenSkipped, type FixtureSite } from './fixture-site.ts';

warnWhenSkipped('TYPOGRAPHY BROWSER TESTS');

/** The fixture story whose Chinese version has a paragraph full of Latin product names. */
const STORY = '/zh/2024/mixed-language-forum/';
/** Text that identifies that paragraph. */
const PARAGRAPH_MARK = 'Volcano 调度器';
/** A letter may move this much (px) from where it sits in the same word set unjustified: rounding. */
const TOLERANCE = 0.05;
const WIDTHS = [375, 1280] as const;

/** One Latin word of the paragraph as drawn, and as drawn unjustified. */
interface WordMeasure {
  readonly word: string;
  /** Whether the word is on a line that is justified (not the paragraph's last line). */
  readonly justifiedLine: boolean;
  /** The advance (px) of each letter but the last: from its left edge to the next letter's, in the paragraph. */
  readonly advances: readonly number[];
  /** The same advances with the word set alone on an unjustified line, in the same element. */
  readonly reference: readonly number[];
}

/** What the page measured of the paragraph. */
interface ParagraphMeasure {
  readonly textAlign: string;
  readonly words: readonly WordMeasure[];
  /** For each line but the last: how far (px) its last visible character ends from the right edge. */
  readonly raggedness: readonly number[];
  readonly lines: number;
}

let site: FixtureSite | undefined;
let server: StaticServer;
let browser: Browser;

describe.skipIf(skipBrowser)('Chinese typography in a real browser', () => {
  beforeAll(async () => {
    site = await startFixtureSite('typography');
    ({ server, browser } = site);
  });

  afterAll(async () => {
    await site?.close();
  });

  /** Opens the story at a window width and runs `fn` in the page. */
  async function inStory<T>(width: number, fn: (arg: string) => T, arg = ''): Promise<T> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${server.origin}${STORY}`);
      expect(response?.status()).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      return await page.evaluate(fn, arg);
    } finally {
      await context.close();
    }
  }

  for (const width of WIDTHS) {
    it(
      `keeps Latin words unstretched in a justified Chinese paragraph at ${width} px`,
      { timeout: 60_000 },
      async () => {
        const measured = await inStory(width, measureParagraph, PARAGRAPH_MARK);
        // Chinese text stays justified: every line but the last reaches the right edge.
        expect(measured.textAlign).toBe('justify');
        expect(measured.lines).toBeGreaterThan(1);
        for (const gap of measured.raggedness) expect(gap).toBeLessThan(1.5);

        const onJustifiedLines = measured.words.filter((w) => w.justifiedLine);
        // The paragraph must put Latin words on justified lines, or this test would prove nothing.
        expect(onJustifiedLines.length).toBeGreaterThanOrEqual(3);
        const stretched = measured.words.flatMap((w) =>
          w.advances.flatMap((advance, i) => {
            const extra = advance - (w.reference[i] ?? Number.NaN);
            return Math.abs(extra) <= TOLERANCE
              ? []
              : [`${w.word}[${i}] ${extra >= 0 ? '+' : ''}${extra.toFixed(3)} px`];
          }),
        );
        const worst = Math.max(
          ...measured.words.flatMap((w) => w.advances.map((a, i) => Math.abs(a - (w.reference[i] ?? 0)))),
        );
        console.log(
          `typography at ${width} px: ${measured.lines} lines, ${measured.words.length} Latin words ` +
            `(${onJustifiedLines.length} on justified lines), largest letter shift ${worst.toFixed(3)} px`,
        );
        expect(stretched).toEqual([]);
      },
    );

    it(
      `never justifies headings or English paragraphs in Chinese text at ${width} px`,
      { timeout: 60_000 },
      async () => {
        const aligned = await inStory(width, () => ({
          headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(
            (h) => `${h.tagName.toLowerCase()}: ${getComputedStyle(h).textAlign}`,
          ),
          english: [...document.querySelectorAll('.article__body p[lang="en"]')].map(
            (p) => getComputedStyle(p).textAlign,
          ),
          bodyHeadings: document.querySelectorAll('.article__body h2').length,
        }));
        // The fixture has a heading inside the justified body; without one the test would prove nothing.
        expect(aligned.bodyHeadings).toBeGreaterThan(0);
        expect(aligned.headings.filter((h) => h.endsWith('justify'))).toEqual([]);
        expect(aligned.english).toEqual(['start']);
      },
    );
  }
});

/**
 * Runs in the page: finds the body paragraph containing `mark` and measures, for every Latin word in
 * it, each letter's advance as drawn and as drawn in a copy of the word set alone on an unjustified
 * line (an absolutely positioned copy in the same element: same font, language and spacing, and out
 * of the flow so the paragraph's lines do not move). Also measures how flush its lines are.
 */
function measureParagraph(mark: string): ParagraphMeasure {
  const paragraph = [...document.querySelectorAll<HTMLElement>('.article__body p')].find((p) =>
    (p.textContent ?? '').includes(mark),
  );
  if (!paragraph) throw new Error(`no paragraph with "${mark}"`);
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);

  /** The box of one character of a text node. */
  const box = (node: Text, at: number): DOMRect | undefined => {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    return range.getClientRects()[0];
  };
  const middle = (r: DOMRect) => (r.top + r.bottom) / 2;

  // Lines: every visible character's box, grouped by vertical position.
  const fontSize = parseFloat(getComputedStyle(paragraph).fontSize);
  const boxes: DOMRect[] = [];
  for (const node of texts) {
    for (let i = 0; i < node.data.length; i++) {
      if (/\s/.test(node.data[i] ?? '')) continue;
      const r = box(node, i);
      if (r && r.width > 0) boxes.push(r);
    }
  }
  boxes.sort((a, b) => middle(a) - middle(b));
  const lines: DOMRect[][] = [];
  for (const r of boxes) {
    const line = lines.at(-1);
    if (line && Math.abs(middle(r) - middle(line[0]!)) < fontSize * 0.8) line.push(r);
    else lines.push([r]);
  }
  const style = getComputedStyle(paragraph);
  const contentRight = paragraph.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const lastLineMiddle = middle(lines.at(-1)![0]!);
  const raggedness = lines.slice(0, -1).map((line) => contentRight - Math.max(...line.map((r) => r.right)));

  const advancesOf = (node: Text, start: number, length: number) => {
    const rects = Array.from({ length }, (_, k) => box(node, start + k));
    const advances: number[] = [];
    for (let k = 0; k + 1 < length; k++) {
      const here = rects[k];
      const next = rects[k + 1];
      // A word broken across lines has no advance at the break.
      if (!here || !next || Math.abs(middle(here) - middle(next)) > fontSize * 0.5) advances.push(Number.NaN);
      else advances.push(next.left - here.left);
    }
    return { advances, first: rects[0] };
  };

  const found: { node: Text; start: number; word: string; advances: number[]; justifiedLine: boolean }[] = [];
  for (const node of texts) {
    for (const match of node.data.matchAll(/[A-Za-z]{2,}/g)) {
      const { advances, first } = advancesOf(node, match.index, match[0].length);
      const justifiedLine = !!first && Math.abs(middle(first) - lastLineMiddle) > fontSize * 0.8;
      found.push({ node, start: match.index, word: match[0], advances, justifiedLine });
    }
  }
  // References are made after every measurement in the flow, so nothing can move in between.
  const words = found.map(({ node, word, advances, justifiedLine }) => {
    const copy = document.createElement('span');
    copy.style.cssText = 'position:absolute;left:0;top:0;white-space:nowrap;text-align:start;visibility:hidden';
    copy.textContent = word;
    node.parentElement!.append(copy);
    const reference = advancesOf(copy.firstChild as Text, 0, word.length).advances;
    copy.remove();
    const keep = advances.map((a) => !Number.isNaN(a));
    return {
      word,
      justifiedLine,
      advances: advances.filter((_, k) => keep[k]),
      reference: reference.filter((_, k) => keep[k]),
    };
  });
  return { textAlign: style.textAlign, words, raggedness, lines: lines.length };
}
