/**
 * The checker's rule on body links that stay on the site, in two steps: while each article is read,
 * the parts of its body that hold such links are kept, with the addresses a scan found in them;
 * once every file is read, they are checked against every page the site will have (./site-pages.ts)
 * and the files of `public/`, and a part is parsed only if one of its addresses is suspect.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { publicFiles } from '#lib/aliases.ts';
import { decodeUtf8, splitFrontmatter } from '#lib/source.ts';
import type { Story } from '#lib/stories.ts';
import { bodyLinks, linkCandidates, mayHaveSiteLink, type LinkCandidate } from './body-links.ts';
import type { CheckRun } from './check-run.ts';
import type { RegistryIds } from './discover.ts';
import { pageAnchors, type PageAnchors } from './heading-ids.ts';
import { linkChecker, type LinkSource } from './link-checker.ts';
import { bodyRegions } from './markdown.ts';
import type { RegistryData } from './registries.ts';
import type { CheckedStoryData, StoryFolders } from './story-rules.ts';

/** A part of a body with addresses that may stay on the site. */
interface LinkPart {
  /** The article it is in. */
  readonly source: LinkSource;
  /** The file's line the part starts on. */
  readonly line: number;
  /** The part's text. */
  readonly part: string;
  /** The addresses a scan found in it. */
  readonly candidates: LinkCandidate[];
}

/** The links kept while articles are read, for {@link checkSiteLinks}. */
export interface SiteLinks {
  /** The parts of bodies that hold any link staying on the site. */
  readonly parts: LinkPart[];
  /** The anchors of the pages read so far, by article file (undefined: unreadable). */
  readonly anchorsByFile: Map<string, PageAnchors | undefined>;
}

/** An empty collection of links. */
export function siteLinks(): SiteLinks {
  return { parts: [], anchorsByFile: new Map() };
}

/** Keeps the parts of an article's body (starting on the file's line `bodyLine`) that hold links staying on the site. */
export function collectSiteLinks(links: SiteLinks, source: LinkSource, body: string, bodyLine: number): void {
  let fragmentLinks = false;
  for (const region of bodyRegions(body, mayHaveSiteLink)) {
    const candidates = linkCandidates(region.parsed.text);
    if (candidates.length === 0) continue;
    links.parts.push({ source, line: bodyLine + region.line - 1, part: region.parsed.text, candidates });
    fragmentLinks ||= candidates.some((c) => c.href.startsWith('#'));
  }
  // Links to this page's own headings are common: its ids now, while the body is at hand (other
  // pages' ids are read when a link to one of them needs them).
  if (fragmentLinks) links.anchorsByFile.set(source.rel, pageAnchors(body));
}

/** What the site's pages are made of, as the checker has read it. */
export interface SiteContentRead {
  /** The article files by story folder. */
  readonly stories: StoryFolders;
  /** The stories the build will publish (`publishedStories`). */
  readonly published: readonly Story<CheckedStoryData>[];
  /** The ids of each registry. */
  readonly ids: RegistryIds;
  /** The registry entries that could be parsed. */
  readonly registries: RegistryData;
}

/**
 * Reports the kept links that go nowhere: checked against every page the site will have (stories
 * with unreadable dates included: their error is reported with the file, and their pages will exist
 * once it is fixed).
 */
export async function checkSiteLinks(run: CheckRun, links: SiteLinks, content: SiteContentRead): Promise<void> {
  if (links.parts.length === 0) return;
  // Loaded only now: the feed path builders it shares with the build bring the RSS library along.
  const { sitePages } = await import('./site-pages.ts');
  const { locales, config } = run;
  const { stories, published, ids } = content;
  const site = sitePages({
    locales,
    stories: published,
    folders: new Map(
      [...stories].map(([key, members]) => [
        key,
        new Map(members.map((m) => [m.language, { draft: m.facts.draft ?? false }])),
      ]),
    ),
    speakers: ids.speakers.keys(),
    organisations: ids.organisations.keys(),
    events: ids.events.keys(),
    tags: ids.tags.keys(),
    datedEvents: [...content.registries.values()]
      .filter((e) => e.collection === 'events' && e.data['start'])
      .map((e) => e.id),
    pageSize: config.pageSize,
    untranslatedStories: config.untranslatedStories,
  });
  const check = linkChecker({
    contentDir: run.contentDir,
    publicFiles: new Set(publicFiles(run.publicDir)),
    site,
    locales,
    anchorsOf: (rel) => anchorsOf(run, links.anchorsByFile, rel),
    show: run.display,
  });
  for (const { source, line, part, candidates } of links.parts) {
    if (!candidates.some((c) => c.uncertain || check(source, c) !== undefined)) continue;
    // Something looks wrong: the parser says which of the addresses are links, and where.
    for (const link of bodyLinks(part)) {
      const message = check(source, link);
      const position = { line: line + link.line - 1, column: link.column };
      if (message !== undefined) run.report(source.rel, position, 'warning', '(body link)', message);
    }
  }
}

/** The anchors of an article's page, read when a link first needs them and kept in `known`. */
function anchorsOf(run: CheckRun, known: Map<string, PageAnchors | undefined>, rel: string): PageAnchors | undefined {
  if (!known.has(rel)) {
    let anchors: PageAnchors | undefined;
    try {
      const decoded = decodeUtf8(readFileSync(path.join(run.contentDir, rel)));
      const split = decoded.ok ? splitFrontmatter(decoded.text) : undefined;
      anchors = split?.ok ? pageAnchors(split.value.body) : undefined;
    } catch {
      // Unreadable: reported with the file itself; its anchors are not checked.
    }
    known.set(rel, anchors);
  }
  return known.get(rel);
}
