/**
 * The background's message handler: the gate between untrusted content scripts and the store.
 * One table entry per message type says how it is validated (zod), who may send it, what it does
 * and what the background pipeline owes after it. Refused messages are counted by reason (never
 * stored), so a broken reader shows up in the popup instead of as wrong data.
 */
import type { z } from 'zod';
import { owedAfterIngest, owedAfterUserAction, type Owes } from '../background/owed-work';
import { ingestMeetings } from '../store/calendar';
import { logCall } from '../store/calls';
import { mergeContacts, splitContact } from '../store/contact-merge';
import { answerContactStatuses } from '../store/contact-statuses';
import { applyCorrection, removeCorrection } from '../store/corrections';
import type { GemeenteradarDb } from '../store/db';
import { decideMeeting, decideReply, snoozeContact } from '../store/decisions';
import { recordReaderHealth, recordRejection } from '../store/health';
import type { IngestQueue } from '../store/ingest-queue';
import { addNextStep, saveNote, updateNextStep } from '../store/notes';
import type { ContactStatusesReply } from './contact-statuses';
import type { ObservationBatch } from './observations';
import { HOSTNAMES_BY_CALENDAR_HOST, HOSTNAMES_BY_MAIL_HOST, isCalendarPath } from '../vocabulary/hosts';
import {
  AddNextStepMessageSchema,
  ContactStatusesMessageSchema,
  CorrectTagMessageSchema,
  DecideMeetingMessageSchema,
  DecideReplyMessageSchema,
  describeValidationError,
  ImportMeetingsMessageSchema,
  MeetingsMessageSchema,
  LogCallMessageSchema,
  MergeContactsMessageSchema,
  ObservationsMessageSchema,
  RemoveCorrectionMessageSchema,
  RuntimeMessageSchema,
  SaveNoteMessageSchema,
  SnoozeContactMessageSchema,
  SplitContactMessageSchema,
  UpdateNextStepMessageSchema,
  type MeetingImportReply,
  type RuntimeReply,
} from './runtime';

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

type MessageType = z.output<typeof RuntimeMessageSchema>['type'];
type Request<K extends MessageType> = Extract<z.output<typeof RuntimeMessageSchema>, { type: K }>;

interface RouteContext {
  db: GemeenteradarDb;
  queue: IngestQueue;
  now: () => number;
  sender: MessageSender;
  onObservations: (batch: ObservationBatch, tabId: number | undefined) => unknown;
}

/** What a message's work produced: a reply other than `{ ok: true }`, the contacts it changed. */
interface RouteResult {
  reply?: ContactStatusesReply | MeetingImportReply;
  /** contacts whose interactions changed (their latency needs recomputing) */
  contactIds?: readonly string[];
}

type Route<K extends MessageType> = {
  schema: z.ZodType<Request<K>>;
  run(request: Request<K>, context: RouteContext): Promise<RouteResult>;
  /** what the background pipeline owes after the work (nothing when absent) */
  affects?(result: RouteResult): Owes;
} & (
  | {
      /** a user's action: only from our own extension pages (popup, side panel, options) */
      from: 'extension-page';
    }
  | {
      from: 'content-script';
      /** why the page the content script runs in may not send this; null when it may */
      refusePage(request: Request<K>, sender: MessageSender): string | null;
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
        : `afzender: ${batch.host}-waarneming van een andere pagina`,
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
      isCalendarPage(batch.source, sender.url) ? null : `afzender: ${batch.source}-waarneming van een andere pagina`,
    // the meetings first, then the reader's status (it then says what is stored)
    run: async ({ batch }, { db, now }) => {
      const plan = batch.meetings.length > 0 ? await ingestMeetings(db, batch, now()) : null;
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
        : 'afzender: contact-statuses alleen vanuit de webmail',
    run: async ({ addresses }, { db }) => ({ reply: { ok: true, statuses: await answerContactStatuses(db, addresses) } }),
  },
  'log-call': {
    schema: LogCallMessageSchema,
    from: 'extension-page',
    run: async ({ call }, { db, now }) => {
      await logCall(db, call, now());
      return { contactIds: [call.contactId] };
    },
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
  'update-next-step': {
    schema: UpdateNextStepMessageSchema,
    from: 'extension-page',
    run: async ({ step }, { db, now }) => {
      const updated = await updateNextStep(db, step, now());
      return { contactIds: updated?.subjectType === 'contact' ? [updated.subjectId] : [] };
    },
    affects: userAction,
  },
  'decide-reply': {
    schema: DecideReplyMessageSchema,
    from: 'extension-page',
    run: async ({ decision }, { db, now }) => ({ contactIds: await decideReply(db, decision, now()) }),
    affects: userAction,
  },
  'snooze-contact': {
    schema: SnoozeContactMessageSchema,
    from: 'extension-page',
    run: async ({ snooze }, { db, now }) => ({ contactIds: await snoozeContact(db, snooze, now()) }),
    affects: userAction,
  },
  'decide-meeting': {
    schema: DecideMeetingMessageSchema,
    from: 'extension-page',
    run: async ({ decision }, { db, now }) => ({ contactIds: await decideMeeting(db, decision, now()) }),
    affects: userAction,
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
  now = Date.now,
}: {
  db: GemeenteradarDb;
  queue: IngestQueue;
  extensionId: string;
  /** what a user's action owes the background pipeline (lib/background/pipeline.ts) */
  afterWrite?: (owes: Owes) => unknown;
  /** after a batch from a webmail tab was accepted: what that tab shows now */
  onObservations?: (batch: ObservationBatch, tabId: number | undefined) => unknown;
  now?: () => number;
}) {
  const refuse = async (reason: string): Promise<RuntimeReply> => {
    await recordRejection(db, reason, now()).catch(() => undefined);
    return { ok: false, error: reason };
  };

  return async function handleMessage(
    message: unknown,
    sender: MessageSender,
  ): Promise<RuntimeReply | ContactStatusesReply | MeetingImportReply> {
    if (sender.id !== extensionId) return refuse('afzender: niet deze extensie');
    const route = routeFor(message);
    // not one of ours: the whole list says why (the same reason a known type's schema would give)
    if (!route) return refuse(describeValidationError(RuntimeMessageSchema.safeParse(message).error));
    const parsed = route.schema.safeParse(message);
    if (!parsed.success) return refuse(describeValidationError(parsed.error));
    const request = parsed.data;
    const fromExtensionPage =
      (sender.url ?? '').startsWith(`chrome-extension://${extensionId}/`) || (sender.url ?? '').startsWith(`moz-extension://`);
    if (route.from === 'extension-page' && !fromExtensionPage) {
      return refuse(`afzender: ${request.type} alleen vanuit de extensie`);
    }

    // A user action writes to the store: the queue's memory of what it stored is forgotten, before
    // (a batch then waiting is ingested anew) and after (one stored meanwhile too).
    const userAction = route.from === 'extension-page';
    if (userAction) queue.forget();
    try {
      if (route.from === 'content-script') {
        const refused = route.refusePage(request, sender);
        if (refused) return refuse(refused);
      }
      const result = await route.run(request, { db, queue, now, sender, onObservations });
      if (route.affects) await afterWrite(route.affects(result));
      return result.reply ?? { ok: true };
    } catch (error) {
      // A record that fails the store's own validation: count it, keep everything else intact.
      const reason = error instanceof Error ? `opslag: ${error.message}` : 'opslag: onbekende fout';
      return refuse(reason.slice(0, 200));
    } finally {
      if (userAction) queue.forget();
    }
  };
}
