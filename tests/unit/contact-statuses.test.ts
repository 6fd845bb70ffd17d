import { beforeEach, describe, expect, it } from 'vitest';
import { isolateText } from '@/lib/vocabulary/bidi';
import { fakeBrowser } from 'wxt/testing';
import { setLocale } from '@/lib/i18n';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { watchLatencyUpdates } from '@/lib/content/latency-updates';
import { LATENCY_UPDATED_KEY } from '@/lib/messaging/contact-statuses';
import { latencyUpdatedAtItem } from '@/lib/messaging/latency-updated';
import {
  answerContactStatuses,
  contactStatusAnswer,
  loadContactStatuses,
  type ContactStatusEntry,
} from '@/lib/store/contact-statuses';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { contactRecord, latencyRecord } from '../fixtures/records';
import { withFreshDb } from '../fixtures/fresh-db';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 } };
const OUTLOOK_TAB = { id: EXTENSION_ID, url: 'https://outlook.office.com/mail/', tab: { id: 8 } };

let db: GemeenteradarDb;

withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  setLocale('nl');
  await db.contacts.bulkPut([
    // one person, two addresses
    contactRecord({
      id: 'c:e.bosman@zwolle.nl',
      name: 'Erik Bosman',
      addresses: ['e.bosman@zwolle.nl', 'erik.bosman@zwolle.nl'],
    }),
    contactRecord({ id: 'c:m.van.dijk@zwolle.nl', name: 'Monique van Dijk', role: 'wethouder' }),
    contactRecord({ id: 'c:m.visser@wijkwelzijnzwolle.nl', name: 'Mark Visser', role: 'welzijnsorganisatie' }),
    contactRecord({ id: 'c:f.el.amrani@amsterdam.nl', name: 'Fatima El Amrani', municipalityCode: 'GM0363' }),
    // a colleague with a (left-over) latency record: never a stakeholder warning
    contactRecord({ id: 'c:daan@buurtkracht.nl', name: 'Daan Koster', kind: 'colleague', municipalityCode: null }),
  ]);
  await db.latency.bulkPut([
    latencyRecord({
      contactId: 'c:e.bosman@zwolle.nl',
      status: 'unresponsive',
      attemptsSinceLastResponse: 3,
      attemptsCountedForStatus: 3,
      workingDaysWaiting: 23,
    }),
    latencyRecord({
      contactId: 'c:m.van.dijk@zwolle.nl',
      status: 'slow',
      role: 'wethouder',
      attemptsSinceLastResponse: 1,
      attemptsCountedForStatus: 1,
      workingDaysWaiting: 12,
    }),
    latencyRecord({
      contactId: 'c:m.visser@wijkwelzijnzwolle.nl',
      status: 'waiting',
      attemptsSinceLastResponse: 1,
      workingDaysWaiting: 2,
    }),
    latencyRecord({
      contactId: 'c:daan@buurtkracht.nl',
      status: 'unresponsive',
      attemptsSinceLastResponse: 4,
      workingDaysWaiting: 30,
    }),
    // Fatima: answered, status ok
    latencyRecord({ contactId: 'c:f.el.amrani@amsterdam.nl', status: 'ok' }),
  ]);
});

/** Erik Bosman as the lookup finds him: three unanswered mails, 23 working days. */
const entry = (overrides: Partial<ContactStatusEntry>): ContactStatusEntry => ({
  contactId: 'c:e.bosman@zwolle.nl',
  name: 'Erik Bosman',
  status: 'unresponsive',
  attempts: 3,
  attemptsCountedForStatus: 3,
  workingDaysWaiting: 23,
  ...overrides,
});

