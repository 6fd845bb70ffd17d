/**
 * Where a stored thread, message or account comes from: a webmail host the content scripts read
 * (hosts.ts, their list alone), or `mailbox`, a mailbox file the user imported (lib/import). An
 * imported Google Takeout message is no `mailbox` record: it carries Gmail's own ids, so it is
 * stored as the Gmail reader's record of the same message (`gmail`).
 */
import { MAIL_HOSTS, type MailHost } from './hosts';

/** The store's value for mail read from an imported mailbox file (mbox, .eml) that is not Gmail's. */
export const MAILBOX_IMPORT_HOST = 'mailbox';

/** Every source a stored record may name: the webmail hosts, then imported files. */
export const RECORD_HOSTS = [...MAIL_HOSTS, MAILBOX_IMPORT_HOST] as [MailHost, ...MailHost[], typeof MAILBOX_IMPORT_HOST];
export type RecordHost = (typeof RECORD_HOSTS)[number];

/** What the keys of imported mail that is not Gmail's start with (`mail:mid:…`, lib/import/thread-keys.ts). */
export const MAILBOX_IMPORT_KEY_PREFIX = 'mail';
