/**
 * A thread's counterparts: the stakeholders who wrote in it or were addressed in it, as far as the
 * store and the batches know at this ingest. An outgoing message whose recipients the page does
 * not show (collapsed) is an attempt to them (messages.ts), and an agreed meeting is with them
 * (meetings.ts). Pure.
 *
 * Known from: the stored thread's contacts (every stakeholder its messages and list rows named);
 * in the batches, the list row's people, an incoming message's sender and recipients (a reply to
 * three people names the other two), an outgoing message's recipients where shown. A contact the
 * store knows is no stakeholder (any more) is left out.
 */
import type { Participant } from '../../messaging/observations';
import type { IngestBatch } from './observed';
import type { Contact, Thread } from '../schemas';
import { stakeholderIdsAmong } from './messages';

export function threadCounterparts(
  batches: readonly IngestBatch[],
  storedThreads: ReadonlyMap<string, Thread>,
  stakeholderOf: ReadonlyMap<string, string>,
  knownContact: (contactId: string) => Contact | undefined,
  own: ReadonlySet<string>,
): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  const add = (threadKey: string, ids: readonly string[]) => {
    let set = found.get(threadKey);
    if (!set) {
      set = new Set(storedThreads.get(threadKey)?.contactIds ?? []);
      found.set(threadKey, set);
    }
    for (const id of ids) set.add(id);
  };
  const notOwn = (people: readonly Participant[]) => people.filter((person) => !person.address || !own.has(person.address));
  for (const batch of batches) {
    for (const row of batch.threads) add(row.threadKey, stakeholderIdsAmong(row.participants, stakeholderOf));
    for (const message of batch.messages) {
      const recipients = notOwn([...message.to, ...message.cc]);
      const fromOwn = message.from.address !== null && own.has(message.from.address);
      add(message.threadKey, stakeholderIdsAmong(fromOwn ? recipients : [message.from, ...recipients], stakeholderOf));
    }
  }
  const counterparts = new Map<string, string[]>();
  for (const [threadKey, ids] of found) {
    counterparts.set(
      threadKey,
      [...ids].filter((id) => (knownContact(id)?.kind ?? 'stakeholder') === 'stakeholder'),
    );
  }
  return counterparts;
}
