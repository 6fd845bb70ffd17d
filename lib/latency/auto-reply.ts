/**
 * Out-of-office detection for Dutch, English and German mail, from the subject and the visible
 * excerpt (the webmail never shows headers such as Auto-Submitted; imported mail has them:
 * detectAutoReplyWithHeaders). An automatic reply is not a response;
 * its end date marks days the contact was away, which the latency model leaves out.
 *
 * Numeric dates are read day first (5-12, 05.12.2026, 5/12/2026): our correspondents write European dates.
 * "tot en met / t/m / until / bis X" means away through X (the end of that day; a bare "tot X" is
 * read the same way, as most people mean it); "weer aanwezig op / back on / wieder ab X" means back
 * on X, so away through the day before. A date without a year is the next such date on or after
 * the message day, unless it lies at most 60 days before it (a responder nobody switched off).
 * The result's `until` may lie before the message: the model then ignores the absence.
 */
import { dayIndexOf, dateOfDayIndex, localDayIndex, weekdayOfDayIndex } from './calendar';

export interface AutoReplyInput {
  subject: string;
  excerpt: string;
}

export interface AutoReplyResult {
  isAutoReply: boolean;
  /** end of the last day of absence (local), or null when none was found */
  until: number | null;
  /** why, in Dutch, for the evidence list; empty when not an auto-reply */
  evidence: string;
}

/** Markers that make a subject an automatic reply wherever they stand. */
const STRONG_SUBJECT = new RegExp(
  [
    'automatisch(?:e)? (?:antwoord|reactie|bericht)',
    'afwezigheidsmelding',
    'afwezigheidsbericht',
    'out of (?:the )?office',
    'automatic reply',
    'automated (?:reply|response)',
    'auto[- ]?reply',
    'auto[- ]?response',
    'auto[- ]?antwort',
    'abwesenheitsnotiz',
    'abwesenheitsmeldung',
    'automatische (?:antwort|r(?:ü|ue)ckantwort)',
    'vacation reply',
  ].join('|'),
);

/**
 * States of absence that only count at the very start of a subject (not after "Re:": a person
 * wrote that). Topics such as "Vakantie" or "Urlaub" are left out: people mail about holidays.
 */
const WEAK_SUBJECT_START = new RegExp(
  '^(?:afwezig|niet aanwezig|buiten kantoor|niet op kantoor|met vakantie|away|on leave|' +
    'abwesend|nicht im b(?:ü|ue)ro|au(?:ß|ss)er haus|im urlaub)\\b',
);

/** The message says about itself that it was sent automatically. */
const AUTOMATIC_MESSAGE = new RegExp(
  [
    'dit is een automatisch(?:e)? (?:gegenereerd(?:e)? )?(?:antwoord|reactie|bericht)',
    'this is an automat(?:ic|ed)(?:ally generated)? (?:reply|response|message)',
    'this is an auto[- ]?(?:reply|response)',
    'diese (?:e-?mail|nachricht) wurde automatisch',
    'dies ist eine automatische (?:antwort|nachricht|benachrichtigung)',
    'automatisch generierte (?:antwort|nachricht)',
  ].join('|'),
);

/** The writer says they are away, in the present or future tense. */
const ABSENCE_PHRASE = new RegExp(
  [
    '\\bik ben [^!?\\n]{0,50}?\\b(?:afwezig|niet aanwezig|niet op kantoor|met vakantie|op vakantie|met verlof)\\b(?! geweest)',
    '\\bben ik [^!?\\n]{0,40}?\\b(?:afwezig|niet aanwezig|niet op kantoor|met vakantie|op vakantie|met verlof)\\b',
    "\\bi (?:am|'m) (?:currently |now )?(?:out of (?:the )?office|away|on (?:annual |parental )?leave|on holiday|on vacation)\\b",
    '\\bich bin [^!?\\n]{0,50}?\\b(?:abwesend|nicht im b(?:ü|ue)ro|im urlaub|au(?:ß|ss)er haus)\\b',
  ].join('|'),
);

/**
 * "I will be out of the office until ..." is also how a person announces a holiday in a real
 * reply; it needs an out-of-office cue or subject as well.
 */
const FUTURE_ABSENCE_PHRASE =
  /\bi will be (?:out of (?:the )?office|away|on (?:annual |parental )?leave|on holiday|on vacation)\b/;

