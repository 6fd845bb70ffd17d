/**
 * The background's message handler: the gate between untrusted content scripts and the store.
 * One table entry per message type says how it is validated (zod), who may send it, what it does
 * and what the background pipeline owes after it. Refused messages are counted by reason (never
 * stored), so a broken reader shows up in the popup instead of as wrong data.
 */
import type { z } from 'zod';
import { createImportLedger, type ImportLedger } from '../background/import-ledger';
import { owedAfterIngest, owedAfterUserAction, type Owes } from '../background/owed-work';
import { ingestMeetings } from '../store/calendar';
import { settleMeetingName } from '../store/calendar/settle-name';
import { logCallUndoable, undoCall } from '../store/calls';
import { mergeContacts, splitContact } from '../store/contact-merge';
import { answerContactStatuses } from '../store/contact-statuses';
import { applyCorrection, removeCorrection } from '../store/corrections';
import type { GemeenteradarDb } from '../store/db';
import { decideMeeting, decideReplyUndoable, restoreDecision, snoozeContactUndoable } from '../store/decisions';
import { reasonOfError, recordReaderHealth, recordRejection } from '../store/health';
import type { IngestQueue } from '../store/ingest-queue';
import { describeImportFindings, ingestBatchesOfImport, rememberOwnAddresses } from '../store/mailbox-import';
import { addNextStep, saveNote, updateNextStep } from '../store/notes';
import type { ContactStatusesReply } from './contact-statuses';
import { DATA_ROUTES } from './data-routes';
import type { DataReply } from './data-messages';
import { createRestoreSessions, type RestoreSessions } from '../store/restore';
import type { MeetingBatch, ObservationBatch } from './observations';
import { HOSTNAMES_BY_CALENDAR_HOST, HOSTNAMES_BY_MAIL_HOST, isCalendarPath } from '../vocabulary/hosts';
import { reason, type Reason } from '../vocabulary/reasons';
import {
  AddNextStepMessageSchema,
  ContactStatusesMessageSchema,
  CorrectTagMessageSchema,
  DecideMeetingMessageSchema,
  SettleMeetingNameMessageSchema,
  DecideReplyMessageSchema,
  describeValidationError,
  ImportBatchMessageSchema,
  ImportEndMessageSchema,
  ImportMeetingsMessageSchema,
  ImportStartMessageSchema,
  MeetingsMessageSchema,
  LogCallMessageSchema,
  MergeContactsMessageSchema,
  ObservationsMessageSchema,
  OpenStoreMessageSchema,
  RemoveCorrectionMessageSchema,
  RestoreDecisionMessageSchema,
  RuntimeMessageSchema,
  SaveNoteMessageSchema,
  SnoozeContactMessageSchema,
  SplitContactMessageSchema,
  UndoLogCallMessageSchema,
  UpdateNextStepMessageSchema,
  type ImportEndReply,
  type MeetingImportReply,
  type RuntimeReply,
  type UndoableReply,
} from './runtime';

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export type MessageType = z.output<typeof RuntimeMessageSchema>['type'];
export type Request<K extends MessageType> = Extract<z.output<typeof RuntimeMessageSchema>, { type: K }>;

export interface RouteContext {
  db: GemeenteradarDb;
  queue: IngestQueue;
  /** restores the data page is staging (lib/store/restore) */
  restores: RestoreSessions;
  now: () => number;
  sender: MessageSender;
  onObservations: (batch: ObservationBatch, tabId: number | undefined) => unknown;
  onMeetings: (batch: MeetingBatch, tabId: number | undefined) => unknown;
  /** what mailbox imports owe the pipeline, held until each ends */
  imports: ImportLedger;
}

/** What a message's work produced: a reply other than `{ ok: true }`, the contacts it changed. */
export interface RouteResult {
  reply?: ContactStatusesReply | DataReply | ImportEndReply | MeetingImportReply | UndoableReply;
  /** contacts whose interactions changed (their latency needs recomputing) */
  contactIds?: readonly string[];
}

export type Route<K extends MessageType> = {
  schema: z.ZodType<Request<K>>;
  run(request: Request<K>, context: RouteContext): Promise<RouteResult>;
  /** what the background pipeline owes after the work (nothing when absent) */
  affects?(result: RouteResult): Owes;
} & (
  | {
      /** a user's action: only from our own extension pages (popup, side panel, options, import) */
      from: 'extension-page';
      /**
       * It stores observations through the ingest queue, as the readers do (a mailbox import's
       * batch): not a write beside the queue, so it is no `exclusive` step (which would wait for
       * its own batch) and the queue's memory stays.
       */
      throughQueue?: true;
    }
  | {
      from: 'content-script';
      /** why the page the content script runs in may not send this; null when it may */
      refusePage(request: Request<K>, sender: MessageSender): Reason | null;
    }
);

