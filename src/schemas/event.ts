/** An event (forum, ceremony, meeting): `content/events/<id>.yaml`. */
import { z } from 'astro/zod';
import { calendarDay, localizedText, referenceList, webUrl, type SchemaContext } from './common.ts';

/** The schema of an event file. */
export function eventSchema(ctx: SchemaContext) {
  return z
    .strictObject({
      /** Name per language. */
      name: localizedText(ctx, 'name'),
      /** First day, `YYYY-MM-DD`; leave out only while the date is not known. */
      start: calendarDay('start').optional(),
      /** Last day, `YYYY-MM-DD`; leave out for a one-day event. */
      end: calendarDay('end').optional(),
      /** City per language, e.g. `en: Beijing`, `zh: 北京`. */
      city: localizedText(ctx, 'city').optional(),
      /** Venue per language. */
      venue: localizedText(ctx, 'venue').optional(),
      /** Ids of the organisations that host the event. */
      organisers: referenceList(ctx, 'organisations').optional(),
      /** Theme or motto per language. */
      theme: localizedText(ctx, 'theme').optional(),
      /** Id of the larger event this one is part of (e.g. a parallel forum of a conference). */
      partOf: ctx.reference('events').optional(),
      /** The event's official page. */
      url: webUrl('url').optional(),
    })
    .superRefine((event, zctx) => {
      if (event.end !== undefined && event.start === undefined) {
        zctx.addIssue({ code: 'custom', path: ['end'], message: 'end is given without start: add the first day as start', input: event.end });
      } else if (event.end !== undefined && event.start !== undefined && event.end < event.start) {
        zctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: `end ${event.end} is before start ${event.start}`,
          input: event.end,
        });
      }
    });
}
