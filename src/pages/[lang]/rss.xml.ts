// The locale's RSS 2.0 feed (`/en/rss.xml`): its own stories, newest first.
import { localeFeedRoute } from '#data/site-feeds.ts';

export const { getStaticPaths, GET } = localeFeedRoute('rss');
