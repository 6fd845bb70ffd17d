/**
 * A meeting agreed in mail: "Dan zien we elkaar maandag 30 november om 11:00", "Prima, 10 december
 * om 13:00 staat in mijn agenda", "See you on Tuesday 24 November at 10:00". Found in the visible
 * text of a mail in either direction, dated against the mail's own date. Once passed it counts as a
 * response (the model's `meeting` interaction); still ahead it is the next meeting.
 *
 * Rules, in this order:
 * - a sentence names a moment: a date ("30 november", "30-11", with or without weekday and year)
 *   with or without a time, or a weekday or "morgen"/"vandaag" with a time ("donderdag om 14:00");
 *   a bare weekday without a time ("tot maandag!") names no moment;
 * - that sentence, or the one right before it, agrees ("dan zien we elkaar", "staat in mijn agenda",
 *   "prima", "akkoord", "tot dan", "see you", "works for me");
 * - the sentence is not a question or proposal ("Zullen we dinsdag om 10:00?"), offers no
 *   alternatives ("dinsdag om 10:00 of donderdag in de middag") and does not decline ("helaas",
 *   "lukt niet");
 * - a date without a year is the next such date on or after the mail's day (resolveDate, as for
 *   out-of-office replies); a weekday is the next such day after the mail's day ("volgende week"
 *   moves it to the next week); a time is local wall-clock time. Without a time the meeting is all
 *   day and counts as having taken place at the end of that day.
 *
 * Not resolved, on purpose: "tot maandag!" after a date given in an earlier mail of the thread.
 * Pairing a bare weekday with an earlier proposal is a guess when several dates were proposed
 * ("dinsdag 24 november om 10:00 of donderdag 26 november"); the mail that named the date and
 * agreed is found on its own, and a calendar event (lib/messaging/observations.ts) is the better
 * witness for the rest.
 */
import { evidence, type Evidence } from '../vocabulary/evidence';
import { normaliseMailText, ownWords, sentencesOf } from '../vocabulary/mail-text';
import { MONTH_PATTERN, MONTHS, resolveDate, WEEKDAY_PATTERN, WEEKDAYS } from './auto-reply';
import { dateOfDayIndex, localDayIndex, weekdayOfDayIndex } from './calendar';

export interface AgreedMeeting {
  /** local wall-clock start, epoch ms; for an all-day meeting the day's midnight */
  start: number;
  /** exclusive end: the stated end time, else an hour after the start; all day: the next midnight */
  end: number;
  allDay: boolean;
  /** the words that agreed and the moment they named */
  evidence: Evidence[];
}

/** Without a stated end, a meeting is taken to last this long. */
export const DEFAULT_MEETING_MS = 60 * 60_000;

const AGREED = new RegExp(
  [
    '\\b(?:dan )?zien we elkaar\\b',
    '\\btot (?:dan|ziens)\\b',
    '\\bstaat (?:in (?:mijn|de|onze) agenda|genoteerd|vast)\\b',
    '\\b(?:is|heb ik|hebben we) (?:genoteerd|ingepland|vastgelegd)\\b',
    '\\bzet (?:ik |we )?(?:het|hem|dat|die|dit) in (?:mijn|de|onze) agenda\\b',
    '\\b(?:afgesproken|akkoord|prima|perfect|top|bevestigd|ingepland)\\b',
    '\\b(?:dat is goed|dat past|past (?:mij|me|ons) (?:goed|prima|uitstekend)|ik bevestig|bij dezen bevestig)\\b',
    '\\b(?:ik kom|we komen|wij komen|ik ben erbij|we zijn erbij)\\b',
    "\\b(?:see you|works for me|that works|confirmed|i confirm|i'll be there|we'll be there|sounds good|agreed|booked|in my (?:calendar|diary))\\b",
  ].join('|'),
);

const DECLINED =
  /\b(?:helaas|lukt (?:me |mij |ons )?(?:helaas )?niet|kan (?:ik |ik dan |we )?(?:helaas )?niet|gaat niet door|afgezegd|afzeggen|verzet(?:ten)?|unfortunately|can't|cannot|won't|cancel(?:l?ed)?)\b/;
/** A proposal still waiting for its answer. */
const PROPOSED =
  /\?|^(?:zullen we|zouden we|kunt u|kun je|kan je|kunnen we|past|schikt|shall we|would|could|how about|what about)\b/;

const TIME =
  /\b(?:om |at |vanaf |from |van )?([01]?\d|2[0-3])(?:[:.]([0-5]\d)(?: ?uur| ?u\b)?| ?uur\b| ?(am|pm)\b)(?: ?(?:-|tot|to|until|till) ?([01]?\d|2[0-3])[:.]([0-5]\d))?/;
const DAY_MONTH = new RegExp(
  `\\b(?:(${WEEKDAY_PATTERN}) )?(\\d{1,2})(?:e|ste|de|st|nd|rd|th)? (${MONTH_PATTERN})\\b\\.?(?: (\\d{4}))?`,
);
const NUMERIC_DATE = new RegExp(`\\b(?:(${WEEKDAY_PATTERN}) )?(\\d{1,2})[-/](\\d{1,2})(?:[-/](\\d{4}|\\d{2}))?\\b`);
const WEEKDAY = new RegExp(`\\b(volgende week |aanstaande |komende |next |this )?(${WEEKDAY_PATTERN})\\b`);
const RELATIVE_DAY = /\b(vandaag|morgen|overmorgen|today|tomorrow)\b/;