const MAIL_HOSTNAMES: ReadonlySet<string> = new Set(Object.values(HOSTNAMES_BY_MAIL_HOST).flat());

function hostnameOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}

/** A calendar batch comes from its own calendar's pages: the host and a /calendar/ path. */
function isCalendarPage(source: keyof typeof HOSTNAMES_BY_CALENDAR_HOST, url: string | undefined): boolean {
  try {
    const { hostname, pathname } = new URL(url ?? '');
    return HOSTNAMES_BY_CALENDAR_HOST[source].includes(hostname) && isCalendarPath(pathname);
  } catch {
    return false;
  }
}

const userAction = ({ contactIds }: RouteResult): Owes => owedAfterUserAction(contactIds);

const ROUTES: { [K in MessageType]: Route<K> } = {
  observations: {
    schema: ObservationsMessageSchema,
    from: 'content-script',
    refusePage: ({ batch }, sender) =>
      HOSTNAMES_BY_MAIL_HOST[batch.host].includes(hostnameOf(sender.url))
        ? null
        : reason('sender-wrong-page', { host: batch.host }),
    // what the tab shows first (the side panel follows it at once), then the store, and the
    // reader's status last: it then says what is stored, and marks the read as done. What the
    // pipeline owes after an ingest comes from the queue (it merges batches into one write).
    run: async ({ batch }, { db, queue, now, sender, onObservations }) => {
      onObservations(batch, sender.tab?.id);
      if (batch.threads.length > 0 || batch.messages.length > 0 || batch.account) await queue.push(batch);
      await recordReaderHealth(db, batch.host, batch.health, now());
      return {};
    },
  },
  meetings: {
    schema: MeetingsMessageSchema,
    from: 'content-script',
    refusePage: ({ batch }, sender) =>
      isCalendarPage(batch.source, sender.url) ? null : reason('sender-wrong-page', { host: batch.source }),
    // the meetings first, then the reader's status (it then says what is stored). Mail ingest
    // plans meetings too (agreed in mail): the calendar's write is a step of the queue, never
    // beside an ingest that is planning from the meetings it changes.
    run: async ({ batch }, { db, queue, now, sender, onMeetings }) => {
      onMeetings(batch, sender.tab?.id);
      const plan = batch.meetings.length > 0 ? await queue.exclusive(() => ingestMeetings(db, batch, now())) : null;
      await recordReaderHealth(db, batch.source, batch.health, now());
      return { contactIds: plan?.contactIds ?? [] };
    },
    affects: ({ contactIds = [] }) => (contactIds.length > 0 ? owedAfterIngest({ affectedContactIds: contactIds }) : {}),
  },
  'import-meetings': {
    schema: ImportMeetingsMessageSchema,
    from: 'extension-page',
    run: async ({ batch }, { db, now }) => {
      const plan = await ingestMeetings(db, { ...batch, account: null }, now());
      return { contactIds: plan.contactIds, reply: { ok: true, meetings: plan.summary } };
    },
    affects: userAction,
  },
  'contact-statuses': {
    schema: ContactStatusesMessageSchema,
    from: 'content-script',
    // only our content scripts in a webmail tab ask this (their list rows' badges)
    refusePage: (_request, sender) =>
      sender.tab !== undefined && MAIL_HOSTNAMES.has(hostnameOf(sender.url))
        ? null
        : reason('sender-not-webmail', { type: 'contact-statuses' }),
    run: async ({ addresses }, { db }) => ({ reply: { ok: true, statuses: await answerContactStatuses(db, addresses) } }),
  },
  'log-call': {
    schema: LogCallMessageSchema,
    from: 'extension-page',
    // the reply carries its undo (the page offers "Ongedaan maken" for a few seconds)
    run: async ({ call }, { db, now }) => {
      const { undo } = await logCallUndoable(db, call, now());
      return { contactIds: [call.contactId], reply: { ok: true, undo: { type: 'undo-log-call', undo } } };
    },
    affects: userAction,
  },
  'undo-log-call': {
    schema: UndoLogCallMessageSchema,
    from: 'extension-page',
    run: async ({ undo }, { db }) => ({ contactIds: await undoCall(db, undo) }),
    affects: userAction,
  },
  'restore-decision': {
    schema: RestoreDecisionMessageSchema,
    from: 'extension-page',
    run: async ({ restore }, { db }) => ({ contactIds: await restoreDecision(db, restore) }),
    affects: userAction,
  },
  'correct-tag': {
    schema: CorrectTagMessageSchema,
    from: 'extension-page',
    // a role changes the thresholds, a municipality the roll-ups: recompute all covered
    run: async ({ correction }, { db, now }) => ({ contactIds: (await applyCorrection(db, correction, now())).contactIds }),
    affects: userAction,
  },
  'remove-correction': {
    schema: RemoveCorrectionMessageSchema,
    from: 'extension-page',
    run: async ({ correction }, { db, now }) => ({ contactIds: (await removeCorrection(db, correction, now())).contactIds }),
    affects: userAction,
  },
  'merge-contacts': {
    schema: MergeContactsMessageSchema,
    from: 'extension-page',
    run: async ({ merge }, { db, now }) => {
      await mergeContacts(db, merge, now());
      return { contactIds: [merge.intoContactId] };
    },
    affects: userAction,
  },
  'split-contact': {
    schema: SplitContactMessageSchema,
    from: 'extension-page',
    run: async ({ split }, { db, now }) => ({ contactIds: await splitContact(db, split, now()) }),
    affects: userAction,
  },
  'save-note': {
    schema: SaveNoteMessageSchema,
    from: 'extension-page',
    run: async ({ note }, { db, now }) => {
      await saveNote(db, note, now());
      return {};
    },
    affects: userAction,
  },
  'add-next-step': {
    schema: AddNextStepMessageSchema,
    from: 'extension-page',
    run: async ({ step }, { db, now }) => {
      const added = await addNextStep(db, step, now());
      return { contactIds: added.subjectType === 'contact' ? [added.subjectId] : [] };
    },
    affects: userAction,
  },
  'open-store': {
    schema: OpenStoreMessageSchema,
    from: 'extension-page',
    // opening with every version declared runs the upgrades an older store needs; writes nothing else
    run: async (_request, { db }) => {
      await db.open();
      return {};
    },
  },
  'update-next-step': {
    schema: UpdateNextStepMessageSchema,
    from: 'extension-page',
    run: async ({ step }, { db, now }) => {
      const updated = await updateNextStep(db, step, now());
      return { contactIds: updated?.subjectType === 'contact' ? [updated.subjectId] : [] };
    },
    affects: userAction,
  },
  ...DATA_ROUTES,
  'decide-reply': {
    schema: DecideReplyMessageSchema,
    from: 'extension-page',
    run: async ({ decision }, { db, now }) => {
      const { contactIds, previous } = await decideReplyUndoable(db, decision, now());
      return { contactIds, reply: { ok: true, undo: { type: 'restore-decision', restore: previous } } };
    },
    affects: userAction,
  },
  'snooze-contact': {
    schema: SnoozeContactMessageSchema,
    from: 'extension-page',
    run: async ({ snooze }, { db, now }) => {
      const { contactIds, previous } = await snoozeContactUndoable(db, snooze, now());
      return { contactIds, reply: { ok: true, undo: { type: 'restore-decision', restore: previous } } };
    },
    affects: userAction,
  },
  'decide-meeting': {
    schema: DecideMeetingMessageSchema,
    from: 'extension-page',
    run: async ({ decision }, { db, now }) => ({ contactIds: await decideMeeting(db, decision, now()) }),
    affects: userAction,
  },
  // the calendar's write is a step of the queue, as the meetings' are
  'settle-meeting-name': {
    schema: SettleMeetingNameMessageSchema,
    from: 'extension-page',
    run: async ({ settle }, { db, queue, now }) => ({
      contactIds: await queue.exclusive(() => settleMeetingName(db, settle, now())),
    }),
    affects: userAction,
  },
  // A mailbox import (lib/import reads the files in the import page). Its batches go through the
  // queue as a page's do, but owe the pipeline nothing each: the ledger holds their contacts, and
  // the import's end hands them over once (latency, badge, summaries).
  'import-start': {
    schema: ImportStartMessageSchema,
    from: 'extension-page',
    // the user's own addresses decide sent vs received and who is a colleague: accounts first
    run: async ({ importId, ownAddresses }, { db, now, imports }) => {
      await rememberOwnAddresses(db, ownAddresses, now());
      await imports.begin(importId, now());
      return {};
    },
  },
  'import-batch': {
    schema: ImportBatchMessageSchema,
    from: 'extension-page',
    throughQueue: true,
    // acknowledged once stored and its contacts recorded: the page reads on only then
    run: async ({ importId, messages }, { queue, now, imports }) => {
      const batches = ingestBatchesOfImport(messages);
      const stored = await Promise.all(batches.map((batch) => queue.push(batch, { owesPipeline: false, remember: false })));
      await imports.add(
        importId,
        stored.flatMap((summary) => summary.affectedContactIds),
        now(),
      );
      return {};
    },
  },
  'import-end': {
    schema: ImportEndMessageSchema,
    from: 'extension-page',
    run: async ({ importId, outcome }, { db, imports }) => {
      const findings = await imports.settle(importId, outcome);
      return { reply: { ok: true, found: findings ? await describeImportFindings(db, findings) : null } };
    },
  },
};

