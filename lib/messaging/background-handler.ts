/**
 * The background's message handler: the gate between untrusted content scripts and the store.
 * Every message is validated with zod and its sender checked; refused messages are counted by
 * reason (never stored), so a broken reader shows up in the popup instead of as wrong data.
 */
import type { GemeenteradarDb } from '../store/db';
import { recordReaderHealth, recordRejection } from '../store/health';
import type { IngestQueue } from '../store/ingest-queue';
import {
  describeValidationError,
  HOSTNAMES_BY_MAIL_HOST,
  RuntimeMessageSchema,
  type RuntimeReply,
} from './runtime';

export interface MessageSender {
  id?: string;
  url?: string;
}

export function createMessageHandler({
  db,
  queue,
  extensionId,
  now = Date.now,
}: {
  db: GemeenteradarDb;
  queue: IngestQueue;
  extensionId: string;
  now?: () => number;
}) {
  const refuse = async (reason: string): Promise<RuntimeReply> => {
    await recordRejection(db, reason, now()).catch(() => undefined);
    return { ok: false, error: reason };
  };

  return async function handleMessage(message: unknown, sender: MessageSender): Promise<RuntimeReply> {
    if (sender.id !== extensionId) return refuse('afzender: niet deze extensie');
    const parsed = RuntimeMessageSchema.safeParse(message);
    if (!parsed.success) return refuse(describeValidationError(parsed.error));
    const { batch } = parsed.data;

    let hostname = '';
    try {
      hostname = new URL(sender.url ?? '').hostname;
    } catch {
      // no or invalid URL: refused below
    }
    if (!HOSTNAMES_BY_MAIL_HOST[batch.host].includes(hostname)) {
      return refuse(`afzender: ${batch.host}-waarneming van een andere pagina`);
    }

    try {
      await recordReaderHealth(db, batch.host, batch.health, now());
      if (batch.threads.length > 0 || batch.messages.length > 0 || batch.account) {
        await queue.push(batch);
      }
      return { ok: true };
    } catch (error) {
      // A record that fails the store's own validation: count it, keep everything else intact.
      const reason = error instanceof Error ? `opslag: ${error.message}` : 'opslag: onbekende fout';
      return refuse(reason.slice(0, 200));
    }
  };
}