describe('loadContactStatuses', () => {
  it('finds slow and unresponsive contacts by any of their addresses, and leaves out everyone else', async () => {
    const found = await loadContactStatuses(db, [
      'erik.bosman@zwolle.nl',
      'm.van.dijk@zwolle.nl',
      'm.visser@wijkwelzijnzwolle.nl',
      'f.el.amrani@amsterdam.nl',
      'daan@buurtkracht.nl',
      'niemand@nergens.nl',
    ]);
    expect([...found.keys()].sort()).toEqual(['erik.bosman@zwolle.nl', 'm.van.dijk@zwolle.nl']);
    expect(found.get('erik.bosman@zwolle.nl')).toEqual(entry({}));
    expect(found.get('m.van.dijk@zwolle.nl')).toMatchObject({ status: 'slow', attempts: 1, workingDaysWaiting: 12 });
  });

  it('answers both addresses of one person when both are asked, and nothing for nothing', async () => {
    const found = await loadContactStatuses(db, ['e.bosman@zwolle.nl', 'erik.bosman@zwolle.nl', 'e.bosman@zwolle.nl']);
    expect([...found.keys()].sort()).toEqual(['e.bosman@zwolle.nl', 'erik.bosman@zwolle.nl']);
    expect(found.get('e.bosman@zwolle.nl')).toBe(found.get('erik.bosman@zwolle.nl'));
    expect((await loadContactStatuses(db, [])).size).toBe(0);
  });

  it('finds a contact by any spelling of its mailbox, as ingest does (+tags; dots at Gmail)', async () => {
    await db.contacts.put(
      contactRecord({ id: 'c:kees.mulder@gmail.com', name: 'Kees Mulder', role: 'bewoner', municipalityCode: null }),
    );
    await db.latency.put(
      latencyRecord({
        contactId: 'c:kees.mulder@gmail.com',
        status: 'slow',
        attemptsSinceLastResponse: 1,
        workingDaysWaiting: 9,
      }),
    );
    const found = await loadContactStatuses(db, ['e.bosman+pilot@zwolle.nl', 'keesmulder@googlemail.com', 'ebosman@zwolle.nl']);
    expect(found.get('e.bosman+pilot@zwolle.nl')).toEqual(entry({}));
    expect(found.get('keesmulder@googlemail.com')).toMatchObject({ name: 'Kees Mulder', status: 'slow' });
    // dots matter outside Gmail
    expect(found.has('ebosman@zwolle.nl')).toBe(false);
  });

  it('a contact without a latency record yet is no warning', async () => {
    await db.latency.delete('c:e.bosman@zwolle.nl');
    expect((await loadContactStatuses(db, ['e.bosman@zwolle.nl'])).size).toBe(0);
  });
});

/** The name in a label, isolated (lib/vocabulary/bidi.ts): mail text must not reorder the label. */
const ERIK = isolateText('Erik Bosman');

