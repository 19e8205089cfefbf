/**
 * Which story versions get a generated share card, and where it is published: decided by content
 * and the site config alone (no rendering), so the data module, the story view and the head of a
 * page agree without loading the card renderer (satori, sharp, fonts).
 */
import { filePath } from './paths.ts';
import { shownCover } from './stories.ts';

/** What `hasGeneratedShareImage` needs of a story: its key, its versions and which of them is primary. */
export interface ShareImageStory {
  /** The story's key (`2024/slug`). */
  readonly key: string;
  /** Language of the primary version (whose cover translations inherit). */
  readonly primaryLanguage: string;
  /** Published versions by language. */
  readonly versions: ReadonlyMap<string, { readonly data: { readonly cover?: unknown } }>;
}

/**
 * The keys of the stories that get generated cards: the newest `limit` (stories come newest first,
 * the site's ordering rule), none when cards are off. Decided by content alone, so deterministic.
 */
export function shareCardStoryKeys(
  stories: readonly { readonly key: string }[],
  config: { readonly shareImages: 'generate' | 'off'; readonly shareImageStories: number },
): ReadonlySet<string> {
  if (config.shareImages !== 'generate') return new Set();
  return new Set(stories.slice(0, Math.max(0, config.shareImageStories)).map((story) => story.key));
}

/**
 * Whether a story version gets a generated share image: the story is among `cardStories` (see
 * `shareCardStoryKeys`) and the version shows no cover, neither its own nor the primary's it
 * inherits (the article page's rule).
 */
export function hasGeneratedShareImage(
  story: ShareImageStory,
  locale: string,
  cardStories: ReadonlySet<string>,
): boolean {
  if (!story.versions.has(locale) || !cardStories.has(story.key)) return false;
  return shownCover(story, locale) === undefined;
}

/** Site path of a story version's share image: `/base/en/2024/slug/og.png`. */
export function shareImagePath(
  base: string,
  locale: string,
  story: { readonly year: string; readonly slug: string },
): string {
  return filePath(base, locale, story.year, story.slug, 'og.png');
}
