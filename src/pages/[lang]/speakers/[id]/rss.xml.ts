// A speaker's RSS feed (`/en/speakers/zhang-wei/rss.xml`), in every locale like the speaker page; a
// speaker without stories in the locale gets a valid empty feed, so a subscription never breaks.
import { entryFeedRoute } from '#data/site-feeds.ts';

export const { getStaticPaths, GET } = entryFeedRoute('speakers');
