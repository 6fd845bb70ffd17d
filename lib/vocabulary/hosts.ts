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
