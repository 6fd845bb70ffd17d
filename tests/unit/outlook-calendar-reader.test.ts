/**
 * The Outlook calendar reader against pages rendered from the calendar scenario (week and month
 * surfaces, the card, the full view; en-US, en-GB, nl), the accessible-name grammar table-driven
 * (modelled on names captured live in April 2026; the nl and en-GB rows are our renderings),
 * every selector and fallback, and the ugly cases. Expected values come from the scenario.
 */
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MeetingBatchSchema, type MeetingObservation } from '@/lib/messaging/observations';
import { parseOutlookEventLabel, readOutlookCalendar } from '@/lib/readers/outlook-calendar';
import { OUTLOOK_CALENDAR_SELECTORS } from '@/lib/readers/outlook-calendar-selectors';
import { readOutlook } from '@/lib/readers/outlook';
import {
  LATER_EVENTS,
  NOW,
  OWNER,
  TIME_ZONE,
  WEEK_EVENTS,
  instantOf,
  isAllDay,
  type CalendarEvent,
} from '../fixtures/calendar/calendar-scenario';
import {
  OUTLOOK_CALENDAR_LOCALES,
  cardDateLine,
  eventLabel,
  renderOutlookCalendar,
  type OutlookCalendarLocale,
  type RenderOutlookCalendarOptions,
} from '../fixtures/calendar/render-outlook-calendar';

const WEEK_URL = 'https://outlook.office.com/calendar/view/week';
const now = new Date(NOW);
const dates = { now, timeZone: TIME_ZONE };

function pageFrom(html: string, url = WEEK_URL): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

function rendered(options: RenderOutlookCalendarOptions = {}, events: CalendarEvent[] = WEEK_EVENTS, url = WEEK_URL): Document {
  return pageFrom(renderOutlookCalendar(events, options), url);
}

function read(document: Document) {
  return readOutlookCalendar(document, { now, timeZone: TIME_ZONE });
}

/** A timed event over several days: a name shape not seen live, which the reader must not guess. */
const overDays = (event: CalendarEvent) => !isAllDay(event) && Date.parse(event.end) - Date.parse(event.start) >= 12 * 3_600_000;
const shown = (events: CalendarEvent[]) => events.filter((event) => !event.task);

function expected(event: CalendarEvent) {
  const unread = overDays(event);
  return {
    idSource: 'derived',
    uid: null,
    crossKeys: [],
    title: event.title,
    start: unread ? null : instantOf(event.start),
    end: unread ? null : instantOf(event.end),
    allDay: isAllDay(event),
    location: event.location ?? null,
    attendees: event.organiser ? [{ name: event.organiser.name, address: null, response: 'unknown', organiser: true }] : [],
    attendeeCount: null,
    ownResponse: null,
    showAs: event.showAs ?? 'busy',
    status: 'confirmed',
    recurring: event.recurring === true,
  };
}

const facts = (list: MeetingObservation[]) =>
  [...list].sort((a, b) => a.title.localeCompare(b.title)).map(({ meetingKey: _k, startRaw: _s, endRaw: _e, ...rest }) => rest);

// ------------------------------------------------------------------------------------------

