/**
 * The checker's rule on `featured: true`: the home page of each locale leads with the newest
 * featured story it lists (src/lib/front-page.ts, the site's own rule, run here on the stories the
 * build will publish). A featured story that this passes over on a home page where it is listed
 * does not show as the editor meant: a warning at its `featured` line names the story that leads.
 */
import { outrankedFeatured } from '#lib/front-page.ts';
import { listingItems, type Story } from '#lib/stories.ts';
import type { CheckRun } from './check-run.ts';
import type { CheckedStoryData, StoryFolders } from './story-rules.ts';

/** Warns at each featured story that does not lead a home page it is listed on. */
export function checkFeatured(
  run: CheckRun,
  published: readonly Story<CheckedStoryData>[],
  folders: StoryFolders,
): void {
  // Story key → the story that leads instead → the locales where it does.
  const passedOver = new Map<string, { story: Story<CheckedStoryData>; leads: Map<string, string[]> }>();
  for (const locale of run.locales) {
    const items = listingItems(published, locale, run.locales, run.config.untranslatedStories);
    for (const { item, lead } of outrankedFeatured(items)) {
      const entry = passedOver.get(item.story.key) ?? { story: item.story, leads: new Map<string, string[]>() };
      entry.leads.set(lead.story.key, [...(entry.leads.get(lead.story.key) ?? []), locale]);
      passedOver.set(item.story.key, entry);
    }
  }
  for (const [key, { story, leads }] of passedOver) {
    const members = folders.get(key) ?? [];
    // The file that says `featured`: the primary, or a translation that repeats it (a drift error too).
    const file =
      members.find((m) => m.language === story.primaryLanguage && m.raw?.['featured'] !== undefined) ??
      members.find((m) => m.raw?.['featured'] !== undefined);
    if (!file) continue;
    const instead = [...leads]
      .map(([leadKey, locales]) => `${leadKey} leads the home page (${locales.join(', ')})`)
      .join('; ');
    run.report(
      file.rel,
      file.locate(['featured']),
      'warning',
      'featured',
      `featured, but not the lead: ${instead}, being featured too and newer. Only the newest featured story leads; remove "featured" from the one that should not`,
    );
  }
}
