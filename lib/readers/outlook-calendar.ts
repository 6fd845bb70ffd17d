/**
 * Outlook calendar reader (outlook.office.com, outlook.office365.com, outlook.live.com,
 * outlook.cloud.microsoft at `/calendar/...`): the visible events of the day, work week, week and
 * month surfaces, and the event card or full event view when open -> meeting observations.
 * A pure function of a Document, like every reader: attributes and text only, nothing clicked,
 * unknown markup reported in `health`, no time guessed.
 *
 * Outlook's event buttons carry no id: their accessible name is the whole event,
 * "<Subject>, 9:00 AM to 9:30 AM, Tuesday, April 14, 2026[, <Location>][, By <Organizer>],
 * <Busy|Tentative|Free|OOF>[, Recurring event|Exception to recurring event]" (en-US, captured
 * live), in nl and en-GB our renderings of the same grammar. Subjects, locations and organiser
 * names ("Org, Alpha") hold commas, so the name is read from both ends: show-as, recurrence and
 * "By <organiser>" from the end, the time and date (lifted out whole) as the anchor after the
 * subject, the location between them.
 *
 * Keys: `outlook-cal:<hash of subject and start>` (idSource 'derived'); the card and the full view
 * of the same event give the same key. Attendees are names without addresses: Outlook's calendar
 * shows none. Matching them to known contacts is the store's work (with evidence, an ambiguous
 * name kept open).
 */
import type {
  CalendarReaderHealth,
  CalendarReaderProblem,
  MeetingAttendee,
  MeetingObservation,
  MeetingResponse,
} from '../messaging/observations';
import { fnv1a } from '../fnv1a';
import { $$, $optional, foldWhitespace, isRendered, joinSelectors, textLines, textOf } from './dom';
import { wallClockIn, type CivilDate, type DateParseOptions } from './dates';
import {
  civilDateOf,
  clockRange,
  escapeRegExp,
  instantOf,
  liftLabel,
  nextDay,
  parseClockTime,
  tokenPattern,
  wordKey,
} from './calendar-text';
import { OUTLOOK_CALENDAR_PATH, OUTLOOK_CALENDAR_SELECTORS as S, OUTLOOK_CALENDAR_TEXT as T } from './outlook-calendar-selectors';
import { parseOutlookDate } from './outlook-dates';
import { readOutlookAccount } from './outlook';
import { countProblem, type CalendarReadOptions, type CalendarReaderResult } from './types';

type Problems = Partial<Record<CalendarReaderProblem, number>>;
type ShowAs = NonNullable<MeetingObservation['showAs']>;

const TITLE_MAX = 1000;
const NAME_MAX = 300;
const RAW_MAX = 200;

interface Context {
  account: string | null;
  /** the owner's display name (page title): the one attendee whose address we know */
  ownerName: string | null;
  dates: DateParseOptions;
  timeZone: string | undefined;
  problems: Problems;
}

