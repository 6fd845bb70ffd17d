/**
 * Google Calendar reader: the visible view of calendar.google.com (and the calendar frame in
 * Gmail's side panel) -> meeting observations. A pure function of a Document: reads attributes and
 * text only, never clicks or opens anything, never throws on unknown markup (it says so in
 * `health`), never guesses a time: what it cannot read keeps its raw text and a null instant.
 *
 * What it reads:
 * - every rendered event chip of the day, week, month, custom and agenda views, once per event
 *   (a multi-day event repeats per day, a month's "+3 more" popover repeats chips); tasks and time
 *   blocks (ids `tasks_…`, `ttb_…`) are left out;
 * - the event dialog `#xDetDlg` when open: title, when (and a recurrence line), location,
 *   organiser, guests with their addresses and answers, or only their number.
 *
 * Keys: `gcal:<decoded event id>`. `data-eventid` is base64url of "<event id> <calendar id>"; a
 * recurring instance's event id ends `_<instant>` ("_20261006T130000Z", all-day "_20261006"), so
 * each instance has its own key. The calendar part may be a full or an abbreviated address and is
 * not used. See lib/messaging/observations.ts (MeetingObservation) for the key correspondence
 * with .ics files.
 *
 * Chip labels ("3pm to 4pm, Title, Organizer, Accepted, No location, October 6, 2026") have no
 * fixed order: each comma-separated part is classified on its own (times, dates, answers, "No
 * location"), after dates and times are lifted out whole (they contain commas themselves). What
 * stays are free parts: the title is the chip's visible first line; of the others, the part right
 * before the answer is the organiser and the part right after it the location (the order of both
 * known captures); any other free part is counted ('unclassified-segment'), never used.
 */
import type { CalendarReaderProblem, MeetingAttendee, MeetingObservation, MeetingResponse } from '../messaging/observations';
import { fnv1a } from '../fnv1a';
import { normaliseAddress } from '../vocabulary/address';
import { $$, $optional, addressesIn, foldWhitespace, isRendered, textLines, textOf } from './dom';
import type { CivilDate, DateParseOptions } from './dates';
import { validCivil } from './dates';
import {
  civilDateOf,
  escapeRegExp,
  liftLabel,
  tokenPattern,
  clockRange,
  daysBetween,
  instantOf,
  nextDay,
  wordKey,
  type ClockTime,
} from './calendar-text';
import { GOOGLE_CALENDAR_SELECTORS as S, GOOGLE_CALENDAR_TEXT as T, GOOGLE_TASK_ID_PREFIXES } from './google-calendar-selectors';
import { countProblem, type CalendarReadOptions, type CalendarReaderResult } from './types';

type Problems = Partial<Record<CalendarReaderProblem, number>>;

interface Context {
  dates: DateParseOptions;
  timeZone: string | undefined;
  problems: Problems;
  account: string | null;
  ownerName: string | null;
}

const TITLE_MAX = 1000;
const NAME_MAX = 300;
const RAW_MAX = 200;

export function readGoogleCalendar(root: Document, options: CalendarReadOptions): CalendarReaderResult {
  const { account, ownerName } = readAccount(root);
  const context: Context = {
    ownerName,
    dates: {
      now: options.now,
      timeZone: options.timeZone,
      localeHint: options.localeHint ?? (root.documentElement?.getAttribute('lang') || undefined),
    },
    timeZone: options.timeZone,
    problems: {},
    account,
  };

  const dialog = openDialog(root);
  const chips = visibleChips(root, dialog);
  const meetings = new Map<string, MeetingObservation>();
  let seen = 0;
  for (const chip of chips) {
    const id = eventIdOf(chip);
    if (id && isTask(id)) continue;
    const meeting = readChip(chip, id, context);
    if (meetings.has(meeting.meetingKey)) continue; // a multi-day event's next day, a popover's copy
    seen++;
    meetings.set(meeting.meetingKey, meeting);
  }

  let dialogRead = false;
  let openKey: string | null = null;
  if (dialog) {
    const id = eventIdOf(dialog);
    if (!(id && isTask(id))) {
      const fromDialog = readDialog(dialog, id, meetings, context);
      if (!meetings.has(fromDialog.meetingKey)) seen++;
      meetings.set(fromDialog.meetingKey, fromDialog);
      dialogRead = true;
      openKey = fromDialog.meetingKey;
    }
  }

  const known = root.querySelector(S.viewKey) !== null || root.querySelector(S.dateKey) !== null;
  const view = dialogRead ? 'event' : chips.length > 0 || known ? 'calendar' : 'other';
  const problems = context.problems;
  const list = [...meetings.values()];
  let status: CalendarReaderResult['health']['status'];
  if (view === 'other') {
    // No calendar markup we know: fine on a page that shows no calendar (settings), not elsewhere.
    status = isNonViewPage(root) ? 'ok' : 'unrecognised';
    if (status === 'unrecognised') countProblem(problems, 'unknown-markup');
  } else {
    status = Object.keys(problems).length > 0 ? 'partial' : 'ok';
  }
  return { account, meetings: list, health: { view, status, itemsSeen: seen, itemsRead: list.length, problems }, openKey };
}

