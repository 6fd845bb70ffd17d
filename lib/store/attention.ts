/** Who needs attention now, from the latency cache: what the toolbar badge shows. */
import type { GemeenteradarDb } from './db';
import type { LatencyRecord } from './schemas';

export interface AttentionEntry {
  contactId: string;
  name: string;
  status: 'slow' | 'unresponsive';
  attempts: number;
  workingDaysWaiting: number | null;
}

export interface Attention {
  count: number;
  worst: 'slow' | 'unresponsive' | null;
  /** most overdue first */
  entries: AttentionEntry[];
  /** open next steps whose date has passed: they ask for attention too */
  overdueSteps: string[];
}

/** What the toolbar badge counts: the people who need attention and the overdue next steps. */
export function attentionTotal(attention: Pick<Attention, 'count' | 'overdueSteps'>): number {
  return attention.count + (attention.overdueSteps?.length ?? 0);
}

export async function loadAttention(db: GemeenteradarDb, limit = 5, now: number = Date.now()): Promise<Attention> {
  return db.transaction('r', [db.latency, db.contacts, db.nextSteps], async () => {
    const overdueSteps = (await db.nextSteps.where('dueAt').belowOrEqual(now).toArray())
      .filter((step) => !step.done)
      .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0))
      .map((step) => step.text);
    const records = await db.latency.where('status').anyOf('slow', 'unresponsive').toArray();
    records.sort((a, b) => b.overdueScore - a.overdueScore || (a.waitingSince ?? 0) - (b.waitingSince ?? 0));
    const top = records.slice(0, limit);
    const contacts = await db.contacts.bulkGet(top.map((record) => record.contactId));
    const worst = records.some((record) => record.status === 'unresponsive')
      ? 'unresponsive'
      : records.length > 0
        ? 'slow'
        : null;
    return {
      overdueSteps,
      count: records.length,
      worst,
      entries: top.map((record: LatencyRecord, index) => ({
        contactId: record.contactId,
        name: contacts[index]?.name ?? record.contactId,
        status: record.status as 'slow' | 'unresponsive',
        attempts: record.attemptsSinceLastResponse,
        workingDaysWaiting: record.workingDaysWaiting,
      })),
    };
  });
}
