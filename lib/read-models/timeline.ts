/**
 * The timeline read model: every mail, call and meeting with some contacts, newest first (a
 * planned meeting on top). The popup's municipality detail and the side panel's contact cards both
 * show it. An outgoing mail says what it does (its rule's intent and the words that decided, the
 * user's decisions on it and on its thread, and whether it counts as an attempt) and whether its
 * recipients were inferred; a meeting (agreed in mail, or from a calendar) says why it is one,
 * whether a calendar cancelled it and whether the user said it did not happen.
 */
import type { MailIntent } from '../classify/intent';
import type { GemeenteradarDb } from '../store/db';
import { effectiveIntent, replyDecisionsOf, type ReplyDecisionValue } from '../store/effective-intent';
import { decisionIdFor } from '../store/record-ids';
import type { Decision, Meeting, Message } from '../store/schemas';
import type { Evidence } from '../vocabulary/evidence';

export interface TimelineIntent {
  /** what the rule read in the visible text */
  rule: MailIntent;
  evidence: Evidence[];
  /** the user's decision on this mail, and on its thread */
  message: ReplyDecisionValue | null;
  thread: ReplyDecisionValue | null;
  /** what counts: asking is an attempt, closing is none, neutral depends on the mail before it */
  effective: 'asking' | 'closing' | 'neutral';
}

export interface TimelineMeeting {
  allDay: boolean;
  /** the user said it did not happen: it counts for nothing */
  didNotHappen: boolean;
  /** a calendar cancelled it, or the user declined it there: it counts for nothing */
  cancelled: boolean;
  evidence: Evidence[];
}
import { emptyTally, repairAll, repairCall, repairMessage, type RecordTally } from './record-guards';

export interface TimelineItem {
  id: string;
  kind: 'email' | 'call' | 'meeting';
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
  /** outgoing mail with an intent (stored from v10 on); null otherwise */
  intent: TimelineIntent | null;
  /** outgoing mail whose recipients no page showed: its contacts are the thread's counterparts */
  recipientsInferred: boolean;
  /** meetings only */
  meeting: TimelineMeeting | null;
}

/** Newest first; items whose time is unknown come last, with the text the page showed. */
export function sortTimeline(items: TimelineItem[]): TimelineItem[] {
  return items.sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity));
}

function intentOf(message: Message, decisions: ReadonlyMap<string, Decision>): TimelineIntent | null {
  if (message.direction !== 'out' || !message.intent) return null;
  return {
    rule: message.intent.value,
    evidence: message.intent.evidence,
    ...replyDecisionsOf(message, decisions),
    effective: effectiveIntent(message, decisions) ?? 'asking',
  };
}

function mailItem(message: Message, decisions: ReadonlyMap<string, Decision>): TimelineItem {
  return {
    id: message.id,
    kind: 'email',
    direction: message.direction,
    at: message.at,
    atRaw: message.atRaw,
    contactIds: message.contactIds,
    subject: message.subject,
    threadId: message.threadId,
    isAutoReply: message.isAutoReply ?? false,
    answered: null,
    note: '',
    intent: intentOf(message, decisions),
    recipientsInferred: message.direction === 'out' && message.recipientsSeen === false,
    meeting: null,
  };
}

function meetingItem(meeting: Meeting, decisions: ReadonlyMap<string, Decision>): TimelineItem {
  return {
    id: meeting.id,
    kind: 'meeting',
    direction: 'out',
    at: meeting.start,
    atRaw: null,
    contactIds: meeting.contactIds,
    subject: meeting.title,
    threadId: meeting.threadId,
    isAutoReply: false,
    answered: null,
    note: '',
    intent: null,
    recipientsInferred: false,
    meeting: {
      allDay: meeting.allDay,
      didNotHappen: decisions.has(decisionIdFor('meeting', 'meeting', meeting.id)),
      cancelled: meeting.status === 'cancelled',
      evidence: meeting.evidence,
    },
  };
}

/**
 * Every mail, call and meeting with these contacts, newest first, at most `limit`. Records that
 * are not as expected are repaired or set aside (record-guards.ts) and counted in `tally`.
 */
export async function loadTimeline(
  db: GemeenteradarDb,
  contactIds: readonly string[],
  limit = 100,
  tally: RecordTally = emptyTally(),
): Promise<TimelineItem[]> {
  if (contactIds.length === 0) return [];
  return db.transaction('r', [db.messages, db.calls, db.meetings, db.decisions], async () => {
    const [messagesRead, callsRead, meetingsRead, decisionList] = await Promise.all([
      db.messages
        .where('contactIds')
        .anyOf([...contactIds])
        .distinct()
        .toArray(),
      db.calls
        .where('contactId')
        .anyOf([...contactIds])
        .toArray(),
      db.meetings
        .where('contactIds')
        .anyOf([...contactIds])
        .distinct()
        .toArray(),
      // a user makes few decisions: all of them, one read
      db.decisions.toArray(),
    ]);
    const messages = repairAll(messagesRead, repairMessage, tally);
    const calls = repairAll(callsRead, repairCall, tally);
    // a meeting whose start is not a time is shown as one of unknown time, never as NaN
    const meetings = meetingsRead.map((meeting) =>
      meeting.start === null || Number.isFinite(meeting.start) ? meeting : { ...meeting, start: null },
    );
    const decisions = new Map(decisionList.map((decision) => [decision.id, decision]));
    const items: TimelineItem[] = [
      ...messages.map((message) => mailItem(message, decisions)),
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
        intent: null,
        recipientsInferred: false,
        meeting: null,
      })),
      ...meetings.map((meeting) => meetingItem(meeting, decisions)),
    ];
    return sortTimeline(items).slice(0, limit);
  });
}

/** The user's own mail in a thread that counts for nobody: no recipients shown, none to infer. */
export interface NotCountedMail {
  id: string;
  at: number | null;
  atRaw: string | null;
  reason: 'no-recipients';
}

/** What the open conversation's header shows: the user's decision on the thread, and mail not counted. */
export async function loadThreadDecisions(
  db: GemeenteradarDb,
  threadId: string,
): Promise<{ decision: ReplyDecisionValue | null; notCounted: NotCountedMail[] }> {
  const [decision, messages] = await Promise.all([
    db.decisions.get(decisionIdFor('reply', 'thread', threadId)),
    db.messages.where('threadId').equals(threadId).toArray(),
  ]);
  const notCounted = messages
    .filter((message) => message.direction === 'out' && message.contactIds.length === 0 && message.recipientsSeen === false)
    .map((message): NotCountedMail => ({ id: message.id, at: message.at, atRaw: message.atRaw, reason: 'no-recipients' }));
  return { decision: decision?.kind === 'reply' ? decision.value : null, notCounted };
}