// ---------------------------------------------------------------------------------------------
// page

/**
 * The account button's label, "Google Account: Sanne de Vries (sanne@buurtkracht.nl)": the
 * address, and the owner's name (chips name the owner as organiser of her own events).
 */
function readAccount(root: Document): { account: string | null; ownerName: string | null } {
  const label = foldWhitespace($optional(S.accountButton, root)?.getAttribute('aria-label') ?? '');
  const account = addressesIn(label).at(-1) ?? null;
  if (!account) return { account: null, ownerName: null };
  const name = label
    .replace(/\([^)]*\)/g, ' ')
    .replace(account, ' ')
    .replace(/^[^:]*:/, '');
  return { account, ownerName: foldWhitespace(name) || null };
}

/** Settings and other pages without events: nothing to read is right there. */
function isNonViewPage(root: Document): boolean {
  try {
    const url = new URL(root.URL);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    return /\/r\/(?:settings|trash|eventedit|search)(?:\/|$)/.test(url.pathname);
  } catch {
    return false;
  }
}

function openDialog(root: Document): Element | null {
  for (const dialog of $$(S.dialog, root)) if (isRendered(dialog)) return dialog;
  return null;
}

/**
 * The rendered chips, in document order. A modal dialog may hide the page behind it from screen
 * readers (`aria-hidden`) while it stays on screen, so only `hidden` and `display: none` hide here.
 */
function visibleChips(root: Document, dialog: Element | null): Element[] {
  // grid chips match both selectors: the union is sorted into page order only when the second
  // one adds something (agenda rows), which saves a sort of the whole view on every read
  const [chipSelector, rowSelector] = S.eventChip;
  let chips = Array.from(root.querySelectorAll(chipSelector));
  const rows = Array.from(root.querySelectorAll(rowSelector)).filter((row) => !row.hasAttribute('data-eventchip'));
  if (rows.length > 0) chips = chips.length === 0 ? rows : $$(S.eventChip, root);
  if (chips.length === 0) chips = $$(S.eventChipBefore2025, root);
  const cache = new Map<Element, boolean>();
  return chips.filter((chip) => !dialog?.contains(chip) && isRendered(chip, { cache, ignoreAriaHidden: true }));
}

// ---------------------------------------------------------------------------------------------
// ids

/** The decoded event id ("<id>[_<instant>]"), or null when there is none or it does not decode. */
function eventIdOf(element: Element): string | null {
  const holder = element.hasAttribute(S.eventIdAttribute)
    ? element
    : (element.closest(`[${S.eventIdAttribute}]`) ?? element.querySelector(`[${S.eventIdAttribute}]`));
  return decodeEventId(holder?.getAttribute(S.eventIdAttribute) ?? null);
}

const EVENT_ID = /^[A-Za-z0-9_.@-]{1,1024}$/;

/** base64url of "<event id> <calendar id>" -> the event id; exported for the tests and the .ics side. */
export function decodeEventId(encoded: string | null): string | null {
  if (!encoded) return null;
  const base64 = encoded.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  let decoded: string;
  try {
    decoded = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  } catch {
    return null;
  }
  const id = decoded.split(' ')[0] ?? '';
  return EVENT_ID.test(id) ? id : null;
}

function isTask(id: string): boolean {
  return GOOGLE_TASK_ID_PREFIXES.some((prefix) => id.startsWith(prefix));
}

/** A recurring instance's id ends with its original start: "_20261006T130000Z" or "_20261006". */
const INSTANCE_SUFFIX = /_(\d{8}(?:T\d{6}Z?)?)$/;

function derivedKey(title: string, when: number | null, raw: string | null): string {
  return `gcal:derived:${fnv1a(`${title.toLowerCase()}\u0001${when ?? raw ?? ''}`)}`;
}

