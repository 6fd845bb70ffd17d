/**
 * .ics import: an iCalendar file (a Google or Outlook export, a municipality's meeting series) ->
 * meeting observations, with a summary of what was read, dropped and why. Parsed with ical.js
 * (pinned; MPL-2.0; no dependencies, no DOM: runs in a page or a Worker), which handles
 * VTIMEZONE, RRULE/RDATE, EXDATE and RECURRENCE-ID.
 *
 * - A file that is not iCalendar (empty, a zip, a PDF, HTML, anything else) or is cut off (no
 *   END:VCALENDAR) gets one error code and no meetings: a cut-off file may have lost the
 *   exceptions of a series, and a series without them would be wrong.
 * - Each VEVENT is parsed on its own: one broken event (no DTSTART, a bad date, a zone nobody
 *   knows) is counted by kind with its position, and the rest of the file is still read.
 * - Recurring series are expanded within a window the caller gives (around the user's
 *   trajectories), EXDATEs left out, RECURRENCE-ID overrides applied, COUNT/UNTIL honoured, with a
 *   hard cap per series. Single events are kept whatever their date.
 * - Cancelled events (STATUS:CANCELLED, or METHOD:CANCEL for the file) and events the user
 *   declined (an ATTENDEE with one of the user's addresses and PARTSTAT=DECLINED) are not
 *   meetings: counted in the summary and returned apart, as cancellations (a file exported again
 *   after a meeting was called off cancels the meeting the first import stored).
 * - Times: a zone the file defines; Europe/Amsterdam and Windows zone names without a definition
 *   (./ics-zones.ts); floating times in the calendar's X-WR-TIMEZONE, else in the user's zone (what
 *   RFC 5545 means by floating); all-day dates as midnights in the user's zone.
 *
 * Work is done in steps so a 5,000-event file never blocks a page for long: `createIcsImport`
 * gives a `step(budgetMs)` to call from any scheduler (the import's state is one record, each
 * phase a function of it); `importIcs` drives it with a yield between
 * slices and reports progress. Nothing here produces text for people: codes only (rendered with
 * t() by the UI).
 */
import ICAL from 'ical.js';
import type { MeetingAttendee, MeetingObservation, MeetingResponse } from '../messaging/observations';
import { fnv1a } from '../fnv1a';
import { normaliseAddress } from '../vocabulary/address';
import { wallClockToEpoch } from '../readers/dates';
import { AMSTERDAM, ianaZoneOf, registerAmsterdam } from './ics-zones';

/** Why a whole file was not read. */
export const ICS_FILE_ERRORS = ['empty', 'zip', 'pdf', 'html', 'not-icalendar', 'truncated'] as const;
export type IcsFileError = (typeof ICS_FILE_ERRORS)[number];

/** Why one event was not read (the rest of the file still is). */
export const ICS_EVENT_ERRORS = ['unparsable-event', 'no-start', 'bad-date', 'unknown-time-zone', 'bad-recurrence'] as const;
export type IcsEventError = (typeof ICS_EVENT_ERRORS)[number];

/** Why an event or occurrence was read but is not a meeting. */
export const ICS_DROP_REASONS = ['cancelled', 'declined', 'duplicate'] as const;
export type IcsDropReason = (typeof ICS_DROP_REASONS)[number];

export interface IcsEventProblem {
  kind: IcsEventError;
  /** 1-based: the n-th VEVENT of the file */
  event: number;
  /** 1-based line of its BEGIN:VEVENT in the file */
  line: number;
  uid: string | null;
}

export interface IcsImportSummary {
  /** VEVENT blocks in the file (a series and each of its exceptions count once) */
  eventsRead: number;
  /** meeting observations returned (every occurrence of a series counts) */
  meetings: number;
  /** recurring series expanded */
  series: number;
  /** series with more occurrences in the window than the cap (the rest left out) */
  seriesCapped: number;
  dropped: Record<IcsDropReason, number>;
  errors: Partial<Record<IcsEventError, number>>;
  /** events without a UID: keyed from their content (idSource 'derived') */
  withoutUid: number;
}

