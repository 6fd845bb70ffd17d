/**
 * The Google Calendar reader against pages rendered from the calendar scenario (week, month,
 * agenda and day views; nl, en-US, en-GB; the event dialog), every selector and fallback (by
 * taking the preferred markup away), the label grammar table-driven, and the ugly cases.
 * Expected values come from the scenario, never from a run.
 */
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MeetingBatchSchema, type MeetingObservation } from '@/lib/messaging/observations';
import { classifySegments, dateFromKey, decodeEventId, readGoogleCalendar } from '@/lib/readers/google-calendar';
import { GOOGLE_CALENDAR_SELECTORS } from '@/lib/readers/google-calendar-selectors';
import { liftLabel } from '@/lib/readers/calendar-text';
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
  GOOGLE_LOCALES,
  chipLabel,
  dateKeyOf,
  encodeEventId,
  renderGoogleCalendar,
  type GoogleLocale,
  type RenderGoogleOptions,
} from '../fixtures/calendar/render-google-calendar';

const WEEK_URL = 'https://calendar.google.com/calendar/u/0/r/week/2026/10/5';
const now = new Date(NOW);

function pageFrom(html: string, url = WEEK_URL): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

function rendered(options: RenderGoogleOptions = {}, events: CalendarEvent[] = WEEK_EVENTS): Document {
  return pageFrom(renderGoogleCalendar(events, options));
}

function read(document: Document) {
  return readGoogleCalendar(document, { now, timeZone: TIME_ZONE });
}

const meetings = (events: CalendarEvent[]) => events.filter((event) => !event.task);
const byKey = (list: MeetingObservation[]) => [...list].sort((a, b) => a.meetingKey.localeCompare(b.meetingKey));

/** What a chip tells about an event: everything but the guests' addresses and answers. */
function expectedFromChip(event: CalendarEvent, account: string | null = OWNER.address) {
  const organiser = event.organiser ?? OWNER;
  return {
    meetingKey: `gcal:${event.id}`,
    idSource: 'app',
    uid: null,
    crossKeys: [],
    title: event.title,
    start: instantOf(event.start),
    end: instantOf(event.end),
    allDay: isAllDay(event),
    location: event.location ?? null,
    attendees: [{ name: organiser.name, address: organiser === OWNER ? account : null, response: 'unknown', organiser: true }],
    attendeeCount: null,
    ownResponse: event.ownResponse ?? 'accepted',
    showAs: null,
    status: 'confirmed',
    recurring: /_\d{8}(T\d{6}Z)?$/.test(event.id),
  };
}

function withoutRaw(list: MeetingObservation[]) {
  return byKey(list).map(({ startRaw: _s, endRaw: _e, ...rest }) => rest);
}

// ------------------------------------------------------------------------------------------

describe.each(GOOGLE_LOCALES.map((locale) => [locale] as [GoogleLocale]))('readGoogleCalendar, %s', (locale) => {
  it.each([
    ['week', WEEK_EVENTS],
    ['month', [...WEEK_EVENTS, ...LATER_EVENTS]],
    ['agenda', WEEK_EVENTS],
  ] as const)('%s view: every meeting once, tasks and hidden copies left out', (view, events) => {
    const result = read(rendered({ locale, view, popoverDay: view === 'month' ? '2026-10-09' : undefined }, [...events]));
    const expected = meetings([...events])
      .map((event) => expectedFromChip(event))
      .sort((a, b) => a.meetingKey.localeCompare(b.meetingKey));
    expect(withoutRaw(result.meetings)).toEqual(expected);
    expect(result.account).toBe(OWNER.address);
    expect(result.health).toEqual({
      view: 'calendar',
      status: 'ok',
      itemsSeen: meetings([...events]).length,
      itemsRead: meetings([...events]).length,
      problems: {},
    });
    expect(MeetingBatchSchema.safeParse({ source: 'gcal', observedAt: NOW, ...result }).success).toBe(true);
  });

  it('keeps the text each time was read from', () => {
    const result = read(rendered({ locale }));
    const partner = result.meetings.find((meeting) => meeting.meetingKey === `gcal:${WEEK_EVENTS[0]!.id}`)!;
    const label = chipLabel(WEEK_EVENTS[0]!, locale);
    expect(label.startsWith(partner.startRaw!.split(', ')[0]!)).toBe(true);
    expect(label.endsWith(partner.startRaw!.split(', ').slice(1).join(', '))).toBe(true);
  });

  it('the open dialog: guests with addresses and answers, the organiser, the count; the page behind it still read', () => {
    const event = WEEK_EVENTS[0]!;
    const result = read(rendered({ locale, dialog: event.id }));
    const meeting = result.meetings.find((candidate) => candidate.meetingKey === `gcal:${event.id}`)!;
    expect(meeting.attendees).toEqual(event.guests!.map((guest) => ({ ...guest, organiser: guest.organiser === true })));
    expect(meeting.attendeeCount).toBe(event.guests!.length);
    expect(meeting.ownResponse).toBe('accepted');
    expect(meeting.location).toBe(event.location);
    expect(meeting.start).toBe(instantOf(event.start));
    expect(result.meetings).toHaveLength(meetings(WEEK_EVENTS).length);
    expect(result.health).toMatchObject({ view: 'event', status: 'ok' });
  });

  it('the dialog of a recurring instance, and one that shows only the number of guests', () => {
    const weekly = WEEK_EVENTS[1]!;
    expect(
      read(rendered({ locale, dialog: weekly.id })).meetings.find((m) => m.meetingKey === `gcal:${weekly.id}`)!.recurring,
    ).toBe(true);
    const weesp = WEEK_EVENTS.find((event) => event.guestCount)!;
    const meeting = read(rendered({ locale, dialog: weesp.id, guestList: 'count-only' })).meetings.find(
      (m) => m.meetingKey === `gcal:${weesp.id}`,
    )!;
    expect(meeting.attendeeCount).toBe(58);
    expect(meeting.attendees).toEqual([{ name: weesp.organiser!.name, address: null, response: 'unknown', organiser: true }]);
  });
});

