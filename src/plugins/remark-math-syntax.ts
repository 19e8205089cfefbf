/**
 * Math syntax in article bodies: remark-math (unified's own; parses `$$ … $$` blocks, ```` ```math ````
 * fences and inline `$$…$$`), plus three delimiters it does not read the way archives use them:
 *
 * - `$…$` with Pandoc's rule, which keeps prices prices: the opening `$` is followed by a non-space,
 *   the closing `$` follows a non-space and is not followed by a digit. remark-math's own single
 *   dollar has no such rule, and "between $5 and $10" would become a formula ("5 and ").
 * - `\(…\)` inline and `\[…\]` display (MathJax's and LaTeX's delimiters), which CommonMark would read
 *   as escaped brackets. `\[` must start a line and `\]` end one, since converters escape brackets
 *   in prose as `\[1\]`; a `\(` with no `\)` after it in the paragraph stays an escaped `(`.
 *
 * They are micromark constructs emitting remark-math's own tokens, so the nodes are remark-math's
 * `inlineMath` (which remark-typography never touches). A paragraph holding nothing but one `$$…$$`
 * or `\[…\]` becomes a display formula; a `\[…\]` inside a paragraph is marked as display math for
 * rehype-mathml.ts (src/plugins/source-marks.ts).
 */
import { h } from 'hastscript';
import type { Root, RootContent } from 'mdast';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import remarkMath from 'remark-math';
import type { Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { setMark, sourceOf } from './source-marks.ts';

declare module 'micromark-util-types' {
  // The tokens of remark-math's inline math, which its mdast handlers turn into `inlineMath`.
  interface TokenTypeMap {
    mathText: 'mathText';
    mathTextData: 'mathTextData';
    mathTextSequence: 'mathTextSequence';
  }
}

const DOLLAR = 36;
const BACKSLASH = 92;
const LEFT_PAREN = 40;
const RIGHT_PAREN = 41;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;

const isLineEnding = (code: Code): boolean => code !== null && code < -2;
const isSpace = (code: Code): boolean => code === -2 || code === -1 || code === 32;
const isDigit = (code: Code): boolean => code !== null && code >= 48 && code <= 57;

/**
 * Tokenizes one formula: the `opening` delimiter's character codes, then content up to a place where
 * the partial construct `closing` (`closeLength` characters, starting with `closeStart`) accepts.
 * With `strict` (the `$` rule), the content may not start with a space, and a `$` that cannot close
 * (after a space, or before a digit) ends the attempt. A backslash escapes the next character (TeX's `\$`, `\\`, `\)`): never a delimiter.
 */
function formula(
  effects: Effects,
  ok: State,
  nok: State,
  delimiters: { opening: readonly number[]; closing: Construct; closeStart: number; closeLength: number },
  strict: boolean,
): State {
  let opened = 0;
  let closed = 0;
  let inData = false;
  let hasContent = false;
  let afterSpace = false;

  const exitData = () => {
    if (inData) effects.exit('mathTextData');
    inData = false;
  };

  const open: State = (code) => {
    if (code !== delimiters.opening[opened]) return nok(code);
    if (opened === 0) {
      effects.enter('mathText');
      effects.enter('mathTextSequence');
    }
    effects.consume(code);
    opened++;
    if (opened < delimiters.opening.length) return open;
    effects.exit('mathTextSequence');
    return between;
  };

  const between: State = (code) => {
    if (code === null) return nok(code);
    if (strict && !hasContent && (isSpace(code) || isLineEnding(code) || code === DOLLAR)) return nok(code);
    if (isLineEnding(code)) {
      exitData();
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      afterSpace = true;
      return between;
    }
    if (code === delimiters.closeStart && hasContent) {
      // In TeX a `$` always ends inline math: one that cannot close (after a space, before a digit)
      // means this was never a formula ("$5 and $10"), and the `$` stays text.
      if (strict) return afterSpace ? nok(code) : effects.check(delimiters.closing, close, nok)(code);
      return effects.check(delimiters.closing, close, content)(code);
    }
    return content(code);
  };

  const content: State = (code) => {
    if (!inData) effects.enter('mathTextData');
    inData = true;
    hasContent = true;
    effects.consume(code);
    afterSpace = isSpace(code);
    return code === BACKSLASH ? escaped : between;
  };

  const escaped: State = (code) => {
    if (code === null || isLineEnding(code)) return between(code);
    effects.consume(code);
    afterSpace = false;
    return between;
  };

  const close: State = (code) => {
    if (closed === 0) {
      exitData();
      effects.enter('mathTextSequence');
    }
    effects.consume(code);
    closed++;
    if (closed < delimiters.closeLength) return close;
    effects.exit('mathTextSequence');
    effects.exit('mathText');
    return ok;
  };

  return open;
}

/** `$…$`'s closer: a `$` not followed by a digit (Pandoc's rule) nor by another `$`. */
const dollarClose: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return (code) => {
      if (code !== DOLLAR) return nok(code);
      effects.enter('mathTextSequence');
      effects.consume(code);
      return (next: Code) => {
        effects.exit('mathTextSequence');
        return isDigit(next) || next === DOLLAR ? nok(next) : ok(next);
      };
    };
  },
};

