// The locale's Atom 1.0 feed (`/en/atom.xml`): the same items as its RSS feed.
import { localeFeedRoute } from '#data/site-feeds.ts';

export const { getStaticPaths, GET } = localeFeedRoute('atom');
