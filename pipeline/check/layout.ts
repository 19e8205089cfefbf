/** Where each file in `content/` belongs, by its path alone. */
import { ID_PATTERN, type CollectionName } from '#schemas/common.ts';
import { idFrom } from './slug.ts';

/** What a path in the content folder is. */
export type ContentFile =
  | { kind: 'article'; year: string; slug: string; language: string }
  | { kind: 'entry'; collection: CollectionName; id: string }
  | { kind: 'asset' }
  | { kind: 'ignored' }
  | { kind: 'misplaced'; message: string };

/** Image and media files that may sit beside content (covers, photos). */
const ASSET_RE = /\.(?:avif|gif|jpe?g|png|svg|webp|tiff?)$/i;

/** The registry collections: one YAML file per entry. */
export const REGISTRY_COLLECTIONS: readonly CollectionName[] = ['speakers', 'organisations', 'events', 'tags'];

const LAYOUT_HINT =
  'articles go in articles/<YYYY>/<story-slug>/<lang>.md; people, organisations, events and tags in speakers/, organisations/, events/ and tags/ as <id>.yaml';

/** Classifies a path relative to the content folder (forward slashes). */
export function classifyContentPath(rel: string, locales: readonly string[]): ContentFile {
  const parts = rel.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.some((p) => p.startsWith('.'))) return { kind: 'ignored' };
  if (parts.length === 1 && /^readme\.md$/i.test(name)) return { kind: 'ignored' };
  if (ASSET_RE.test(name)) return { kind: 'asset' };
  const [top] = parts;
  if (top === 'articles') {
    if (parts.length !== 4 || !name.endsWith('.md')) {
      return {
        kind: 'misplaced',
        message: `not where articles go: ${LAYOUT_HINT.split(';')[0]} (e.g. articles/2024/ip-forum/en.md)`,
      };
    }
    const [, year = '', slug = ''] = parts;
    const language = name.slice(0, -3);
    if (!/^\d{4}$/.test(year)) {
      return { kind: 'misplaced', message: `the folder "${year}" should be the story's four-digit year, e.g. 2024` };
    }
    if (!ID_PATTERN.test(slug)) {
      return {
        kind: 'misplaced',
        message: `story folder "${slug}" is not a valid slug: use lowercase letters, digits and hyphens, e.g. ${suggestSlug(slug)}`,
      };
    }
    if (!locales.includes(language)) {
      return {
        kind: 'misplaced',
        message: `article files are named after their language: ${locales.map((l) => `${l}.md`).join(', ')}`,
      };
    }
    return { kind: 'article', year, slug, language };
  }
  const collection = REGISTRY_COLLECTIONS.find((c) => c === top);
  if (collection) {
    const ext = /\.ya?ml$/i.exec(name);
    if (parts.length !== 2 || !ext) {
      return { kind: 'misplaced', message: `${collection}/ holds one <id>.yaml file per entry, no sub-folders` };
    }
    const id = name.slice(0, ext.index);
    if (!ID_PATTERN.test(id)) {
      return {
        kind: 'misplaced',
        message: `"${id}" is not a valid id: rename the file to lowercase letters, digits and hyphens, e.g. ${suggestSlug(id)}.yaml`,
      };
    }
    return { kind: 'entry', collection, id };
  }
  return { kind: 'misplaced', message: `not part of the content layout: ${LAYOUT_HINT}` };
}

/** A valid slug close to what the editor wrote (pinyin for Chinese, as `npm run new` makes them). */
function suggestSlug(text: string): string {
  return idFrom(text) || 'my-story';
}