describe('the dialog alone, and other pages', () => {
  it('a dialog whose chip is not in view: its date has no year, so no time is guessed', () => {
    const event = WEEK_EVENTS[0]!;
    const document = rendered({ locale: 'nl', dialog: event.id });
    document.querySelectorAll('[data-eventchip]').forEach((chip) => chip.remove());
    const result = read(document);
    expect(result.meetings).toHaveLength(1);
    const [meeting] = result.meetings;
    expect(meeting).toMatchObject({
      meetingKey: `gcal:${event.id}`,
      title: event.title,
      start: null,
      end: null,
      startRaw: 'dinsdag 6 oktober⋅15:00 – 16:00',
    });
    expect(meeting!.attendees.map((attendee) => attendee.address)).toEqual(event.guests!.map((guest) => guest.address));
    expect(result.health.status).toBe('partial');
  });

  it("the calendar frame in Gmail's side panel: one day, no Google bar", () => {
    const result = read(rendered({ sidePanel: true, day: '2026-10-09', locale: 'en-US' }));
    const onDay = meetings(WEEK_EVENTS).filter(
      (event) => event.start <= '2026-10-09T99' && event.end > '2026-10-09' && !(isAllDay(event) && event.start !== '2026-10-09'),
    );
    expect(result.account).toBeNull();
    expect(byKey(result.meetings).map((meeting) => meeting.meetingKey)).toEqual(onDay.map((event) => `gcal:${event.id}`).sort());
    const own = result.meetings.find((meeting) => meeting.meetingKey === `gcal:${WEEK_EVENTS[2]!.id}`);
    expect(own?.attendees ?? [{ address: null }]).toEqual([expect.objectContaining({ address: null })]);
    expect(result.health).toMatchObject({ view: 'calendar', status: 'ok' });
  });

  it.each([
    ['settings', 'https://calendar.google.com/calendar/u/0/r/settings', 'other', 'ok'],
    ['an unknown page at a view address', WEEK_URL, 'other', 'unrecognised'],
  ])('%s', (_name, url, view, status) => {
    const result = read(
      pageFrom('<!DOCTYPE html><html><body><div role="main"><div role="button">Nieuw</div></div></body></html>', url),
    );
    expect(result.meetings).toEqual([]);
    expect(result.health).toMatchObject({ view, status });
  });

  it('an empty week is a calendar read in full', () => {
    const result = read(rendered({}, []));
    expect(result.health).toEqual({ view: 'calendar', status: 'ok', itemsSeen: 0, itemsRead: 0, problems: {} });
  });
});

// ------------------------------------------------------------------------------------------

