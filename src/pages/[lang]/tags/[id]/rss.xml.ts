// A tag's RSS feed (`/en/tags/innovation/rss.xml`), in every locale like the tag page itself; a tag
// without stories in the locale gets a valid empty feed, so a subscription never breaks.
import { entryFeedRoute } from '#data/site-feeds.ts';

export const { getStaticPaths, GET } = entryFeedRoute('tags');
