/**
 * Where a stored conversation lives in the webmail, as a URL: pure, so the popup's "open the
 * conversation" builds nothing itself. Gmail opens a thread by its legacy (hex) id under
 * `#all/`, in the account of the tab that opens it; a thread we only know by a derived key is
 * found by its subject (`#search/subject:"…"`). Outlook opens an item by its item id, which we do
 * not store (a conversation id opens nothing): the link goes to the mailbox, and says so.
 * Imported mail files have no webmail home: no link.
 */
import { HOSTNAMES_BY_MAIL_HOST, type MailHost } from '../vocabulary/hosts';

export interface ThreadLinkInput {
  id: string;
  host: string;
  subject: string;
}

export interface WebmailLink {
  host: MailHost;
  /** `thread`: the conversation itself; `search`: found by its subject; `mailbox`: the inbox only */
  precision: 'thread' | 'search' | 'mailbox';
  /** Gmail: the route after `#`; Outlook: the path */
  route: string;
}

const GMAIL_THREAD_KEY = /^gmail:thread-f:(\d{1,24})$/;
const GMAIL_BASE_PATH = /^\/mail\/(?:u\/[^/]+\/)?/;

/** The thread's decimal id (`thread-f:<decimal>`) as Gmail's legacy hex id; null when it is no such number. */
export function gmailLegacyHex(decimal: string): string | null {
  try {
    const value = BigInt(decimal);
    return value > 0n ? value.toString(16) : null;
  } catch {
    return null;
  }
}

/** Where a stored thread opens; null when it has no webmail home (an imported mail file). */
export function webmailLinkOf(thread: ThreadLinkInput): WebmailLink | null {
  if (thread.host === 'gmail') {
    const decimal = GMAIL_THREAD_KEY.exec(thread.id)?.[1];
    const hex = decimal ? gmailLegacyHex(decimal) : null;
    if (hex) return { host: 'gmail', precision: 'thread', route: `all/${hex}` };
    const subject = thread.subject.trim().replaceAll('"', ' ');
    if (subject) return { host: 'gmail', precision: 'search', route: `search/${encodeURIComponent(`subject:"${subject}"`)}` };
    return { host: 'gmail', precision: 'mailbox', route: 'inbox' };
  }
  if (thread.host === 'outlook') return { host: 'outlook', precision: 'mailbox', route: '/mail/' };
  return null;
}

/**
 * The URL of a link, in the account of an open tab of that mailbox when there is one (Gmail:
 * `/mail/u/<n>/`), else on the host's first hostname in the default account.
 */
export function webmailUrl(link: WebmailLink, openTabUrl: string | null = null): string {
  const open = parseUrl(openTabUrl);
  const hostname =
    open && HOSTNAMES_BY_MAIL_HOST[link.host].includes(open.hostname) ? open.hostname : HOSTNAMES_BY_MAIL_HOST[link.host][0]!;
  if (link.host === 'gmail') {
    const base = (open?.hostname === hostname && GMAIL_BASE_PATH.exec(open.pathname)?.[0]) || '/mail/u/0/';
    return `https://${hostname}${base}#${link.route}`;
  }
  return `https://${hostname}${link.route}`;
}

function parseUrl(url: string | null): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

export interface TabLike {
  id?: number;
  windowId?: number;
  url?: string;
  active?: boolean;
}

/** The open tab of a mailbox to reuse: one on the host's mail pages, the active one first. */
export function pickMailTab<Tab extends TabLike>(tabs: readonly Tab[], host: MailHost): Tab | null {
  const mailTabs = tabs.filter((tab) => {
    const url = parseUrl(tab.url ?? null);
    return (
      tab.id !== undefined &&
      url !== null &&
      HOSTNAMES_BY_MAIL_HOST[host].includes(url.hostname) &&
      url.pathname.startsWith('/mail')
    );
  });
  return mailTabs.find((tab) => tab.active) ?? mailTabs[0] ?? null;
}