describe('every selector and its fallbacks', () => {
  const reference = withoutRaw(read(rendered({ locale: 'en-US' })).meetings);

  it.each([
    ['chips before February 2025: .NlL62b', { before2025: true }],
    ['full text in aria-label, no .XuJrye', { labelIn: 'aria-label' }],
    ['an abbreviated calendar id in data-eventid', { calendarId: 'sanne@b' }],
  ] as Array<[string, RenderGoogleOptions]>)('%s', (_name, options) => {
    expect(withoutRaw(read(rendered({ locale: 'en-US', ...options })).meetings)).toEqual(reference);
  });

  it('the event id on an ancestor of an old chip', () => {
    const document = rendered({ locale: 'en-US', before2025: true });
    document.querySelectorAll('.NlL62b').forEach((chip) => {
      const wrapper = document.createElement('div');
      wrapper.setAttribute('data-eventid', chip.getAttribute('data-eventid')!);
      chip.removeAttribute('data-eventid');
      chip.replaceWith(wrapper);
      wrapper.append(chip);
    });
    expect(withoutRaw(read(document).meetings)).toEqual(reference);
  });

  it('guests: data-hovercard-id, then title, when data-email is gone; the title heading without #rAECCd', () => {
    const event = WEEK_EVENTS[0]!;
    const guests = (document: Document) => read(document).meetings.find((m) => m.meetingKey === `gcal:${event.id}`)!;
    const expected = guests(rendered({ dialog: event.id }));
    for (const attribute of ['data-hovercard-id', 'title']) {
      const document = rendered({ dialog: event.id });
      document.querySelectorAll('[data-email]').forEach((guest) => {
        guest.setAttribute(attribute, guest.getAttribute('data-email')!);
        guest.removeAttribute('data-email');
      });
      document.getElementById('rAECCd')!.removeAttribute('id');
      expect(guests(document)).toEqual(expected);
    }
  });

  it('every selector in the module is exercised above', () => {
    expect(Object.keys(GOOGLE_CALENDAR_SELECTORS).sort()).toEqual(
      [
        'accountButton',
        'chipLabel',
        'chipLabelAttribute',
        'dateKey',
        'dialog',
        'dialogGuests',
        'dialogLocation',
        'dialogOrganiser',
        'dialogTitle',
        'dialogWhen',
        'eventChip',
        'eventChipBefore2025',
        'eventIdAttribute',
        'guest',
        'guestAddressAttributes',
        'popover',
        'viewKey',
      ].sort(),
    );
  });
});

// ------------------------------------------------------------------------------------------

