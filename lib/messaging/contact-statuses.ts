/**
 * The contact-status contract between the background and the content scripts (inline row
 * badges): the reply to a `contact-statuses` message (lib/messaging/runtime.ts), and the value the
 * background bumps in `storage.local` whenever the latency cache changed, so content scripts know
 * to ask again (they can read `storage.local`, not the session area or IndexedDB).
 *
 * Content scripts import this module: no zod, and no WXT storage either (9 KB minified; the
 * background's writer is lib/messaging/latency-updated.ts, the content scripts' watcher
 * lib/content/latency-updates.ts uses the plain API).
 */

import type { Reason } from '../vocabulary/reasons';

/** The most addresses one `contact-statuses` message may ask about (a content script sends more in parts). */
export const CONTACT_STATUSES_MAX_ADDRESSES = 300;

/** Per asked address whose contact is slow or unresponsive: the figures, the badge text, its label. */
export interface ContactStatusReplyEntry {
  status: 'slow' | 'unresponsive';
  attempts: number;
  workingDaysWaiting: number | null;
  /** the text on the badge: "3×" when the attempts decided the status, else "23 wd" */
  short: string;
  /** the badge's accessible name and tooltip, in the UI language */
  label: string;
}

export type ContactStatusesReply = { ok: true; statuses: Record<string, ContactStatusReplyEntry> } | { ok: false; error: Reason };

/** The `storage.local` key the background bumps (epoch ms) after every latency recomputation. */
export const LATENCY_UPDATED_KEY = 'latency-updated-at';
