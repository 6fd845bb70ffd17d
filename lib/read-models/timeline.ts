/**
 * The timeline read model: every mail and call with some contacts, newest first. The popup's
 * municipality detail and the side panel's contact cards both show it.
 */
import type { GemeenteradarDb } from '../store/db';
import { emptyTally, repairAll, repairCall, repairMessage, type RecordTally } from './record-guards';

export interface TimelineItem {
  id: string;
  kind: 'email' | 'call';
  direction: 'in' | 'out';
  at: number | null;
  atRaw: string | null;
  /** the stakeholder(s) involved */
  contactIds: string[];
  subject: string;
  threadId: string | null;
  isAutoReply: boolean;
  /** calls: picked up or not */
  answered: boolean | null;
  note: string;
}

/** Newest first; items whose time is unknown come last, with the text the page showed. */
export function sortTimeline(items: TimelineItem[]): TimelineItem[] {
  return items.sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity));
}

/**
 * Every mail and call with these contacts, newest first, at most `limit`. Records that are not as
 * expected are repaired or set aside (record-guards.ts) and counted in `tally`.
 */
export async function loadTimeline(
  db: GemeenteradarDb,
  contactIds: readonly string[],
  limit = 100,
  tally: RecordTally = emptyTally(),
): Promise<TimelineItem[]> {
  if (contactIds.length === 0) return [];
  return db.transaction('r', [db.messages, db.calls], async () => {
    const [messagesRead, callsRead] = await Promise.all([
      db.messages.where('contactIds').anyOf([...contactIds]).distinct().toArray(),
      db.calls.where('contactId').anyOf([...contactIds]).toArray(),
    ]);
    const messages = repairAll(messagesRead, repairMessage, tally);
    const calls = repairAll(callsRead, repairCall, tally);
    const items: TimelineItem[] = [
      ...messages.map((message) => ({
        id: message.id,
        kind: 'email' as const,
        direction: message.direction,
        at: message.at,
        atRaw: message.atRaw,
        contactIds: message.contactIds,
        subject: message.subject,
        threadId: message.threadId,
        isAutoReply: message.isAutoReply ?? false,
        answered: null,
        note: '',
      })),
      ...calls.map((call) => ({
        id: call.id,
        kind: 'call' as const,
        direction: call.direction,
        at: call.at,
        atRaw: null,
        contactIds: [call.contactId],
        subject: '',
        threadId: null,
        isAutoReply: false,
        answered: call.answered,
        note: call.note,
      })),
    ];
    return sortTimeline(items).slice(0, limit);
  });
}