describe('chip labels, one part at a time', () => {
  const dates = { now, timeZone: TIME_ZONE };
  const at = (iso: string) => Date.parse(iso);
  /** A chip of its own with this label in a day of the week view. */
  function readLabel(label: string, day = '2026-10-06', title = 'Overleg', withDateKey = true) {
    const html = `<!DOCTYPE html><html><body data-viewkey="WEEK"><div role="main"><div role="gridcell"${withDateKey ? ` data-datekey="${dateKeyOf(day)}"` : ''}>
      <div role="button" data-eventchip data-eventid="${encodeEventId('abcdefghij0123456789')}"><div class="XuJrye">${label}</div><div aria-hidden="true">${title}</div></div>
    </div></div></body></html>`;
    return read(pageFrom(html));
  }

  it.each([
    [
      'en-US',
      '3pm to 4pm, Overleg, Erik Bosman, Accepted, No location, October 6, 2026',
      '2026-10-06T15:00+02:00',
      '2026-10-06T16:00+02:00',
    ],
    [
      'en-US minutes',
      '3:30pm to 4:15pm, Overleg, Erik Bosman, Accepted, Stadhuis, October 6, 2026',
      '2026-10-06T15:30+02:00',
      '2026-10-06T16:15+02:00',
    ],
    [
      'en-US noon',
      '11:30am to 12:30pm, Overleg, Erik Bosman, Accepted, No location, October 6, 2026',
      '2026-10-06T11:30+02:00',
      '2026-10-06T12:30+02:00',
    ],
    [
      'en-GB',
      '15:00 to 16:00, Overleg, Erik Bosman, Accepted, No location, 6 October 2026',
      '2026-10-06T15:00+02:00',
      '2026-10-06T16:00+02:00',
    ],
    [
      'nl',
      '15:00 tot 16:00, Overleg, Erik Bosman, Geaccepteerd, Geen locatie, 6 oktober 2026',
      '2026-10-06T15:00+02:00',
      '2026-10-06T16:00+02:00',
    ],
    [
      'nl with weekday',
      '15:00 tot 16:00, Overleg, Erik Bosman, Geaccepteerd, Geen locatie, dinsdag 6 oktober 2026',
      '2026-10-06T15:00+02:00',
      '2026-10-06T16:00+02:00',
    ],
    [
      'past midnight',
      '11pm to 12:30am, Overleg, Erik Bosman, Accepted, No location, October 6, 2026',
      '2026-10-06T23:00+02:00',
      '2026-10-07T00:30+02:00',
    ],
    [
      'date first, time last',
      'October 6, 2026, Overleg, Erik Bosman, Accepted, No location, 3pm to 4pm',
      '2026-10-06T15:00+02:00',
      '2026-10-06T16:00+02:00',
    ],
    [
      'no date: the datekey',
      'Overleg, Erik Bosman, Accepted, No location, 15:00 to 16:00',
      '2026-10-06T15:00+02:00',
      '2026-10-06T16:00+02:00',
    ],
    [
      'all day, nl',
      'Hele dag, Overleg, Erik Bosman, Geaccepteerd, Geen locatie, 6 oktober 2026',
      '2026-10-06T00:00+02:00',
      '2026-10-07T00:00+02:00',
    ],
    [
      'all-day range',
      'October 5, 2026 to October 7, 2026, Overleg, Erik Bosman, Accepted, No location',
      '2026-10-05T00:00+02:00',
      '2026-10-08T00:00+02:00',
    ],
    [
      'multi-day, nl',
      '5 oktober 2026 om 14:00 tot 7 oktober 2026 om 12:00, Overleg, Erik Bosman, Geaccepteerd, Geen locatie',
      '2026-10-05T14:00+02:00',
      '2026-10-07T12:00+02:00',
    ],
    [
      'winter time',
      '10:00 to 11:00, Overleg, Erik Bosman, Accepted, No location, 27 October 2026',
      '2026-10-27T10:00+01:00',
      '2026-10-27T11:00+01:00',
      '2026-10-27',
    ],
  ])('%s', (_name, label, start, end, day = '2026-10-06') => {
    const result = readLabel(label, day);
    expect(result.meetings[0]).toMatchObject({ title: 'Overleg', start: at(start), end: at(end) });
    expect(result.health.status).toBe('ok');
  });

  it('a title that holds a date of its own, and a date glued to a word', () => {
    const result = readLabel(
      '15:00 tot 16:00, Evaluatie 6 oktober 2026, Erik Bosman, Geaccepteerd, Geen locatie, 6 oktober 2026',
      '2026-10-06',
      'Evaluatie 6 oktober 2026',
    );
    expect(result.meetings[0]).toMatchObject({
      title: 'Evaluatie 6 oktober 2026',
      start: at('2026-10-06T15:00+02:00'),
      attendees: [{ name: 'Erik Bosman' }],
    });
    expect(result.health.status).toBe('ok');
    // "ma" inside a word is no weekday: the date starts after it
    expect([...liftLabel('Xma 6 oktober 2026, dinsdag 6 oktober 2026').lifted.values()]).toEqual([
      '6 oktober 2026',
      'dinsdag 6 oktober 2026',
    ]);
  });

  it.each([
    ['Accepted', 'accepted'],
    ['Declined', 'declined'],
    ['Maybe', 'tentative'],
    ['Needs RSVP', 'needs-action'],
    ['Geaccepteerd', 'accepted'],
    ['Afgewezen', 'declined'],
    ['Misschien', 'tentative'],
    ['Reactie nodig', 'needs-action'],
  ])('the answer %s', (word, response) => {
    expect(readLabel(`3pm to 4pm, Overleg, Erik Bosman, ${word}, No location, October 6, 2026`).meetings[0]!.ownResponse).toBe(
      response,
    );
  });

  it('organiser before the answer, location after it, whatever else moves; prefixed forms', () => {
    expect(readLabel('Overleg, Erik Bosman, Accepted, Stadhuis, Zwolle, Overleg, 3pm to 4pm').meetings[0]).toMatchObject({
      location: 'Stadhuis, Zwolle',
      attendees: [{ name: 'Erik Bosman', address: null, response: 'unknown', organiser: true }],
    });
    expect(
      readLabel('3pm to 4pm, Overleg, Organisator: Erik Bosman, Locatie: Stadhuis, October 6, 2026').meetings[0],
    ).toMatchObject({
      location: 'Stadhuis',
      attendees: [{ name: 'Erik Bosman' }],
    });
  });

  it('a free part that is neither title, organiser nor location is counted, never used', () => {
    const result = readLabel('3pm to 4pm, Overleg, Iets onbekends, October 6, 2026');
    expect(result.meetings[0]).toMatchObject({ title: 'Overleg', location: null, attendees: [] });
    expect(result.health).toMatchObject({ status: 'partial', problems: { 'unclassified-segment': 1 } });
  });

  it('a misspelt month is no date: the datekey places the time, the unknown parts are counted', () => {
    const result = readLabel('3pm to 4pm, Overleg, Erik Bosman, Accepted, No location, Octobre 6, 2026');
    expect(result.meetings[0]!.start).toBe(at('2026-10-06T15:00+02:00'));
    expect(result.health).toMatchObject({ status: 'partial', problems: { 'unclassified-segment': 1 } });
  });

  it.each([
    ['a time we do not know', '15h00 tot 16h00, Overleg, 6 oktober 2026', '2026-10-06', 'unparsable-date'],
    ['a time we do not know, no datekey', '15h00 tot 16h00, Overleg', null, 'unparsable-date'],
    [
      'the datekey on another day',
      '3pm to 4pm, Overleg, Erik Bosman, Accepted, No location, October 6, 2026',
      '2026-10-12',
      'datekey-mismatch',
    ],
  ])('%s: no time guessed, the raw text kept, the health partial', (_name, label, day, problem) => {
    const result = day ? readLabel(label, day) : readLabel(label, '2026-10-06', 'Overleg', false);
    const meeting = result.meetings[0]!;
    expect(meeting).toMatchObject({ start: null, end: null, allDay: false });
    expect(result.health.status).toBe('partial');
    expect(result.health.problems[problem as 'no-date']).toBe(1);
  });

  it('the datekey cross-check: a multi-day event lies on each of its days', () => {
    const label = 'October 5, 2026 to October 7, 2026, Overleg, Erik Bosman, Accepted, No location';
    for (const day of ['2026-10-05', '2026-10-06', '2026-10-07']) expect(readLabel(label, day).health.status).toBe('ok');
    expect(readLabel(label, '2026-10-08').health.problems).toEqual({ 'datekey-mismatch': 1 });
  });

  it('classifies each part on its own', () => {
    const kinds = classifySegments(
      'Overleg, 3pm to 4pm, Erik Bosman, Declined, No location, Tuesday, October 6, 2026, Hele dag',
      { dates },
    ).map((s) => s.kind);
    expect(kinds).toEqual(['free', 'times', 'free', 'response', 'no-location', 'date', 'all-day']);
  });
});