/** The closer `\` + `second`; with `atLineEnd`, only where nothing but spaces follows on its line. */
function backslashClose(second: number, atLineEnd: boolean): Construct {
  return {
    partial: true,
    tokenize(effects, ok, nok) {
      const trailing: State = (code) => {
        if (code === null || isLineEnding(code)) return ok(code);
        if (!isSpace(code)) return nok(code);
        effects.enter('whitespace');
        effects.consume(code);
        effects.exit('whitespace');
        return trailing;
      };
      return (code) => {
        if (code !== BACKSLASH) return nok(code);
        effects.enter('mathTextSequence');
        effects.consume(code);
        return (next: Code) => {
          if (next !== second) return nok(next);
          effects.consume(next);
          effects.exit('mathTextSequence');
          return atLineEnd ? trailing : ok;
        };
      };
    },
  };
}

const parenClose = backslashClose(RIGHT_PAREN, false);
const bracketClose = backslashClose(RIGHT_BRACKET, true);

/** Whether the construct may start here: `$` not right after another `$` (remark-math's rule). */
function notAfterDollar(this: TokenizeContext, code: Code): boolean {
  return code !== DOLLAR || this.events.at(-1)?.[1].type === 'characterEscape';
}

/** Whether `\[` starts its line (or the paragraph). */
function atLineStart(this: TokenizeContext, code: Code): boolean {
  return code === null || isLineEnding(code);
}

const singleDollar: Construct = {
  name: 'mathTextSingleDollar',
  previous: notAfterDollar,
  tokenize(effects, ok, nok) {
    // micromark consults `previous` only to end a run of text; a construct must check it itself.
    if (!notAfterDollar.call(this, this.previous)) return nok;
    return formula(
      effects,
      ok,
      nok,
      { opening: [DOLLAR], closing: dollarClose, closeStart: DOLLAR, closeLength: 1 },
      true,
    );
  },
};

const parenMath: Construct = {
  name: 'mathTextParen',
  tokenize(effects, ok, nok) {
    const delimiters = { opening: [BACKSLASH, LEFT_PAREN], closing: parenClose, closeStart: BACKSLASH, closeLength: 2 };
    return formula(effects, ok, nok, delimiters, false);
  },
};

const bracketMath: Construct = {
  name: 'mathTextBracket',
  previous: atLineStart,
  tokenize(effects, ok, nok) {
    if (!atLineStart.call(this, this.previous)) return nok;
    const delimiters = {
      opening: [BACKSLASH, LEFT_BRACKET],
      closing: bracketClose,
      closeStart: BACKSLASH,
      closeLength: 2,
    };
    return formula(effects, ok, nok, delimiters, false);
  },
};

/**
 * Remark plugin: registers remark-math (without its single-dollar rule) and the delimiters above,
 * and turns paragraphs that hold only a `$$…$$` or `\[…\]` into display formulas.
 */
export function remarkMathSyntax(this: Processor): (tree: Root, file: VFile) => void {
  remarkMath.call(this, { singleDollarTextMath: false });
  const data = this.data();
  (data.micromarkExtensions ??= []).push({
    text: { [DOLLAR]: singleDollar, [BACKSLASH]: [parenMath, bracketMath] },
  });
  return (tree, file) => displayParagraphs(tree, file);
}

/** Marks inline math written `\[…\]` as display; a paragraph of only `$$…$$` or `\[…\]` becomes a formula. */
function displayParagraphs(tree: Root, file: VFile): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'inlineMath') {
      if (sourceOf(file, node).startsWith('\\[')) setMark(file, node, 'displayMath', {});
      return undefined;
    }
    if (node.type !== 'paragraph' || !parent || index === undefined) return undefined;
    const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    const [only] = content;
    const written = only?.type === 'inlineMath' ? sourceOf(file, only) : '';
    if (content.length !== 1 || only?.type !== 'inlineMath' || !/^(\$\$|\\\[)/.test(written)) return undefined;
    parent.children[index] = displayMath(only.value, node);
    return SKIP;
  });
}

/** A display formula node, as remark-math builds one for a `$$` block. */
function displayMath(value: string, replacing: RootContent): Extract<RootContent, { type: 'math' }> {
  const code = h('code.language-math.math-display', value);
  return { type: 'math', value, position: replacing.position, data: { hName: 'pre', hChildren: [code] } };
}
