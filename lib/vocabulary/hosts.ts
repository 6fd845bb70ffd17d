/**
 * The webmail sites we read, and nothing else: per host id, its hostnames. The manifest's host
 * permissions (wxt.config.ts), each content script's `matches` (entrypoints/*.content.ts), the
 * background's check of who sent a batch (lib/messaging/background-handler.ts) and the e2e
 * harness's fixture hosts all come from here. Adding a host is one line below.
 */
const HOSTNAMES = {
  gmail: ['mail.google.com'],
  outlook: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'],
} as const satisfies Record<string, readonly string[]>;

export type MailHost = keyof typeof HOSTNAMES;
export type MailHostname = (typeof HOSTNAMES)[MailHost][number];

/** The page hostnames each reader may speak for: a Gmail batch from outlook.com is refused. */
export const HOSTNAMES_BY_MAIL_HOST: Readonly<Record<MailHost, readonly string[]>> = HOSTNAMES;

/** Every host id, in the order above. */
export const MAIL_HOSTS = Object.keys(HOSTNAMES) as [MailHost, ...MailHost[]];

/** Every hostname of every host. */
export const MAIL_HOSTNAMES: readonly MailHostname[] = MAIL_HOSTS.flatMap((host) => HOSTNAMES[host]);

/** A host's manifest match patterns: every page of each of its hostnames, over HTTPS. */
export function matchPatternsOf(host: MailHost): string[] {
  return HOSTNAMES_BY_MAIL_HOST[host].map((hostname) => `https://${hostname}/*`);
}

/** The match patterns of every host: the extension's host permissions. */
export const MAIL_HOST_PATTERNS: readonly string[] = MAIL_HOSTS.flatMap(matchPatternsOf);

/**
 * The calendars we read, per calendar source (the `source` of a MeetingBatch): Google Calendar on
 * its own host (every signed-in account lives under /calendar/u/<n>/), Outlook's calendar under
 * /calendar/ on the same four hosts as its mail. Only calendar.google.com adds a host permission.
 */
const CALENDAR_HOSTNAMES = {
  gcal: ['calendar.google.com'],
  'outlook-cal': HOSTNAMES.outlook,
} as const satisfies Record<string, readonly string[]>;

export type CalendarHost = keyof typeof CALENDAR_HOSTNAMES;

export const HOSTNAMES_BY_CALENDAR_HOST: Readonly<Record<CalendarHost, readonly string[]>> = CALENDAR_HOSTNAMES;

/** The path every calendar page of a calendar host lies under. */
export const CALENDAR_PATH_PREFIX = '/calendar/';

/** Whether a page path is a calendar view (Outlook's mail and calendar share their hosts). */
export function isCalendarPath(pathname: string): boolean {
  return pathname === '/calendar' || pathname.startsWith(CALENDAR_PATH_PREFIX);
}

/**
 * A calendar's content-script match patterns. Outlook's calendar script matches every page of
 * its hosts, as the mail script does: Outlook moves between mail and calendar without loading a
 * page, so each script reads only while the path is its own (isCalendarPath).
 */
export function calendarMatchPatternsOf(host: CalendarHost): string[] {
  if (host === 'outlook-cal') return matchPatternsOf('outlook');
  return CALENDAR_HOSTNAMES[host].map((hostname) => `https://${hostname}${CALENDAR_PATH_PREFIX}*`);
}

/** The extension's host permissions: the webmail hosts and calendar.google.com. */
export const HOST_PERMISSION_PATTERNS: readonly string[] = [
  ...MAIL_HOST_PATTERNS,
  ...CALENDAR_HOSTNAMES.gcal.map((hostname) => `https://${hostname}/*`),
];

/** Every hostname we read (mail and calendars), once each. */
export const ALL_HOSTNAMES: readonly string[] = [...new Set([...MAIL_HOSTNAMES, ...Object.values(CALENDAR_HOSTNAMES).flat()])];
