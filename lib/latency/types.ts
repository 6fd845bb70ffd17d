/**
 * Input and output shapes of the response-latency model. Pure data: no DOM, no store.
 *
 * The store keeps messages (lib/store/schemas.ts); whoever reads them for the model turns every
 * message, logged call and calendar event into one `Interaction` per stakeholder contact involved.
 */
import type { Evidence } from '../vocabulary/evidence';
import type { RoleId } from '../vocabulary/roles';
import type { LatencyStatus } from '../vocabulary/statuses';

export type { LatencyStatus };

export type InteractionKind = 'email' | 'call' | 'meeting';

/** `in`: from the stakeholder to the user; `out`: from the user to the stakeholder. */
export type InteractionDirection = 'in' | 'out';

export interface Interaction {
  id: string;
  /** the stakeholder contact this interaction is with (for an `in` mail: the person it answers for) */
  contactId: string;
  organisationId: string | null;
  kind: InteractionKind;
  direction: InteractionDirection;
  /** ms since epoch; null when the page showed no time we could parse: listed, never counted */
  at: number | null;
  threadId: string | null;
  /**
   * Calls only. An outgoing call that was not answered (false or unknown) is an attempt; an
   * answered call, in either direction, is a response.
   */
  answered?: boolean;
  /** An out-of-office reply (see auto-reply.ts): never a response; `until` marks an absence. */
  autoReply?: { until: number | null };
  /**
   * Outgoing mail only: what it does (lib/classify/intent.ts, or the user's decision). `closing`
   * is no attempt; `neutral` is one unless it answers their mail in the thread (see model.ts);
   * `asking`, or left out, is an attempt. A mail whose text was not seen is passed as `asking`.
   */
  intent?: 'asking' | 'closing' | 'neutral';
  /**
   * Who actually sent an `in` mail when it was not the contact itself: a secretariaat or a
   * colleague answering "namens". Still a response for `contactId`.
   */
  fromContactId?: string | null;
}

/** In working days: `ideal` is when yellow starts, `max` when red starts. */
export interface LatencyThresholds {
  ideal: number;
  max: number;
}

export type RoleThresholds = Record<RoleId, LatencyThresholds>;

/** What the model needs to know about a contact: enough to group and to pick thresholds. */
export interface LatencyContact {
  id: string;
  organisationId: string | null;
  role: RoleId;
  /** effective municipality tag; only the rollups use it */
  municipalityCode?: string | null;
  /** the user snoozed this contact until then: not needing attention before it (see model.ts) */
  snoozedUntil?: number | null;
}

export interface ContactLatency {
  contactId: string | null;
  status: LatencyStatus;
  /** the thresholds the status was measured against */
  thresholds: LatencyThresholds;
  /** attempts (outgoing mails, unanswered calls) after the last response; a burst counts once */
  attemptsSinceLastResponse: number;
  /** of those, the ones outside a known absence: these count for the three-attempts rule */
  attemptsCountedForStatus: number;
  /** the first unanswered attempt after the last response, or null when nothing is outstanding */
  waitingSince: number | null;
  lastAttemptAt: number | null;
  /** whole working days from `waitingSince` to now, absence days excluded; null when not waiting */
  workingDaysWaiting: number | null;
  /** working days of known absence that were left out of `workingDaysWaiting` */
  absenceWorkingDaysExcluded: number;
  lastResponseAt: number | null;
  lastResponseKind: InteractionKind | null;
  /** over the history: working days from the first attempt to the next response */
  medianResponseWorkingDays: number | null;
  lastResponseWorkingDays: number | null;
  responseSamples: number;
  /** the end of an announced absence that is still in the future */
  absentUntil: number | null;
  /** the next planned meeting (neither attempt nor response until it took place) */
  nextMeetingAt: number | null;
  /** interactions without a known time: shown, never counted */
  uncountedInteractionIds: string[];
  /** a reply that appeared to come before its question was counted as 0 working days */
  clockSkew: boolean;
  /** the end of a snooze still running (status `snoozed` while something is outstanding); absent when none */
  snoozedUntil?: number;
  /** why, as codes with values ("3 pogingen zonder antwoord", "23 werkdagen wachten", ... in the page's language) */
  evidence: Evidence[];
}

export type ThreadState = 'waiting-for-them' | 'waiting-for-me' | 'done';