describe('ids and days', () => {
  it.each([
    ['an event', 'k3v9q1c2m4n5o6p7r8s9t0u1v2', 'sanne@buurtkracht.nl'],
    ['a recurring instance', 'a1b2c3d4e5f6_20261007T073000Z', 'sanne@b'],
    ['an all-day instance', 'a1b2c3d4e5f6_20261008', 'c_abcdef@group.calendar.google.com'],
  ])('decodes %s with and without padding', (_name, id, calendar) => {
    const padded = btoa(`${id} ${calendar}`).replace(/\+/g, '-').replace(/\//g, '_');
    expect(decodeEventId(padded)).toBe(id);
    expect(decodeEventId(padded.replace(/=+$/, ''))).toBe(id);
  });

  it.each([[''], ['not base64!'], [btoa('<script> x')], [null]])('no id from %j', (encoded) => {
    expect(decodeEventId(encoded)).toBeNull();
  });

  it('a chip without a usable id: a derived key, counted', () => {
    const document = rendered({ locale: 'en-US' });
    document.querySelectorAll('[data-eventid]').forEach((chip) => chip.setAttribute('data-eventid', 'bm90IGFuIGlk!'));
    const result = read(document);
    expect(
      result.meetings.every((meeting) => meeting.idSource === 'derived' && meeting.meetingKey.startsWith('gcal:derived:')),
    ).toBe(true);
    expect(result.health.problems['no-id']).toBeGreaterThan(0);
  });

  it.each([['2026-10-06'], ['2026-01-01'], ['2027-02-28'], ['1999-12-31']])(
    'the datekey of %s packs (year-1970)<<9 | month<<5 | day',
    (day) => {
      const [year, month, date] = day.split('-').map(Number);
      expect(dateFromKey(String(dateKeyOf(day)))).toEqual({ year, month, day: date });
    },
  );

  it.each([['0'], ['abc'], [String((56 << 9) | (13 << 5) | 1)]])('no day from datekey %s', (key) => {
    expect(dateFromKey(key)).toBeNull();
  });
});
