// Every dated event in one iCalendar file per locale (`/en/events.ics`), earliest first.
import type { APIRoute } from 'astro';
import { siteKeyed } from '#data/cache-keys.ts';
import { loadSiteData } from '#data/content.ts';
import { uiStrings } from '#i18n/index.ts';
import { calendarIcs } from '#lib/icalendar.ts';
import { localeCodes, type Locale } from '#site.config';
import { calendar, calendarEvent, datedEvents } from '#data/site-feeds.ts';

export function getStaticPaths() {
  return siteKeyed(localeCodes.map((lang) => ({ params: { lang } })));
}

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params['lang'] as Locale;
  const data = await loadSiteData();
  const events = datedEvents(data).map((event) => calendarEvent(data, event, locale, site));
  return new Response(calendarIcs(calendar(locale, site, uiStrings(locale).eventsCalendar, events)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