describe.each(OUTLOOK_CALENDAR_LOCALES.map((locale) => [locale] as [OutlookCalendarLocale]))(
  'readOutlookCalendar, %s',
  (locale) => {
    it.each([
      ['week', WEEK_EVENTS],
      ['month', [...WEEK_EVENTS, ...LATER_EVENTS]],
    ] as const)('%s surface: every event once, names read from both ends', (view, events) => {
      const result = read(rendered({ locale, view }, [...events]));
      const list = shown([...events]);
      expect(facts(result.meetings)).toEqual(list.map(expected).sort((a, b) => a.title.localeCompare(b.title)));
      expect(result.account).toBe(OWNER.address);
      // the timed event over two days: kept with its text, no time, said in the health
      const heidag = result.meetings.find((meeting) => meeting.title === 'Heidag gemeenteraad')!;
      expect(heidag).toMatchObject({ start: null, end: null });
      expect(
        eventLabel(
          WEEK_EVENTS.find((event) => event.title === heidag.title)!,
          locale,
        ),
      ).toContain(heidag.startRaw);
      expect(result.health).toEqual({
        view: 'calendar',
        status: 'partial',
        itemsSeen: list.length,
        itemsRead: list.length,
        problems: { 'unparsable-date': 1 },
      });
      expect(MeetingBatchSchema.safeParse({ source: 'outlook-cal', observedAt: NOW, ...result }).success).toBe(true);
    });

    it('the card: the organiser by name, the answer counts, merged into the event of the surface', () => {
      const event = WEEK_EVENTS[0]!;
      const result = read(rendered({ locale, card: event.id }));
      const meeting = result.meetings.find((candidate) => candidate.title === event.title)!;
      expect(meeting).toMatchObject({
        start: instantOf(event.start),
        end: instantOf(event.end),
        location: event.location,
        showAs: 'busy',
      });
      expect(meeting.attendees).toEqual([{ name: 'Erik Bosman', address: null, response: 'unknown', organiser: true }]);
      expect(meeting.attendeeCount).toBe(2); // accepted 1 (the owner), didn't respond 1
      expect(result.meetings).toHaveLength(shown(WEEK_EVENTS).length);
      expect(result.health.view).toBe('event');
    });

    it('the full view: attendees by name with their answers; the owner by her name from the page title', () => {
      const event = WEEK_EVENTS[0]!;
      const result = read(
        rendered({ locale, fullView: event.id }, WEEK_EVENTS, 'https://outlook.office.com/calendar/item/AAMkAGI2'),
      );
      expect(result.meetings).toHaveLength(1);
      const [meeting] = result.meetings;
      expect(meeting).toMatchObject({
        title: event.title,
        start: instantOf(event.start),
        end: instantOf(event.end),
        startRaw: cardDateLine(event, locale),
        ownResponse: 'accepted',
      });
      expect(meeting!.attendees).toEqual(
        event
          .guests!.map((guest) => ({
            name: guest.name,
            address: guest.address === OWNER.address ? OWNER.address : null,
            response: guest.organiser ? 'unknown' : guest.response,
            organiser: guest.organiser === true,
          }))
          .sort((a, b) => Number(b.organiser) - Number(a.organiser)),
      );
      expect(result.health).toEqual({ view: 'event', status: 'ok', itemsSeen: 1, itemsRead: 1, problems: {} });
    });

    it('the same event has the same key in every language, on the surface and in the card', () => {
      // keys of events with a time; one without keeps its text, which differs per language
      const keys = (document: Document) =>
        read(document)
          .meetings.filter((meeting) => meeting.start !== null)
          .map((meeting) => `${meeting.title}=${meeting.meetingKey}`)
          .sort();
      expect(keys(rendered({ locale }))).toEqual(keys(rendered({ locale: 'en-US' })));
      const card = read(rendered({ locale, card: WEEK_EVENTS[1]!.id }));
      expect(card.meetings.filter((meeting) => meeting.title === WEEK_EVENTS[1]!.title)).toHaveLength(1);
    });

    it('a cancelled event: status cancelled, the subject without the prefix', () => {
      const event = WEEK_EVENTS[0]!;
      const meeting = read(rendered({ locale, cancelled: [event.id] })).meetings.find(
        (candidate) => candidate.title === event.title,
      )!;
      expect(meeting.status).toBe('cancelled');
    });
  },
);

