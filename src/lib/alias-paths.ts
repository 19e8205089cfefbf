/**
 * One alias (an old address of a story) read the way a web server and a file system would see it,
 * not as written: decoded, resolved and re-encoded canonically, or refused with a message for the
 * editor. src/lib/aliases.ts checks the result against what the site publishes.
 *
 * Hand-written rather than `new URL()`: URL parsing silently repairs what an editor must be told
 * about (`%zz`, `%2F`, `%00`, `..` above the root) and leaves case and `index.html` to the caller.
 */

/** An alias as the site serves it. */
export interface NormalisedAlias {
  /** The path from the site root, percent-encoded canonically: `/news/2024/old-name/`, `/old.html`, `/caf%C3%A9/`. */
  readonly path: string;
  /** The decoded path without its outer slashes, the way Astro's `[...alias]` route takes it: `news/2024/old-name`. */
  readonly param: string;
  /**
   * What two addresses share when they land on the same file: decoded, Unicode NFC, lower case (case-
   * insensitive file systems), no trailing slash. `''` is the site root.
   */
  readonly key: string;
  /** Whether the alias names a file (`/old.html`) rather than a directory page (`/old/`). */
  readonly isFile: boolean;
}

/** The outcome of normalising an alias: the alias, or a message for the editor. */
export type AliasResult =
  { readonly ok: true; readonly alias: NormalisedAlias } | { readonly ok: false; readonly message: string };

/** Longest alias accepted, in characters: far beyond any real address, far below file-system limits. */
const MAX_ALIAS_LENGTH = 1000;

/** Longest path segment in UTF-8 bytes: most file systems refuse longer names. */
const MAX_SEGMENT_BYTES = 255;

