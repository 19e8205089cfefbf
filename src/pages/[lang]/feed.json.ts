// The locale's JSON Feed 1.1 (`/en/feed.json`): the same items as its RSS feed.
import { localeFeedRoute } from '#data/site-feeds.ts';

export const { getStaticPaths, GET } = localeFeedRoute('json');
