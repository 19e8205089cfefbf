/**
 * Open Graph share images: a story's title on a branded 1200×630 card, for story versions without a
 * cover. satori lays the card out and turns its text into paths with a CJK-capable font shipped from
 * npm (no system fonts, no downloads), sharp turns the SVG into a PNG. Rendering costs about 0.1 s a
 * card (more for the first, which parses the fonts), so PNGs are cached on disk under a hash of
 * everything that shapes them.
 * Pure TS with no `astro:` imports, so unit tests render cards without a build. Which stories get a
 * card, and where it is published, is share-card-stories.ts. Over 300 lines because the card's
 * layout is a satori element tree written out, and it stays beside the cache key that hashes it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import satori, { type Font } from 'satori';
import sharp from 'sharp';
import { phrases } from './line-breaks.ts';
import { packageDir, packageVersion } from './packages.ts';

/** What a share card shows; every field is part of the cache key. */
export interface ShareCard {
  /** The story title, in the story version's language. */
  readonly title: string;
  /** The publication date, already formatted for the locale ("23 April 2024", "2024年4月23日"). */
  readonly date: string;
  /** The site name in the same language. */
  readonly siteName: string;
  /** BCP 47 tag of the card's language (`en`, `zh-Hans`), set as `lang` on the card's text for satori. */
  readonly lang: string;
}

/** How the title was fitted into its box. */
export interface TitleFit {
  /** Font size in pixels. */
  readonly fontSize: number;
  /** Lines the title takes at that size (before any clamping). */
  readonly lines: number;
  /** Lines the box holds at that size; more lines are cut with an ellipsis. */
  readonly maxLines: number;
  /** The text of each line at that size, as satori laid it out (tests check where lines break). */
  readonly lineTexts: readonly string[];
}

/** Options of one render. */
export interface RenderOptions {
  /** Told how the title was fitted (tests check that long titles shrink and never overflow). */
  readonly onFit?: (fit: TitleFit) => void;
}

/** Options of the cached render. */
export interface CachedRenderOptions extends RenderOptions {
  /** Folder of cached PNGs (`shareImageCacheDir` of the Astro cache dir in builds). */
  readonly cacheDir: string;
  /** Renderer called on a cache miss (tests pass a counting wrapper). */
  readonly render?: (card: ShareCard, options?: RenderOptions) => Promise<Uint8Array>;
}

/** Width of the card in pixels (the Open Graph recommendation). */
export const SHARE_IMAGE_WIDTH = 1200;
/** Height of the card in pixels. */
export const SHARE_IMAGE_HEIGHT = 630;

/**
 * Version of the card design: bump it whenever the layout, colours or sizes below change, so cached
 * PNGs of the old design are not reused.
 */
export const SHARE_CARD_VERSION = 3;

/** The font package: Noto Sans S Chinese (Source Han Sans subset, OFL-1.1), OTF per weight. */
const FONT_PACKAGE = '@embedpdf/fonts-sc';
const FONT_FAMILY = 'Noto Sans SC';
const FONT_FILES = [
  { file: 'NotoSansHans-Regular.otf', weight: 400 },
  { file: 'NotoSansHans-Bold.otf', weight: 700 },
] as const;

const COLOURS = {
  accent: '#8c1d18',
  background: '#fdfdfc',
  text: '#1b1b1f',
  muted: '#55555e',
  rule: '#e4e1da',
} as const;

const PADDING_X = 80;
const BAND_HEIGHT = 14;
/** The box the title must fit in; the rest of the card is fixed, so the title never pushes it out. */
const TITLE_BOX = { width: SHARE_IMAGE_WIDTH - 2 * PADDING_X, height: 330 } as const;
const TITLE_LINE_HEIGHT = 1.28;
/** Title sizes tried, largest first: the first at which the whole title fits is used. */
const TITLE_SIZES = [76, 70, 64, 58, 52, 48, 44, 40, 36, 32] as const;
const MIN_TITLE_SIZE = TITLE_SIZES[TITLE_SIZES.length - 1] ?? 32;

