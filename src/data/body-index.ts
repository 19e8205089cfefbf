/**
 * Writes the body index of a build (src/lib/body-splice.ts): for every story file, a hash of its
 * rendered body, the names it mentions, its page address and the output files of every page that
 * shows it. `npm run build` reads it at the next build to splice an edited body into the published
 * pages and feeds without running Astro (pipeline/splice.ts). Written once per build, from the same
 * site data and views the pages are rendered from, where the build asks for it.
 */
import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { BODY_INDEX_ENV, bodyHash, type BodyIndex, type BodyIndexEntry } from '#lib/body-splice.ts';
import { localizedPath, storyPath } from '#lib/paths.ts';
import { siteConfig } from '#site.config';
import type { SiteData } from './content.ts';

/** The body index of `data`: the output files of a page are its path without the base, plus `index.html`. */
export function bodyIndex(data: SiteData, base: string, site: string): BodyIndex {
  const pages = new Map<string, string[]>();
  for (const [locale, views] of data.views) {
    for (const view of views.values()) {
      const file = `${localizedPath('/', locale, view.story.year, view.story.slug).slice(1)}index.html`;
      const list = pages.get(view.version.entryId) ?? [];
      list.push(file);
      pages.set(view.version.entryId, list);
    }
  }
  const hashes = new Map<string, number>();
  const bodies = new Map<string, { html: string; hash: string }>();
  for (const entry of data.articles.values()) {
    const html = entry.rendered?.html ?? '';
    const hash = bodyHash(html);
    bodies.set(entry.id, { html, hash });
    hashes.set(hash, (hashes.get(hash) ?? 0) + 1);
  }
  const entries: Record<string, BodyIndexEntry> = {};
  for (const story of data.stories) {
    for (const [locale, version] of story.versions) {
      const entry = data.articles.get(version.entryId);
      const body = bodies.get(version.entryId);
      if (!entry?.filePath || !body) continue;
      entries[path.resolve(entry.filePath)] = {
        hash: body.hash,
        length: body.html.length,
        shared: (hashes.get(body.hash) ?? 0) > 1,
        images: (entry.rendered?.metadata?.imagePaths?.length ?? 0) > 0,
        mentions: data.mentionedNames(version.entryId),
        url: new URL(storyPath(base, locale, story), site).href,
        pages: (pages.get(version.entryId) ?? []).sort(),
      };
    }
  }
  return { format: 1, nameForms: data.nameForms, entries };
}

/** Writes the body index of `data` where the environment asks for it (a build under `npm run build`). */
export function writeBodyIndex(env: NodeJS.ProcessEnv, data: SiteData): void {
  const file = env[BODY_INDEX_ENV];
  if (!file) return;
  const site = import.meta.env.SITE ?? siteConfig.productionUrl;
  writeFileSync(`${file}.tmp`, JSON.stringify(bodyIndex(data, import.meta.env.BASE_URL, site)));
  renameSync(`${file}.tmp`, file);
}
