/**
 * Runs {@link publishImages} when Astro has written the site: images no page refers to are deleted
 * from `_astro/`, and metadata (EXIF with the GPS position, XMP, IPTC, comments, editors' SVG data)
 * is removed from every published image. An integration rather than a step of `pipeline/build.ts`, so
 * that `astro build` on its own publishes the same files; it works in the `dir` Astro built into
 * (the staging folder of `npm run build`).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { svgoOptimizer } from 'astro/config';
import { publishImages, type SvgCleaner } from '#lib/published-images.ts';

// SVGO with only the plugins that remove what is not drawing: comments (legal `<!--! -->` ones
// too), `<metadata>` (RDF, Dublin Core, XMP), the private data of Inkscape, Illustrator, Sketch,
// Figma and others (file paths, user names), and scripts, which an SVG opened at its own address
// would run on the site's origin. Nothing else of SVGO's optimisation is applied.
const cleaning = svgoOptimizer({
  plugins: [
    { name: 'removeComments', params: { preservePatterns: false } },
    'removeMetadata',
    'removeEditorsNSData',
    'removeScripts',
  ],
});
// The same parser and writer with no plugin, to tell whether cleaning removed anything.
const unchanged = svgoOptimizer({ plugins: [] });

/** The SVG cleaner the build uses (SVGO, the version Astro ships). */
export const svgCleaner: SvgCleaner = {
  clean: (svg, file) => cleaning.optimize(svg, file),
  reserialize: (svg, file) => unchanged.optimize(svg, file),
};

/** The integration; list it after every integration that writes files in `astro:build:done`. */
export function publishedImages(): AstroIntegration {
  let assetsDir = '_astro';
  return {
    name: 'news-archive:published-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        assetsDir = config.build.assets;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const report = await publishImages(fileURLToPath(dir), { assetsDir, svg: svgCleaner });
        if (report.removed.length > 0) {
          logger.info(`removed ${report.removed.length} image(s) no page refers to (originals of resized images)`);
        }
        for (const { file, found } of report.stripped) logger.info(`removed ${found.join(', ')} from ${file}`);
        for (const file of report.cleanedSvgs) logger.info(`removed metadata or scripts from ${file}`);
      },
    },
  };
}