/** A satori element: the shape of a React element, without JSX. */
interface CardElement {
  readonly type: string;
  readonly key: null;
  readonly props: {
    readonly style: Readonly<Record<string, string | number>>;
    readonly children?: string | readonly CardElement[];
    readonly lang?: string;
  };
}

const h = (
  style: CardElement['props']['style'],
  children?: string | readonly CardElement[],
  lang?: string,
): CardElement => ({
  type: 'div',
  key: null,
  props: { style, ...(children === undefined ? {} : { children }), ...(lang === undefined ? {} : { lang }) },
});

let engineId: string | undefined;

/**
 * Everything besides the card that shapes the PNG's bytes: the design version, the font files and
 * the versions of the font, layout and encoder packages (an upgrade may move a pixel).
 */
function renderEngineId(): string {
  engineId ??= [
    `card-v${SHARE_CARD_VERSION}`,
    `${FONT_PACKAGE}@${packageVersion(FONT_PACKAGE)}:${FONT_FILES.map((f) => f.file).join('+')}`,
    `satori@${packageVersion('satori')}`,
    // BudouX's model decides where a Chinese title may break (`breakOnlyBetweenPhrases`).
    `budoux@${packageVersion('budoux')}`,
    `sharp@${packageVersion('sharp')}`,
  ].join('|');
  return engineId;
}

let fontsPromise: Promise<Font[]> | undefined;

/**
 * The fonts, read once per process. satori caches parsed fonts by the identity of this array, so
 * reusing it also parses the 8 MB OTF files once instead of on every card.
 */
function loadFonts(): Promise<Font[]> {
  if (!fontsPromise) {
    fontsPromise = (async () => {
      const dir = path.join(packageDir(FONT_PACKAGE), 'fonts');
      return Promise.all(
        FONT_FILES.map(async ({ file, weight }) => ({
          name: FONT_FAMILY,
          data: await readFile(path.join(dir, file)),
          weight,
          style: 'normal' as const,
        })),
      );
    })();
    // A failed read fails this call loudly, and is not remembered: a later call tries again.
    fontsPromise.catch(() => {
      fontsPromise = undefined;
    });
  }
  return fontsPromise;
}

/** U+2060 WORD JOINER: no line break on either side of it; zero width, and drawn as nothing. */
const WORD_JOINER = '\u2060';
/** A character of a script written without spaces, where satori may break between any two. */
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The title with a word joiner between the characters of each phrase (src/lib/line-breaks.ts), so
 * satori breaks a Chinese title only between phrases, as the pages do with `<wbr>` and `keep-all`.
 * satori's own `wordBreak: keep-all` would not do: it breaks at every `Intl.Segmenter` word, and
 * ICU cuts words it does not know into characters (中|关|村). Joiners go only between two
 * non-space characters one of which is CJK: spaces stay break opportunities, Latin words untouched.
 */
function breakOnlyBetweenPhrases(title: string, lang: string): string {
  return phrases(title, lang)
    .map((phrase) => {
      const chars = [...phrase];
      return chars
        .map((char, i) => {
          const next = chars[i + 1];
          const join =
            next !== undefined &&
            !/\s/.test(char) &&
            !/\s/.test(next) &&
            (UNSPACED_CHAR.test(char) || UNSPACED_CHAR.test(next));
          return join ? char + WORD_JOINER : char;
        })
        .join('');
    })
    .join('');
}

/** Entities satori writes in the text of an SVG `<text>` element. */
const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The lines of text of a layout-only satori SVG (`embedFont: false`): its `<text>` runs by baseline. */
function svgLines(svg: string): string[] {
  const lines = new Map<number, string>();
  for (const match of svg.matchAll(/<text\b[^>]*?\sy="([\d.]+)"[^>]*>([^<]*)<\/text>/g)) {
    const y = Number(match[1]);
    const text = (match[2] ?? '').replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
    lines.set(y, (lines.get(y) ?? '') + text.replaceAll(WORD_JOINER, ''));
  }
  return [...lines.entries()].sort(([a], [b]) => a - b).map(([, text]) => text.trim());
}

