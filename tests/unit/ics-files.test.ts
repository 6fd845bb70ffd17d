/**
 * The .ics import page's work (lib/import/ics-files.ts) through the real background handler into
 * a fresh store: meetings with followed contacts kept, the rest counted, a bad file named with its
 * error and nothing of it stored, a second import of the same file storing nothing twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importIcsFiles } from '@/lib/import/ics-files';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { MeetingImportReply, RuntimeReply } from '@/lib/messaging/runtime';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { withFreshDb } from '../fixtures/fresh-db';
import { contactRecord } from '../fixtures/records';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const PAGE = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/ics-import.html` };
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/ics', name)));
const OPTIONS = {
  window: { start: Date.parse('2026-09-01T00:00:00Z'), end: Date.parse('2027-03-01T00:00:00Z') },
  userAddresses: ['sanne@buurtkracht.nl'],
  timeZone: 'Europe/Amsterdam',
};

let db: GemeenteradarDb;
let send: (batch: unknown) => Promise<MeetingImportReply | RuntimeReply>;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  const handle = createMessageHandler({
    db,
    queue: createIngestQueue(db),
    extensionId: EXTENSION_ID,
    now: () => Date.parse('2026-11-02T09:00:00Z'),
  });
  send = async (batch) => (await handle({ type: 'import-meetings', batch }, PAGE)) as MeetingImportReply | RuntimeReply;
  await db.contacts.bulkPut([
    contactRecord({ id: 'c:e.bosman@zwolle.nl', name: 'Eva Bosman' }),
    contactRecord({ id: 'c:f.elamrani@deventer.nl', name: 'Fatima el Amrani', municipalityCode: 'GM0150' }),
  ]);
});

describe('importing .ics files from the page', () => {
  it('keeps the meetings with followed contacts, counts the rest, names a bad file', async () => {
    const files = [
      { name: 'google-export.ics', bytes: bytesOf('google-export.ics') },
      { name: 'truncated.ics', bytes: bytesOf('truncated.ics') },
    ];
    const fractions: number[] = [];
    const summary = await importIcsFiles(files, {
      options: OPTIONS,
      send,
      onProgress: (progress) => fractions.push(progress.fraction),
    });
    const stored = await db.meetings.toArray();
    expect(summary.files).toBe(2);
    expect(summary.eventsRead).toBe(6);
    expect(summary.kept).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(0);
    expect(summary.dropped['no-stakeholder']).toBeGreaterThan(0);
    for (const meeting of stored) expect(meeting.contactIds.length).toBeGreaterThan(0);
    expect(summary.fileErrors).toEqual([{ name: 'truncated.ics', error: 'truncated' }]);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
  });

  it('the same file again stores nothing twice', async () => {
    const file = { name: 'google-export.ics', bytes: bytesOf('google-export.ics') };
    await importIcsFiles([file], { options: OPTIONS, send });
    const before = await db.meetings.toArray();
    const again = await importIcsFiles([file], { options: OPTIONS, send });
    expect(await db.meetings.toArray()).toEqual(before);
    expect(again.kept).toBe(0);
  });
});