export interface IcsImportResult {
  fileError: IcsFileError | null;
  meetings: MeetingObservation[];
  /**
   * cancelled events and those the user declined, as observations (status 'cancelled', or
   * ownResponse 'declined'): no meetings, counted as dropped, but they stop an earlier import's
   * meeting under the same key from counting
   */
  cancellations: MeetingObservation[];
  /** per-event errors with positions, in file order (at most MAX_LISTED_PROBLEMS; the summary counts all) */
  problems: IcsEventProblem[];
  summary: IcsImportSummary;
}

export interface IcsImportOptions {
  /** recurring series are expanded from `start` to `end` (epoch ms) */
  window: { start: number; end: number };
  /** the user's own addresses: their PARTSTAT=DECLINED drops a meeting and gives ownResponse */
  userAddresses: readonly string[];
  /** the user's IANA zone: floating times (without X-WR-TIMEZONE) and all-day dates */
  timeZone: string;
  /** at most this many occurrences per series within the window (default 500) */
  maxOccurrencesPerSeries?: number;
  onProgress?: (progress: IcsProgress) => void;
}

export interface IcsProgress {
  phase: 'scan' | 'parse' | 'expand' | 'done';
  /** events (blocks, then series) done of total in this phase */
  done: number;
  total: number;
}

export interface IcsImport {
  /** Does work for about `budgetMs`; true when everything is done. */
  step(budgetMs?: number): boolean;
  /** The result so far; complete once `step` returned true. */
  result(): IcsImportResult;
}

const MAX_LISTED_PROBLEMS = 1000;
/** steps of a recurrence before the window's end, at most (a daily series since 1990 is ~13,000) */
const MAX_ITERATIONS = 50_000;
const DEFAULT_CAP = 500;
const TITLE_MAX = 1000;
const NAME_MAX = 300;
const RAW_MAX = 200;
const LINES_PER_SCAN_CHECK = 500;

interface Block {
  /** 1-based index among the file's VEVENTs */
  index: number;
  line: number;
  text: string;
}

interface Parsed {
  block: Block;
  event: ICAL.Event;
  uid: string | null;
}

interface Series {
  uid: string;
  master: Parsed | null;
  exceptions: Parsed[];
}

type Now = () => number;
const clock: Now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The start of the input, to recognise what a file is when it is not iCalendar. */
function sniff(input: string | Uint8Array): IcsFileError | null {
  const head = typeof input === 'string' ? input.slice(0, 512) : new TextDecoder('latin1').decode(input.subarray(0, 512));
  if (head.startsWith('PK\u0003\u0004') || head.startsWith('PK\u0005\u0006')) return 'zip';
  if (head.startsWith('%PDF-')) return 'pdf';
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '') {
    const blank =
      typeof input === 'string'
        ? input.trim() === ''
        : input.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
    return blank ? 'empty' : 'not-icalendar';
  }
  if (/^<(?:!doctype|html|\?xml|head|body)/i.test(text)) return 'html';
  const firstLine = text
    .split(/\r\n|\n|\r/, 1)[0]!
    .trim()
    .toUpperCase();
  return firstLine === 'BEGIN:VCALENDAR' ? null : 'not-icalendar';
}

/**
 * A DATE or DATE-TIME property whose written fields are in range: ical.js rolls "20261345T250000"
 * over into another day instead of refusing it, so the text is checked before it is decoded.
 */
function validDateProperty(component: ICAL.Component, name: 'dtstart' | 'dtend'): boolean {
  const property = component.getFirstProperty(name);
  if (!property) return true;
  const raw = (property.toJSON() as unknown[])[3];
  const match = typeof raw === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z?)?$/.exec(raw) : null;
  if (!match) return false;
  const [year, month, day, hour = '0', minute = '0', second = '0'] = match.slice(1).map((part) => part ?? '0') as string[];
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return (
    Number(year) >= 1900 &&
    Number(year) <= 2200 &&
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) <= 60
  );
}