export function readOutlookCalendar(root: Document, options: CalendarReadOptions): CalendarReaderResult {
  const { account, ownerName } = readOutlookAccount(root);
  const context: Context = {
    account,
    ownerName,
    dates: {
      now: options.now,
      timeZone: options.timeZone,
      localeHint: options.localeHint ?? (root.documentElement?.getAttribute('lang') || undefined),
    },
    timeZone: options.timeZone,
    problems: {},
  };
  const problems = context.problems;
  const health = (
    view: CalendarReaderHealth['view'],
    status: CalendarReaderHealth['status'],
    seen = 0,
    read = 0,
  ): CalendarReaderHealth => ({
    view,
    status,
    itemsSeen: seen,
    itemsRead: read,
    problems,
  });
  if (!isCalendarPath(root)) return { account, meetings: [], health: health('other', 'ok') };

  const meetings = new Map<string, MeetingObservation>();
  let seen = 0;
  const views = fullViews(root);
  // the module around a full view is no surface of its own
  const surfaces = visible(S.surface, root).filter((surface) => !views.some((view) => surface.contains(view)));
  for (const surface of surfaces) {
    for (const button of eventButtons(surface)) {
      const label = foldWhitespace(button.getAttribute('aria-label') ?? '');
      const parsed = parseOutlookEventLabel(label, context.dates);
      if (!parsed && !looksLikeEvent(label)) continue; // a navigation button
      const meeting = parsed ? fromLabel(parsed) : unreadLabel(label);
      if (meetings.has(meeting.meetingKey)) continue; // a multi-day event's next day
      // kept with its text, no time: "unparsable label dates keep the raw text and count no meeting"
      if (meeting.start === null) countProblem(problems, 'unparsable-date');
      seen++;
      meetings.set(meeting.meetingKey, meeting);
    }
  }

  let opened = false;
  let openKey: string | null = null;
  for (const card of [...visible(S.card, root), ...views]) {
    const fromCard = readOpened(card, context);
    if (!fromCard) continue;
    opened = true;
    openKey = fromCard.meetingKey;
    const known = meetings.get(fromCard.meetingKey);
    if (!known) seen++;
    meetings.set(fromCard.meetingKey, known ? merge(known, fromCard) : fromCard);
  }

  const list = [...meetings.values()];
  if (surfaces.length === 0 && !opened) {
    countProblem(problems, 'unknown-markup');
    return { account, meetings: [], health: health('other', 'unrecognised') };
  }
  const status = Object.keys(problems).length > 0 ? 'partial' : 'ok';
  return { account, meetings: list, health: health(opened ? 'event' : 'calendar', status, seen, list.length), openKey };
}

// ---------------------------------------------------------------------------------------------
// page

function isCalendarPath(root: Document): boolean {
  try {
    const url = new URL(root.URL);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return true;
    return OUTLOOK_CALENDAR_PATH.test(url.pathname);
  } catch {
    return true;
  }
}

/** The rendered matches of the selectors, outermost only (a surface inside the module is one). */
function visible(selectors: readonly string[], root: Document): Element[] {
  const found = $$(selectors, root).filter((element) => isRendered(element, { ignoreAriaHidden: true }));
  return found.filter((element) => !found.some((other) => other !== element && other.contains(element)));
}

/** The regions that show one event in full: a heading and people, not inside a calendar surface. */
function fullViews(root: Document): Element[] {
  const surface = joinSelectors(S.surface.slice(0, 3));
  return visible(S.fullView, root).filter(
    (view) => !view.closest(surface) && $optional(S.heading, view) !== null && personButtons(view).length > 0,
  );
}

const ANY_BUTTON = '[role="button"]';

function eventButtons(surface: Element): Element[] {
  const toolbar = joinSelectors(S.navigation);
  return $$(S.eventButton, surface).filter(
    (button) =>
      !button.closest(toolbar) &&
      // a button inside an event (an RSVP or join button) is not an event of its own
      !button.parentElement?.closest(ANY_BUTTON) &&
      !(T.notEvents as readonly string[]).includes(wordKey(button.getAttribute('aria-label') ?? '')),
  );
}

/** A name the parser did not read but that has the shape of an event: parts and a year. */
function looksLikeEvent(label: string): boolean {
  return label.split(', ').length >= 3 && /\b(?:19|20)\d{2}\b/.test(label);
}

// ---------------------------------------------------------------------------------------------
// the accessible name of an event

export interface OutlookEventLabel {
  subject: string;
  start: number | null;
  end: number | null;
  /** the time and date parts as written */
  whenRaw: string;
  allDay: boolean;
  location: string | null;
  organiser: string | null;
  showAs: ShowAs | null;
  recurring: boolean;
  exception: boolean;
  cancelled: boolean;
}

const RANGE = `\\s*(?:${T.rangeWords.map(escapeRegExp).join('|')})\\s*`;
const [D, TM] = [tokenPattern('D'), tokenPattern('T')];
const TIMES = new RegExp(`^${TM}${RANGE}${TM}$`, 'i');
const DATE_ONLY = new RegExp(`^${D}$`);
const DATES = new RegExp(`^${D}${RANGE}${D}$`, 'i');

