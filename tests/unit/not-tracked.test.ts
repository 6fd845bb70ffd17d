import { describe, expect, it } from 'vitest';
import { ingestContextOf, planIngest } from '@/lib/store/ingest';
import { entriesFor, hashesOf, notTrackedCheck, withoutNotTracked } from '@/lib/store/not-tracked';
import { batch, message, person, readFully, T0, threadRow } from '../fixtures/observations';

const ME = person('me', 'sanne@buurtkracht.nl');
const JAN = person('Jan de Vries', 'jan.de.vries@gmail.com');
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const list = entriesFor([JAN.address!], [], T0);

const mail = batch({
  health: readFully('conversation', 4),
  threads: [
    threadRow({ threadKey: 'gmail:thread-f:1', participants: [JAN, ME] }),
    threadRow({ threadKey: 'gmail:thread-f:2', participants: [PETER, ME] }),
  ],
  messages: [
    message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:1', from: JAN, to: [ME], excerpt: 'Groet, Jan de Vries' }),
    message({ messageKey: 'gmail:msg-f:2', threadKey: 'gmail:thread-f:1', from: ME, to: [JAN] }),
    message({
      messageKey: 'gmail:msg-f:3',
      threadKey: 'gmail:thread-f:2',
      subject: 'Overleg met Jan de Vries',
      from: PETER,
      to: [ME],
      cc: [person('Jan', 'jandevries@gmail.com')],
      excerpt: 'Jan de Vries (JAN.DE.VRIES@gmail.com) komt ook.',
      signature: null,
    }),
  ],
});

describe('the not-tracked list', () => {
  it('holds salted hashes of the address and its mailbox, never the address', () => {
    expect(list).toHaveLength(2);
    expect(JSON.stringify(list)).not.toMatch(/jan|vries/i);
    // another salt: other hashes for the same address
    expect(entriesFor([JAN.address!], [], T0)[0]!.hash).not.toBe(list[0]!.hash);
    // the salt of the list is kept for new entries
    expect(entriesFor(['x@zwolle.nl'], list, T0)[0]!.salt).toBe(list[0]!.salt);
    expect(entriesFor([JAN.address!], list, T0)).toEqual([]);
  });

  it('knows an address on it in any spelling of its mailbox, and finds the entries to remove from a typed address', () => {
    const isNotTracked = notTrackedCheck(list);
    expect(['jan.de.vries@gmail.com', 'jandevries@gmail.com', 'jan.devries+radar@googlemail.com'].map(isNotTracked)).toEqual([
      true,
      true,
      true,
    ]);
    expect(isNotTracked('p.snijders@zwolle.nl')).toBe(false);
    expect(hashesOf(' Jan.De.Vries@gmail.com ', list).sort()).toEqual(list.map((entry) => entry.hash).sort());
    expect(hashesOf('p.snijders@zwolle.nl', list)).toEqual([]);
  });

  it('drops their mail, their list rows and mail to them alone; takes them out of recipients and text', () => {
    const [filtered] = withoutNotTracked([mail], list);
    expect(filtered!.threads.map((row) => row.threadKey)).toEqual(['gmail:thread-f:2']);
    expect(filtered!.messages.map((m) => m.messageKey)).toEqual(['gmail:msg-f:3']);
    expect(filtered!.messages[0]).toMatchObject({ cc: [], subject: 'Overleg met […]', excerpt: '[…] ([…]) komt ook.' });
    expect(withoutNotTracked([mail], [])).toEqual([mail]);
  });

  it('makes the ingest plan store nothing of them', () => {
    const plan = planIngest(ingestContextOf({ notTracked: list }), [mail], T0);
    expect(plan.put.contacts.map((contact) => contact.id)).toEqual(['c:p.snijders@zwolle.nl']);
    expect(JSON.stringify(plan.put)).not.toMatch(/jan|vries/i);
  });
});
