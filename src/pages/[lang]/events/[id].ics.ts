// One event as an iCalendar file (`/en/events/example-forum-2024.ics`). Events whose start date is
// not known yet get no file: a calendar entry needs a day.
import type { APIRoute } from 'astro';
import { withCacheKey } from '#data/cache-keys.ts';
import { loadSiteData } from '#data/content.ts';
import { calendarIcs } from '#lib/icalendar.ts';
import { localeCodes, type Locale } from '#site.config';
import { calendar, calendarEvent, datedEvents } from '#data/site-feeds.ts';

export async function getStaticPaths() {
  const data = await loadSiteData();
  const events = datedEvents(data);
  return withCacheKey(
    localeCodes.flatMap((lang) => events.map((event) => ({ params: { lang, id: event.id } }))),
    data.fingerprint,
  );
}

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params['lang'] as Locale;
  const data = await loadSiteData();
  const event = data.events.get(params['id'] ?? '');
  if (!event?.data.start) return new Response(null, { status: 404 });
  const entry = calendarEvent(data, event, locale, site);
  return new Response(calendarIcs(calendar(locale, site, entry.summary, [entry])), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
