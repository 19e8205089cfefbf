/**
 * Hugo shortcodes turned into the Markdown the site renders: `figure` into a captioned, credited image,
 * `youtube`/`vimeo` into the video's link alone on its line, `highlight` and `mermaid` into fences,
 * `ref`/`relref` into our URLs, the callout shortcodes of Hugo themes (Docsy's `alert`, Hextra's
 * `callout`, the common `note`, `tip`, `warning`…) into `:::kind` callouts and `details` into
 * `<details>`, which the site's sanitizer keeps. Only the tags are replaced: the content between two
 * tags stays where it is, byte for byte, so quote markers and list indentation around it still hold.
 * Every other shortcode is left as written and reported.
 */
import { parseCredit } from '#plugins/rehype-figures.ts';
import type { ConversionLog } from './convert-report.ts';
import {
  colonsFor,
  containerPrefix,
  escapeLabel,
  fenceFor,
  image,
  isRelative,
  lineBreak,
  lineEnd,
  type Range,
} from './convert-markdown.ts';
import {
  escapedShortcodes,
  pairShortcodes,
  shortcodeTags,
  type Shortcode,
  type ShortcodeTag,
} from './shortcode-syntax.ts';

/** What the Hugo conversion needs from the caller's options. */
export interface HugoOptions {
  readonly resolveLink?: (target: string) => string | undefined;
  readonly resolveImage?: (src: string) => string | undefined;
}

// The callout shortcodes and the kind each stands for (`alert` and `callout` read theirs from parameters).
const calloutNames: Readonly<Record<string, string>> = {
  note: 'note',
  tip: 'tip',
  info: 'info',
  important: 'important',
  warning: 'warning',
  caution: 'caution',
  danger: 'danger',
  alert: 'note',
  callout: 'note',
};
/** Docsy's `alert` colours (Bootstrap's) and the common `type=` values, as our kinds. */
const alertKinds: Readonly<Record<string, string>> = {
  primary: 'note',
  secondary: 'note',
  info: 'note',
  note: 'note',
  tip: 'tip',
  success: 'tip',
  important: 'important',
  warning: 'warning',
  danger: 'caution',
  caution: 'caution',
  error: 'caution',
};
/** Hextra's `callout` types. */
const hextraKinds: Readonly<Record<string, string>> = {
  default: 'note',
  info: 'info',
  warning: 'warning',
  error: 'danger',
};

const blockNames = new Set([...Object.keys(calloutNames), 'details', 'highlight', 'mermaid']);
const rawNames = new Set(['highlight', 'mermaid']);
// Parameters that only style the old theme's output: nothing a reader loses.
const presentational = new Set(['class', 'width', 'height', 'loading', 'align', 'target', 'rel', 'emoji', 'icon']);
const presentationalVideo = new Set(['autoplay', 'controls', 'mute', 'loop', 'allowfullscreen']);

/** Converts the Hugo shortcodes of `body` outside `code`; returns the ranges that hold code after all. */
export function convertShortcodes(
  body: string,
  code: readonly Range[],
  log: ConversionLog,
  options: HugoOptions,
): Range[] {
  const { shortcodes, rawRanges } = pairShortcodes(shortcodeTags(body, code), blockNames, rawNames);
  for (const escaped of escapedShortcodes(body, code)) log.leave(escaped.start, 'shortcode', escaped.text);
  const colons = calloutColons(body, shortcodes);
  const br = lineBreak(body);
  for (const shortcode of shortcodes) {
    const { open, close } = shortcode;
    const name = open.name.toLowerCase();
    if (open.closing || (blockNames.has(name) && !close)) {
      log.leave(open.start, 'shortcode', open.text);
    } else if (name === 'figure') {
      figure(body, open, log, options);
    } else if (name === 'youtube' || name === 'vimeo') {
      video(open, name, log);
    } else if (name === 'ref' || name === 'relref') {
      reference(open, log, options);
    } else if (close && rawNames.has(name)) {
      const lang = name === 'mermaid' ? 'mermaid' : (open.named['lang'] ?? open.positional[0] ?? '');
      const extra = name === 'mermaid' ? '' : (open.named['options'] ?? open.positional[1] ?? '');
      const fence = fenceFor(body.slice(open.end, close.start));
      block(body, open, close, [`${fence}${lang}${extra === '' ? '' : ` ${extra}`}`], [fence], br, log);
      unused(open, name === 'mermaid' ? [] : ['lang', 'options'], log, name === 'mermaid' ? 0 : 2);
      log.count(name === 'mermaid' ? 'mermaid' : 'highlight');
    } else if (close && name === 'details') {
      const summary = open.named['summary'] ?? open.named['title'] ?? open.positional[0] ?? 'Details';
      const opened = 'open' in open.named ? ' open' : '';
      block(
        body,
        open,
        close,
        [`<details${opened}>`, `<summary>${escapeHtml(summary)}</summary>`, ''],
        ['', '</details>'],
        br,
        log,
      );
      unused(open, ['summary', 'title', 'open'], log, 1);
      log.count('details');
    } else if (close && name in calloutNames) {
      const kind = calloutKind(open, name);
      const title = open.named['title'] ?? '';
      const fence = colons.get(shortcode) ?? ':::';
      block(body, open, close, [`${fence}${kind}${title === '' ? '' : `[${escapeLabel(title)}]`}`], [fence], br, log);
      unused(open, ['title', 'type', 'color'], log, name === 'alert' ? 1 : 0);
      log.count('callout');
    } else {
      log.leave(open.start, 'shortcode', open.text);
    }
  }
  return rawRanges;
}