/**
 * The parts of an event's accessible name, or null when it is not one (a navigation button) or
 * its time or date is not one we read (then nothing of it is guessed).
 */
export function parseOutlookEventLabel(label: string, dates: DateParseOptions): OutlookEventLabel | null {
  const { tokens, parts, lifted } = liftLabel(label);
  // from the end: recurrence, show-as, "By <organiser>"
  let last = tokens.length - 1;
  let recurring = false;
  let exception = false;
  const tail = wordKey(parts[last] ?? '');
  if ((T.exception as readonly string[]).includes(tail)) {
    recurring = exception = true;
    last--;
  } else if ((T.recurring as readonly string[]).includes(tail)) {
    recurring = true;
    last--;
  }
  const showAs = showAsOf(parts[last] ?? '');
  if (showAs) last--;

  // the anchor: a time range or "all day event", then a date or a range of dates
  let anchor = -1;
  for (let index = 1; index < last; index++) {
    const token = tokens[index]!;
    if (
      (TIMES.test(token) || (T.allDay as readonly string[]).includes(wordKey(parts[index]!))) &&
      (DATE_ONLY.test(tokens[index + 1]!) || DATES.test(tokens[index + 1]!))
    ) {
      anchor = index;
      break;
    }
  }
  if (anchor < 0) return null;

  let organiserAt = -1;
  for (let index = last; index > anchor + 1; index--) {
    const key = wordKey(parts[index]!);
    if (T.organiserPrefixes.some((prefix) => key.startsWith(prefix))) {
      organiserAt = index;
      break;
    }
  }
  let organiser: string | null = null;
  if (organiserAt >= 0) {
    const first = parts[organiserAt]!;
    const prefix = T.organiserPrefixes.find((candidate) => wordKey(first).startsWith(candidate))!;
    organiser = [first.slice(prefix.length), ...parts.slice(organiserAt + 1, last + 1)].join(', ').trim() || null;
  }
  const locationParts = parts.slice(anchor + 2, organiserAt >= 0 ? organiserAt : last + 1);
  let subject = parts.slice(0, anchor).join(', ');
  const cancelledPrefix = T.cancelledPrefixes.find((prefix) => subject.toLowerCase().startsWith(prefix));
  if (cancelledPrefix) subject = subject.slice(cancelledPrefix.length);

  const timeMatch = TIMES.exec(tokens[anchor]!);
  const dateToken = tokens[anchor + 1]!;
  const dateMatch = DATE_ONLY.exec(dateToken) ?? DATES.exec(dateToken)!;
  const first = civilDateOf(lifted.get(dateMatch[1]!) ?? '', dates);
  const lastDay = dateMatch[2] ? civilDateOf(lifted.get(dateMatch[2]) ?? '', dates) : first;
  const whenRaw = `${parts[anchor]}, ${parts[anchor + 1]}`.slice(0, RAW_MAX);
  const moment = momentOf(timeMatch, first, lastDay, dateMatch[2] !== undefined, lifted, dates.timeZone);
  return {
    subject: subject.slice(0, TITLE_MAX),
    ...moment,
    whenRaw,
    location: locationParts.join(', ').slice(0, TITLE_MAX) || null,
    organiser: organiser?.slice(0, NAME_MAX) ?? null,
    showAs,
    recurring,
    exception,
    cancelled: cancelledPrefix !== undefined,
  };
}

function momentOf(
  times: RegExpExecArray | null,
  first: CivilDate | null,
  last: CivilDate | null,
  dayRange: boolean,
  lifted: Map<string, string>,
  zone: string | undefined,
): { start: number | null; end: number | null; allDay: boolean } {
  if (!first || !last) return { start: null, end: null, allDay: !times };
  if (!times) {
    // "all day event, <first> to <last>": the last day is included, the end is the next midnight
    return { start: instantOf(first, null, zone), end: instantOf(nextDay(last), null, zone), allDay: true };
  }
  const range = clockRange(lifted.get(times[1]!) ?? '', lifted.get(times[2]!) ?? '');
  // a time range over a range of days is a shape we have not seen: not read rather than guessed
  if (!range || dayRange) return { start: null, end: null, allDay: false };
  const [start, end] = range;
  const endDay = end.hour * 60 + end.minute <= start.hour * 60 + start.minute ? nextDay(first) : first;
  return { start: instantOf(first, start, zone), end: instantOf(endDay, end, zone), allDay: false };
}

