/**
 * The calendars, end to end in Chromium with the BUILT extension, at the real hostnames: Sanne
 * wrote three times to Erik Bosman (Zwolle) who never answered (tests/fixtures/latency-scenario.ts),
 * so the toolbar badge warns about him. Then:
 * - Google Calendar (calendar.google.com) shows a week with the partneroverleg they held with him
 *   (the event's dialog open, guests with their addresses): his warning clears, in IndexedDB, on
 *   the toolbar badge and in the popup ("overleg op 6 okt");
 * - Outlook's calendar (outlook.office.com/calendar) shows the same week with the meeting's card
 *   open (names only, no addresses): the meeting is stored, Erik found by his name, with evidence;
 * - an .ics file with a meeting planned with him, given to the real ics-import page: the popup's
 *   Zwolle detail shows it as the next meeting; the same file again with the meeting moved
 *   updates it, and with STATUS:CANCELLED it stops counting.
 * Nothing reaches the network (useExtension checks after every test).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LatencyRecord, Meeting } from '@/lib/store/schemas';
import { WEEK_EVENTS } from '../fixtures/calendar/calendar-scenario';
import { renderGoogleCalendar } from '../fixtures/calendar/render-google-calendar';
import { renderOutlookCalendar } from '../fixtures/calendar/render-outlook-calendar';
import { LATENCY_SCENARIO, SILENT_PERSON_ID, UNANSWERED_THREAD_ID } from '../fixtures/latency-scenario';
import { gmailHash, renderGmail } from '../fixtures/render-gmail';
import { personById } from '../fixtures/scenario';
import { useExtension, waitForStore, type LaunchedExtension } from './harness';

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const ERIK = personById(LATENCY_SCENARIO, SILENT_PERSON_ID);
const CONTACT_ID = `c:${ERIK.address.toLowerCase()}`;
const conversation = { view: 'conversation', threadId: UNANSWERED_THREAD_ID, expandAll: true, timeZone: localZone } as const;
const GMAIL_URL = `https://mail.google.com/mail/u/0/${gmailHash(LATENCY_SCENARIO, conversation)}`;
/** The week's meeting with Erik: he organises, Sanne accepted (calendar-scenario.ts). */
const OVERLEG = WEEK_EVENTS.find((event) => event.guests?.some((guest) => guest.address === ERIK.address))!;
const GOOGLE_WEEK_URL = 'https://calendar.google.com/calendar/u/0/r/week/2026/10/5';
const OUTLOOK_WEEK_URL = 'https://outlook.office.com/calendar/view/week';

/** Gmail with its side panel's calendar: the same conversation, and the calendar of that day in an iframe. */
const GMAIL_WITH_CALENDAR_URL = `https://mail.google.com/mail/u/1/${gmailHash(LATENCY_SCENARIO, conversation)}`;
const CALENDAR_FRAME_PATH = 'calendar.google.com/calendar/u/0/r/day/2026/10/6';
const gmailWithCalendarFrame = renderGmail(LATENCY_SCENARIO, conversation).replace(
  '</body>',
  `<iframe title="Agenda" src="https://${CALENDAR_FRAME_PATH}?gsidebar=1" width="300" height="600"></iframe></body>`,
);

const ROUTES = {
  'mail.google.com/mail/u/0/': renderGmail(LATENCY_SCENARIO, conversation),
  'mail.google.com/mail/u/1/': gmailWithCalendarFrame,
  [CALENDAR_FRAME_PATH]: renderGoogleCalendar(WEEK_EVENTS, {
    locale: 'nl',
    sidePanel: true,
    day: OVERLEG.start.slice(0, 10),
    dialog: OVERLEG.id,
  }),
  'calendar.google.com/calendar/u/0/r/week/2026/10/5': renderGoogleCalendar(WEEK_EVENTS, { locale: 'nl', dialog: OVERLEG.id }),
  'outlook.office.com/calendar/view/week': renderOutlookCalendar(WEEK_EVENTS, { locale: 'nl', card: OVERLEG.id }),
};

