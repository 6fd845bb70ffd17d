/**
 * Time zones of .ics files that name a zone without defining it (no VTIMEZONE block), or name it
 * the Windows way. RFC 5545 wants a VTIMEZONE for every TZID; Outlook exports have one (under a
 * Windows name such as "W. Europe Standard Time"), but other producers write an IANA name alone,
 * and some Outlook exports write the Windows name or its display text without the block.
 *
 * - Europe/Amsterdam is registered with ical.js from a VTIMEZONE we wrote from the public tz
 *   rules (CET +01:00, CEST +02:00 from the last Sunday of March 02:00 to the last Sunday of
 *   October 03:00, the EU rule since 1996), so it resolves with no help from the platform.
 * - Windows zone names (and Outlook's display texts) map to IANA names, per CLDR's windowsZones
 *   table for the territories Dutch users meet (NL, BE, DE, FR, GB, the Caribbean parts of the
 *   Kingdom, Suriname, Morocco, Turkey, the US).
 * - Any other IANA name is converted through Intl (every browser and Worker has the tz database);
 *   a name neither knows is an error, never a guess.
 */
import ICAL from 'ical.js';

/** CET/CEST as in the tz database's EU rule since 1996 (earlier dates: the same rule, for safety). */
const AMSTERDAM_VTIMEZONE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Gemeenteradar//ics-zones//NL',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'END:VCALENDAR',
].join('\r\n');

export const AMSTERDAM = 'Europe/Amsterdam';

let amsterdam: ICAL.Timezone | null = null;

/** Registers Europe/Amsterdam with ical.js once; returns the zone. */
export function registerAmsterdam(): ICAL.Timezone {
  if (amsterdam) return amsterdam;
  const component = new ICAL.Component(ICAL.parse(AMSTERDAM_VTIMEZONE)).getFirstSubcomponent('vtimezone')!;
  amsterdam = new ICAL.Timezone({ component, tzid: AMSTERDAM });
  if (!ICAL.TimezoneService.has(AMSTERDAM)) ICAL.TimezoneService.register(amsterdam, AMSTERDAM);
  return amsterdam;
}

/** Windows zone names (and the display texts Outlook sometimes writes as TZID) -> IANA. */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'W. Europe Standard Time': AMSTERDAM,
  '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna': AMSTERDAM,
  'Romance Standard Time': 'Europe/Brussels',
  '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris': 'Europe/Brussels',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GMT Standard Time': 'Europe/London',
  '(UTC+00:00) Dublin, Edinburgh, Lisbon, London': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  '(UTC) Coordinated Universal Time': 'UTC',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Helsinki',
  'GTB Standard Time': 'Europe/Bucharest',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Morocco Standard Time': 'Africa/Casablanca',
  'SA Western Standard Time': 'America/Curacao',
  'SA Eastern Standard Time': 'America/Paramaribo',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Pacific Standard Time': 'America/Los_Angeles',
};

const knownToIntl = new Map<string, boolean>();
function intlKnows(zone: string): boolean {
  let known = knownToIntl.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    knownToIntl.set(zone, known);
  }
  return known;
}

/**
 * The IANA zone a TZID names, or null: a Windows name or display text, an IANA name, or an IANA
 * name behind a vendor prefix ("/mozilla.org/20050126_1/Europe/Amsterdam").
 */
export function ianaZoneOf(tzid: string): string | null {
  const name = tzid.trim().replace(/^"|"$/g, '');
  const windows = WINDOWS_ZONES[name];
  if (windows) return windows;
  if (name === AMSTERDAM || intlKnows(name)) return name;
  const prefixed = /([A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(name)?.[1];
  if (prefixed && (prefixed === AMSTERDAM || intlKnows(prefixed))) return prefixed;
  return null;
}
