/** Reader status and refused-message counters: what the popup shows under "Status". */
import type { CalendarReaderHealth, ReaderHealth } from '../messaging/observations';
import type { CalendarHost, MailHost } from '../vocabulary/hosts';
import type { GemeenteradarDb } from './db';

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

export async function recordRejection(db: GemeenteradarDb, reason: string, at: number): Promise<void> {
  await db.transaction('rw', db.rejections, async () => {
    const existing = await db.rejections.get(reason);
    await db.rejections.put({ reason, count: (existing?.count ?? 0) + 1, lastAt: at });
  });
}