interface Moment {
  dayIndex: number;
  /** minutes after midnight, or null for all day */
  minutes: number | null;
  endMinutes: number | null;
  text: string;
}

function timeOf(sentence: string): { minutes: number; endMinutes: number | null; text: string } | null {
  const match = TIME.exec(sentence);
  if (!match) return null;
  let hours = Number(match[1]);
  if (match[3] === 'pm' && hours < 12) hours += 12;
  if (match[3] === 'am' && hours === 12) hours = 0;
  const minutes = hours * 60 + Number(match[2] ?? 0);
  const endMinutes = match[4] !== undefined ? Number(match[4]) * 60 + Number(match[5]) : null;
  return { minutes, endMinutes: endMinutes !== null && endMinutes > minutes ? endMinutes : null, text: match[0].trim() };
}

/** The day a sentence names, against the mail's day; with whether it needs a time to count. */
function dayOf(sentence: string, sentDay: number): { dayIndex: number; needsTime: boolean; text: string } | null {
  let match = DAY_MONTH.exec(sentence);
  if (match) {
    const day = resolveDate(Number(match[2]), MONTHS[match[3] as string] ?? 0, match[4] ? Number(match[4]) : null, sentDay);
    return day === null ? null : { dayIndex: day, needsTime: false, text: match[0] };
  }
  match = NUMERIC_DATE.exec(sentence);
  if (match) {
    const year = match[4] ? (match[4].length === 2 ? 2000 + Number(match[4]) : Number(match[4])) : null;
    const day = resolveDate(Number(match[2]), Number(match[3]), year, sentDay);
    return day === null ? null : { dayIndex: day, needsTime: false, text: match[0] };
  }
  match = RELATIVE_DAY.exec(sentence);
  if (match) {
    const ahead = { vandaag: 0, today: 0, morgen: 1, tomorrow: 1, overmorgen: 2 }[match[1] as string] ?? 0;
    return { dayIndex: sentDay + ahead, needsTime: true, text: match[0] };
  }
  match = WEEKDAY.exec(sentence);
  if (match) {
    const wanted = WEEKDAYS[match[2] as string] as number;
    let ahead = (wanted - weekdayOfDayIndex(sentDay) + 7) % 7 || 7;
    // "volgende week dinsdag": the Tuesday of the week after the mail's (weeks start on Monday)
    if (match[1] === 'volgende week ' || match[1] === 'next ') {
      const mondayNextWeek = sentDay - ((weekdayOfDayIndex(sentDay) + 6) % 7) + 7;
      ahead = mondayNextWeek + ((wanted + 6) % 7) - sentDay;
    }
    return { dayIndex: sentDay + ahead, needsTime: true, text: match[0] };
  }
  return null;
}

function momentOf(sentence: string, sentDay: number): Moment | null {
  const day = dayOf(sentence, sentDay);
  if (!day) return null;
  const time = timeOf(sentence.replace(day.text, ' '));
  if (!time && day.needsTime) return null;
  const text = time ? `${day.text.trim()} ${time.text}` : day.text.trim();
  return { dayIndex: day.dayIndex, minutes: time?.minutes ?? null, endMinutes: time?.endMinutes ?? null, text };
}

function localTime(dayIndex: number, minutes: number): number {
  const { year, month, day } = dateOfDayIndex(dayIndex);
  return new Date(year, month - 1, day, Math.floor(minutes / 60), minutes % 60).getTime();
}

/** Two moments in one sentence joined by "of"/"or": alternatives, nothing agreed yet. */
function offersAlternatives(sentence: string): boolean {
  return (
    /\b(?:of|or)\b/.test(sentence) &&
    (sentence.match(new RegExp(`\\b(?:${WEEKDAY_PATTERN})\\b|\\b\\d{1,2} (?:${MONTH_PATTERN})\\b`, 'g'))?.length ?? 0) >= 2
  );
}

/** The first agreed meeting in a mail's text, or null (see the header for the rules). */
export function findAgreedMeeting(text: string, sentAt: number): AgreedMeeting | null {
  const sentences = sentencesOf(ownWords(normaliseMailText(text)));
  const sentDay = localDayIndex(sentAt);
  for (let index = 0; index < sentences.length; index += 1) {
    const sentence = sentences[index] as string;
    if (PROPOSED.test(sentence) || DECLINED.test(sentence) || offersAlternatives(sentence)) continue;
    const agreed = AGREED.exec(sentence) ?? (index > 0 ? AGREED.exec(sentences[index - 1] as string) : null);
    if (!agreed) continue;
    const moment = momentOf(sentence, sentDay);
    if (!moment) continue;
    const allDay = moment.minutes === null;
    const start = localTime(moment.dayIndex, moment.minutes ?? 0);
    const end = allDay
      ? localTime(moment.dayIndex + 1, 0)
      : moment.endMinutes !== null
        ? localTime(moment.dayIndex, moment.endMinutes)
        : start + DEFAULT_MEETING_MS;
    return { start, end, allDay, evidence: [evidence('meeting-agreed', { words: agreed[0], moment: moment.text, start })] };
  }
  return null;
}
