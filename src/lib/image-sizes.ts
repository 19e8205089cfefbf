/**
 * The `sizes` of images in an article body, from the width of the column they sit in. Without it,
 * Astro's `constrained` layout says `(min-width: <file width>px) <file width>px, 100vw`, so a phone
 * or a laptop loaded a candidate as wide as the whole window (a 1,280 px file for a 672 px column).
 */

/** The article column's width in rem: `--measure` in src/styles/global.css (a unit test keeps them equal). */
export const ARTICLE_MEASURE_REM = 42;

/** Horizontal padding of `main` on both sides together, in rem (`padding: … 1rem` in global.css). */
export const MAIN_PADDING_REM = 2;

/**
 * `sizes` of a body image: the full column once the window is wide enough to hold it and its
 * padding, the window less the padding below that: `(min-width: 44rem) 42rem, calc(100vw - 2rem)`.
 */
export const BODY_IMAGE_SIZES = `(min-width: ${ARTICLE_MEASURE_REM + MAIN_PADDING_REM}rem) ${ARTICLE_MEASURE_REM}rem, calc(100vw - ${MAIN_PADDING_REM}rem)`;

/** Pixels per rem (the browser default, which the stylesheet keeps). */
const PX_PER_REM = 16;

/**
 * The widest file a body image is published at: the column at twice its CSS pixels (2x screens),
 * 1,344 pixels. Wider files are never chosen by a browser for `sizes` of at most 42rem.
 */
export const BODY_IMAGE_MAX_WIDTH = 2 * ARTICLE_MEASURE_REM * PX_PER_REM;

/**
 * The `srcset` widths offered for body images: the column at 1x, 1.5x and 2x. Astro's own
 * breakpoints (640, 750, 828, 1080, 1280, …) made six files of a wide picture; these three serve
 * the same screens (a phone of 360–430 CSS pixels at 2x or 3x takes 1,008 or 1,344) at half the
 * pixels encoded (README "Benchmark", Pictures).
 */
export const BODY_IMAGE_WIDTHS = [
  ARTICLE_MEASURE_REM * PX_PER_REM,
  1.5 * ARTICLE_MEASURE_REM * PX_PER_REM,
  BODY_IMAGE_MAX_WIDTH,
] as const;

/** The `srcset` widths of a body image `width` pixels wide: those below its own, and its own (capped). */
export function bodyImageWidths(width: number): number[] {
  const own = Math.min(width, BODY_IMAGE_MAX_WIDTH);
  return [...BODY_IMAGE_WIDTHS.filter((w) => w < own), own];
}
