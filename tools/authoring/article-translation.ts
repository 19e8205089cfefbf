/**
 * Starting a translation with `npm run new`: the fields of an existing article file that a
 * translation is made from (read with the checker's decoding, frontmatter split and YAML parser),
 * and the draft of the new language's file, with to-dos quoting the original.
 */
import { parseYaml } from '#lib/yaml.ts';
import { decodeUtf8, splitFrontmatter } from '#lib/source.ts';
import {
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  TODO,
  todoText,
  type ArticleDraft,
  type CoverEntry,
  type SpeakerEntry,
} from './article-file.ts';

/** The parts of an existing article that a translation is made from. */
export interface SourceArticle {
  /** Title. */
  readonly title: string;
  /** Summary. */
  readonly summary: string;
  /** Speakers as written, with their roles. */
  readonly speakers: readonly SpeakerEntry[];
  /** Cover, if any. */
  readonly cover?: CoverEntry;
  /** Source address, if any. */
  readonly source?: string;
  /** The shared facts as written (ids and the date), for a translation that becomes the primary file. */
  readonly shared: {
    readonly date?: string;
    readonly event?: string;
    readonly organisations?: readonly string[];
    readonly tags?: readonly string[];
    readonly featured?: boolean;
  };
  /** Markdown body. */
  readonly body: string;
}

/** Reads the fields a translation needs from an article file's bytes, or says what stops it. */
export function readSourceArticle(
  bytes: Uint8Array,
): { ok: true; value: SourceArticle } | { ok: false; message: string } {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  const split = splitFrontmatter(decoded.text);
  if (!split.ok) return { ok: false, message: split.message };
  const parsed = parseYaml(split.value.yaml);
  if (!parsed.ok)
    return { ok: false, message: `its frontmatter is not valid YAML (line ${parsed.errors[0]?.line ?? 1})` };
  const data = parsed.value.data;
  if (data === null || typeof data !== 'object') return { ok: false, message: 'it has no frontmatter fields' };
  const fields = data as Record<string, unknown>;
  const str = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? value : undefined;
  const title = str(fields['title']);
  const summary = str(fields['summary']);
  if (title === undefined || summary === undefined) return { ok: false, message: 'it has no title or no summary' };
  const speakers: SpeakerEntry[] = [];
  if (Array.isArray(fields['speakers'])) {
    for (const item of fields['speakers'] as unknown[]) {
      if (typeof item === 'string') speakers.push({ id: item });
      else if (item !== null && typeof item === 'object') {
        const { id, role } = item as Record<string, unknown>;
        const roleText = str(role);
        if (typeof id === 'string') speakers.push({ id, ...(roleText !== undefined ? { role: roleText } : {}) });
      }
    }
  }
  let cover: CoverEntry | undefined;
  const rawCover = fields['cover'];
  if (rawCover !== null && typeof rawCover === 'object') {
    const c = rawCover as Record<string, unknown>;
    const src = str(c['src']);
    const alt = str(c['alt']);
    const caption = str(c['caption']);
    const credit = str(c['credit']);
    if (src !== undefined) {
      cover = {
        src,
        alt: alt ?? '',
        ...(caption !== undefined ? { caption } : {}),
        ...(credit !== undefined ? { credit } : {}),
      };
    }
  }
  const source = str(fields['source']);
  const ids = (value: unknown): string[] | undefined =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
  const date = fields['date'];
  const event = str(fields['event']);
  const organisations = ids(fields['organisations']);
  const tags = ids(fields['tags']);
  const shared = {
    ...(typeof date === 'string' ? { date } : {}),
    ...(event !== undefined ? { event } : {}),
    ...(organisations !== undefined ? { organisations } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(typeof fields['featured'] === 'boolean' ? { featured: fields['featured'] } : {}),
  };
  return {
    ok: true,
    value: {
      title,
      summary,
      speakers,
      ...(cover !== undefined ? { cover } : {}),
      ...(source !== undefined ? { source } : {}),
      shared,
      body: split.value.body,
    },
  };
}

/**
 * The file that starts a translation of `source` (written in `from`) into `to`: text fields are to-dos
 * quoting the original (`TODO translate: <original>`), shared facts are left out (the translation
 * inherits them from the primary file), and the body is the original under a to-do line. Speakers are
 * listed only when the original gives per-article roles, since a role is text and never inherited.
 * With `becomesPrimary`, the shared facts are copied instead (see below).
 */
export function translationDraft(
  source: SourceArticle,
  from: string,
  to: string,
  options: { becomesPrimary?: boolean } = {},
): ArticleDraft {
  const translate = (original: string, max?: number): string => todoText('translate', original, max);
  // A file in a language configured before the story's (en added to a zh-only story) becomes the
  // primary file: it must then carry the shared facts itself, copied from the current primary.
  const primary = options.becomesPrimary === true;
  const withRoles = primary ? source.speakers.length > 0 : source.speakers.some((s) => s.role !== undefined);
  const cover = source.cover;
  return {
    title: translate(source.title, MAX_TITLE_LENGTH),
    ...(primary ? source.shared : {}),
    language: to,
    summary: translate(source.summary, MAX_SUMMARY_LENGTH),
    ...(withRoles
      ? {
          speakers: source.speakers.map((s) =>
            s.role === undefined ? { id: s.id } : { id: s.id, role: translate(s.role) },
          ),
        }
      : {}),
    ...(cover !== undefined
      ? {
          cover: {
            src: cover.src,
            alt: translate(cover.alt === '' ? '(no alt text)' : cover.alt),
            ...(cover.caption !== undefined ? { caption: translate(cover.caption) } : {}),
            ...(cover.credit !== undefined ? { credit: cover.credit } : {}),
          },
        }
      : {}),
    draft: true,
    body: `<!-- ${TODO} translate: the text below is the ${from}.md original; write it in ${to}, then delete this line -->\n\n${source.body.trim()}`,
  };
}