/** The title paragraph; `clampTo` cuts it to that many lines with an ellipsis. */
function titleElement(title: string, lang: string, fontSize: number, clampTo?: number): CardElement {
  return h(
    {
      // `block` is what lets satori clamp the lines with an ellipsis.
      display: 'block',
      width: TITLE_BOX.width,
      fontFamily: FONT_FAMILY,
      fontSize,
      fontWeight: 700,
      lineHeight: TITLE_LINE_HEIGHT,
      color: COLOURS.text,
      overflowWrap: 'break-word',
      // Even lines read better in a headline than a full first line and a short last one. Never
      // with a clamp: satori 0.63 then balances for too many lines and cuts a title that would fit.
      ...(clampTo === undefined ? { textWrap: 'balance' } : { lineClamp: clampTo }),
    },
    title,
    lang,
  );
}

// Letters without a canonical decomposition, for the fold below.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  Ŀ: 'L',
  ŀ: 'l',
  Ĳ: 'IJ',
  ĳ: 'ij',
  Ŋ: 'N',
  ŋ: 'n',
  ĸ: 'k',
  ſ: 's',
};

/**
 * The title with the characters the font cannot draw replaced: a letter by its base letter (the
 * font has pinyin and Vietnamese letters but not all of Latin Extended-A: `Dvořák` becomes
 * `Dvorak`), anything else (emoji, rare symbols) left out, rather than drawn as an empty box. One
 * layout pass finds them: satori asks for the missing characters through `loadAdditionalAsset`.
 */