/** Everything one import holds between its steps: the phases below are functions of it. */
interface ImportState {
  input: string | Uint8Array;
  options: IcsImportOptions;
  userAddresses: ReadonlySet<string>;
  cap: number;
  summary: IcsImportSummary;
  meetings: MeetingObservation[];
  cancellations: MeetingObservation[];
  problems: IcsEventProblem[];
  fileError: IcsFileError | null;
  done: boolean;
  phase: IcsProgress['phase'];
  // scan
  started: boolean;
  text: string;
  position: number;
  lineNumber: number;
  depth: string[];
  current: { line: number; text: string[] } | null;
  blocks: Block[];
  zones: string[];
  method: string;
  calendarZone: string | null;
  ended: boolean;
  // parse
  root: ICAL.Component | null;
  parseAt: number;
  series: Map<string, Series>;
  singles: Parsed[];
  // expand
  work: Array<() => void>;
  workAt: number;
  keys: Set<string>;
  /** a series' occurrences share their component: its people are read once */
  people: WeakMap<ICAL.Component, People>;
}

interface People {
  attendees: MeetingAttendee[];
  own: MeetingResponse | null;
}

function newImportState(input: string | Uint8Array, options: IcsImportOptions): ImportState {
  const fileError = sniff(input);
  return {
    input,
    options,
    userAddresses: new Set(options.userAddresses.map((address) => address.toLowerCase())),
    cap: options.maxOccurrencesPerSeries ?? DEFAULT_CAP,
    summary: {
      eventsRead: 0,
      meetings: 0,
      series: 0,
      seriesCapped: 0,
      dropped: { cancelled: 0, declined: 0, duplicate: 0 },
      errors: {},
      withoutUid: 0,
    },
    meetings: [],
    cancellations: [],
    problems: [],
    fileError,
    done: fileError !== null,
    phase: 'scan',
    started: false,
    text: '',
    position: 0,
    lineNumber: 0,
    depth: [],
    current: null,
    blocks: [],
    zones: [],
    method: '',
    calendarZone: null,
    ended: false,
    root: null,
    parseAt: 0,
    series: new Map(),
    singles: [],
    work: [],
    workAt: 0,
    keys: new Set(),
    people: new WeakMap(),
  };
}

function recordProblem(state: ImportState, kind: IcsEventError, block: Block, uid: string | null): void {
  state.summary.errors[kind] = (state.summary.errors[kind] ?? 0) + 1;
  if (state.problems.length < MAX_LISTED_PROBLEMS) state.problems.push({ kind, event: block.index, line: block.line, uid });
}

function report(state: ImportState, total: number, done: number): void {
  state.options.onProgress?.({ phase: state.phase, done, total });
}

// ----- scan: unfold, cut into VEVENT blocks, keep VTIMEZONEs and the calendar's properties

function startScan(state: ImportState): void {
  const { input } = state;
  state.text = (typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input)).replace(/^\uFEFF/, '');
}

/** The next logical line (folded continuations joined), or null at the end; read in place. */
function nextLine(state: ImportState): string | null {
  const { text } = state;
  if (state.position >= text.length) return null;
  let line = '';
  for (;;) {
    let end = text.indexOf('\n', state.position);
    if (end < 0) end = text.length;
    const stop = end > state.position && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    line += text.slice(state.position, stop);
    state.position = end + 1;
    state.lineNumber++;
    const next = text.charCodeAt(state.position);
    if (next !== 32 && next !== 9) return line; // a line that starts with a space or tab continues this one
    state.position++;
  }
}

/** The event being cut out never ended: it is broken (an empty block, counted when parsed). */
function abandonCurrent(state: ImportState): void {
  state.blocks.push({ index: state.blocks.length + 1, line: state.current!.line, text: '' });
  state.current = null;
}

function scanBegin(state: ImportState, name: string, lineAt: number): void {
  const { depth } = state;
  if (name === 'VEVENT' && depth.length === 2 && depth[1] === 'VEVENT' && state.current) {
    // the last event never ended: it is broken, this one starts afresh
    abandonCurrent(state);
    depth.pop();
  }
  if (name === 'VEVENT' && depth.length === 1) state.current = { line: lineAt, text: [] };
  if (name === 'VCALENDAR' && depth.length === 0) state.ended = false; // files may hold several calendars
  if (name === 'VTIMEZONE' && depth.length === 1) state.zones.push('');
  depth.push(name);
}

