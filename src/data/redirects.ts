/**
 * The alias redirects of this build, shared by the redirect pages and the `_redirects` file: the
 * published stories with the build's base path, locales and `public/` files, so that the alias rules
 * (src/lib/aliases.ts) hold even in a build that skipped `npm run check`.
 */
import path from 'node:path';
import { aliasRedirects, type Redirect } from '#lib/redirects.ts';
import { publicFiles } from '#lib/aliases.ts';
import { siteConfig } from '#site.config';
import { loadSiteData } from './content.ts';
import { buildSettings } from '#lib/environment.ts';

let cached: Promise<Redirect[]> | undefined;

/** Every redirect of the site; throws one line naming the content file when an alias is refused. */
export function siteRedirects(): Promise<Redirect[]> {
  cached ??= (async () => {
    const { stories } = await loadSiteData();
    // The same folder and naming as the checker's report (paths relative to where the build runs).
    const contentDir = path.resolve(buildSettings(process.env).contentDir);
    const shown = (file: string): string => path.relative(process.cwd(), file).split(path.sep).join('/');
    return aliasRedirects(stories, {
      base: import.meta.env.BASE_URL,
      locales: siteConfig.locales,
      // Astro copies `public/` (beside the project's `src/`, where builds run) to the site root.
      publicFiles: publicFiles(path.resolve('public')),
      file: (entryId) => shown(path.join(contentDir, 'articles', `${entryId}.md`)),
    });
  })();
  return cached;
}
