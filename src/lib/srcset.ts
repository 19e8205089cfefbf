/**
 * The one reader of `srcset` attributes (`/a.png 1x, /a@2x.png 2x`), for everything that looks at the
 * addresses in one: the body plugins (base path), feeds, the content checker and the link checker of
 * a built site. Each used to split at commas its own way, and a URL may itself hold a comma
 * (`data:` URLs, `?size=1,2`).
 *
 * Hand-written: it follows the candidate rules of the HTML standard's srcset parsing (a URL runs to
 * the next white space, descriptors to the next comma outside parentheses); the npm parsers (srcset,
 * parse-srcset) interpret and validate the descriptors, leaving out or refusing what they cannot
 * read, and say nothing of where a URL stands, where callers here need every URL as written and its
 * place, to rewrite it in place.
 */

/** One image candidate of a `srcset`. */
export interface SrcsetCandidate {
  /** The address, as written. */
  readonly url: string;
  /** Where the address starts in the attribute's value. */
  readonly start: number;
  /** The descriptors after the address (`2x`, `640w`), trimmed; `''` when there are none. */
  readonly descriptors: string;
}

const space = /\s/;
const spaceOrComma = /[\s,]/;

/** The candidates of a `srcset` value, in order (empty ones, `, ,`, skipped). */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && spaceOrComma.test(srcset.charAt(i))) i++;
    if (i >= srcset.length) break;
    const start = i;
    while (i < srcset.length && !space.test(srcset.charAt(i))) i++;
    let url = srcset.slice(start, i);
    let descriptors = '';
    if (url.endsWith(',')) {
      // `a.png,b.png 2x`: commas ending the address end the candidate (it has no descriptors).
      url = url.replace(/,+$/, '');
    } else {
      const from = i;
      let depth = 0;
      while (i < srcset.length) {
        const c = srcset.charAt(i);
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
      descriptors = srcset.slice(from, i).trim();
    }
    if (url !== '') candidates.push({ url, start, descriptors });
  }
  return candidates;
}

/**
 * The candidates of a `srcset` property as hast may hold it: a string (what parsed HTML gives), or a
 * list of candidate strings (trees built by hand, older hast); none for anything else.
 */
export function srcsetCandidates(value: unknown): SrcsetCandidate[] {
  if (typeof value === 'string') return parseSrcset(value);
  return Array.isArray(value) ? value.flatMap((item) => parseSrcset(String(item))) : [];
}

/** The addresses of a `srcset` property (a string or a list of candidates), descriptors dropped. */
export function srcsetUrls(value: unknown): string[] {
  return srcsetCandidates(value).map((candidate) => candidate.url);
}

/** `srcset` with each candidate's address replaced by `rewrite(url)`, everything else kept as written. */
export function rewriteSrcset(srcset: string, rewrite: (url: string) => string): string {
  let out = '';
  let cursor = 0;
  for (const { url, start } of parseSrcset(srcset)) {
    out += srcset.slice(cursor, start) + rewrite(url);
    cursor = start + url.length;
  }
  return out + srcset.slice(cursor);
}