// ---------------------------------------------------------------------------------------------
// chips

/** `data-datekey` packs (year - 1970) << 9 | month << 5 | day (two independent readers agree). */
export function dateFromKey(key: string | null): CivilDate | null {
  if (!key || !/^\d{1,6}$/.test(key)) return null;
  const value = Number(key);
  const date = { year: (value >> 9) + 1970, month: (value >> 5) & 15, day: value & 31 };
  return validCivil(date) ? date : null;
}

function readChip(chip: Element, id: string | null, context: Context): MeetingObservation {
  const labelElement = $optional(S.chipLabel, chip);
  const label = labelElement ? textOf(labelElement) : foldWhitespace(chip.getAttribute(S.chipLabelAttribute) ?? '');
  const visible = textLines(chip, { skip: labelElement ? new Set([labelElement]) : undefined, maxChars: 400 });
  const day = dateFromKey(chip.closest(S.dateKey)?.getAttribute('data-datekey') ?? null);
  const parsed = parseChipLabel(label, visible[0] ?? '', day, context);
  if (!id) countProblem(context.problems, 'no-id');
  const attendees: MeetingAttendee[] = parsed.organiser ? [organiserByName(parsed.organiser, context)] : [];
  return {
    meetingKey: id ? `gcal:${id}` : derivedKey(parsed.title, parsed.start, parsed.startRaw),
    idSource: id ? 'app' : 'derived',
    uid: null,
    crossKeys: [],
    title: parsed.title,
    start: parsed.start,
    startRaw: parsed.startRaw,
    end: parsed.end,
    endRaw: parsed.endRaw,
    allDay: parsed.allDay,
    location: parsed.location,
    attendees,
    attendeeCount: null,
    ownResponse: parsed.response,
    showAs: null,
    status: 'confirmed',
    recurring: id !== null && INSTANCE_SUFFIX.test(id),
  };
}

interface LabelRead {
  title: string;
  start: number | null;
  end: number | null;
  startRaw: string | null;
  endRaw: string | null;
  allDay: boolean;
  location: string | null;
  organiser: string | null;
  response: MeetingResponse | null;
}

type Segment =
  | { kind: 'times'; start: ClockTime; end: ClockTime; text: string }
  | { kind: 'date'; date: CivilDate; text: string }
  | { kind: 'date-range'; start: CivilDate; end: CivilDate; text: string }
  | { kind: 'date-time-range'; start: CivilDate; startTime: ClockTime; end: CivilDate; endTime: ClockTime; text: string }
  | { kind: 'all-day'; text: string }
  | { kind: 'no-location'; text: string }
  | { kind: 'response'; response: MeetingResponse; text: string }
  | { kind: 'organiser'; value: string; text: string }
  | { kind: 'location'; value: string; text: string }
  | { kind: 'free'; text: string };

const RANGE = `\\s*(?:${T.rangeWords.map(escapeRegExp).join('|')})\\s*`;
const AT = `\\s+(?:${T.atWords.join('|')})\\s+`;
const [D, TM] = [tokenPattern('D'), tokenPattern('T')];
const TIMES = new RegExp(`^(?:${TM}|(\\d{1,2}))${RANGE}${TM}$`, 'i');
const DATE_ONLY = new RegExp(`^${D}$`);
const DATES = new RegExp(`^${D}${RANGE}${D}$`, 'i');
const DATE_TIMES = new RegExp(`^${D}${AT}${TM}${RANGE}${D}${AT}${TM}$`, 'i');

