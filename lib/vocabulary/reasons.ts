/**
 * Why the background refused something, repaired a stored record or set one aside: a code with
 * values (the Evidence shape, ./evidence.ts). The background counts them per code and values
 * (the `rejections` table); the popup's status area and the pages' replies render them with t()
 * (lib/i18n, key `reason_<code>` with `-` as `_`). Values are facts: a table, a field, a host, a
 * message type, an error's name; never a sentence.
 */
import type { Evidence } from './evidence';

export const REASON_CODES = [
  /** a runtime message from another extension */
  'sender-not-extension',
  /** observations of a mail host sent by a page of another host (values: host) */
  'sender-wrong-page',
  /** a content script's request from somewhere else than a webmail page (values: type) */
  'sender-not-webmail',
  /** a user's action from somewhere else than our own extension pages (values: type) */
  'sender-not-extension-page',
  /** a message that fails its schema (values: path, issue: zod's issue code) */
  'invalid-message',
  /** a record the store's schema refused; everything else of its batch was stored (values: table, field) */
  'invalid-record',
  /** a write that failed for another reason (values: error, the error's name) */
  'store-failed',
  /** a stored record read back damaged and repaired from what is known (values: table, field) */
  'record-repaired',
  /** a stored record read back damaged beyond repair: moved to `quarantine` (values: table, field) */
  'record-quarantined',
  /** a user's action on a contact that does not exist (any more) */
  'unknown-contact',
  /** a note or next step for something that does not exist (any more) */
  'unknown-subject',
  /** splitting a merge that does not exist (any more) */
  'unknown-merge',
  /** a correction for a whole personal mail domain (values: domain) */
  'correction-personal-domain',
  /** a correction for an address the contact does not have (values: address) */
  'correction-not-an-address-of-contact',
  /** a backup's restore refused by the background; the reply carries the problem itself (values: problem, its code) */
  'backup-refused',
  /** forgetting one of the user's own addresses */
  'forget-own-address',
  /** the background did not answer (a page's own reason) */
  'no-reply',
  /** a counter stored before reasons were codes (store v9): its text as it was (values: text) */
  'legacy',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * Refusals of what was sent, not failures to store it: from a wrong sender or page (`sender-…`),
 * or invalid (`invalid-message`, `invalid-record`). The same message sent again is refused again
 * (and counted again), so a content script does not retry it. Everything else (a write that
 * failed, no answer) may go through at the next attempt.
 */
const REFUSAL_OF_CONTENT = /^(sender|invalid)-/;

/** Whether a reply refused its message for what it was (see REFUSAL_OF_CONTENT): never true for any other shape. */
export function isRefusalOfContent(reply: unknown): boolean {
  const { ok, error } = (reply ?? {}) as { ok?: unknown; error?: { code?: unknown } | null };
  return ok === false && REFUSAL_OF_CONTENT.test(String(error?.code));
}

/** A reason: one of the codes above, with its values. */
export interface Reason extends Evidence {
  code: ReasonCode;
}

export function reason(code: ReasonCode, values?: Record<string, string | number>): Reason {
  return values ? { code, values } : { code };
}

/**
 * The key a reason is counted under: its code and its values in a fixed order, so the same
 * reason is one counter whatever order its values were given in.
 */
export function reasonKey({ code, values }: Evidence): string {
  if (!values) return code;
  const parts = Object.keys(values)
    .sort()
    .map((name) => `${name}=${values[name]}`);
  return parts.length > 0 ? `${code} ${parts.join(' ')}` : code;
}

/**
 * The field a schema issue is about, without the positions in its lists: ["ruleTags", 0,
 * "evidence", 1] and "ruleTags.0.evidence.1" are both "ruleTags.evidence"; "(record)" for the
 * record itself.
 */
export function fieldOfPath(path: string | readonly PropertyKey[]): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map((part) => (typeof part === 'string' ? part : String(part)));
  return (
    parts
      .filter((part) => part !== '' && !/^\d+$/.test(part))
      .join('.')
      .slice(0, 200) || '(record)'
  );
}