/** Replaces the two tags of a block shortcode by lines of their own (in the same quote or list item). */
function block(
  body: string,
  open: ShortcodeTag,
  close: ShortcodeTag,
  opening: string[],
  closing: string[],
  br: string,
  log: ConversionLog,
): void {
  const prefix = containerPrefix(body, open.start) ?? '';
  const onLine = (tag: ShortcodeTag, lines: string[]): string => {
    const before = containerPrefix(body, tag.start) === undefined ? br + prefix : '';
    const after = lineEnd(body, tag.end) === tag.end ? '' : br + prefix;
    return before + lines.join(br + prefix) + after;
  };
  log.edit({ start: open.start, end: open.end, text: onLine(open, opening) });
  log.edit({ start: close.start, end: close.end, text: onLine(close, closing) });
}

/** The colons of each callout: more than those of any callout or `:::` line inside it. */
function calloutColons(body: string, shortcodes: readonly Shortcode[]): Map<Shortcode, string> {
  const callouts = shortcodes
    .filter((shortcode) => shortcode.close && shortcode.open.name.toLowerCase() in calloutNames)
    .sort((a, b) => (a.close?.end ?? 0) - a.open.start - ((b.close?.end ?? 0) - b.open.start));
  const colons = new Map<Shortcode, string>();
  for (const callout of callouts) {
    const end = callout.close?.start ?? 0;
    let fence = colonsFor(body.slice(callout.open.end, end));
    for (const [inner, innerFence] of colons) {
      if (inner.open.start > callout.open.start && inner.open.start < end && innerFence.length >= fence.length) {
        fence = `${innerFence}:`;
      }
    }
    colons.set(callout, fence);
  }
  return colons;
}

function calloutKind(open: ShortcodeTag, name: string): string {
  if (name === 'callout') return hextraKinds[(open.named['type'] ?? 'default').toLowerCase()] ?? 'note';
  if (name !== 'alert') return calloutNames[name] ?? 'note';
  const value = open.named['color'] ?? open.named['type'] ?? open.positional[0] ?? 'primary';
  return alertKinds[value.toLowerCase()] ?? 'note';
}

/** Reports the parameters a conversion did not use (other than presentational ones), so none is lost silently. */
function unused(
  tag: ShortcodeTag,
  used: readonly string[],
  log: ConversionLog,
  positionalUsed: number,
  more?: ReadonlySet<string>,
): void {
  for (const [key, value] of Object.entries(tag.named)) {
    if (used.includes(key) || presentational.has(key) || more?.has(key)) continue;
    log.leave(tag.start, 'parameter', `${tag.name} ${key}="${value}"`);
  }
  for (const value of tag.positional.slice(positionalUsed)) log.leave(tag.start, 'parameter', `${tag.name} "${value}"`);
}

function figure(body: string, tag: ShortcodeTag, log: ConversionLog, options: HugoOptions): void {
  const written = tag.named['src'] ?? tag.positional[0];
  if (written === undefined) {
    log.leave(tag.start, 'shortcode', tag.text);
    return;
  }
  const src = options.resolveImage?.(written) ?? written;
  if (!isRelative(src) && !/^https?:/i.test(src)) log.leave(tag.start, 'image', src);
  const title = tag.named['title']?.trim() ?? '';
  const caption = tag.named['caption']?.trim() ?? '';
  let text = [title, caption].filter((part) => part !== '').join(/[.!?。！？:：]$/u.test(title) ? ' ' : '. ');
  let credit = '';
  const attr = tag.named['attr']?.trim();
  if (attr !== undefined && attr !== '') {
    // A credit the way the site reads one: "(Photo: X)" after the image, "（图：X）" in Chinese.
    const han = /\p{Script=Han}/u.test(attr);
    const labelled = parseCredit(attr) !== undefined ? attr : han ? `图：${attr}` : `Photo: ${attr}`;
    if (parseCredit(labelled) !== undefined) credit = han ? ` （${labelled}）` : ` (${labelled})`;
    else text = text === '' ? attr : `${text} (${attr})`;
  }
  const alt = tag.named['alt'] ?? '';
  let markdown = image(alt, src, text);
  if (tag.named['link'] !== undefined) markdown = `[${markdown}](${tag.named['link']})`;
  log.edit({ start: tag.start, end: tag.end, text: markdown + credit });
  unused(tag, ['src', 'alt', 'title', 'caption', 'attr', 'link'], log, tag.named['src'] === undefined ? 1 : 0);
  if (containerPrefix(body, tag.start) === undefined || lineEnd(body, tag.end) !== tag.end) {
    // Not alone on its line: an image, but no figure.
    log.leave(tag.start, 'figure-inline', tag.text);
  }
  log.count('figure');
}

function video(tag: ShortcodeTag, name: string, log: ConversionLog): void {
  const id = tag.named['id'] ?? tag.positional[0];
  if (id === undefined) {
    log.leave(tag.start, 'shortcode', tag.text);
    return;
  }
  const url = name === 'youtube' ? `https://www.youtube.com/watch?v=${id}` : `https://vimeo.com/${id}`;
  const title = tag.named['title']?.trim();
  log.edit({ start: tag.start, end: tag.end, text: title ? `[${escapeLabel(title)}](${url})` : url });
  unused(tag, ['id', 'title'], log, tag.named['id'] === undefined ? 1 : 0, presentationalVideo);
  log.count(name);
}

function reference(tag: ShortcodeTag, log: ConversionLog, options: HugoOptions): void {
  const target = tag.named['path'] ?? tag.positional[0];
  const url = target === undefined ? undefined : options.resolveLink?.(target);
  if (url === undefined) {
    log.leave(tag.start, 'ref', tag.text);
    return;
  }
  log.edit({ start: tag.start, end: tag.end, text: url });
  log.count('link');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