/** Typical out-of-office advice; with an absence phrase it settles the case. */
const OUT_OF_OFFICE_CUE = new RegExp(
  [
    'in dringende gevallen',
    'voor dringende zaken',
    'beperkt bereikbaar',
    'beperkte toegang tot (?:mijn )?e-?mail',
    'uw (?:e-?mail|bericht) wordt niet doorgestuurd',
    'for urgent matters',
    'in urgent cases',
    'limited access to (?:my )?e-?mail',
    'in dringenden f(?:ä|ae)llen',
    'ihre (?:e-?mail|nachricht) wird nicht weitergeleitet',
    '(?:na|bij) (?:mijn )?terugkomst',
    '(?:upon|on|after) my return',
    'when i (?:get back|return)',
    'nach meiner r(?:ü|ue)ckkehr',
    '(?:kunt u|neem dan) contact op(?:nemen)? met',
    'please contact',
    '(?:bitte )?wenden sie sich (?:bitte )?an',
  ].join('|'),
);

/** Space-separated spellings per number, to a lookup from spelling to number. */
function spellings(entries: ReadonlyArray<readonly [number, string]>): Record<string, number> {
  const table: Record<string, number> = {};
  for (const [value, names] of entries) for (const name of names.split(' ')) table[name] = value;
  return table;
}

/** Month names and abbreviations (nl, en, de) to 1-12. */
export const MONTHS = spellings([
  [1, 'januari january januar jänner jan'],
  [2, 'februari february februar feb'],
  [3, 'maart march märz maerz mrt mar mär'],
  [4, 'april apr'],
  [5, 'mei may mai'],
  [6, 'juni june jun'],
  [7, 'juli july jul'],
  [8, 'augustus august aug'],
  [9, 'september sept sep'],
  [10, 'oktober october okt oct'],
  [11, 'november nov'],
  [12, 'december dezember dec dez'],
]);
export const MONTH_PATTERN = Object.keys(MONTHS)
  .sort((left, right) => right.length - left.length)
  .join('|');

/** Weekday names to `Date#getDay` numbers. */
export const WEEKDAYS = spellings([
  [0, 'zondag sunday sonntag'],
  [1, 'maandag monday montag'],
  [2, 'dinsdag tuesday dienstag'],
  [3, 'woensdag wednesday mittwoch'],
  [4, 'donderdag thursday donnerstag'],
  [5, 'vrijdag friday freitag'],
  [6, 'zaterdag saturday samstag sonnabend'],
]);
export const WEEKDAY_PATTERN = Object.keys(WEEKDAYS).join('|');

type AnchorMeaning = 'through' | 'return';

/**
 * Words after which an end date follows. Longest first, so "tot en met" wins over "tot".
 * `return` anchors name the day the person is back.
 */
const ANCHORS: Array<[RegExp, AnchorMeaning]> = [
  [
    /\btot en met\b|\bt\/m\b|\btot\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b|\bbis (?:einschlie(?:ß|ss)lich|zum|zur)?|\bbis\b/g,
    'through',
  ],
  [
    /\bweer (?:aanwezig|op kantoor|bereikbaar|terug|beschikbaar)(?: (?:op|vanaf|per))?|\bterug op\b|\bback (?:in the office |at work |at my desk )?(?:on|from)\b|\breturn(?:ing)? (?:to the office )?on\b|\bwill return\b|\bwieder (?:im b(?:ü|ue)ro|erreichbar|da|zur(?:ü|ue)ck)(?: (?:am|ab))?|\bzur(?:ü|ue)ck am\b/g,
    'return',
  ],
];

/** "vanaf maandag 8 december ben ik weer aanwezig": the date comes before the word "weer". */
const FROM_THEN_BACK = /\b(?:vanaf|from|ab)\b/g;
const BACK_AFTER_DATE = /^[^.!?\n]{0,40}?\b(?:weer|wieder|back|return)/;

const FILLER = new RegExp(
  `^(?:\\s|,|:|\\b(?:op|on|am|zum|zur|den|dem|de|the|vanaf|from|ab|einschlie(?:ß|ss)lich|inclusief|incl\\.?|including|and including)\\b)*`,
);
const WEEKDAY_PREFIX = new RegExp(`^(${WEEKDAY_PATTERN})\\b[,.]?\\s*(?:(?:den|the|de)\\s+)?`);
const NOT_A_TIME = '(?!\\s*(?:uur|u\\b|h\\b|uhr|hrs?\\b|am\\b|pm\\b))';
const NUMERIC_DATE = new RegExp(`^(\\d{1,2})[-./](\\d{1,2})(?!\\d)(?:[-./](\\d{4}|\\d{2})(?!\\d)|\\.?${NOT_A_TIME})`);
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const DAY_MONTH = new RegExp(
  `^(\\d{1,2})(?:ste|de|e|st|nd|rd|th)?\\.?\\s*(?:of\\s+)?(${MONTH_PATTERN})\\b\\.?(?:,?\\s+(\\d{4})\\b)?`,
);
const MONTH_DAY = new RegExp(`^(${MONTH_PATTERN})\\b\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`);
const UNTIL_FURTHER_NOTICE = /tot nader (?:bericht|order)|until further notice|bis auf weiteres/;