/** Splits a label into classified parts (dates and times lifted out first: they hold commas). */
export function classifySegments(label: string, context: Pick<Context, 'dates'>): Segment[] {
  const { tokens, parts, lifted } = liftLabel(label);
  const date = (name: string) => civilDateOf(lifted.get(name) ?? '', context.dates);
  const time = (name: string | undefined, bare?: string) => (name ? (lifted.get(name) ?? '') : (bare ?? ''));

  return tokens.map((token, index): Segment => {
    const original = parts[index]!;
    let match: RegExpExecArray | null;
    if (!token.includes('\uE000')) {
      // no date or time in this part: a word to classify
    } else if ((match = TIMES.exec(token))) {
      const range = clockRange(time(match[1], match[2]), time(match[3]));
      if (range) return { kind: 'times', start: range[0], end: range[1], text: original };
    } else if ((match = DATE_ONLY.exec(token))) {
      const day = date(match[1]!);
      if (day) return { kind: 'date', date: day, text: original };
    } else if ((match = DATES.exec(token))) {
      const [start, end] = [date(match[1]!), date(match[2]!)];
      if (start && end) return { kind: 'date-range', start, end, text: original };
    } else if ((match = DATE_TIMES.exec(token))) {
      const [start, end] = [date(match[1]!), date(match[3]!)];
      const range = clockRange(time(match[2]), time(match[4]));
      if (start && end && range) {
        return { kind: 'date-time-range', start, startTime: range[0], end, endTime: range[1], text: original };
      }
    }
    const key = wordKey(original);
    if ((T.allDay as readonly string[]).includes(key)) return { kind: 'all-day', text: original };
    if ((T.noLocation as readonly string[]).includes(key)) return { kind: 'no-location', text: original };
    const response = responseOf(key);
    if (response) return { kind: 'response', response, text: original };
    const organiser = T.organiserPrefix.find((prefix) => key.startsWith(prefix));
    if (organiser) return { kind: 'organiser', value: original.slice(organiser.length).trim(), text: original };
    const location = T.locationPrefix.find((prefix) => key.startsWith(prefix));
    if (location) return { kind: 'location', value: original.slice(location.length).trim(), text: original };
    return { kind: 'free', text: original };
  });
}

const RESPONSE_WORDS = new Map<string, MeetingResponse>(
  (Object.entries(T.responses) as Array<[MeetingResponse, readonly string[]]>).flatMap(([response, words]) =>
    words.map((word) => [word, response] as const),
  ),
);

function responseOf(key: string): MeetingResponse | null {
  return RESPONSE_WORDS.get(key) ?? null;
}

function parseChipLabel(label: string, visibleTitle: string, day: CivilDate | null, context: Context): LabelRead {
  const segments = classifySegments(label, context);
  const when = segments.filter(
    (segment) => segment.kind === 'times' || segment.kind.startsWith('date') || segment.kind === 'all-day',
  );
  const whenRaw =
    when
      .map((segment) => segment.text)
      .join(', ')
      .slice(0, RAW_MAX) || null;
  const moment = momentOf(segments, day, context);

  // Free parts: the title, then organiser before and location after the answer.
  const responseAt = segments.findIndex((segment) => segment.kind === 'response');
  const runs = freeRuns(segments);
  let title = foldWhitespace(visibleTitle);
  const titleRun = takeTitle(runs, title);
  if (!title) title = titleRun ?? '';
  let organiser: string | null = null;
  let location: string | null = null;
  for (const run of runs) {
    if (run.text === null) continue;
    if (responseAt >= 0 && run.last === responseAt - 1) organiser = run.text;
    else if (responseAt >= 0 && run.first === responseAt + 1) location = run.text;
    else countProblem(context.problems, 'unclassified-segment');
  }
  for (const segment of segments) {
    if (segment.kind === 'organiser') organiser = segment.value;
    if (segment.kind === 'location') location = segment.value;
    if (segment.kind === 'no-location') location = null;
  }
  const response = segments.find((segment) => segment.kind === 'response');
  return {
    title: title.slice(0, TITLE_MAX),
    ...moment,
    startRaw: whenRaw,
    endRaw: whenRaw,
    location: location?.slice(0, TITLE_MAX) ?? null,
    organiser,
    response: response?.kind === 'response' ? response.response : null,
  };
}

interface Run {
  first: number;
  last: number;
  /** null once taken as the title */
  text: string | null;
  parts: string[];
}

function freeRuns(segments: Segment[]): Run[] {
  const runs: Run[] = [];
  segments.forEach((segment, index) => {
    if (segment.kind !== 'free') return;
    const previous = runs.at(-1);
    if (previous && previous.last === index - 1) {
      previous.last = index;
      previous.parts.push(segment.text);
      previous.text = previous.parts.join(', ');
    } else {
      runs.push({ first: index, last: index, text: segment.text, parts: [segment.text] });
    }
  });
  return runs;
}

/**
 * Takes the title out of the free runs, wherever it stands: a whole run, or the leading or
 * trailing parts of one ("Title, Organizer" before the answer); some labels repeat it. Without a
 * visible title, the first free part is the title.
 */