function showAsOf(part: string): ShowAs | null {
  const key = wordKey(part);
  for (const [showAs, words] of Object.entries(T.showAs) as Array<[ShowAs, readonly string[]]>) {
    if (words.includes(key)) return showAs;
  }
  return null;
}

function meetingKey(subject: string, start: number | null, raw: string): string {
  return `outlook-cal:${fnv1a(`${subject.toLowerCase()}\u0001${start ?? raw}`)}`;
}

function fromLabel(label: OutlookEventLabel): MeetingObservation {
  return {
    meetingKey: meetingKey(label.subject, label.start, label.whenRaw),
    idSource: 'derived',
    uid: null,
    crossKeys: [],
    title: label.subject,
    start: label.start,
    startRaw: label.whenRaw,
    end: label.end,
    endRaw: label.whenRaw,
    allDay: label.allDay,
    location: label.location,
    attendees: label.organiser ? [{ name: label.organiser, address: null, response: 'unknown', organiser: true }] : [],
    attendeeCount: null,
    ownResponse: null,
    showAs: label.showAs,
    status: label.cancelled ? 'cancelled' : 'confirmed',
    recurring: label.recurring,
  };
}

/** A name with an event's shape that we could not read: kept as raw text, no time. */
function unreadLabel(label: string): MeetingObservation {
  const raw = label.slice(0, RAW_MAX);
  return {
    meetingKey: meetingKey('', null, label),
    idSource: 'derived',
    uid: null,
    crossKeys: [],
    title: '',
    start: null,
    startRaw: raw,
    end: null,
    endRaw: raw,
    allDay: false,
    location: null,
    attendees: [],
    attendeeCount: null,
    ownResponse: null,
    showAs: null,
    status: 'confirmed',
    recurring: false,
  };
}

// ---------------------------------------------------------------------------------------------
// the card and the full view

/** "Opens card for <name>" -> the name; null for other buttons. */
function personName(button: Element): string | null {
  const label = foldWhitespace(button.getAttribute('aria-label') ?? '');
  const key = label.toLowerCase();
  const prefix = T.personPrefixes.find((candidate) => key.startsWith(candidate));
  return prefix ? label.slice(prefix.length).trim().slice(0, NAME_MAX) || null : null;
}

function personButtons(container: Element): Element[] {
  return $$(S.person, container).filter((button) => personName(button) !== null);
}

/**
 * A card or full view: its subject, the date line ("Tue 4/14/2026 9:00 AM - 9:30 AM"), "Series",
 * the organiser and attendees by name, and the answer counts. Null when it holds no subject.
 */
