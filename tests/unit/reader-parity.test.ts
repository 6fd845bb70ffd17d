/**
 * Gmail and Outlook parity: one scenario rendered as Gmail pages and as Outlook pages, read by
 * each host's reader, ingested by the real ingest into a fresh store per host. Both stores must
 * hold the same contacts (by address) with the same municipality and role (and their rule tags),
 * and the same thread structure: as many threads, each with the same messages (direction, time,
 * recipients). Keys differ by host and are never compared.
 *
 * Where the hosts legitimately differ, the test says so and compares what both show:
 * - Outlook rows carry no message count (Gmail's "(3)"): thread.messageCount is not compared.
 * - Gmail shows one recipient list, Outlook splits To and Cc: compared as the merged address set.
 * - Outlook rows may show names without addresses: then contacts come from the opened
 *   conversations only (second case below), which still name everyone.
 */
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObservationBatch } from '@/lib/messaging/observations';
import { readGmail } from '@/lib/readers/gmail';
import { readOutlook } from '@/lib/readers/outlook';
import type { ReaderResult } from '@/lib/readers/types';
import { createDb, type GemeenteradarDb } from '@/lib/store/db';
import { ingestBatches } from '@/lib/store/ingest';
import type { Contact } from '@/lib/store/schemas';
import { gmailHash, renderGmail } from '../fixtures/render-gmail';
import { renderOutlook, type RenderOutlookOptions } from '../fixtures/render-outlook';
import { DEMO_SCENARIO, type Scenario } from '../fixtures/scenario';

const timeZone = 'Europe/Amsterdam';
const scenario = DEMO_SCENARIO;
const now = new Date(scenario.now);