/** False when the line closes what is not open: it is dropped, not kept in any block. */
function scanEnd(state: ImportState, name: string): boolean {
  if (state.depth.at(-1) !== name) {
    // END without its BEGIN: the event it is in cannot be trusted
    if (state.current) abandonCurrent(state);
    const open = state.depth.lastIndexOf(name);
    state.depth = open >= 0 ? state.depth.slice(0, open) : state.depth;
    if (name === 'VCALENDAR' && open === 0) state.ended = true;
    return false;
  }
  state.depth.pop();
  if (name === 'VCALENDAR' && state.depth.length === 0) state.ended = true;
  return true;
}

/** One logical line: structure, the calendar's own properties, the open event's and zone's text. */
function scanLine(state: ImportState, raw: string, lineAt: number): void {
  const upper = raw.toUpperCase();
  if (upper.startsWith('BEGIN:')) scanBegin(state, upper.slice(6).trim(), lineAt);
  else if (upper.startsWith('END:')) {
    if (!scanEnd(state, upper.slice(4).trim())) return;
  } else if (state.depth.length === 1) {
    if (upper.startsWith('METHOD:')) state.method = raw.slice(7).trim().toUpperCase();
    if (upper.startsWith('X-WR-TIMEZONE:')) state.calendarZone = ianaZoneOf(raw.slice(14));
  }
  const { depth, current } = state;
  if (current) current.text.push(raw);
  if (depth[1] === 'VTIMEZONE' || (depth.length === 1 && upper === 'END:VTIMEZONE')) {
    state.zones[state.zones.length - 1] += `${raw}\r\n`;
  }
  if (current && depth.length === 1) {
    state.blocks.push({ index: state.blocks.length + 1, line: current.line, text: current.text.join('\r\n') });
    state.current = null;
  }
}

/** Scans until the end (true) or the deadline (false), looking at the clock every few hundred lines. */
function scanSome(state: ImportState, deadline: number): boolean {
  let checked = 0;
  for (;;) {
    const raw = nextLine(state);
    if (raw === null) return true;
    scanLine(state, raw, state.lineNumber);
    if (++checked % LINES_PER_SCAN_CHECK === 0 && clock() >= deadline) return false;
  }
}

