/**
 * One mail, one record, through the store: the same mail seen by a second reader under another
 * key is found in the match-key index (ingest's second round, lib/store/ingest/context-mail.ts),
 * whether the batch is a page's few messages (a range per message) or a burst of many (one cursor).
 */
import { describe, expect, it } from 'vitest';
import type { GemeenteradarDb } from '@/lib/store/db';
import { ingestBatches } from '@/lib/store/ingest';
import type { MessageObservation } from '@/lib/messaging/observations';
import { ACCOUNT, batch, message, person, readFully, T0 } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';

const RUUD = person('Ruud Kamphuis', 'r.kamphuis@deventer.nl');
const ME = person('Sanne', ACCOUNT);

/** Other mail in the same batch, each from its own sender: none of it the same mail. */
const others = (count: number): MessageObservation[] =>
  Array.from({ length: count }, (_, index) =>
    message({
      messageKey: `outlook:derived:other-${index}`,
      threadKey: `outlook:conv:other-${index}`,
      subject: `Ander onderwerp ${index}`,
      from: person(`Persoon ${index}`, `persoon${index}@zwolle.nl`),
      to: [ME],
      at: T0 + index * 60_000,
      idSource: 'derived',
    }),
  );

const seen = (host: 'gmail' | 'outlook', messages: MessageObservation[]) =>
  batch({ host, messages, health: readFully('conversation', messages.length) });

describe('one mail, one record, through the store', () => {
  let db: GemeenteradarDb;
  withFreshDb((fresh) => (db = fresh));

  it.each([
    ['incoming, alone in its batch', RUUD, [ME], 0],
    ['incoming, among 250 others', RUUD, [ME], 250],
    ['outgoing, alone in its batch', ME, [RUUD], 0],
    ['outgoing, among 250 others', ME, [RUUD], 250],
  ] as const)('%s: the second key becomes an alias of the stored record', async (_case, from, to, more) => {
    const subject = 'Begroting';
    await ingestBatches(
      db,
      [
        seen('gmail', [
          message({ messageKey: 'gmail:msg-f:9', threadKey: 'gmail:thread-f:9', subject, from, to: [...to], at: T0 + 50_000 }),
        ]),
      ],
      T0,
    );
    const copy = message({
      messageKey: 'outlook:derived:9',
      threadKey: 'outlook:conv:AAQk9',
      subject: `RE: ${subject}`,
      from,
      to: [...to],
      // 20 s later, in the next minute
      at: T0 + 70_000,
      idSource: 'derived',
    });
    await ingestBatches(db, [seen('outlook', [copy, ...others(more)])], T0 + 1000);
    const stored = await db.messages.get('gmail:msg-f:9');
    expect(stored?.aliases).toEqual(['outlook:derived:9']);
    expect(await db.messages.get('outlook:derived:9')).toBeUndefined();
    expect(await db.messages.count()).toBe(1 + more);
  });

  it('another subject in the same minute from the same sender is another mail', async () => {
    await ingestBatches(
      db,
      [
        seen('gmail', [
          message({ messageKey: 'gmail:msg-f:9', threadKey: 'gmail:thread-f:9', subject: 'Begroting', from: RUUD, to: [ME] }),
        ]),
      ],
      T0,
    );
    const other = message({
      messageKey: 'outlook:derived:9',
      threadKey: 'outlook:conv:AAQk9',
      subject: 'Subsidie',
      from: RUUD,
      to: [ME],
      idSource: 'derived',
    });
    await ingestBatches(db, [seen('outlook', [other])], T0 + 1000);
    expect((await db.messages.toArray()).map((stored) => [stored.id, stored.aliases ?? []])).toEqual([
      ['gmail:msg-f:9', []],
      ['outlook:derived:9', []],
    ]);
  });
});