describe('accessible names, read from both ends', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    [
      'en-US, organiser "Last, First", recurring',
      'Planning sync (daily), 9:00 AM to 9:30 AM, Tuesday, April 14, 2026, By Jansen, Piet, Tentative, Recurring event',
      {
        subject: 'Planning sync (daily)',
        start: at('2026-04-14T09:00+02:00'),
        end: at('2026-04-14T09:30+02:00'),
        location: null,
        organiser: 'Jansen, Piet',
        showAs: 'tentative',
        recurring: true,
        exception: false,
      },
    ],
    [
      'en-US, an address with commas',
      'Netwerkborrel, 5:30 PM to 7:00 PM, Thursday, April 16, 2026, Hoofdstraat 1, Zwolle, NL 8011, By Bakker, Els, Busy',
      {
        subject: 'Netwerkborrel',
        start: at('2026-04-16T17:30+02:00'),
        end: at('2026-04-16T19:00+02:00'),
        location: 'Hoofdstraat 1, Zwolle, NL 8011',
        organiser: 'Bakker, Els',
        showAs: 'busy',
        recurring: false,
      },
    ],
    [
      'en-US, a subject with commas and brackets, an exception',
      '[Forum [12]]: wonen, zorg, 10:00 AM to 11:00 AM, Thursday, April 16, 2026, Microsoft Teams Meeting, By Org Noord, Tentative, Exception to recurring event',
      {
        subject: '[Forum [12]]: wonen, zorg',
        location: 'Microsoft Teams Meeting',
        organiser: 'Org Noord',
        recurring: true,
        exception: true,
      },
    ],
    [
      'en-US, a link as location, no recurrence',
      'Strategie?, 12:30 PM to 2:00 PM, Thursday, April 16, 2026, https://example.zoom.us/j/123?pwd=x, By Org Zuid, Tentative',
      {
        subject: 'Strategie?',
        location: 'https://example.zoom.us/j/123?pwd=x',
        organiser: 'Org Zuid',
        showAs: 'tentative',
        recurring: false,
      },
    ],
    [
      'en-US, all day, OOF, no organiser',
      'Vrij, all day event, Monday, April 13, 2026, OOF',
      {
        subject: 'Vrij',
        start: at('2026-04-13T00:00+02:00'),
        end: at('2026-04-14T00:00+02:00'),
        allDay: true,
        location: null,
        organiser: null,
        showAs: 'oof',
      },
    ],
    [
      'en-US, all day over two days',
      'Verlof, all day event, Thursday, April 16, 2026 to Friday, April 17, 2026, OOF',
      { subject: 'Verlof', start: at('2026-04-16T00:00+02:00'), end: at('2026-04-18T00:00+02:00'), allDay: true },
    ],
    [
      'en-US, all day with location and organiser, free, recurring',
      'Teamdag, all day event, Thursday, April 16, 2026, Kantoor - 3e etage, By Org, Eta, Free, Recurring event',
      {
        subject: 'Teamdag',
        allDay: true,
        location: 'Kantoor - 3e etage',
        organiser: 'Org, Eta',
        showAs: 'free',
        recurring: true,
      },
    ],
    [
      'en-GB',
      'Partneroverleg, 09:00 to 09:30, Tuesday, 14 April 2026, Stadhuis, By Erik Bosman, Busy',
      {
        subject: 'Partneroverleg',
        start: at('2026-04-14T09:00+02:00'),
        end: at('2026-04-14T09:30+02:00'),
        location: 'Stadhuis',
        organiser: 'Erik Bosman',
      },
    ],
    [
      'nl',
      'Partneroverleg, 9:00 tot 9:30, dinsdag 14 april 2026, Stadhuis, Georganiseerd door Erik Bosman, Voorlopig, Terugkerende gebeurtenis',
      {
        subject: 'Partneroverleg',
        start: at('2026-04-14T09:00+02:00'),
        end: at('2026-04-14T09:30+02:00'),
        location: 'Stadhuis',
        organiser: 'Erik Bosman',
        showAs: 'tentative',
        recurring: true,
      },
    ],
    [
      'nl, "Door" and Afwezig',
      'Werkbezoek, 13:00 tot 17:00, donderdag 3 december 2026, Door Fatima El Amrani, Afwezig',
      { subject: 'Werkbezoek', start: at('2026-12-03T13:00+01:00'), organiser: 'Fatima El Amrani', showAs: 'oof' },
    ],
    [
      'nl, hele dag over twee dagen',
      'Congres, evenement voor de hele dag, donderdag 8 oktober 2026 tot vrijdag 9 oktober 2026, Jaarbeurs, Utrecht, Afwezig',
      {
        subject: 'Congres',
        start: at('2026-10-08T00:00+02:00'),
        end: at('2026-10-10T00:00+02:00'),
        allDay: true,
        location: 'Jaarbeurs, Utrecht',
      },
    ],
    [
      'nl, past midnight',
      'Inloop, 23:00 tot 0:30, zaterdag 10 oktober 2026, Bezet',
      { start: at('2026-10-10T23:00+02:00'), end: at('2026-10-11T00:30+02:00') },
    ],
    [
      'en-US, cancelled',
      'Canceled: Overleg, 3:00 PM to 4:00 PM, Tuesday, October 6, 2026, By Erik Bosman, Free',
      { subject: 'Overleg', cancelled: true },
    ],
  ])('%s', (_name, label, fields) => {
    expect(parseOutlookEventLabel(label, dates)).toMatchObject(fields);
  });

  it.each([
    ['Previous week'],
    ['Vandaag'],
    ['Week'],
    ['Calendar'],
    ['Partneroverleg, 9.00 uur, dinsdag 14 april 2026, Bezet'], // a time we do not read
    ['Partneroverleg, 9:00 tot 9:30, dinsdag 31 april 2026, Bezet'], // no such day
  ])('not read: %s', (label) => {
    const parsed = parseOutlookEventLabel(label, dates);
    expect(parsed === null || parsed.start === null).toBe(true);
  });

  it('an event-shaped name we cannot read is kept with its text, counted, and no time is guessed', () => {
    const document = rendered({ locale: 'nl' });
    document
      .querySelector('[aria-label^="Partneroverleg"]')!
      .setAttribute('aria-label', 'Partneroverleg, 15.00 uur, dinsdag 6 oktober 2026, Bezet');
    const result = read(document);
    const unread = result.meetings.find((meeting) => meeting.startRaw?.startsWith('Partneroverleg, 15.00'))!;
    expect(unread).toMatchObject({ start: null, end: null, title: '' });
    expect(result.health.problems['unparsable-date']).toBe(2); // and the Heidag
  });
});