export function detectAutoReply(input: AutoReplyInput, options: { now: number }): AutoReplyResult {
  const subject = normalise(input.subject);
  const excerpt = normalise(input.excerpt);

  const strongSubject = STRONG_SUBJECT.exec(subject);
  const automatic = AUTOMATIC_MESSAGE.exec(excerpt);
  const weakSubject = WEAK_SUBJECT_START.exec(subject);
  // A subject that is nothing but "Afwezig" (or "Afwezig: <original>") is a responder's subject.
  const weakSubjectAlone = weakSubject !== null && /^\s*(?::|$)/.test(subject.slice(weakSubject[0].length));
  const absence = ABSENCE_PHRASE.exec(excerpt);
  const futureAbsence = absence ? null : FUTURE_ABSENCE_PHRASE.exec(excerpt);
  const cue = OUT_OF_OFFICE_CUE.exec(excerpt);
  const end = findEndDate(excerpt, options.now) ?? findEndDate(subject, options.now);

  const isAutoReply =
    strongSubject !== null ||
    automatic !== null ||
    weakSubjectAlone ||
    (absence !== null && (weakSubject !== null || cue !== null || end !== null)) ||
    (futureAbsence !== null && (weakSubject !== null || cue !== null)) ||
    (weakSubject !== null && (cue !== null || end !== null)) ||
    (cue !== null && end !== null);
  if (!isAutoReply) return { isAutoReply: false, until: null, evidence: '' };

  const reasons: string[] = [];
  for (const [where, match] of [
    ['onderwerp', strongSubject ?? weakSubject],
    ['tekst', automatic],
    ['tekst', absence ?? futureAbsence],
    ['tekst', cue],
  ] as const) {
    if (match) reasons.push(`${where} "${match[0].trim()}"`);
  }
  if (end) reasons.push(`${end.phrase} → afwezig t/m ${formatDayMonthYear(end.until)}`);
  else if (UNTIL_FURTHER_NOTICE.test(excerpt)) reasons.push('afwezig tot nader bericht');
  else reasons.push('geen einddatum gevonden');
  return { isAutoReply: true, until: end?.until ?? null, evidence: `automatisch antwoord: ${reasons.join('; ')}` };
}

/** What an imported message's headers say (Auto-Submitted, X-Autoreply; lib/import/mime.ts). */
export type AutoSubmittedHeader = 'auto-replied' | 'auto-generated' | null;

/**
 * Out-of-office detection for imported mail, whose headers say what the text can only suggest.
 * `auto-replied` (Auto-Submitted: auto-replied, X-Autoreply: yes) is an automatic reply even when
 * its text says nothing we recognise: the text only gives the end of the absence. No header: a
 * person wrote it, whatever its words. `auto-generated` (a notification, a delivery report) is
 * automatic but no reply: there the text decides, as for read mail.
 */
export function detectAutoReplyWithHeaders(
  input: AutoReplyInput,
  header: AutoSubmittedHeader,
  options: { now: number },
): AutoReplyResult {
  if (header === 'auto-generated') return detectAutoReply(input, options);
  if (header !== 'auto-replied') return { isAutoReply: false, until: null, evidence: '' };
  const end = findEndDate(normalise(input.excerpt), options.now) ?? findEndDate(normalise(input.subject), options.now);
  const ending = end ? `${end.phrase} → afwezig t/m ${formatDayMonthYear(end.until)}` : 'geen einddatum gevonden';
  return { isAutoReply: true, until: end?.until ?? null, evidence: `automatisch antwoord: kopregel Auto-Submitted; ${ending}` };
}

interface EndDate {
  until: number;
  phrase: string;
}