function finishScan(state: ImportState): void {
  state.text = '';
  if (!state.ended) {
    state.fileError = 'truncated';
    state.done = true;
    return;
  }
  state.summary.eventsRead = state.blocks.length;
  registerAmsterdam();
  try {
    state.root = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${state.zones.join('')}END:VCALENDAR`));
  } catch {
    // a broken VTIMEZONE: its events fall back to the zone's name (counted if that fails too)
    state.root = new ICAL.Component(ICAL.parse('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR'));
  }
  state.phase = 'parse';
}

// ----- parse: each VEVENT on its own, grouped by UID

/** The block as an ical.js event, or null with its problem counted. */
function eventOfBlock(state: ImportState, block: Block): { event: ICAL.Event; uid: string | null } | null {
  let component: ICAL.Component;
  try {
    if (!block.text) throw new Error('unbalanced');
    const parsed = ICAL.parse(block.text);
    component = new ICAL.Component(parsed as unknown as unknown[], state.root!);
    if (component.name !== 'vevent') throw new Error('not an event');
  } catch {
    recordProblem(state, 'unparsable-event', block, null);
    return null;
  }
  const uidValue = component.getFirstPropertyValue('uid');
  const uid = typeof uidValue === 'string' && uidValue.trim() ? uidValue.trim() : null;
  if (!component.hasProperty('dtstart')) {
    recordProblem(state, 'no-start', block, uid);
    return null;
  }
  try {
    const event = new ICAL.Event(component);
    // decodes DTSTART and DTEND: a malformed value throws, an impossible one is caught here
    if (!validDateProperty(component, 'dtstart') || !validDateProperty(component, 'dtend')) throw new Error('date');
    void event.startDate;
    void event.endDate;
    return { event, uid };
  } catch {
    recordProblem(state, 'bad-date', block, uid);
    return null;
  }
}

function parseOne(state: ImportState, block: Block): void {
  const read = eventOfBlock(state, block);
  if (!read) return;
  const { event, uid } = read;
  const entry: Parsed = { block, event, uid };
  if (!uid) {
    state.summary.withoutUid++;
    state.singles.push(entry);
    return;
  }
  let group = state.series.get(uid);
  if (!group) {
    group = { uid, master: null, exceptions: [] };
    state.series.set(uid, group);
  }
  if (event.component.hasProperty('recurrence-id')) group.exceptions.push(entry);
  else if (group.master) state.summary.dropped.duplicate++;
  else group.master = entry;
}

function planExpansion(state: ImportState): void {
  state.phase = 'expand';
  state.work = [...state.series.values()].map((group) => () => expandGroup(state, group));
  for (const single of state.singles) state.work.push(() => emitSingle(state, single));
}

// ----- times

/** The instant of an ical.js time, or null (with the error counted by the caller). */
function instantOf(state: ImportState, time: ICAL.Time, tzid: string | null): number | null | 'unknown-zone' {
  const { options } = state;
  if (time.isDate) {
    return wallClockToEpoch({ year: time.year, month: time.month, day: time.day }, 0, 0, 0, options.timeZone);
  }
  const zone = time.zone;
  const floating = !zone || zone === ICAL.Timezone.localTimezone || zone.tzid === 'floating';
  if (!floating) return Math.round(time.toUnixTime() * 1000);
  let iana: string | null;
  if (tzid) {
    iana = ianaZoneOf(tzid);
    if (!iana) return 'unknown-zone';
  } else {
    iana = state.calendarZone ?? options.timeZone; // RFC 5545 floating: the calendar's, else the user's zone
  }
  if (iana === AMSTERDAM) {
    const local = time.clone();
    local.zone = registerAmsterdam();
    return Math.round(local.toUnixTime() * 1000);
  }
  return wallClockToEpoch({ year: time.year, month: time.month, day: time.day }, time.hour, time.minute, time.second, iana);
}

function tzidOf(component: ICAL.Component, property: 'dtstart' | 'dtend' | 'recurrence-id'): string | null {
  const value = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof value === 'string' ? value : null;
}

/** "20261006T130000Z" (UTC) or "20261006" (a date): how Google suffixes instance ids. */
function instantKey(time: ICAL.Time, at: number): string {
  if (time.isDate) return `${time.year}${pad(time.month)}${pad(time.day)}`;
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

// ----- meetings

function attendeesOf(state: ImportState, component: ICAL.Component): People {
  let known = state.people.get(component);
  if (!known) {
    known = readAttendees(component, state.userAddresses);
    state.people.set(component, known);
  }
  return { attendees: known.attendees.map((attendee) => ({ ...attendee })), own: known.own };
}

function readAttendees(component: ICAL.Component, userAddresses: ReadonlySet<string>): People {
  const attendees: MeetingAttendee[] = [];
  let own: MeetingResponse | null = null;
  const organiserProperty = component.getFirstProperty('organizer');
  const organiserAddress = organiserProperty ? normaliseAddress(String(organiserProperty.getFirstValue() ?? '')) : null;
  for (const property of component.getAllProperties('attendee')) {
    const address = normaliseAddress(String(property.getFirstValue() ?? ''));
    const name = cnOf(property) || address || '';
    if (!name && !address) continue;
    const response = responseOf(property.getParameter('partstat'));
    if (address && userAddresses.has(address)) own = response;
    if (address && attendees.some((known) => known.address === address)) continue;
    attendees.push({
      name: name.slice(0, NAME_MAX),
      address,
      response,
      organiser: address !== null && address === organiserAddress,
    });
    if (attendees.length >= 1000) break;
  }
  if (organiserProperty && !attendees.some((attendee) => attendee.organiser)) {
    const name = cnOf(organiserProperty) || organiserAddress || '';
    if (name || organiserAddress)
      attendees.unshift({ name: name.slice(0, NAME_MAX), address: organiserAddress, response: 'unknown', organiser: true });
    if (attendees.length > 1000) attendees.pop();
  }
  return { attendees, own };
}

/** DTSTART or DTEND as written, with its zone: kept beside the instant. */
function rawTime(time: ICAL.Time, tzid: string | null, utcMark: boolean): string {
  return `${time.toString()}${time.isDate ? '' : tzid ? ` ${tzid}` : utcMark && time.zone === ICAL.Timezone.utcTimezone ? 'Z' : ''}`.slice(
    0,
    RAW_MAX,
  );
}

interface Occurrence {
  entry: Parsed;
  item: ICAL.Event;
  start: ICAL.Time;
  end: ICAL.Time;
  recurrence: { id: ICAL.Time; at: number } | null;
  recurring: boolean;
}

/** The observation of one occurrence whose times are known. */
function observationOf(
  state: ImportState,
  { entry, item, start, end, recurrence, recurring }: Occurrence,
  at: { start: number; end: number },
  people: People,
): MeetingObservation {
  const component = item.component;
  const uid = entry.uid;
  const suffix = recurrence ? instantKey(recurrence.id, recurrence.at) : null;
  const key = uid ? `ics:${uid}${suffix ? `#${suffix}` : ''}` : `ics:derived:${fnv1a(`${item.summary ?? ''}\u0001${at.start}`)}`;
  const google = uid && /@google\.com$/i.test(uid) ? uid.slice(0, uid.lastIndexOf('@')) : null;
  const startTzid = tzidOf(component, 'dtstart');
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  const cancelled = state.method === 'CANCEL' || status === 'CANCELLED';
  return {
    meetingKey: key.slice(0, 1200),
    idSource: uid ? 'app' : 'derived',
    uid: uid ? uid.slice(0, 1000) : null,
    crossKeys: google && /^[A-Za-z0-9_]+$/.test(google) ? [`gcal:${google}${suffix ? `_${suffix}` : ''}`] : [],
    title: String(item.summary ?? '').slice(0, TITLE_MAX),
    start: at.start,
    startRaw: rawTime(start, startTzid, true),
    end: Math.max(at.end, at.start),
    endRaw: rawTime(end, tzidOf(component, 'dtend') ?? startTzid, false),
    allDay: start.isDate,
    location: item.location ? String(item.location).slice(0, TITLE_MAX) : null,
    attendees: people.attendees,
    attendeeCount: null,
    ownResponse: people.own,
    showAs: showAsOf(component),
    status: cancelled ? 'cancelled' : status === 'TENTATIVE' ? 'tentative' : 'confirmed',
    recurring,
  };
}

/**
 * One occurrence: a meeting, or a cancellation (cancelled, or declined by the user). Cancellations
 * are no meetings (counted as dropped) but are handed on beside them: the store stops counting a
 * meeting it holds under the same key (an earlier import of the event), and keeps nothing else.
 */
function meetingOf(state: ImportState, occurrence: Occurrence): void {
  const { entry, item, start, end } = occurrence;
  const component = item.component;
  const startTzid = tzidOf(component, 'dtstart');
  const startAt = instantOf(state, start, startTzid);
  const endAt = component.hasProperty('dtend')
    ? instantOf(state, end, tzidOf(component, 'dtend'))
    : instantOf(state, end, startTzid);
  if (startAt === 'unknown-zone' || endAt === 'unknown-zone') {
    recordProblem(state, 'unknown-time-zone', entry.block, entry.uid);
    return;
  }
  if (startAt === null || endAt === null || startAt < 0) {
    recordProblem(state, 'bad-date', entry.block, entry.uid);
    return;
  }
  const observation = observationOf(state, occurrence, { start: startAt, end: endAt }, attendeesOf(state, component));
  if (state.keys.has(observation.meetingKey)) {
    state.summary.dropped.duplicate++;
    return;
  }
  state.keys.add(observation.meetingKey);
  if (observation.status === 'cancelled' || observation.ownResponse === 'declined') {
    state.summary.dropped[observation.status === 'cancelled' ? 'cancelled' : 'declined']++;
    state.cancellations.push(observation);
    return;
  }
  state.meetings.push(observation);
  state.summary.meetings++;
}

function emitSingle(state: ImportState, entry: Parsed): void {
  const event = entry.event;
  try {
    const recurrenceId = event.component.hasProperty('recurrence-id') ? event.recurrenceId : null;
    const rid = recurrenceId ? instantOf(state, recurrenceId, tzidOf(event.component, 'recurrence-id')) : null;
    meetingOf(state, {
      entry,
      item: event,
      start: event.startDate,
      end: event.endDate,
      recurrence: recurrenceId && typeof rid === 'number' ? { id: recurrenceId, at: rid } : null,
      recurring: recurrenceId !== null,
    });
  } catch {
    recordProblem(state, 'bad-date', entry.block, entry.uid);
  }
}

/**
 * The series' occurrences within the window (at most the cap); the recurrence ids it reached, or
 * null when its zone is unknown (the whole series is counted as that problem).
 */
function expandOccurrences(state: ImportState, group: Series, master: Parsed, iterator: ICAL.RecurExpansion): Set<string> | null {
  const { options } = state;
  const event = master.event;
  const used = new Set<string>();
  const masterTzid = tzidOf(event.component, 'dtstart');
  let emitted = 0;
  try {
    for (let step = 0; step < MAX_ITERATIONS; step++) {
      const next = iterator.next();
      if (!next) break;
      const at = instantOf(state, next, masterTzid);
      if (at === 'unknown-zone') {
        recordProblem(state, 'unknown-time-zone', master.block, group.uid);
        return null;
      }
      if (at === null) break;
      const details = event.getOccurrenceDetails(next);
      used.add(details.recurrenceId.toString());
      const endAt = instantOf(state, details.endDate, masterTzid);
      if (at > options.window.end) break;
      if (typeof endAt === 'number' && endAt < options.window.start && at < options.window.start) continue;
      if (emitted >= state.cap) {
        state.summary.seriesCapped++;
        break;
      }
      const recurrence = { id: details.recurrenceId, at };
      meetingOf(state, {
        entry: master,
        item: details.item,
        start: details.startDate,
        end: details.endDate,
        recurrence,
        recurring: true,
      });
      emitted++;
    }
  } catch {
    recordProblem(state, 'bad-recurrence', master.block, group.uid);
  }
  return used;
}

function expandGroup(state: ImportState, group: Series): void {
  const master = group.master;
  if (!master || !master.event.isRecurring()) {
    // a single event, or exceptions whose series is not in the file (an invitation to one instance)
    if (master) emitSingle(state, master);
    for (const exception of group.exceptions) emitSingle(state, exception);
    return;
  }
  state.summary.series++;
  const event = master.event;
  for (const exception of group.exceptions) {
    try {
      event.relateException(exception.event);
    } catch {
      recordProblem(state, 'bad-date', exception.block, group.uid);
    }
  }
  let iterator: ICAL.RecurExpansion;
  try {
    iterator = event.iterator();
  } catch {
    recordProblem(state, 'bad-recurrence', master.block, group.uid);
    return;
  }
  const used = expandOccurrences(state, group, master, iterator);
  if (!used) return;
  // exceptions the rule never reaches (an instance added by moving one, a rule cut short)
  for (const exception of group.exceptions) {
    const id = exception.event.recurrenceId?.toString();
    if (id && used.has(id)) continue;
    const start = instantOf(state, exception.event.startDate, tzidOf(exception.event.component, 'dtstart'));
    if (typeof start === 'number' && (start < state.options.window.start || start > state.options.window.end)) continue;
    emitSingle(state, exception);
  }
}

// ----- the steps

/** The scan's share of a step: true when it is done (or the file turned out truncated). */
function stepScan(state: ImportState, deadline: number): boolean {
  if (!state.started) {
    state.started = true;
    startScan(state);
  }
  if (!scanSome(state, deadline)) {
    report(state, state.text.length, state.position);
    return false;
  }
  report(state, state.text.length, state.text.length);
  finishScan(state);
  if (!state.done) report(state, state.blocks.length, 0);
  return true;
}

function stepParse(state: ImportState, deadline: number): boolean {
  while (state.parseAt < state.blocks.length) {
    parseOne(state, state.blocks[state.parseAt++]!);
    if (clock() >= deadline) {
      report(state, state.blocks.length, state.parseAt);
      return false;
    }
  }
  planExpansion(state);
  return true;
}

function stepExpand(state: ImportState, deadline: number): boolean {
  while (state.workAt < state.work.length) {
    state.work[state.workAt++]!();
    if (clock() >= deadline) {
      report(state, state.work.length, state.workAt);
      return false;
    }
  }
  state.phase = 'done';
  report(state, state.work.length, state.work.length);
  state.done = true;
  return true;
}

function step(state: ImportState, budgetMs: number): boolean {
  if (state.done) return true;
  const deadline = clock() + budgetMs;
  if (state.phase === 'scan') {
    if (!stepScan(state, deadline)) return false;
    if (state.done) return true;
  }
  if (state.phase === 'parse' && !stepParse(state, deadline)) return false;
  return stepExpand(state, deadline);
}

export function createIcsImport(input: string | Uint8Array, options: IcsImportOptions): IcsImport {
  const state = newImportState(input, options);
  return {
    step: (budgetMs = 8) => step(state, budgetMs),
    result: () => ({
      fileError: state.fileError,
      meetings: state.fileError ? [] : state.meetings,
      cancellations: state.fileError ? [] : state.cancellations,
      problems: state.problems,
      summary: state.summary,
    }),
  };
}

export interface IcsRunOptions extends IcsImportOptions {
  /** longest synchronous slice aimed at (default 8 ms: a frame stays smooth) */
  sliceMs?: number;
  /** how to give the page back between slices (default: a macrotask) */
  yieldToHost?: () => Promise<void>;
}

/** Runs an import to its end in slices, yielding between them; reports the longest slice. */
export async function importIcs(
  input: string | Uint8Array,
  options: IcsRunOptions,
): Promise<IcsImportResult & { longestSliceMs: number }> {
  const job = createIcsImport(input, options);
  const yieldToHost = options.yieldToHost ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  let longest = 0;
  for (;;) {
    const started = clock();
    const finished = job.step(options.sliceMs ?? 8);
    longest = Math.max(longest, clock() - started);
    if (finished) break;
    await yieldToHost();
  }
  return { ...job.result(), longestSliceMs: longest };
}

// ----- helpers

const pad = (value: number) => String(value).padStart(2, '0');

function cnOf(property: ICAL.Property): string {
  const cn = property.getParameter('cn');
  return typeof cn === 'string' ? cn.replace(/^"|"$/g, '').trim() : '';
}

function responseOf(partstat: unknown): MeetingResponse {
  switch (typeof partstat === 'string' ? partstat.toUpperCase() : 'NEEDS-ACTION') {
    case 'ACCEPTED':
      return 'accepted';
    case 'DECLINED':
      return 'declined';
    case 'TENTATIVE':
      return 'tentative';
    case 'NEEDS-ACTION':
      return 'needs-action'; // also RFC 5545's default when PARTSTAT is absent
    default:
      return 'unknown'; // DELEGATED, COMPLETED, IN-PROCESS, x-names
  }
}

function showAsOf(component: ICAL.Component): MeetingObservation['showAs'] {
  const busy = String(component.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase();
  switch (busy) {
    case 'BUSY':
      return 'busy';
    case 'TENTATIVE':
      return 'tentative';
    case 'FREE':
      return 'free';
    case 'OOF':
      return 'oof';
    case 'WORKINGELSEWHERE':
      return 'elsewhere';
    default:
      return null;
  }
}
