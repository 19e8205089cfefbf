/**
 * The archive's vocabulary for line breaking (src/lib/line-breaks.ts `terms`): tag labels and the
 * names of organisations, speakers and events in every language, so that a headline never breaks
 * inside 知识产权 when 知识产权 is one of the site's tags.
 */
import { loadSiteData } from './content.ts';
import { terms, type Terms } from '#lib/line-breaks.ts';

let cached: Promise<Terms> | undefined;

/** The terms of the site's registries, built once per build. */
export function phraseTerms(): Promise<Terms> {
  cached ??= loadSiteData().then(({ tags, organisations, speakers, events }) =>
    terms(
      [
        ...[...tags.values()].map((tag) => tag.data.label),
        ...[...organisations.values()].flatMap((org) => [org.data.name, org.data.short ?? {}]),
        ...[...speakers.values()].map((speaker) => speaker.data.name),
        ...[...events.values()].map((event) => event.data.name),
      ].flatMap((text) => Object.values(text)),
    ),
  );
  return cached;
}