/** The table entry for a message's type; undefined for anything that is not one of ours. */
function routeFor(message: unknown): Route<MessageType> | undefined {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(ROUTES, type)
    ? (ROUTES[type as MessageType] as Route<MessageType>)
    : undefined;
}

export function createMessageHandler({
  db,
  queue,
  extensionId,
  afterWrite = () => undefined,
  onObservations = () => undefined,
  onMeetings = () => undefined,
  now = Date.now,
  imports = createImportLedger({ afterWrite: async (owes) => void (await afterWrite(owes)) }),
}: {
  db: GemeenteradarDb;
  queue: IngestQueue;
  extensionId: string;
  /** what a user's action owes the background pipeline (lib/background/pipeline.ts) */
  afterWrite?: (owes: Owes) => unknown;
  /** after a batch from a webmail tab was accepted: what that tab shows now */
  onObservations?: (batch: ObservationBatch, tabId: number | undefined) => unknown;
  /** after a batch from a calendar tab was accepted: what that tab shows now (its open event) */
  onMeetings?: (batch: MeetingBatch, tabId: number | undefined) => unknown;
  now?: () => number;
  /** what mailbox imports owe the pipeline (by default recorded in extension storage, handed to `afterWrite`) */
  imports?: ImportLedger;
}) {
  const refuse = async (why: Reason): Promise<RuntimeReply> => {
    await recordRejection(db, why, now()).catch(() => undefined);
    return { ok: false, error: why };
  };

  const restores = createRestoreSessions(db);
  return async function handleMessage(
    message: unknown,
    sender: MessageSender,
  ): Promise<RuntimeReply | ContactStatusesReply | DataReply | ImportEndReply | MeetingImportReply | UndoableReply> {
    if (sender.id !== extensionId) return refuse(reason('sender-not-extension'));
    const route = routeFor(message);
    // not one of ours: the whole list says why (the same reason a known type's schema would give)
    if (!route) return refuse(describeValidationError(RuntimeMessageSchema.safeParse(message).error));
    const parsed = route.schema.safeParse(message);
    if (!parsed.success) return refuse(describeValidationError(parsed.error));
    const request = parsed.data;
    const fromExtensionPage =
      (sender.url ?? '').startsWith(`chrome-extension://${extensionId}/`) || (sender.url ?? '').startsWith(`moz-extension://`);
    if (route.from === 'extension-page' && !fromExtensionPage) {
      return refuse(reason('sender-not-extension-page', { type: request.type }));
    }

    try {
      if (route.from === 'content-script') {
        const refused = route.refusePage(request, sender);
        if (refused) return refuse(refused);
      }
      const context = { db, queue, restores, now, sender, onObservations, onMeetings, imports };
      // A user's action is a step of the ingest queue: never beside an ingest, so no batch plans
      // from records it is changing, and what the queue remembers is forgotten around it. A
      // mailbox import's batch goes through the queue itself (as a page's): a step of its own
      // would wait for itself.
      const exclusive = route.from === 'extension-page' && !route.throughQueue;
      const result = exclusive ? await queue.exclusive(() => route.run(request, context)) : await route.run(request, context);
      if (route.affects) await afterWrite(route.affects(result));
      return result.reply ?? { ok: true };
    } catch (error) {
      // A write that failed (the store refused a record, the contact is gone, a batch not
      // stored): count it by its reason and say so; the transaction kept everything else as it was.
      return refuse(reasonOfError(error));
    }
  };
}