async function toolbarBadge(extension: LaunchedExtension): Promise<string> {
  return extension.serviceWorker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );
}

/** Reads the conversation of three unanswered mails: Erik is unresponsive, the badge says 1. Returns the popup. */
async function warnAboutErik(extension: LaunchedExtension): Promise<Page> {
  const mail = await extension.context.newPage();
  await mail.goto(GMAIL_URL);
  await expect.poll(() => toolbarBadge(extension), { timeout: 20_000 }).toBe('1');
  const popup = await extension.openExtensionPage('popup.html');
  const [latency] = await waitForStore<LatencyRecord>(popup, 'latency', (records) =>
    records.some((record) => record.contactId === CONTACT_ID && record.status === 'unresponsive'),
  );
  expect(latency).toMatchObject({ attemptsSinceLastResponse: 3 });
  expect(extension.problemsOf(mail)).toEqual([]);
  await mail.close();
  return popup;
}

const meetingsWithErik = (popup: Page, predicate: (meeting: Meeting) => boolean = () => true) =>
  waitForStore<Meeting>(popup, 'meetings', (records) =>
    records.some((record) => record.contactIds.includes(CONTACT_ID) && predicate(record)),
  );

/** The side panel as it opens beside the tab at `url` (pinned to it with ?tabId=, as the e2e side panel test does). */
async function panelBeside(extension: LaunchedExtension, url: string): Promise<Page> {
  const tabId = await extension.serviceWorker.evaluate(async (pattern) => {
    const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }).chrome;
    return (await chrome.tabs.query({ url: pattern }))[0]!.id;
  }, `${url}*`);
  const panel = await extension.context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html?tabId=${tabId}`);
  return panel;
}

/** The panel beside a calendar tab: the open event, and Erik's card with his municipality. */
async function expectEventInPanel(panel: Page): Promise<void> {
  await panel.getByRole('heading', { level: 2, name: OVERLEG.title }).waitFor({ timeout: 15_000 });
  expect(await panel.locator('.conversation__kind').textContent()).toMatch(/^Afspraak · /);
  const erik = panel.getByRole('article', { name: ERIK.name });
  await expect.poll(() => erik.textContent(), { timeout: 10_000 }).toContain('Zwolle');
  expect(await erik.textContent()).toContain('Ambtenaar');
  // the user is not among the people shown
  expect(await panel.getByRole('article', { name: 'Sanne de Vries' }).count()).toBe(0);
}

/** Opens Zwolle's detail in the popup (reloaded: it shows the store as it is now). */
async function zwolleDetail(popup: Page) {
  await popup.reload();
  const zwolle = popup.locator('li.municipality[data-code="GM0193"]');
  await zwolle.waitFor({ timeout: 10_000 });
  await zwolle.getByRole('button').first().click();
  const detail = popup.getByRole('region', { name: /Zwolle/ });
  await detail.waitFor();
  return detail;
}

describe('Google Calendar at calendar.google.com', () => {
  const launched = useExtension(ROUTES);

  it('a week with a meeting held with a silent contact clears his warning: store, toolbar badge, popup', async () => {
    const { extension } = launched;
    const popup = await warnAboutErik(extension);

    const calendar = await extension.context.newPage();
    await calendar.goto(GOOGLE_WEEK_URL);
    expect(await extension.contentScriptWorlds(calendar)).not.toEqual([]);
    const meetings = await meetingsWithErik(popup);
    const held = meetings.find((meeting) => meeting.contactIds.includes(CONTACT_ID))!;
    expect(held).toMatchObject({ title: OVERLEG.title, status: 'confirmed', allDay: false });
    expect(held.sourceKeys).toContain(`gcal:${OVERLEG.id}`);
    // the day as the page shows it (the reader reads wall-clock times in the browser's zone)
    expect(new Date(held.start!).toISOString().slice(0, 10)).toBe(OVERLEG.start.slice(0, 10));
    // guests with addresses: the one who declined and the user are no attendees, the others are
    // stakeholders only if known (Mark de Vries was never written to)
    expect(held.contactIds).toEqual([CONTACT_ID]);

    // the meeting resets the clock: no warning left
    await expect.poll(() => toolbarBadge(extension), { timeout: 20_000 }).toBe('');
    const [latency] = await waitForStore<LatencyRecord>(popup, 'latency', (records) =>
      records.some((record) => record.contactId === CONTACT_ID && record.status !== 'unresponsive'),
    );
    expect(latency).toMatchObject({ attemptsSinceLastResponse: 0, lastResponseKind: 'meeting', lastResponseAt: held.start });
    const detail = await zwolleDetail(popup);
    await detail.getByText(/overleg op 6 okt/).waitFor({ timeout: 10_000 });

    // the side panel beside the calendar: the open event's people, with their tags and answers
    const panel = await panelBeside(extension, GOOGLE_WEEK_URL);
    await expectEventInPanel(panel);
    expect(await panel.locator('.calendar-event__response').allTextContents()).toEqual(
      expect.arrayContaining(['Komt', 'Nog geen antwoord', 'Komt niet']),
    );

    for (const tab of [calendar, popup, panel]) expect(extension.problemsOf(tab)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
    await Promise.all([calendar.close(), popup.close(), panel.close()]);
  });
});

describe("the calendar frame inside Gmail's side panel", () => {
  const launched = useExtension(ROUTES);

  it('a meeting read in the calendar iframe of a Gmail page counts as for calendar.google.com itself', async () => {
    const { extension } = launched;
    const popup = await warnAboutErik(extension);

    const mail = await extension.context.newPage();
    await mail.goto(GMAIL_WITH_CALENDAR_URL);
    const frame = mail.frame({ url: (url) => url.hostname === 'calendar.google.com' });
    expect(frame).not.toBeNull();
    const meetings = await meetingsWithErik(popup);
    const held = meetings.find((meeting) => meeting.contactIds.includes(CONTACT_ID))!;
    expect(held).toMatchObject({ title: OVERLEG.title, status: 'confirmed' });
    expect(held.sourceKeys).toContain(`gcal:${OVERLEG.id}`);
    // one record, however many frames show it
    expect(meetings.filter((meeting) => meeting.title === OVERLEG.title)).toHaveLength(1);
    await expect.poll(() => toolbarBadge(extension), { timeout: 20_000 }).toBe('');

    expect(extension.problemsOf(mail)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
    await Promise.all([mail.close(), popup.close()]);
  });
});

describe('Outlook calendar at outlook.office.com/calendar', () => {
  const launched = useExtension(ROUTES);

  it('reading a week with the meeting card open stores the meeting, the contact found by his name', async () => {
    const { extension } = launched;
    const popup = await warnAboutErik(extension);

    const calendar = await extension.context.newPage();
    await calendar.goto(OUTLOOK_WEEK_URL);
    const meetings = await meetingsWithErik(popup);
    const held = meetings.find((meeting) => meeting.contactIds.includes(CONTACT_ID))!;
    expect(held).toMatchObject({ title: OVERLEG.title, status: 'confirmed' });
    expect(held.sourceKeys.some((key) => key.startsWith('outlook-cal:'))).toBe(true);
    expect(held.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'meeting-calendar', values: { source: 'outlook-cal' } }),
        expect.objectContaining({ code: 'meeting-attendee-by-name', values: { name: ERIK.name } }),
      ]),
    );
    // one record for the meeting, however often the page is read
    expect(meetings.filter((meeting) => meeting.title === OVERLEG.title)).toHaveLength(1);
    await expect.poll(() => toolbarBadge(extension), { timeout: 20_000 }).toBe('');

    // the side panel beside the calendar: Erik found by his name, shown with his tags
    const panel = await panelBeside(extension, OUTLOOK_WEEK_URL);
    await expectEventInPanel(panel);

    for (const tab of [calendar, popup, panel]) expect(extension.problemsOf(tab)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
    await Promise.all([calendar.close(), popup.close(), panel.close()]);
  });
});

const DAY = 86_400_000;
const UID = 'werkbezoek-holtenbroek-2026@buurtkracht.nl';

/** An .ics as a calendar exports it: one meeting with Erik, `days` from now at 10:00 UTC. */
function icsFile(days: number, extra: string[] = []): { name: string; mimeType: string; buffer: Buffer } {
  const at = new Date(Date.now() + days * DAY);
  const stamp = (date: Date) => `${date.toISOString().slice(0, 10).replaceAll('-', '')}T${date.toISOString().slice(11, 13)}0000Z`;
  at.setUTCHours(10, 0, 0, 0);
  const end = new Date(at.getTime() + 3_600_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Buurtkracht//Agenda-export//NL',
    'BEGIN:VEVENT',
    `UID:${UID}`,
    `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(at)}`,
    `DTEND:${stamp(end)}`,
    'SUMMARY:Werkbezoek Holtenbroek\\, met de wijkcoach',
    'LOCATION:Buurthuis Holtenbroek',
    'ORGANIZER;CN=Sanne de Vries:mailto:sanne@buurtkracht.nl',
    `ATTENDEE;CN=${ERIK.name};PARTSTAT=ACCEPTED:mailto:${ERIK.address}`,
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return { name: 'werkbezoek.ics', mimeType: 'text/calendar', buffer: Buffer.from(lines.join('\r\n')) };
}

async function importIcs(extension: LaunchedExtension, file: ReturnType<typeof icsFile>): Promise<void> {
  const page = await extension.openExtensionPage('ics-import.html');
  await page.locator('input[type=file]').setInputFiles(file);
  const summary = page.getByRole('status', { name: 'Klaar' });
  await summary.waitFor({ timeout: 30_000 });
  expect(await summary.getByTestId('ics-events-read').textContent()).toBe('1 afspraken gelezen');
  expect(extension.problemsOf(page)).toEqual([]);
  await page.close();
}

describe('.ics import through the ics-import page', () => {
  const launched = useExtension(ROUTES);

  it('a planned meeting shows as the next meeting in the popup; moved it moves, cancelled it is gone', async () => {
    const { extension } = launched;
    const popup = await warnAboutErik(extension);

    await importIcs(extension, icsFile(14));
    const [planned] = await meetingsWithErik(popup);
    expect(planned).toMatchObject({ title: 'Werkbezoek Holtenbroek, met de wijkcoach', status: 'confirmed' });
    let detail = await zwolleDetail(popup);
    const next = detail.locator('.meeting--next');
    await next.waitFor({ timeout: 10_000 });
    expect(await next.textContent()).toMatch(/^Volgend overleg: .*Werkbezoek Holtenbroek, met de wijkcoach$/);
    const shownBefore = await next.textContent();
    // planned, not held: the warning stays
    expect(await toolbarBadge(extension)).toBe('1');

    // the same UID a week later: the one record moves
    await importIcs(extension, icsFile(21, ['SEQUENCE:1']));
    const moved = await meetingsWithErik(popup, (meeting) => meeting.start! > planned!.start! + 6 * DAY);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.id).toBe(planned!.id);
    detail = await zwolleDetail(popup);
    await expect.poll(() => detail.locator('.meeting--next').textContent()).not.toBe(shownBefore);

    // and cancelled: kept as cancelled, no next meeting any more
    await importIcs(extension, icsFile(21, ['SEQUENCE:2', 'STATUS:CANCELLED']));
    const cancelled = await meetingsWithErik(popup, (meeting) => meeting.status === 'cancelled');
    expect(cancelled).toHaveLength(1);
    detail = await zwolleDetail(popup);
    await detail.getByText('Nog geen overleg in de agenda').waitFor({ timeout: 10_000 });
    expect(await detail.locator('.meeting--next').count()).toBe(0);

    expect(extension.problemsOf(popup)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
    await popup.close();
  });
});
