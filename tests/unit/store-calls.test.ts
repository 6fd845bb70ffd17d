import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { logCall, UnknownContactError } from '@/lib/store/calls';
import type { GemeenteradarDb } from '@/lib/store/db';
import { withFreshDb } from '../fixtures/fresh-db';
import { contactRecord } from '../fixtures/records';

let db: GemeenteradarDb;
const NOW = Date.UTC(2026, 10, 20, 10);
const CONTACT = contactRecord({
  id: 'c:j.dijkstra@zwolle.nl',
  name: 'Jan Dijkstra',
  firstSeenAt: NOW - 10 * 86_400_000,
  lastSeenAt: NOW - 5 * 86_400_000,
  updatedAt: NOW,
});

withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  await db.contacts.put(CONTACT);
});

describe('logCall', () => {
  it("stores a call at now by default and moves the contact's last activity", async () => {
    const call = await logCall(
      db,
      { contactId: CONTACT.id, direction: 'out', answered: false, note: '  voicemail ingesproken ' },
      NOW,
    );
    expect(call).toMatchObject({ direction: 'out', answered: false, note: 'voicemail ingesproken', at: NOW });
    expect(await db.calls.where('contactId').equals(CONTACT.id).count()).toBe(1);
    expect((await db.contacts.get(CONTACT.id))?.lastSeenAt).toBe(NOW);
  });

  it('keeps a later last activity when an older call is logged', async () => {
    await logCall(db, { contactId: CONTACT.id, direction: 'in', answered: true, at: NOW - 20 * 86_400_000 }, NOW);
    expect((await db.contacts.get(CONTACT.id))?.lastSeenAt).toBe(CONTACT.lastSeenAt);
  });

  it('refuses a call to a contact that does not exist, or bad input, storing nothing', async () => {
    await expect(
      logCall(db, { contactId: 'c:nobody@example.org', direction: 'out', answered: false }, NOW),
    ).rejects.toBeInstanceOf(UnknownContactError);
    await expect(
      logCall(db, { contactId: CONTACT.id, direction: 'sideways' as never, answered: false }, NOW),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await db.calls.count()).toBe(0);
  });
});
