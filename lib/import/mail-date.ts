/**
 * The Date header of a mail as epoch ms: RFC 5322 with its obsolete forms (two- and three-digit
 * years, zone names such as EST or GMT, military letters, comments, missing weekday or seconds)
 * and what mailers write in practice (asctime order, ISO 8601, "+01:00", a named zone after the
 * offset, Dutch and German month abbreviations). A date without any zone is not read: the time
 * would be a guess by up to a day's worth of hours, and we never guess a time.
 */

const MONTHS: Record<string, number> = {};
for (const [index, names] of [
  ['jan', 'january', 'januari', 'januar', 'jän'],
  ['feb', 'february', 'februari', 'februar'],
  ['mar', 'march', 'mrt', 'maart', 'mär', 'märz', 'maerz'],
  ['apr', 'april'],
  ['may', 'mei', 'mai'],
  ['jun', 'june', 'juni'],
  ['jul', 'july', 'juli'],
  ['aug', 'august', 'augustus'],
  ['sep', 'sept', 'september'],
  ['oct', 'october', 'okt', 'oktober'],
  ['nov', 'november'],
  ['dec', 'december', 'dez', 'dezember'],
].entries()) {
  for (const name of names) MONTHS[name] = index;
}

/** Zone names in minutes east of UTC: RFC 5322's obsolete ones and the common European ones. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  met: 60,
  west: 60,
  cest: 120,
  mest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const NUMERIC_ZONE = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$/i;

function zoneMinutes(token: string | undefined): number | null {
  if (!token) return null;
  const named = ZONES[token.toLowerCase()];
  if (named !== undefined) return named;
  const numeric = NUMERIC_ZONE.exec(token);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? '0');
    if (hours > 23 || minutes > 59) return null;
    // "+1" and "+01" are hours; "+0100" and "+01:00" are hours and minutes
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  // RFC 5322 4.3: military zones "SHOULD be considered equivalent to -0000" (UTC, local zone unknown)
  if (/^[a-ik-z]$/i.test(token)) return 0;
  return null;
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

function monthIndex(text: string): number | null {
  const month = MONTHS[text.toLowerCase().replace(/\.$/, '')];
  return month ?? null;
}

function epochOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: number,
): number | null {
  if (day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute > 0 || second > 0)) return null;
  const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 Feb over into March: such a date is not a date
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  const at = local - zone * 60_000;
  return at >= 0 && Number.isFinite(at) ? at : null;
}

// 1 Jan 2024 10:00[:00][.123] <zone...>   (weekday and commas removed before)
const RFC_ORDER = /^(\d{1,2})[\s-]+([a-zäé]{3,9}\.?)[\s-]+(\d{2,4})\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?\s*(.*)$/i;
// Jan 1 10:00:00 [zone] 2024 [zone]   (asctime, as separators and some mailers write it)
const ASCTIME_ORDER = /^([a-zäé]{3,9}\.?)\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:(\S+)\s+)?(\d{4})(?:\s+(\S+))?$/i;
// Jan 1 2024 10:00:00 zone
const MONTH_FIRST = /^([a-zäé]{3,9}\.?)\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;

/** The first zone in what follows the time ("+0100 (CET)" had its comment removed already). */
function trailingZone(rest: string): number | null {
  const tokens = rest.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  // "GMT +0100" and "UTC+1": a name followed by an offset means the offset
  if (tokens.length >= 2 && /^(?:gmt|utc|ut)$/i.test(tokens[0]!) && NUMERIC_ZONE.test(tokens[1]!)) return zoneMinutes(tokens[1]);
  return zoneMinutes(tokens[0]);
}

/** Weekday names and abbreviations (en, nl, de) that may open a date. */
const WEEKDAY =
  /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|mo|mi|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)$/i;

/** Epoch ms of a Date header's value, or null when it cannot be read without guessing. */
export function parseMailDate(raw: string | null | undefined): number | null {
  if (!raw) return null;
  // comments ("(CET)", "(GMT+01:00)"), then a leading weekday
  let text = raw
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const iso = ISO.exec(text);
  if (iso) {
    const zone = zoneMinutes(iso[7]!.replace(':', ''));
    if (zone === null) return null;
    return epochOf(
      Number(iso[1]),
      Number(iso[2]) - 1,
      Number(iso[3]),
      Number(iso[4]),
      Number(iso[5]),
      Number(iso[6] ?? '0'),
      zone,
    );
  }
  const firstWord = /^([a-zäéü]{2,9})\.?,?\s+/i.exec(text);
  if (firstWord && WEEKDAY.test(firstWord[1]!)) text = text.slice(firstWord[0].length);
  text = text.replace(/,/g, ' ');
  text = text.replace(/\s+/g, ' ').trim();

  const rfc = RFC_ORDER.exec(text);
  if (rfc) {
    const month = monthIndex(rfc[2]!);
    const zone = trailingZone(rfc[7]!);
    if (month === null || zone === null) return null;
    return epochOf(fullYear(rfc[3]!), month, Number(rfc[1]), Number(rfc[4]), Number(rfc[5]), Number(rfc[6] ?? '0'), zone);
  }
  const asctime = ASCTIME_ORDER.exec(text);
  if (asctime) {
    const month = monthIndex(asctime[1]!);
    const zone = zoneMinutes(asctime[6] ?? asctime[8]);
    if (month === null || zone === null) return null;
    return epochOf(
      Number(asctime[7]),
      month,
      Number(asctime[2]),
      Number(asctime[3]),
      Number(asctime[4]),
      Number(asctime[5] ?? '0'),
      zone,
    );
  }
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const month = monthIndex(monthFirst[1]!);
    const zone = trailingZone(monthFirst[7]!);
    if (month === null || zone === null) return null;
    return epochOf(
      Number(monthFirst[3]),
      month,
      Number(monthFirst[2]),
      Number(monthFirst[4]),
      Number(monthFirst[5]),
      Number(monthFirst[6] ?? '0'),
      zone,
    );
  }
  return null;
}