describe('contactStatusAnswer', () => {
  it.each([
    [
      'three attempts decide: the attempts',
      entry({}),
      'nl',
      '3×',
      `Gemeenteradar: Reageert niet, ${ERIK}, 3 pogingen zonder antwoord, 23 werkdagen wachten`,
    ],
    [
      'the wait decides: working days',
      entry({ status: 'slow', attempts: 1, attemptsCountedForStatus: 1, workingDaysWaiting: 12 }),
      'nl',
      '12 wd',
      `Gemeenteradar: Traag, ${ERIK}, 1 poging zonder antwoord, 12 werkdagen wachten`,
    ],
    [
      'attempts during an absence do not count for the status',
      entry({ attempts: 4, attemptsCountedForStatus: 2, workingDaysWaiting: 11 }),
      'nl',
      '11 wd',
      `Gemeenteradar: Reageert niet, ${ERIK}, 4 pogingen zonder antwoord, 11 werkdagen wachten`,
    ],
    [
      'in English',
      entry({}),
      'en',
      '3×',
      `Gemeenteradar: Unresponsive, ${ERIK}, 3 attempts without reply, waiting 23 working days`,
    ],
    [
      'one working day',
      entry({ status: 'slow', attempts: 2, attemptsCountedForStatus: 2, workingDaysWaiting: 1 }),
      'en',
      '1 wd',
      `Gemeenteradar: Slow, ${ERIK}, 2 attempts without reply, waiting 1 working day`,
    ],
  ] as const)('%s', (_label, given, locale, short, label) => {
    setLocale(locale);
    expect(contactStatusAnswer(given)).toEqual({
      status: given.status,
      attempts: given.attempts,
      workingDaysWaiting: given.workingDaysWaiting,
      short,
      label,
    });
  });

  it('isolates a name with a right-to-left override, so the rest of the label keeps its order', () => {
    const answer = contactStatusAnswer(entry({ name: 'Erik \u202EnamsoB' }));
    expect(answer.label).toBe(
      'Gemeenteradar: Reageert niet, \u2068Erik \u202EnamsoB\u2069, 3 pogingen zonder antwoord, 23 werkdagen wachten',
    );
  });

  it('keeps a hostile name as plain text in the label', () => {
    const answer = contactStatusAnswer(entry({ name: '<img src=x onerror=alert(1)>' }));
    expect(answer.label).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('the contact-statuses message', () => {
  const handler = () => createMessageHandler({ db, queue: createIngestQueue(db), extensionId: EXTENSION_ID });

  it('answers our content scripts on the mail hosts with the statuses of the asked addresses', async () => {
    const handle = handler();
    const message = { type: 'contact-statuses', addresses: ['e.bosman@zwolle.nl', 'f.el.amrani@amsterdam.nl'] };
    const expected = await answerContactStatuses(db, ['e.bosman@zwolle.nl']);
    for (const sender of [GMAIL_TAB, OUTLOOK_TAB]) {
      expect(await handle(message, sender)).toEqual({ ok: true, statuses: expected });
    }
    expect(Object.keys(expected)).toEqual(['e.bosman@zwolle.nl']);
    expect(await db.rejections.count()).toBe(0);
  });

  it.each([
    ['an address in upper case', ['E.Bosman@zwolle.nl'], 'addresses'],
    ['something that is no address', ['<img src=x onerror=alert(1)>'], 'addresses'],
    ['a name instead of an address', ['Erik Bosman'], 'addresses'],
    ['an address of 400 characters', [`${'a'.repeat(390)}@zwolle.nl`], 'addresses'],
    ['more than 300 addresses', Array.from({ length: 301 }, (_, index) => `p${index}@zwolle.nl`), 'addresses'],
    ['no list', 'e.bosman@zwolle.nl', 'addresses'],
  ])('refuses %s and counts the reason', async (_label, addresses, pathStart) => {
    const reply = await handler()({ type: 'contact-statuses', addresses }, GMAIL_TAB);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-message',
        values: { path: expect.stringMatching(new RegExp(`^${pathStart}`)), issue: expect.any(String) },
      },
    });
    const [rejection] = await db.rejections.toArray();
    expect(rejection).toMatchObject({
      code: 'invalid-message',
      values: { path: expect.stringMatching(new RegExp(`^${pathStart}`)) },
    });
  });

  it('refuses extension pages, other sites, other extensions and senders without a tab', async () => {
    const message = { type: 'contact-statuses', addresses: ['e.bosman@zwolle.nl'] };
    const handle = handler();
    for (const sender of [
      { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` },
      { id: EXTENSION_ID, url: 'https://evil.example/mail.google.com', tab: { id: 3 } },
      { id: EXTENSION_ID, url: 'https://mail.google.com.evil.example/', tab: { id: 3 } },
      { id: EXTENSION_ID, url: GMAIL_TAB.url },
      { id: 'another-extension', url: GMAIL_TAB.url, tab: { id: 3 } },
    ]) {
      expect((await handle(message, sender)).ok, sender.url).toBe(false);
    }
    expect((await db.rejections.toArray()).reduce((sum, rejection) => sum + rejection.count, 0)).toBe(5);
  });
});

describe('the latency-updated signal', () => {
  it('what the background writes is what the content scripts watch', async () => {
    let calls = 0;
    const unwatch = watchLatencyUpdates(() => calls++);
    await latencyUpdatedAtItem.setValue(1_000);
    await latencyUpdatedAtItem.setValue(2_000);
    expect(calls).toBe(2);
    expect(await fakeBrowser.storage.local.get(LATENCY_UPDATED_KEY)).toEqual({ [LATENCY_UPDATED_KEY]: 2_000 });
    // other keys and other areas are not the signal
    await fakeBrowser.storage.local.set({ 'something-else': 1 });
    await fakeBrowser.storage.session.set({ [LATENCY_UPDATED_KEY]: 3 });
    expect(calls).toBe(2);
    unwatch();
    await latencyUpdatedAtItem.setValue(3_000);
    expect(calls).toBe(2);
  });
});
