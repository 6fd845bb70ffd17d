import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/store/db';
import { createPageDb, ReadOnlyDatabaseError } from '@/lib/store/page-db';
import { contactRecord } from '../fixtures/records';

describe('the page database', () => {
  it('reads what the background wrote, and refuses to write', async () => {
    const background = createDb('test-page-db');
    await background.contacts.put(contactRecord({ id: 'c:a@zwolle.nl', name: 'A' }));
    const page = createPageDb('test-page-db');
    expect(await page.contacts.get('c:a@zwolle.nl')).toMatchObject({ name: 'A' });
    await expect(page.contacts.put(contactRecord({ id: 'c:b@zwolle.nl', name: 'B' }))).rejects.toBeInstanceOf(ReadOnlyDatabaseError);
    await expect(page.contacts.delete('c:a@zwolle.nl')).rejects.toBeInstanceOf(ReadOnlyDatabaseError);
    expect(await background.contacts.count()).toBe(1);
    page.close();
    background.close();
    await background.delete();
  });
});