/** Characters allowed as written in a path (RFC 3986 `pchar`, plus `%` escapes and non-ASCII letters). */
const PATH_CHARACTER = /[A-Za-z0-9\-._~!$&'()*+,;=:@%/]|\P{ASCII}/u;

/**
 * Control characters, line separators, bidirectional marks and overrides, zero-width space and BOM:
 * invisible, or rewriting what is shown, so an address could look like another.
 */
const CONTROL = /[\p{Cc}\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** The same, to replace every one of them. */
const CONTROLS = new RegExp(CONTROL.source, 'gu');

/**
 * Characters a redirect page's file cannot be named with: Astro mangles or refuses `%`, `?`, `#` and
 * `:` in page paths, and Windows file systems refuse `*<>"|` (and `:` and `?`) in names.
 */
const UNNAMEABLE = /[%?#:*<>"|]/;

/** A whole alias written in `PATH_CHARACTER`s of ASCII only. */
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/** A written segment that decodes to itself and holds nothing refused: most of them. */
const PLAIN_SEGMENT = /^[A-Za-z0-9\-._~!$&'()+,;=@]*$/;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Names that are served as themselves: a page file. Anything else is a directory with an `index.html`. */
const PAGE_FILE = /\.html?$/i;

/** What an editor can read for a character in a message: itself when visible, else its `%XX` bytes. */
function shown(character: string): string {
  if (character === ' ') return 'a space';
  if (CONTROL.test(character)) return `a control character (${encodeSegment(character)})`;
  if (/\s/u.test(character)) return `an invisible space (${encodeSegment(character)})`;
  return `"${character}"`;
}

/** Percent-encodes a decoded segment canonically: unreserved ASCII as is, every other byte `%XX`. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes one written segment, or says why it cannot be (bad escape, encoded slash, control character...). */
function decodeSegment(raw: string, alias: string): { ok: true; text: string } | { ok: false; message: string } {
  if (PLAIN_SEGMENT.test(raw)) return { ok: true, text: raw };
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const character = raw[i] ?? '';
    if (character !== '%') {
      bytes.push(...utf8.encode(character));
      continue;
    }
    const hex = raw.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
      return {
        ok: false,
        message: `alias ${alias} has "%${hex}", which is not a %-escape: write "%" itself as %25`,
      };
    }
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  let text: string;
  try {
    text = strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return { ok: false, message: `alias ${alias} has %-escapes that are not UTF-8 text: check how it was copied` };
  }
  for (const character of text) {
    if (character === '/') {
      return { ok: false, message: `alias ${alias} hides a "/" as %2F: write the path with plain slashes` };
    }
    if (character === '\\') {
      return { ok: false, message: `alias ${alias} contains a backslash: separate the parts of a path with "/"` };
    }
    if (CONTROL.test(character)) {
      return { ok: false, message: `alias ${alias} contains ${shown(character)}: remove it` };
    }
    if (UNNAMEABLE.test(character)) {
      return {
        ok: false,
        message: `alias ${alias} contains "${character}", which a redirect page's file name cannot hold: remove it or use "-"`,
      };
    }
  }
  return { ok: true, text };
}

/**
 * Normalises an alias the way a server reads it: percent-escapes decoded, `.` and `..` resolved,
 * `//` collapsed, one trailing-slash form (`/a/`, but `/a.html`; `/a/index.html` is `/a/`), then
 * re-encoded canonically. Refuses what cannot be a safe site path, with a message for the editor.
 * Nothing climbs above the root, so the alias stays inside the site's base path once joined to it.
 */
export function normaliseAlias(alias: string): AliasResult {
  const refuse = (message: string): AliasResult => ({ ok: false, message });
  // Messages quote the alias; a control character in it would break the one-line report.
  const quoted = alias.toWellFormed().replace(CONTROLS, encodeSegment);
  if (!alias.isWellFormed()) return refuse(`alias ${quoted} contains broken Unicode text: retype it`);
  if (alias.length > MAX_ALIAS_LENGTH) {
    return refuse(`alias ${quoted.slice(0, 40)}... is longer than ${MAX_ALIAS_LENGTH} characters: shorten it`);
  }
  if (!alias.startsWith('/')) {
    return refuse(`alias ${quoted} must be a path from the site root starting with "/", e.g. /news/2024/old-name/`);
  }
  // Character by character only when something is not plain ASCII path text, to name the culprit.
  for (const character of PLAIN_PATH.test(alias) ? '' : alias) {
    if (CONTROL.test(character)) return refuse(`alias ${quoted} contains ${shown(character)}: remove it`);
    if (character === '?' || character === '#') {
      return refuse(
        `alias ${quoted} contains "${character}": a redirect matches the path only, leave out the query (?...) and anchor (#...)`,
      );
    }
    if (character === '\\') {
      return refuse(`alias ${quoted} contains a backslash: separate the parts of a path with "/"`);
    }
    if (!PATH_CHARACTER.test(character)) {
      return refuse(`alias ${quoted} contains ${shown(character)}: write it %-encoded (e.g. a space as %20)`);
    }
  }
  const written = alias.split('/');
  const segments: string[] = [];
  for (const raw of written) {
    const decoded = decodeSegment(raw, quoted);
    if (!decoded.ok) return decoded;
    const segment = decoded.text;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() !== undefined) continue;
      return refuse(
        `alias ${quoted} climbs above the site root with "..": write the old address from the root, e.g. /news/2024/old-name/`,
      );
    }
    if (segment.startsWith('.')) {
      return refuse(
        `alias ${quoted} has a name starting with "." (${segment}): hosts hide such files, so it cannot redirect`,
      );
    }
    if (utf8.encode(segment).length > MAX_SEGMENT_BYTES) {
      return refuse(
        `alias ${quoted} has a part longer than ${MAX_SEGMENT_BYTES} bytes: file systems refuse such names`,
      );
    }
    segments.push(segment);
  }
  // The last name alone decides the form, as the file-aliases integration does: a page file keeps its
  // name (`/old.html`, even written `/old.html/`), `index.html` is its folder's own page, and anything
  // else is a folder page with a trailing slash.
  let isFile = PAGE_FILE.test(segments.at(-1) ?? '');
  if (isFile && segments.at(-1)?.toLowerCase() === 'index.html') {
    segments.pop();
    isFile = false;
  }
  const encoded = segments.map(encodeSegment).join('/');
  const param = segments.join('/');
  return {
    ok: true,
    alias: {
      path: segments.length === 0 ? '/' : isFile ? `/${encoded}` : `/${encoded}/`,
      param,
      key: param.normalize('NFC').toLowerCase(),
      isFile,
    },
  };
}