describe('pages', () => {
  it.each([
    ['mail', 'https://outlook.office.com/mail/inbox', 'other', 'ok'],
    ['people', 'https://outlook.live.com/people/', 'other', 'ok'],
    ['a calendar page we do not know', 'https://outlook.office.com/calendar/view/week', 'other', 'unrecognised'],
  ])('%s', (_name, url, view, status) => {
    const result = read(
      pageFrom(
        '<!DOCTYPE html><html><body><div role="main"><div role="button" aria-label="Nieuwe gebeurtenis"></div></div></body></html>',
        url,
      ),
    );
    expect(result.meetings).toEqual([]);
    expect(result.health).toMatchObject({ view, status });
  });

  it('the mail reader still reads nothing on the calendar, and this reader nothing in mail', () => {
    const calendar = rendered({ locale: 'nl' });
    expect(readOutlook(calendar, { now, timeZone: TIME_ZONE }).threads).toEqual([]);
  });
});

describe('every selector and its fallbacks', () => {
  const base = (options: RenderOutlookCalendarOptions = {}) => rendered({ locale: 'en-US', ...options });
  const reference = facts(read(base()).meetings);
  const setAttribute = (selector: string, name: string, value: string | null) => (document: Document) => {
    const matches = [...document.querySelectorAll(selector)];
    expect(matches.length, selector).toBeGreaterThan(0);
    for (const element of matches) {
      if (value === null) element.removeAttribute(name);
      else element.setAttribute(name, value);
    }
    return document;
  };

  it.each([
    [
      'surface: CalendarModuleSurface',
      setAttribute('[data-app-section="Surface_Week"]', 'data-app-section', 'CalendarModuleSurface'),
    ],
    ['surface: calendar-view-week', setAttribute('[data-app-section="Surface_Week"]', 'data-app-section', 'calendar-view-week')],
    ['surface: the calendar module alone', setAttribute('[data-app-section="Surface_Week"]', 'data-app-section', null)],
    [
      'navigation toolbar not marked: its buttons are known words',
      setAttribute('[data-app-section="CalendarSurfaceNavigationToolbar"]', 'data-app-section', null),
    ],
  ])('%s', (_name, change) => {
    expect(facts(read(change(base())).meetings)).toEqual(reference);
  });

  it('event buttons that are not divs', () => {
    const document = base();
    for (const button of [...document.querySelectorAll('div.XkJI8[role="button"]')]) {
      const span = document.createElement('span');
      for (const { name, value } of [...button.attributes]) span.setAttribute(name, value);
      span.append(...button.childNodes);
      button.replaceWith(span);
    }
    expect(facts(read(document).meetings)).toEqual(reference);
  });

  const event = WEEK_EVENTS[0]!;
  const cardFacts = (document: Document) => read(document).meetings.find((meeting) => meeting.title === event.title);
  const withCard = cardFacts(base({ card: event.id }));
  it.each([
    ['card: .ms-Callout without role=dialog', setAttribute('.ms-Callout [role="dialog"]', 'role', null)],
    [
      'card: role=dialog without .ms-Callout',
      (document: Document) => {
        document.querySelectorAll('.ms-Callout').forEach((element) => element.classList.remove('ms-Callout', 'ms-Callout-main'));
        return document;
      },
    ],
    [
      'heading: h2',
      (document: Document) => {
        const heading = document.querySelector('.ms-Callout [role="heading"]')!;
        const h2 = document.createElement('h2');
        h2.textContent = heading.textContent;
        heading.replaceWith(h2);
        return document;
      },
    ],
    [
      'person: a div with role=button',
      (document: Document) => {
        for (const button of [...document.querySelectorAll('.ms-Callout button[aria-label^="Opens card"]')]) {
          const div = document.createElement('div');
          div.setAttribute('role', 'button');
          div.setAttribute('aria-label', button.getAttribute('aria-label')!);
          button.replaceWith(div);
        }
        return document;
      },
    ],
  ])('%s', (_name, change) => {
    expect(cardFacts(change(base({ card: event.id })))).toEqual(withCard);
  });

  it('full view: [role=main] without data-app-section; h1 as the heading; groups give answers', () => {
    const url = 'https://outlook.office.com/calendar/item/AAMkAGI2';
    const full = () => rendered({ locale: 'en-US', fullView: event.id }, WEEK_EVENTS, url);
    const reference = read(full()).meetings;
    expect(reference[0]!.attendees.map((attendee) => attendee.response)).toEqual([
      'unknown',
      'accepted',
      'needs-action',
      'declined',
    ]);
    expect(read(setAttribute('[data-app-section="CalendarItemReadingPane"]', 'data-app-section', null)(full())).meetings).toEqual(
      reference,
    );
    const h1 = full();
    const heading = h1.querySelector('[role="main"] [role="heading"]')!;
    const element = h1.createElement('h1');
    element.textContent = heading.textContent;
    heading.replaceWith(element);
    expect(read(h1).meetings).toEqual(reference);
  });

  it('every selector in the module is exercised above', () => {
    expect(Object.keys(OUTLOOK_CALENDAR_SELECTORS).sort()).toEqual(
      ['card', 'eventButton', 'fullView', 'heading', 'navigation', 'person', 'personGroup', 'surface'].sort(),
    );
  });
});
