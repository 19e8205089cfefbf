// Every dated event in one iCalendar file per locale (`/en/events.ics`), earliest first.
import { withCacheKeys } from '#data/cache-keys.ts';
import { loadSiteData } from '#data/content.ts';
import { everyLocale, type StaticEndpoint } from '#data/page.ts';
import { calendar, calendarEvent, datedEvents } from '#data/site-feeds.ts';
import { uiStrings } from '#i18n/index.ts';
import { calendarIcs } from '#lib/icalendar.ts';

export function getStaticPaths() {
  return withCacheKeys(everyLocale());
}

export const GET: StaticEndpoint<typeof getStaticPaths> = async ({ params, site }) => {
  const locale = params.lang;
  const data = await loadSiteData();
  const events = datedEvents(data).map((event) => calendarEvent(data, event, locale, site));
  return new Response(calendarIcs(calendar(locale, site, uiStrings(locale).eventsCalendar, events)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
