/** Reader status and the counters of reasons (refused, repaired, set aside): what the popup shows under "Status". */
import type { CalendarReaderHealth, ReaderHealth } from '../messaging/observations';
import type { CalendarHost, MailHost } from '../vocabulary/hosts';
import { REASON_CODES, reason, reasonKey, type Reason } from '../vocabulary/reasons';
import { InvalidRecordError, type GemeenteradarDb } from './db';

export async function recordReaderHealth(
  db: GemeenteradarDb,
  host: MailHost | CalendarHost,
  health: ReaderHealth | CalendarReaderHealth,
  at: number,
): Promise<void> {
  const problems: Record<string, number> = {};
  for (const [problem, count] of Object.entries(health.problems)) if (count) problems[problem] = count;
  await db.readerStatus.put({
    id: `${host}:${health.view}`,
    host,
    view: health.view,
    status: health.status,
    itemsSeen: health.itemsSeen,
    itemsRead: health.itemsRead,
    problems,
    at,
  });
}

/**
 * Counts reasons (refusals, repairs, records set aside) per code and values: one read and one
 * write per distinct reason. Joins the caller's transaction when it covers `rejections`.
 */
export async function recordReasons(db: GemeenteradarDb, reasons: readonly Reason[], at: number): Promise<void> {
  if (reasons.length === 0) return;
  const counts = new Map<string, { reason: Reason; count: number }>();
  for (const reason of reasons) {
    const key = reasonKey(reason);
    const counted = counts.get(key) ?? { reason, count: 0 };
    counted.count++;
    counts.set(key, counted);
  }
  await db.transaction('rw', db.rejections, async () => {
    const keys = [...counts.keys()];
    const existing = await db.rejections.bulkGet(keys);
    await db.rejections.bulkPut(
      keys.map((key, index) => {
        const { reason, count } = counts.get(key)!;
        return {
          reason: key,
          code: reason.code,
          ...(reason.values ? { values: reason.values } : {}),
          count: (existing[index]?.count ?? 0) + count,
          lastAt: at,
        };
      }),
    );
  });
}

export async function recordRejection(db: GemeenteradarDb, reason: Reason, at: number): Promise<void> {
  await recordReasons(db, [reason], at);
}

/**
 * Why a write failed, as a reason: the store's own refusal (InvalidRecordError) by table and
 * field, an error that states its reason (UnknownContactError and the like) as it states it,
 * anything else by the error's name.
 */
export function reasonOfError(error: unknown): Reason {
  if (error instanceof InvalidRecordError) return reason('invalid-record', { table: error.table, field: error.field });
  const stated = (error as { reason?: Reason } | null)?.reason;
  if (stated && typeof stated === 'object' && (REASON_CODES as readonly string[]).includes(stated.code)) return stated;
  const name = error instanceof Error ? error.name : typeof error;
  return reason('store-failed', { error: name.slice(0, 60) });
}
