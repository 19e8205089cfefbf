// One event as an iCalendar file (`/en/events/example-forum-2024.ics`). Events whose start date is
// not known yet get no file: a calendar entry needs a day.
import { withCacheKeys } from '#data/cache-keys.ts';
import { loadSiteData } from '#data/content.ts';
import { everyLocaleAndId, type StaticEndpoint } from '#data/page.ts';
import { calendar, calendarEvent, datedEvents } from '#data/site-feeds.ts';
import { calendarIcs } from '#lib/icalendar.ts';

export async function getStaticPaths() {
  const data = await loadSiteData();
  return withCacheKeys(everyLocaleAndId(datedEvents(data).map((event) => event.id)));
}

export const GET: StaticEndpoint<typeof getStaticPaths> = async ({ params, site }) => {
  const locale = params.lang;
  const data = await loadSiteData();
  const event = data.events.get(params.id);
  if (!event?.data.start) return new Response(null, { status: 404 });
  const entry = calendarEvent(data, event, locale, site);
  return new Response(calendarIcs(calendar(locale, site, entry.summary, [entry])), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
