/**
 * The background's message handler: the gate between untrusted content scripts and the store.
 * Every message is validated with zod and its sender checked; refused messages are counted by
 * reason (never stored), so a broken reader shows up in the popup instead of as wrong data.
 */
import { logCall } from '../store/calls';
import { mergeContacts, splitContact } from '../store/contact-merge';
import { answerContactStatuses } from '../store/contact-statuses';
import { applyCorrection, removeCorrection } from '../store/corrections';
import type { GemeenteradarDb } from '../store/db';
import { recordReaderHealth, recordRejection } from '../store/health';
import type { IngestQueue } from '../store/ingest-queue';
import { addNextStep, saveNote, updateNextStep } from '../store/notes';
import type { ContactStatusesReply } from './contact-statuses';
import type { ObservationBatch } from './observations';
import { HOSTNAMES_BY_MAIL_HOST } from '../vocabulary/hosts';
import { describeValidationError, PAGE_ONLY_MESSAGES, RuntimeMessageSchema, type RuntimeReply } from './runtime';

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

const MAIL_HOSTNAMES: ReadonlySet<string> = new Set(Object.values(HOSTNAMES_BY_MAIL_HOST).flat());

function hostnameOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}

export function createMessageHandler({
  db,
  queue,
  extensionId,
  onContactsChanged = () => undefined,
  onObservations = () => undefined,
  now = Date.now,
}: {
  db: GemeenteradarDb;
  queue: IngestQueue;
  extensionId: string;
  /** after a user action changed a contact's interactions (the latency needs recomputing) */
  onContactsChanged?: (contactIds: string[]) => unknown;
  /** after a batch from a webmail tab was accepted: what that tab shows now */
  onObservations?: (batch: ObservationBatch, tabId: number | undefined) => unknown;
  now?: () => number;
}) {
  const refuse = async (reason: string): Promise<RuntimeReply> => {
    await recordRejection(db, reason, now()).catch(() => undefined);
    return { ok: false, error: reason };
  };

  return async function handleMessage(message: unknown, sender: MessageSender): Promise<RuntimeReply | ContactStatusesReply> {
    if (sender.id !== extensionId) return refuse('afzender: niet deze extensie');
    const parsed = RuntimeMessageSchema.safeParse(message);
    if (!parsed.success) return refuse(describeValidationError(parsed.error));
    const request = parsed.data;
    const fromExtensionPage = (sender.url ?? '').startsWith(`chrome-extension://${extensionId}/`) ||
      (sender.url ?? '').startsWith(`moz-extension://`);
    if (PAGE_ONLY_MESSAGES.has(request.type) && !fromExtensionPage) {
      return refuse(`afzender: ${request.type} alleen vanuit de extensie`);
    }

    // A user action writes to the store: the queue's memory of what it stored is forgotten, before
    // (a batch then waiting is ingested anew) and after (one stored meanwhile too).
    const userAction = PAGE_ONLY_MESSAGES.has(request.type);
    if (userAction) queue.forget();
    try {
      switch (request.type) {
        case 'observations': {
          const { batch } = request;
          if (!HOSTNAMES_BY_MAIL_HOST[batch.host].includes(hostnameOf(sender.url))) {
            return refuse(`afzender: ${batch.host}-waarneming van een andere pagina`);
          }
          // what the tab shows first (the side panel follows it at once), then the store, and
          // the reader's status last: it then says what is stored, and marks the read as done
          onObservations(batch, sender.tab?.id);
          if (batch.threads.length > 0 || batch.messages.length > 0 || batch.account) {
            await queue.push(batch);
          }
          await recordReaderHealth(db, batch.host, batch.health, now());
          return { ok: true };
        }
        case 'contact-statuses': {
          // only our content scripts in a webmail tab ask this (their list rows' badges)
          if (sender.tab === undefined || !MAIL_HOSTNAMES.has(hostnameOf(sender.url))) {
            return refuse('afzender: contact-statuses alleen vanuit de webmail');
          }
          return { ok: true, statuses: await answerContactStatuses(db, request.addresses) };
        }
        case 'log-call': {
          await logCall(db, request.call, now());
          onContactsChanged([request.call.contactId]);
          return { ok: true };
        }
        case 'correct-tag': {
          // a role changes the thresholds, a municipality the roll-ups: recompute all covered
          const { contactIds } = await applyCorrection(db, request.correction, now());
          onContactsChanged(contactIds);
          return { ok: true };
        }
        case 'remove-correction': {
          const { contactIds } = await removeCorrection(db, request.correction, now());
          onContactsChanged(contactIds);
          return { ok: true };
        }
        case 'merge-contacts': {
          await mergeContacts(db, request.merge, now());
          onContactsChanged([request.merge.intoContactId]);
          return { ok: true };
        }
        case 'split-contact': {
          onContactsChanged(await splitContact(db, request.split, now()));
          return { ok: true };
        }
        case 'save-note': {
          await saveNote(db, request.note, now());
          return { ok: true };
        }
        case 'add-next-step': {
          const step = await addNextStep(db, request.step, now());
          if (step.subjectType === 'contact') onContactsChanged([step.subjectId]);
          return { ok: true };
        }
        case 'update-next-step': {
          const step = await updateNextStep(db, request.step, now());
          if (step?.subjectType === 'contact') onContactsChanged([step.subjectId]);
          return { ok: true };
        }
      }
    } catch (error) {
      // A record that fails the store's own validation: count it, keep everything else intact.
      const reason = error instanceof Error ? `opslag: ${error.message}` : 'opslag: onbekende fout';
      return refuse(reason.slice(0, 200));
    } finally {
      if (userAction) queue.forget();
    }
  };
}