function pageFrom(html: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

function batchOf(host: ObservationBatch['host'], result: ReaderResult): ObservationBatch {
  return { host, observedAt: now.getTime(), ...result };
}

/** Gmail shows one view at a time: the inbox, then each conversation opened (all expanded by default here). */
function gmailBatches(source: Scenario, expandAll = true): ObservationBatch[] {
  const pages = [
    renderGmail(source, { view: 'list' }),
    ...source.threads.map((thread) => renderGmail(source, { view: 'conversation', threadId: thread.id, expandAll })),
  ];
  const views = [
    { view: 'list' as const },
    ...source.threads.map((thread) => ({ view: 'conversation' as const, threadId: thread.id })),
  ];
  return pages.map((html, index) => {
    const url = `https://mail.google.com/mail/u/0/${gmailHash(source, views[index]!)}`;
    return batchOf('gmail', readGmail(pageFrom(html, url), { now, timeZone }));
  });
}

/** Outlook shows the list and the reading pane together: each conversation opened in turn. */
function outlookBatches(source: Scenario, options: RenderOutlookOptions = {}): ObservationBatch[] {
  return source.threads.map((thread) => {
    const html = renderOutlook(source, { expanded: 'all', ...options, openThread: thread.id });
    return batchOf('outlook', readOutlook(pageFrom(html, 'https://outlook.office.com/mail/inbox'), { now, timeZone }));
  });
}

const opened: GemeenteradarDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function ingested(name: string, batches: ObservationBatch[]): Promise<GemeenteradarDb> {
  const db = createDb(`parity-${name}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  await db.open();
  await ingestBatches(db, batches, now.getTime());
  return db;
}

/** Contacts by address, with what the classifiers concluded. */
async function contactsOf(db: GemeenteradarDb) {
  const byAddress: Record<string, Pick<Contact, 'kind' | 'municipalityCode' | 'role' | 'organisationId'>> = {};
  const contacts = await db.contacts.toArray();
  for (const contact of contacts) {
    const { kind, municipalityCode, role, organisationId } = contact;
    for (const address of contact.addresses) byAddress[address] = { kind, municipalityCode, role, organisationId };
  }
  return byAddress;
}

/** Rule tags per contact: dimension and value (ids are `c:<address>` on both hosts). */
async function ruleTagsOf(db: GemeenteradarDb) {
  const tags = (await db.contacts.toArray()).flatMap((contact) => contact.ruleTags ?? []);
  expect(tags.length).toBeGreaterThan(0);
  return tags.map((tag) => `${tag.subjectId} ${tag.dimension}=${tag.value}`).sort();
}

/** Threads by subject: their messages in time order, with direction, time and recipients. */
async function threadStructureOf(db: GemeenteradarDb) {
  const threads = await db.threads.toArray();
  const messages = await db.messages.toArray();
  const structure: Record<string, unknown> = {};
  for (const thread of threads) {
    const own = messages
      .filter((message) => message.threadId === thread.id)
      .sort((a, b) => (a.at ?? 0) - (b.at ?? 0))
      .map((message) => ({
        direction: message.direction,
        at: message.at,
        from: message.fromAddress,
        to: [...message.toAddresses].sort(),
        contactIds: [...message.contactIds].sort(),
      }));
    structure[thread.subject] = {
      messages: own,
      lastMessageAt: thread.lastMessageAt,
      municipalityCode: thread.municipalityCode,
      contactIds: [...thread.contactIds].sort(),
    };
  }
  return structure;
}

describe('Gmail and Outlook pages of one scenario make the same store', () => {
  it('same contacts, municipalities, roles, rule tags and thread structure', async () => {
    const gmail = await ingested('gmail', gmailBatches(scenario));
    const outlook = await ingested('outlook', outlookBatches(scenario));

    const gmailContacts = await contactsOf(gmail);
    expect(Object.keys(gmailContacts).length).toBeGreaterThan(10); // the scenario's people, not an empty store
    expect(await contactsOf(outlook)).toEqual(gmailContacts);
    expect(await ruleTagsOf(outlook)).toEqual(await ruleTagsOf(gmail));

    const gmailThreads = await threadStructureOf(gmail);
    expect(Object.keys(gmailThreads)).toHaveLength(scenario.threads.length);
    expect(await threadStructureOf(outlook)).toEqual(gmailThreads);
    expect(await outlook.messages.count()).toBe(scenario.threads.reduce((sum, thread) => sum + thread.messages.length, 0));
    expect(await outlook.messages.count()).toBe(await gmail.messages.count());
    expect(await outlook.accounts.toCollection().primaryKeys()).toEqual(await gmail.accounts.toCollection().primaryKeys());
  });

  it('the classifiers place people: at least one municipality and one non-default role per host', async () => {
    // Guards the comparison above against passing on two stores where nothing was classified.
    const outlook = await contactsOf(await ingested('outlook-classified', outlookBatches(scenario)));
    const values = Object.values(outlook);
    expect(values.some((contact) => contact.municipalityCode !== null)).toBe(true);
    expect(values.some((contact) => contact.role !== 'onbekend')).toBe(true);
  });

  it('Outlook rows without addresses: the same contacts, because every conversation names everyone', async () => {
    const gmail = await ingested('gmail-2', gmailBatches(scenario));
    const outlook = await ingested('outlook-names-only', outlookBatches(scenario, { rowAddresses: false, locale: 'de' }));
    expect(await contactsOf(outlook)).toEqual(await contactsOf(gmail));
    expect(await threadStructureOf(outlook)).toEqual(await threadStructureOf(gmail));
  });

  it("with each host's default expansion (only the latest message open) the stores agree too", async () => {
    const gmail = await ingested('gmail-default', gmailBatches(scenario, false));
    const outlook = await ingested('outlook-default', outlookBatches(scenario, { expanded: 'latest' }));
    expect(await contactsOf(outlook)).toEqual(await contactsOf(gmail));
    expect(await ruleTagsOf(outlook)).toEqual(await ruleTagsOf(gmail));
    expect(await threadStructureOf(outlook)).toEqual(await threadStructureOf(gmail));
  });

  it('reading the same Outlook pages again adds nothing (idempotent keys)', async () => {
    const batches = outlookBatches(scenario);
    const db = await ingested('outlook-twice', batches);
    const counts = async () => [await db.contacts.count(), await db.threads.count(), await db.messages.count()];
    const before = await counts();
    await ingestBatches(db, outlookBatches(scenario, { locale: 'en-US' }), now.getTime());
    expect(await counts()).toEqual(before);
  });
});