/** The first anchor in the text that is followed by a date we can read. */
function findEndDate(text: string, now: number): EndDate | null {
  const candidates: Array<{ index: number; found: EndDate }> = [];
  for (const [pattern, meaning] of ANCHORS) {
    for (const match of text.matchAll(pattern)) {
      const rest = text.slice(match.index + match[0].length, match.index + match[0].length + 80);
      const date = readDate(rest, now);
      if (!date) continue;
      candidates.push({ index: match.index, found: toEndDate(date, meaning, `"${match[0]}${date.text}"`) });
      break;
    }
  }
  for (const match of text.matchAll(FROM_THEN_BACK)) {
    const rest = text.slice(match.index + match[0].length, match.index + match[0].length + 80);
    const date = readDate(rest, now);
    if (!date || !BACK_AFTER_DATE.test(rest.slice(date.length))) continue;
    candidates.push({ index: match.index, found: toEndDate(date, 'return', `"${match[0]}${date.text}"`) });
    break;
  }
  candidates.sort((left, right) => left.index - right.index);
  return candidates[0]?.found ?? null;
}

interface ReadDate {
  dayIndex: number;
  /** characters consumed, from the start of the text after the anchor */
  length: number;
  text: string;
}

/** A date at the start of `text` (after filler words and an optional weekday). */
function readDate(text: string, now: number): ReadDate | null {
  const messageDay = localDayIndex(now);
  let offset = FILLER.exec(text)?.[0].length ?? 0;
  const weekdayMatch = WEEKDAY_PREFIX.exec(text.slice(offset));
  if (weekdayMatch) offset += weekdayMatch[0].length;
  const rest = text.slice(offset);
  const finish = (dayIndex: number | null, consumed: number): ReadDate | null =>
    dayIndex === null
      ? null
      : { dayIndex, length: offset + consumed, text: text.slice(0, offset + consumed).replace(/[\s,.:]+$/, '') };

  let match = ISO_DATE.exec(rest);
  if (match) return finish(validDate(Number(match[1]), Number(match[2]), Number(match[3])), match[0].length);
  match = NUMERIC_DATE.exec(rest);
  if (match) {
    const year = match[3] ? fullYear(match[3]) : null;
    return finish(resolveDate(Number(match[1]), Number(match[2]), year, messageDay), match[0].length);
  }
  match = DAY_MONTH.exec(rest);
  if (match) {
    const year = match[3] ? Number(match[3]) : null;
    return finish(resolveDate(Number(match[1]), MONTHS[match[2] as string] ?? 0, year, messageDay), match[0].length);
  }
  match = MONTH_DAY.exec(rest);
  if (match) {
    const year = match[3] ? Number(match[3]) : null;
    return finish(resolveDate(Number(match[2]), MONTHS[match[1] as string] ?? 0, year, messageDay), match[0].length);
  }
  if (weekdayMatch) {
    // A weekday on its own: the next such day after the message ("tot maandag", "until Friday").
    const wanted = WEEKDAYS[weekdayMatch[1] as string] as number;
    const ahead = (wanted - weekdayOfDayIndex(messageDay) + 7) % 7 || 7;
    return finish(messageDay + ahead, 0);
  }
  return null;
}

function toEndDate(date: ReadDate, meaning: AnchorMeaning, phrase: string): EndDate {
  const lastAbsentDay = meaning === 'return' ? date.dayIndex - 1 : date.dayIndex;
  const { year, month, day } = dateOfDayIndex(lastAbsentDay);
  return { until: new Date(year, month - 1, day, 23, 59, 59, 999).getTime(), phrase };
}

/**
 * A responder nobody switched off still says "tot en met 5 december" on 10 December: a date at most
 * this many days before the message is that past date, not one almost a year ahead.
 */
const FORGOTTEN_RESPONDER_DAYS = 60;

/** A date without a year is the next such date on or after the day of the message (but see above). */
export function resolveDate(day: number, month: number, year: number | null, messageDay: number): number | null {
  if (year !== null) return validDate(year, month, day);
  const thisYear = dateOfDayIndex(messageDay).year;
  const candidate = validDate(thisYear, month, day);
  if (candidate !== null && candidate >= messageDay - FORGOTTEN_RESPONDER_DAYS) return candidate;
  const nextYear = validDate(thisYear + 1, month, day);
  // 29 February without a year: the next leap year is too far to be meant; keep what we have.
  return nextYear ?? candidate;
}

function validDate(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1970 || year > 2200) return null;
  const dayIndex = dayIndexOf(year, month - 1, day);
  const check = dateOfDayIndex(dayIndex);
  return check.month === month && check.day === day ? dayIndex : null;
}

function fullYear(text: string): number {
  const value = Number(text);
  return text.length === 2 ? 2000 + value : value;
}

function formatDayMonthYear(ms: number): string {
  const date = new Date(ms);
  return `${date.getDate()}-${date.getMonth() + 1}-${date.getFullYear()}`;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u00a0\u2007\u202f\s]+/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .trim();
}