async function drawableTitle(title: string, lang: string, fonts: Font[]): Promise<string> {
  const missing = new Set<string>();
  await satori(titleElement(title, lang, MIN_TITLE_SIZE), {
    width: TITLE_BOX.width,
    fonts,
    embedFont: false,
    loadAdditionalAsset: (_code, segment) => {
      for (const char of segment) missing.add(char);
      return Promise.resolve([]);
    },
  });
  if (missing.size === 0) return title;
  const fold = (char: string): string => {
    if (!missing.has(char)) return char;
    const base = LETTER_FOLDS[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    return base !== char && [...base].every((c) => !missing.has(c)) ? base : '';
  };
  return [...title]
    .map(fold)
    .join('')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Picks the largest title size at which the whole title fits its box. Each try is a layout-only
 * satori pass (text left as `<text>`, no paths), a couple of milliseconds. A title too long even at
 * the smallest size is clamped there with an ellipsis: the card never overflows.
 */
async function fitTitle(title: string, lang: string, fonts: Font[]): Promise<TitleFit> {
  for (const fontSize of TITLE_SIZES) {
    const lineHeight = fontSize * TITLE_LINE_HEIGHT;
    const maxLines = Math.max(1, Math.floor(TITLE_BOX.height / lineHeight));
    let height = 0;
    const svg = await satori(titleElement(title, lang, fontSize), {
      width: TITLE_BOX.width,
      fonts,
      embedFont: false,
      onNodeDetected: (node) => {
        height = Math.max(height, node.height);
      },
    });
    const lines = Math.max(1, Math.round(height / lineHeight));
    if (lines <= maxLines || fontSize === MIN_TITLE_SIZE) {
      return { fontSize, lines, maxLines, lineTexts: svgLines(svg) };
    }
  }
  throw new Error('share images: no title size'); // Unreachable: the smallest size always returns.
}

function cardElement(card: ShareCard, title: string, fit: TitleFit): CardElement {
  return h(
    {
      display: 'flex',
      flexDirection: 'column',
      width: SHARE_IMAGE_WIDTH,
      height: SHARE_IMAGE_HEIGHT,
      backgroundColor: COLOURS.background,
      color: COLOURS.text,
      fontFamily: FONT_FAMILY,
    },
    [
      h({ display: 'flex', width: SHARE_IMAGE_WIDTH, height: BAND_HEIGHT, backgroundColor: COLOURS.accent }),
      h(
        {
          display: 'flex',
          flexDirection: 'column',
          flexGrow: 1,
          padding: `44px ${PADDING_X}px 48px`,
        },
        [
          h(
            { display: 'flex', alignItems: 'center', height: 44, fontSize: 30, fontWeight: 700, color: COLOURS.accent },
            [
              h({ display: 'flex', width: 18, height: 18, marginRight: 16, backgroundColor: COLOURS.accent }),
              h({ display: 'flex' }, card.siteName, card.lang),
            ],
          ),
          h(
            {
              display: 'flex',
              alignItems: 'center',
              flexGrow: 1,
              width: TITLE_BOX.width,
              height: TITLE_BOX.height,
              // A last guard: whatever the measuring missed is cut, never drawn over the footer.
              overflow: 'hidden',
            },
            [titleElement(title, card.lang, fit.fontSize, fit.lines > fit.maxLines ? fit.maxLines : undefined)],
          ),
          h(
            {
              display: 'flex',
              alignItems: 'flex-end',
              height: 56,
              borderTop: `2px solid ${COLOURS.rule}`,
              fontSize: 28,
              fontWeight: 400,
              color: COLOURS.muted,
            },
            card.date,
            card.lang,
          ),
        ],
      ),
    ],
    card.lang,
  );
}

/** Renders a share card to PNG bytes (1200×630); the same card always gives the same bytes. */
export async function renderShareImage(card: ShareCard, options: RenderOptions = {}): Promise<Uint8Array> {
  const fonts = await loadFonts();
  // Joiners are added after the font check: the font has no glyph for them (nor needs one).
  const title = breakOnlyBetweenPhrases(await drawableTitle(card.title, card.lang, fonts), card.lang);
  const fit = await fitTitle(title, card.lang, fonts);
  options.onFit?.(fit);
  // The element tree is plain objects with text children: a title such as `</script>` is text, and
  // with the default `embedFont` it leaves the SVG as glyph outlines, not as characters.
  const svg = await satori(cardElement(card, title, fit), {
    width: SHARE_IMAGE_WIDTH,
    height: SHARE_IMAGE_HEIGHT,
    fonts,
  });
  // A truecolour PNG at zlib level 6: a palette (libimagequant) and level 9 halve the file but cost
  // 5× the time (80 ms against 16 ms a card), which decides build time at archive scale. sharp writes
  // no timestamp, so equal SVGs give equal bytes.
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
}

/** The cache key of a card: a hash of the card's fields and of the render engine (design, font, packages). */
export function shareImageCacheKey(card: ShareCard): string {
  const input = JSON.stringify([renderEngineId(), card.title, card.date, card.siteName, card.lang]);
  return createHash('sha256').update(input).digest('hex');
}

/** The folder of cached PNGs: `share-images/` in the Astro cache dir (`ASTRO_CACHE_DIR`) given. */
export function shareImageCacheDir(astroCacheDir: string): string {
  return path.resolve(astroCacheDir, 'share-images');
}

/** Where the cached PNG of a card lives. */
export function shareImageCacheFile(card: ShareCard, cacheDir: string): string {
  return path.join(cacheDir, `${shareImageCacheKey(card)}.png`);
}

/**
 * Renders a share card, or reads it from the disk cache when an identical card was rendered before
 * (by this build or an earlier one).
 */
export async function cachedShareImage(card: ShareCard, options: CachedRenderOptions): Promise<Uint8Array> {
  const { cacheDir, render = renderShareImage, ...renderOptions } = options;
  const file = shareImageCacheFile(card, cacheDir);
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const png = await render(card, renderOptions);
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed, so a concurrent build never reads half a file.
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, png);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return png;
}
