// @vitest-environment node
/**
 * The .ics import on files written by us (tests/fixtures/ics/, modelled on Google and Outlook
 * exports and a municipality's meeting series) and a generated 5,000-event file. Runs without a
 * DOM on purpose: the import must work in a Worker. Expected values are worked out from the files'
 * own text (wall clock and zone), never taken from a run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MeetingObservationSchema, type MeetingObservation } from '@/lib/messaging/observations';
import { createIcsImport, importIcs, type IcsImportOptions, type IcsProgress } from '@/lib/import/ics';
import { ianaZoneOf } from '@/lib/import/ics-zones';
import { readGoogleCalendar } from '@/lib/readers/google-calendar';
import { NOW, TIME_ZONE, WEEK_EVENTS } from '../fixtures/calendar/calendar-scenario';
import { renderGoogleCalendar } from '../fixtures/calendar/render-google-calendar';
import { GENERATED_USER, generateIcs } from '../fixtures/ics/generate-ics';

const FIXTURES = join(import.meta.dirname, '../fixtures/ics');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const USER = 'sanne@buurtkracht.nl';
const OPTIONS: IcsImportOptions = {
  window: { start: Date.parse('2026-09-01T00:00:00Z'), end: Date.parse('2027-03-01T00:00:00Z') },
  userAddresses: [USER],
  timeZone: 'Europe/Amsterdam',
};

function run(text: string | Uint8Array, options: Partial<IcsImportOptions> = {}) {
  const job = createIcsImport(text, { ...OPTIONS, ...options });
  while (!job.step(1_000));
  return job.result();
}

const byKey = (meetings: MeetingObservation[], key: string) => meetings.find((meeting) => meeting.meetingKey === key);
const utc = (iso: string) => Date.parse(iso);

describe('a Google export', () => {
  const result = run(fixture('google-export.ics'));

  it('reads every event, expands the series, drops the declined one, counts all of it', () => {
    // the weekly series: every Wednesday from 16 September 2026 up to the window's end (1 March 2027)
    const wednesdays = 24;
    expect(result.fileError).toBeNull();
    expect(result.summary).toEqual({
      eventsRead: 6,
      meetings: 4 + wednesdays,
      series: 1,
      seriesCapped: 0,
      dropped: { cancelled: 0, declined: 1, duplicate: 0 },
      errors: {},
      withoutUid: 0,
    });
    expect(result.problems).toEqual([]);
    for (const meeting of result.meetings) expect(MeetingObservationSchema.safeParse(meeting).success).toBe(true);
  });

  it('a meeting with its guests: addresses lower-case, names from CN, answers from PARTSTAT, the organiser flagged', () => {
    const meeting = byKey(result.meetings, 'ics:k3v9q1c2m4n5o6p7r8s9t0u1v2@google.com')!;
    expect(meeting).toMatchObject({
      idSource: 'app',
      uid: 'k3v9q1c2m4n5o6p7r8s9t0u1v2@google.com',
      title: 'Partneroverleg wijkaanpak, deel 2',
      start: utc('2026-10-06T13:00:00Z'),
      end: utc('2026-10-06T14:00:00Z'),
      allDay: false,
      location: 'Stadhuis Zwolle, kamer 2.14',
      ownResponse: 'accepted',
      status: 'confirmed',
      recurring: false,
      startRaw: '2026-10-06T15:00:00 Europe/Amsterdam',
    });
    expect(meeting.attendees).toEqual([
      { name: 'Erik Bosman', address: 'e.bosman@zwolle.nl', response: 'accepted', organiser: true },
      { name: USER, address: USER, response: 'accepted', organiser: false },
      { name: 'Vries, Mark de', address: 'm.devries@zwolle.nl', response: 'needs-action', organiser: false },
      { name: 'Karin Aerts', address: 'k.aerts@wijkteam-zwolle.nl', response: 'declined', organiser: false },
    ]);
  });

  it('series occurrences keyed by their original start in UTC, across the change to winter time', () => {
    const weekly = result.meetings.filter((meeting) => meeting.uid === 'a1b2c3d4e5f6g7h8i9j0k1l2m3@google.com');
    expect(weekly).toHaveLength(24);
    expect(weekly.every((meeting) => meeting.recurring)).toBe(true);
    expect(byKey(result.meetings, 'ics:a1b2c3d4e5f6g7h8i9j0k1l2m3@google.com#20261021T073000Z')!.start).toBe(
      utc('2026-10-21T07:30:00Z'),
    );
    expect(byKey(result.meetings, 'ics:a1b2c3d4e5f6g7h8i9j0k1l2m3@google.com#20261028T083000Z')!.start).toBe(
      utc('2026-10-28T08:30:00Z'),
    );
  });

  it("all-day as midnights in the user's zone; UTC times as written", () => {
    expect(byKey(result.meetings, 'ics:d0e1f2g3h4i5j6k7l8m9n0o1p2@google.com')).toMatchObject({
      allDay: true,
      start: utc('2026-10-07T22:00:00Z'),
      end: utc('2026-10-08T22:00:00Z'),
      startRaw: '2026-10-08',
    });
    expect(byKey(result.meetings, 'ics:w1e2e3s4p5k6e7n8n9i0s1m2a3@google.com')).toMatchObject({
      start: utc('2026-10-09T09:00:00Z'),
      end: utc('2026-10-09T09:45:00Z'),
      ownResponse: 'needs-action',
    });
  });

  it('an invitation that came from Outlook keeps its own UID: no cross key', () => {
    const invitation = result.meetings.find((meeting) => meeting.title === 'Afstemming subsidieregeling')!;
    expect(invitation.uid).toMatch(/^040000008200E000/);
    expect(invitation.crossKeys).toEqual([]);
    expect(invitation.ownResponse).toBe('tentative');
  });

  it("Google's event id is the UID's local part: the chips of Google Calendar and this export meet on their keys", () => {
    const page = new Window({ url: 'https://calendar.google.com/calendar/u/0/r/week/2026/10/5' });
    page.document.write(renderGoogleCalendar(WEEK_EVENTS, { locale: 'nl' }));
    const chips = readGoogleCalendar(page.document as unknown as Document, { now: new Date(NOW), timeZone: TIME_ZONE }).meetings;
    const fromFile = new Map(result.meetings.flatMap((meeting) => meeting.crossKeys.map((key) => [key, meeting] as const)));
    const matched = chips.filter((chip) => fromFile.has(chip.meetingKey));
    // the one-off meeting, the weekly instance (id + "_" + original start in UTC), the all-day event
    expect(matched.map((chip) => chip.title).sort()).toEqual([
      'Partneroverleg wijkaanpak, deel 2',
      'Wekelijks afstemmen team',
      'Werkbezoek Deventer',
    ]);
    for (const chip of matched) {
      const meeting = fromFile.get(chip.meetingKey)!;
      expect([meeting.title, meeting.start, meeting.end, meeting.allDay]).toEqual([
        chip.title,
        chip.start,
        chip.end,
        chip.allDay,
      ]);
    }
  });
});

describe('an Outlook export with Windows zone names', () => {
  const result = run(fixture('outlook-export.ics'));
  const at = (title: string) => result.meetings.find((meeting) => meeting.title === title);

  it.each([
    ['its own VTIMEZONE "W. Europe Standard Time"', 'Overleg wethouder Zorg, Welzijn', '2026-10-14T08:00:00Z', 'busy'],
    ['"Romance Standard Time" without a VTIMEZONE', 'Kennismaking Brussel', '2026-10-15T12:00:00Z', 'tentative'],
    ['"GMT Standard Time" without a VTIMEZONE (summer time in London)', 'Call met Londen', '2026-10-15T15:00:00Z', 'busy'],
    ["Outlook's display text for Amsterdam", 'Werkbezoek Apeldoorn', '2026-10-16T07:00:00Z', 'oof'],
    ['Europe/Amsterdam without a VTIMEZONE, in winter time', 'Na de wintertijd', '2026-11-02T09:00:00Z', 'busy'],
  ])('%s', (_name, title, start, showAs) => {
    expect(at(title)).toMatchObject({ start: utc(start), showAs });
  });

  it('a zone nobody knows: that event counted with its position, the rest read', () => {
    expect(at('Onbekende zone')).toBeUndefined();
    expect(result.summary.errors).toEqual({ 'unknown-time-zone': 1 });
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'unknown-time-zone', event: 6, uid: expect.stringMatching(/^040000/) }),
    ]);
    expect(result.meetings).toHaveLength(5);
  });

  it('attendees from ATTENDEE and ORGANIZER, the organiser flagged once', () => {
    expect(at('Overleg wethouder Zorg, Welzijn')!.attendees).toEqual([
      { name: 'Jeroen Smit', address: 'j.smit@deventer.nl', response: 'needs-action', organiser: true },
      { name: 'Sanne de Vries', address: USER, response: 'accepted', organiser: false },
    ]);
    expect(at('Overleg wethouder Zorg, Welzijn')!.location).toBe('Stadskantoor Deventer, zaal 3');
  });

  it.each([
    ['W. Europe Standard Time', 'Europe/Amsterdam'],
    ['Romance Standard Time', 'Europe/Brussels'],
    ['GMT Standard Time', 'Europe/London'],
    ['UTC', 'UTC'],
    ['/mozilla.org/20050126_1/Europe/Amsterdam', 'Europe/Amsterdam'],
    ['America/Paramaribo', 'America/Paramaribo'],
    ['Mars Standard Time', null],
  ])('zone %s is %s', (tzid, iana) => {
    expect(ianaZoneOf(tzid)).toBe(iana);
  });
});

describe('a series with exceptions', () => {
  const result = run(fixture('series-with-exceptions.ics'), { maxOccurrencesPerSeries: 100 });
  const of = (uid: string) => result.meetings.filter((meeting) => meeting.uid === uid);

  it('COUNT, EXDATE, a moved instance, a cancelled and a declined one', () => {
    const overleg = of('overleg-sociaal-domein-2026@zwolle.nl');
    // first Tuesdays Sep 2026 - Apr 2027 (COUNT=8); the window ends 1 March: Sep, Oct (moved),
    // Nov (cancelled), Dec (EXDATE), Jan (declined), Feb
    expect(overleg.map((meeting) => [meeting.meetingKey.split('#')[1], meeting.start, meeting.title])).toEqual([
      ['20260901T120000Z', utc('2026-09-01T12:00:00Z'), 'Overleg sociaal domein'],
      ['20261006T120000Z', utc('2026-10-07T13:00:00Z'), 'Overleg sociaal domein (verplaatst)'],
      ['20270202T130000Z', utc('2027-02-02T13:00:00Z'), 'Overleg sociaal domein'],
    ]);
    expect(overleg[1]!.location).toBe('Raadszaal');
    expect(result.summary.dropped).toEqual({ cancelled: 1, declined: 1, duplicate: 0 });
  });

  it('UNTIL in UTC is inclusive', () => {
    expect(of('buurtteam-weesp@weesp.nl').map((meeting) => meeting.start)).toEqual(
      [
        '2026-10-01T08:00:00Z',
        '2026-10-15T08:00:00Z',
        '2026-10-29T09:00:00Z',
        '2026-11-12T09:00:00Z',
        '2026-11-26T09:00:00Z',
      ].map(utc),
    );
  });

  it('a daily series without end: only within the window, and capped', () => {
    const daily = of('dagstart@buurtkracht.nl');
    expect(daily).toHaveLength(100);
    expect(daily[0]!.start).toBe(utc('2026-09-01T06:30:00Z'));
    expect(result.summary.seriesCapped).toBe(1);
    const uncapped = run(fixture('series-with-exceptions.ics'), { maxOccurrencesPerSeries: 1000 });
    // 1 September 2026 up to 1 March 2027: 181 days
    expect(uncapped.meetings.filter((meeting) => meeting.uid === 'dagstart@buurtkracht.nl')).toHaveLength(181);
    expect(uncapped.summary.seriesCapped).toBe(0);
  });

  it('an instance whose series is not in the file is a meeting of its own', () => {
    expect(of('raadscommissie-2026@deventer.nl')).toEqual([
      expect.objectContaining({
        meetingKey: 'ics:raadscommissie-2026@deventer.nl#20261020T173000Z',
        start: utc('2026-10-20T17:30:00Z'),
        recurring: true,
      }),
    ]);
  });
});

describe('cancelled, tentative, broken', () => {
  it('METHOD:CANCEL: nothing of the file is a meeting', () => {
    const result = run(fixture('cancelled.ics'));
    expect(result.meetings).toEqual([]);
    expect(result.summary).toMatchObject({ eventsRead: 1, meetings: 0, dropped: { cancelled: 1, declined: 0, duplicate: 0 } });
  });

  it('a cancelled event is no meeting but a cancellation under its own key, with its time (10:00 in Deventer is 08:00 UTC)', () => {
    const result = run(fixture('cancelled.ics'));
    expect(result.cancellations.map((meeting) => [meeting.meetingKey, meeting.status, meeting.start])).toEqual([
      ['ics:040000008200E00074C5B7101A82E00800000000AAAABBBBCCCCDDDD', 'cancelled', utc('2026-10-14T08:00:00Z')],
    ]);
    expect(result.cancellations.every((meeting) => MeetingObservationSchema.safeParse(meeting).success)).toBe(true);
  });

  it('a declined event is a cancellation too, with the answer the user gave', () => {
    const result = run(fixture('google-export.ics'));
    expect(result.cancellations).toHaveLength(result.summary.dropped.declined + result.summary.dropped.cancelled);
    expect(result.cancellations.filter((meeting) => meeting.ownResponse === 'declined')).toHaveLength(
      result.summary.dropped.declined,
    );
    expect(result.summary.dropped.declined).toBeGreaterThan(0);
  });

  it('STATUS:CANCELLED dropped, STATUS:TENTATIVE kept as tentative', () => {
    const result = run(fixture('cancelled-in-published.ics'));
    expect(result.meetings.map((meeting) => [meeting.title, meeting.status])).toEqual([
      ['Misschien: lunch met de griffier', 'tentative'],
    ]);
    expect(result.summary.dropped.cancelled).toBe(1);
  });

  it('broken events are counted by kind with their position; the good ones are read', () => {
    const result = run(fixture('broken-events.ics'));
    expect(result.problems).toEqual([
      { kind: 'no-start', event: 2, line: 29, uid: 'zonder-start@example.nl' },
      { kind: 'bad-date', event: 3, line: 35, uid: 'slechte-datum@example.nl' },
      { kind: 'unparsable-event', event: 4, line: 41, uid: null },
    ]);
    expect(result.summary.errors).toEqual({ 'no-start': 1, 'bad-date': 1, 'unparsable-event': 1 });
    expect(result.meetings.map((meeting) => meeting.title)).toEqual([
      'Goed 1',
      'Goed 2, hele dag',
      'Zwevende tijd',
      'Zonder UID',
    ]);
  });

  it("no UID: a key derived from the content; a floating time in the calendar's zone, else the user's", () => {
    const result = run(fixture('broken-events.ics'));
    const withoutUid = result.meetings.find((meeting) => meeting.title === 'Zonder UID')!;
    expect(withoutUid).toMatchObject({ idSource: 'derived', uid: null, crossKeys: [] });
    expect(withoutUid.meetingKey).toMatch(/^ics:derived:[0-9a-f]{16}$/);
    expect(result.summary.withoutUid).toBe(1);
    expect(result.meetings.find((meeting) => meeting.title === 'Zwevende tijd')!.start).toBe(utc('2026-10-16T07:00:00Z'));
    const london = run(fixture('broken-events.ics').replace('VERSION:2.0', 'VERSION:2.0\r\nX-WR-TIMEZONE:Europe/London'));
    expect(london.meetings.find((meeting) => meeting.title === 'Zwevende tijd')!.start).toBe(utc('2026-10-16T08:00:00Z'));
  });

  it('an all-day event without DTEND lasts its day', () => {
    const goed2 = run(fixture('broken-events.ics')).meetings.find((meeting) => meeting.title === 'Goed 2, hele dag')!;
    expect([goed2.start, goed2.end]).toEqual([utc('2026-10-14T22:00:00Z'), utc('2026-10-15T22:00:00Z')]);
  });
});

describe('files that are not iCalendar', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);
  it.each([
    ['empty', '', 'empty'],
    ['only white space', ' \r\n\t\r\n', 'empty'],
    ['empty bytes', new Uint8Array(0), 'empty'],
    ['a zip (Google Calendar exports a zip of .ics files)', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00), 'zip'],
    ['a PDF', '%PDF-1.7\n%âãÏÓ\n1 0 obj', 'pdf'],
    ['HTML (a login page saved as .ics)', '<!DOCTYPE html><html><head><title>Sign in</title>', 'html'],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Erik Bosman\r\nEND:VCARD\r\n', 'not-icalendar'],
    ['plain text', 'Afspraak dinsdag 15:00 met Erik', 'not-icalendar'],
    ['cut off in the middle of an event', fixture('truncated.ics'), 'truncated'],
    ['no END:VCALENDAR after a complete event', fixture('cancelled.ics').replace(/END:VCALENDAR\r\n$/, ''), 'truncated'],
  ])('%s', (_name, input, error) => {
    const result = run(input as string | Uint8Array);
    expect(result.fileError).toBe(error);
    expect(result.meetings).toEqual([]);
  });

  it.each([
    ['with a byte order mark', `\uFEFF${fixture('cancelled-in-published.ics')}`],
    ['as bytes', new TextEncoder().encode(fixture('cancelled-in-published.ics'))],
    ['with LF line ends', fixture('cancelled-in-published.ics').replace(/\r\n/g, '\n')],
    [
      'two calendars in one file',
      fixture('cancelled-in-published.ics') + fixture('cancelled-in-published.ics').replace(/doorgaand456/g, 'doorgaand789'),
    ],
  ])('read %s', (_name, input) => {
    const result = run(input);
    expect(result.fileError).toBeNull();
    expect(result.meetings.length).toBeGreaterThan(0);
  });

  it('a missing END:VEVENT spoils that event only', () => {
    const text = fixture('broken-events.ics').replace('SUMMARY:Goed 1\r\nEND:VEVENT\r\n', 'SUMMARY:Goed 1\r\n');
    const result = run(text);
    expect(result.fileError).toBeNull();
    expect(result.meetings.map((meeting) => meeting.title)).not.toContain('Goed 1');
    expect(result.meetings.map((meeting) => meeting.title)).toContain('Goed 2, hele dag');
  });
});

describe('in slices, with progress', () => {
  it('any slicing gives the same result; progress per phase, ending with done', () => {
    const text = fixture('series-with-exceptions.ics');
    const whole = run(text);
    const progress: IcsProgress[] = [];
    const job = createIcsImport(text, { ...OPTIONS, onProgress: (step) => progress.push(step) });
    let slices = 0;
    while (!job.step(0)) slices++;
    expect(job.result()).toEqual(whole);
    expect(slices).toBeGreaterThan(5);
    expect(progress.at(-1)!.phase).toBe('done');
    expect([...new Set(progress.map((step) => step.phase))]).toEqual(['scan', 'parse', 'expand', 'done']);
    for (const phase of ['parse', 'expand'] as const) {
      const done = progress.filter((step) => step.phase === phase).map((step) => step.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    }
  });

  it('importIcs yields to the host between slices', async () => {
    let yields = 0;
    const result = await importIcs(fixture('series-with-exceptions.ics'), {
      ...OPTIONS,
      sliceMs: 0,
      yieldToHost: async () => {
        yields++;
      },
    });
    expect(yields).toBeGreaterThan(5);
    expect(result.meetings).toEqual(run(fixture('series-with-exceptions.ics')).meetings);
    expect(result.longestSliceMs).toBeGreaterThanOrEqual(0);
  });
});

describe('a file with 5,000 events', () => {
  it('reads them all: series expanded, cancelled and declined counted, every meeting valid and keyed once', async () => {
    const file = generateIcs(5_000);
    const result = await importIcs(file.text, {
      window: { start: Date.UTC(2024, 0, 1), end: Date.UTC(2028, 0, 1) },
      userAddresses: [GENERATED_USER],
      timeZone: 'Europe/Amsterdam',
      yieldToHost: async () => {},
    });
    const singles = file.events - 2 * file.series - file.cancelled - file.declined;
    // each series: ten weeks, one left out by EXDATE, one moved (still one meeting)
    expect(result.summary).toEqual({
      eventsRead: 5_000,
      meetings: singles + 9 * file.series,
      series: file.series,
      seriesCapped: 0,
      dropped: { cancelled: file.cancelled, declined: file.declined, duplicate: 0 },
      errors: {},
      withoutUid: 0,
    });
    expect(new Set(result.meetings.map((meeting) => meeting.meetingKey)).size).toBe(result.meetings.length);
    for (const meeting of result.meetings) expect(MeetingObservationSchema.safeParse(meeting).success).toBe(true);
  }, 60_000);
});