function takeTitle(runs: Run[], title: string): string | null {
  if (!title) {
    const first = runs[0];
    if (!first) return null;
    const head = first.parts[0]!;
    shrink(first, 1, first.parts.length);
    return head;
  }
  const key = title.toLowerCase();
  let found: string | null = null;
  for (const run of runs) {
    if (run.text === null || !run.text.toLowerCase().includes(key)) continue;
    for (let cut = run.parts.length; cut >= 1 && run.text !== null; cut--) {
      const head = run.parts.slice(0, cut).join(', ');
      if (head.toLowerCase() === key) {
        shrink(run, cut, run.parts.length);
        found = head;
        break;
      }
      const tail = run.parts.slice(run.parts.length - cut).join(', ');
      if (tail.toLowerCase() === key) {
        shrink(run, 0, run.parts.length - cut);
        found = tail;
        break;
      }
    }
  }
  return found;
}

function shrink(run: Run, from: number, to: number): void {
  run.first += from;
  run.last -= run.parts.length - to;
  run.parts = run.parts.slice(from, to);
  run.text = run.parts.length > 0 ? run.parts.join(', ') : null;
}

/**
 * Start and end from the classified parts and the chip's day (datekey). The label's date wins and
 * is cross-checked: the chip's day must lie within the event (a multi-day event repeats per
 * day). When they disagree, neither is trusted.
 */
