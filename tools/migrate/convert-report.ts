/**
 * What a body conversion tells its caller besides the new text: how many constructs of each kind were
 * converted, and every construct left as written (or removed, for the summary marker) with its line and
 * column in the old body, so that nothing the migration could not carry over goes unnoticed.
 */

/** A construct left as written (or a marker taken out), where it stood in the old body (1-based). */
export interface Leftover {
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly text: string;
}

/** An edit by position in the old body: `[start, end)` becomes `text`; everything else is kept byte for byte. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Marks the summary divider: the output offset where it stood is returned as `truncateAt`. */
  readonly truncate?: boolean;
}

/** Collects the counts, leftovers and edits of one conversion. */
export class ConversionLog {
  readonly converted: Record<string, number> = {};
  readonly leftovers: Leftover[] = [];
  readonly edits: Edit[] = [];
  readonly #lineStarts: number[] = [0];

  constructor(input: string) {
    for (let at = 0; at < input.length; at++) {
      // CRLF and LF end a line where the LF is; a lone CR (old Mac files) ends one too.
      const char = input[at];
      if (char === '\n' || (char === '\r' && input[at + 1] !== '\n')) this.#lineStarts.push(at + 1);
    }
  }

  /** Counts one converted construct of `kind`. */
  count(kind: string): void {
    this.converted[kind] = (this.converted[kind] ?? 0) + 1;
  }

  /** Reports the construct at `offset` of the old body as left over. */
  leave(offset: number, kind: string, text: string): void {
    this.leftovers.push({ ...this.place(offset), kind, text });
  }

  /** Records an edit of the old body. */
  edit(edit: Edit): void {
    this.edits.push(edit);
  }

  /** Line and column (1-based, in UTF-16 units as unist counts them) of an offset of the old body. */
  place(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.#lineStarts[low] ?? 0) + 1 };
  }
}

/** The old body with the edits applied (overlapping edits after the first are ignored), and the summary offset. */
export function applyEdits(input: string, edits: readonly Edit[]): { body: string; truncateAt?: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let body = '';
  let at = 0;
  let truncateAt: number | undefined;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    body += input.slice(at, edit.start);
    if (edit.truncate === true && truncateAt === undefined) truncateAt = body.length;
    body += edit.text;
    at = edit.end;
  }
  body += input.slice(at);
  return truncateAt === undefined ? { body } : { body, truncateAt };
}