function readOpened(container: Element, context: Context): MeetingObservation | null {
  const heading = $optional(S.heading, container);
  let subject = textOf(heading);
  if (!subject) return null;
  const cancelledPrefix = T.cancelledPrefixes.find((prefix) => subject.toLowerCase().startsWith(prefix));
  if (cancelledPrefix) subject = subject.slice(cancelledPrefix.length);
  const lines = textLines(container, { maxChars: 4000 });
  let when: { start: number | null; end: number | null; allDay: boolean; raw: string } | null = null;
  let recurring = false;
  let count: number | null = null;
  for (const line of lines) {
    const key = wordKey(line);
    if ((T.series as readonly string[]).includes(key)) recurring = true;
    else if (T.countLine.test(line)) count = [...line.matchAll(/\d+/g)].reduce((sum, match) => sum + Number(match[0]), 0);
    else if (!when && line !== subject) when = readDateLine(line, context);
  }
  if (!when) countProblem(context.problems, 'no-date');
  else if (when.start === null) countProblem(context.problems, 'unparsable-date');

  const attendees: MeetingAttendee[] = [];
  for (const button of personButtons(container)) {
    const name = personName(button)!;
    const group = wordKey(button.closest(S.personGroup)?.getAttribute('aria-label') ?? '');
    const organiser =
      (T.groups.organiser as readonly string[]).includes(group) || (attendees.length === 0 && !button.closest(S.personGroup));
    const response = responseOfGroup(group);
    const known = attendees.find((attendee) => attendee.name.toLowerCase() === name.toLowerCase());
    if (known) {
      known.organiser ||= organiser;
      if (known.response === 'unknown') known.response = response;
      continue;
    }
    const own = context.account !== null && name.toLowerCase() === context.ownerName?.toLowerCase();
    attendees.push({ name, address: own ? context.account : null, response, organiser });
  }
  const raw = when?.raw ?? null;
  const owner = attendees.find((attendee) => attendee.address !== null && attendee.address === context.account);
  return {
    meetingKey: meetingKey(subject, when?.start ?? null, raw ?? subject),
    idSource: 'derived',
    uid: null,
    crossKeys: [],
    title: subject.slice(0, TITLE_MAX),
    start: when?.start ?? null,
    startRaw: raw,
    end: when?.end ?? null,
    endRaw: raw,
    allDay: when?.allDay ?? false,
    location: null,
    attendees,
    attendeeCount: count,
    ownResponse: owner && owner.response !== 'unknown' ? owner.response : null,
    showAs: null,
    status: cancelledPrefix ? 'cancelled' : 'confirmed',
    recurring,
  };
}

function responseOfGroup(group: string): MeetingResponse {
  for (const response of ['accepted', 'tentative', 'declined', 'needs-action'] as const) {
    if ((T.groups[response] as readonly string[]).includes(group)) return response;
  }
  return 'unknown';
}

const DATE_LINE = /^(.+?\d{1,2}:\d{2}(?:\s?[ap]\.?\s?m\.?)?)\s+[-–]\s+(.+)$/i;

/**
 * The card's date line in the regional short format: "Tue 4/14/2026 9:00 AM - 9:30 AM",
 * "di 14-4-2026 9:00 - 9:30", or over two days "... - Wed 4/15/2026 10:00 AM". Null when the line
 * is not a date line at all; a date line we cannot read keeps its text with null times.
 */
function readDateLine(
  line: string,
  context: Context,
): { start: number | null; end: number | null; allDay: boolean; raw: string } | null {
  const raw = line.slice(0, RAW_MAX);
  const match = DATE_LINE.exec(line);
  if (!match || !/\d/.test(match[1]!)) return null;
  const start = parseOutlookDate(match[1]!, context.dates).at;
  if (start === null)
    return /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(match[1]!) ? { start: null, end: null, allDay: false, raw } : null;
  const endText = match[2]!.trim();
  const endTime = parseClockTime(endText);
  let end: number | null;
  if (endTime) {
    const clock = context.timeZone ? wallClockIn(start, context.timeZone) : localDay(start);
    end = instantOf(clock, endTime, context.timeZone);
    if (end !== null && end <= start) end = instantOf(nextDay(clock), endTime, context.timeZone);
  } else {
    end = parseOutlookDate(endText, context.dates).at;
  }
  return { start, end, allDay: false, raw };
}

function localDay(epoch: number): CivilDate {
  const date = new Date(epoch);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** The surface's facts, completed by the card's people, count and series line. */
function merge(fromSurface: MeetingObservation, fromCard: MeetingObservation): MeetingObservation {
  return {
    ...fromSurface,
    attendees: fromCard.attendees.length > 0 ? fromCard.attendees : fromSurface.attendees,
    ownResponse: fromCard.ownResponse ?? fromSurface.ownResponse,
    attendeeCount: fromCard.attendeeCount ?? fromSurface.attendeeCount,
    recurring: fromSurface.recurring || fromCard.recurring,
  };
}