function momentOf(
  segments: Segment[],
  day: CivilDate | null,
  context: Context,
): { start: number | null; end: number | null; allDay: boolean } {
  const none = { start: null, end: null, allDay: false };
  const zone = context.timeZone;
  const find = <K extends Segment['kind']>(kind: K) =>
    segments.find((segment): segment is Extract<Segment, { kind: K }> => segment.kind === kind);
  const times = find('times');
  const date = find('date');
  const dateRange = find('date-range');
  const dateTimes = find('date-time-range');
  const allDay = find('all-day') !== undefined;

  let first: CivilDate | null = null;
  let last: CivilDate | null = null;
  let result = none as { start: number | null; end: number | null; allDay: boolean };
  if (dateTimes) {
    first = dateTimes.start;
    last = dateTimes.end;
    result = {
      start: instantOf(dateTimes.start, dateTimes.startTime, zone),
      end: instantOf(dateTimes.end, dateTimes.endTime, zone),
      allDay: false,
    };
  } else if (dateRange) {
    first = dateRange.start;
    last = dateRange.end;
    // Google shows an all-day range with its last day included: the end is the next midnight.
    result = { start: instantOf(dateRange.start, null, zone), end: instantOf(nextDay(dateRange.end), null, zone), allDay: true };
  } else if (date || day) {
    const on = date?.date ?? day!;
    first = last = on;
    if (times) {
      const start = instantOf(on, times.start, zone);
      // a range that ends at or before its start runs past midnight ("11pm to 1am")
      const endDay = times.end.hour * 60 + times.end.minute <= times.start.hour * 60 + times.start.minute ? nextDay(on) : on;
      result = { start, end: instantOf(endDay, times.end, zone), allDay: false };
      if (endDay !== on) last = endDay;
    } else if (allDay) {
      result = { start: instantOf(on, null, zone), end: instantOf(nextDay(on), null, zone), allDay: true };
    } else {
      // a day, but neither a time we can read nor "all day": not taken for an all-day event
      countProblem(context.problems, date ? 'unparsable-date' : 'no-date');
      return none;
    }
  } else {
    countProblem(context.problems, times ? 'no-date' : segments.length > 0 ? 'unparsable-date' : 'no-date');
    return none;
  }
  if (day && first && last && (daysBetween(first, day) < 0 || daysBetween(day, last) < 0)) {
    countProblem(context.problems, 'datekey-mismatch');
    return none;
  }
  if (result.start === null || result.end === null) {
    countProblem(context.problems, 'unparsable-date');
    return none;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// the event dialog

function readDialog(
  dialog: Element,
  id: string | null,
  meetings: Map<string, MeetingObservation>,
  context: Context,
): MeetingObservation {
  const title = textOf($optional(S.dialogTitle, dialog)).slice(0, TITLE_MAX);
  const whenLines = textLinesOf($optional(S.dialogWhen, dialog));
  const whenRaw = whenLines[0]?.slice(0, RAW_MAX) ?? null;
  const recurrence = whenLines.length > 1;
  const locationLines = textLinesOf($optional(S.dialogLocation, dialog));
  const location = locationLines[0]?.slice(0, TITLE_MAX) ?? null;
  const { attendees, count } = readGuests(dialog, context);
  const organiserName = stripPrefix(textOf($optional(S.dialogOrganiser, dialog)), T.organiserPrefix);
  if (organiserName && !attendees.some((attendee) => attendee.organiser)) {
    const named = attendees.find((attendee) => attendee.name.toLowerCase() === organiserName.toLowerCase());
    if (named) named.organiser = true;
    else attendees.unshift(organiserByName(organiserName, context));
  }
  const own = context.account ? attendees.find((attendee) => attendee.address === context.account) : undefined;

  const chip = id ? meetings.get(`gcal:${id}`) : undefined;
  let moment: Pick<MeetingObservation, 'start' | 'end' | 'startRaw' | 'endRaw' | 'allDay'>;
  if (chip && chip.start !== null) {
    moment = { start: chip.start, end: chip.end, startRaw: chip.startRaw, endRaw: chip.endRaw, allDay: chip.allDay };
  } else {
    // The dialog writes the date without its year in the current year: read only what states one.
    const label = (whenRaw ?? '').replace(/\s*[⋅·]\s*/g, ', ');
    const read = whenRaw
      ? momentOf(classifySegments(label, context), null, context)
      : (countProblem(context.problems, 'no-date'), null);
    moment = {
      start: read?.start ?? null,
      end: read?.end ?? null,
      startRaw: whenRaw,
      endRaw: whenRaw,
      allDay: read?.allDay ?? false,
    };
  }
  if (!id) countProblem(context.problems, 'no-id');
  return {
    meetingKey: id ? `gcal:${id}` : derivedKey(title, moment.start, moment.startRaw),
    idSource: id ? 'app' : 'derived',
    uid: null,
    crossKeys: [],
    title: title || chip?.title || '',
    ...moment,
    location: location ?? chip?.location ?? null,
    attendees: attendees.length > 0 ? attendees : (chip?.attendees ?? []),
    attendeeCount: count,
    ownResponse: own ? own.response : (chip?.ownResponse ?? null),
    showAs: null,
    status: 'confirmed',
    recurring: recurrence || (id !== null && INSTANCE_SUFFIX.test(id)),
  };
}

/** An organiser shown by name only: the owner's own address when it is her name, else none. */
function organiserByName(name: string, context: Context): MeetingAttendee {
  const own = context.account !== null && context.ownerName !== null && name.toLowerCase() === context.ownerName.toLowerCase();
  return { name: name.slice(0, NAME_MAX), address: own ? context.account : null, response: 'unknown', organiser: true };
}

function textLinesOf(element: Element | null): string[] {
  return element ? textLines(element, { maxChars: 2000 }) : [];
}

function stripPrefix(text: string, prefixes: readonly string[]): string {
  const key = text.toLowerCase();
  const prefix = prefixes.find((candidate) => key.startsWith(candidate));
  return (prefix ? text.slice(prefix.length) : text).trim();
}

/** Guests of the dialog with their addresses and answers; the count line when the list is not shown. */
function readGuests(dialog: Element, context: Context): { attendees: MeetingAttendee[]; count: number | null } {
  const block = $optional(S.dialogGuests, dialog);
  if (!block) return { attendees: [], count: null };
  let count: number | null = null;
  for (const line of textLines(block, { maxChars: 400 })) {
    const match = T.guestCount.exec(line);
    if (match) {
      count = Number(match[1]);
      break;
    }
  }
  const elements = $$(S.guest, block).filter(
    (element, index, all) =>
      !all.some((other, otherIndex) => otherIndex !== index && other.contains(element) && other !== element),
  );
  const attendees: MeetingAttendee[] = [];
  const seen = new Set<string>();
  for (const element of elements) {
    let address: string | null = null;
    for (const attribute of S.guestAddressAttributes) {
      address = normaliseAddress(element.getAttribute(attribute));
      if (address) break;
    }
    const parts = foldWhitespace(element.getAttribute('aria-label') ?? '')
      .split(/,\s*/)
      .filter(Boolean);
    let response: MeetingResponse = 'unknown';
    let organiser = false;
    const nameParts: string[] = [];
    for (const part of parts) {
      const key = wordKey(part);
      const answer = responseOf(key);
      if (answer) response = answer;
      else if ((T.organiser as readonly string[]).includes(key)) organiser = true;
      else if (nameParts.length === 0 || response === 'unknown') nameParts.push(part);
    }
    const name = (nameParts.join(', ') || textLines(element, { maxChars: 300 })[0] || address || '').slice(0, NAME_MAX);
    const key = address ?? `name:${name.toLowerCase()}`;
    if (!name && !address) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!address) countProblem(context.problems, 'no-address');
    attendees.push({ name, address, response, organiser });
  }
  return { attendees, count };
}
