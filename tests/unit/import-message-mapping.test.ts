// @vitest-environment node
import '../setup/windows-1252-decoder';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MboxSplitter } from '../../lib/import/mbox-splitter';
import { gmailMessageIdOf, ImportBatcher, mapMessage, StakeholderFilter } from '../../lib/import/message-mapping';
import { parseMail, type MailAddress, type ParsedMail } from '../../lib/import/mime';
import {
  gmailThreadKey,
  hasReplyPrefix,
  messageKeyOf,
  normaliseMessageId,
  normaliseSubject,
  ThreadResolver,
  threadIndexRoot,
  type ThreadInput,
} from '../../lib/import/thread-keys';
import { ImportedMessageObservationSchema, type ImportedMessageObservation } from '../../lib/messaging/observations';
import { expectedGmailThreadKey, gmailDecimal, gmailThreadHex } from '../fixtures/render-gmail';
import { DEMO_SCENARIO } from '../fixtures/scenario';

const DIR = join(process.cwd(), 'tests/fixtures/mbox');
const OWN = ['sanne@buurtkracht.nl'];

async function mapped(name: string, resolver = new ThreadResolver()) {
  const splitter = new MboxSplitter();
  const raws = [...splitter.push(new Uint8Array(readFileSync(join(DIR, name)))), ...splitter.end()];
  const out: Array<{ observation: ImportedMessageObservation; mail: ParsedMail; problems: string[] }> = [];
  for (const raw of raws) {
    const parsed = await parseMail(raw.bytes, raw);
    if (!parsed.ok) continue;
    const result = mapMessage(parsed.mail, raw.separator, resolver);
    if (result.ok) out.push({ observation: result.observation, mail: parsed.mail, problems: result.problems });
  }
  return out;
}

function mail(overrides: Partial<ParsedMail> = {}): ParsedMail {
  return {
    from: { name: 'Erik Bosman', address: 'E.Bosman@Zwolle.nl' },
    to: [{ name: 'Sanne', address: 'sanne@buurtkracht.nl' }],
    cc: [],
    subject: 'Wijkaanpak',
    dateRaw: 'Mon, 16 Nov 2026 15:40:00 +0100',
    messageId: 'a1@zwolle.nl',
    inReplyTo: null,
    references: [],
    gmailThreadId: null,
    labels: [],
    autoSubmitted: null,
    bulkHeaders: false,
    threadIndex: null,
    deliveredTo: null,
    text: 'Hoi Sanne,\n\nTot dinsdag.\n',
    textSource: 'plain',
    problems: [],
    ...overrides,
  };
}

const thread = (overrides: Partial<ThreadInput>): ThreadInput => ({
  gmailThreadId: null,
  messageId: null,
  inReplyTo: null,
  references: [],
  threadIndex: null,
  subject: 'Agenda',
  participants: ['a@x.nl', 'b@y.nl'],
  ...overrides,
});

describe('keys', () => {
  it("X-GM-THRID gives the Gmail reader's thread key for every scenario thread", () => {
    for (const each of DEMO_SCENARIO.threads) {
      expect(gmailThreadKey(gmailDecimal(gmailThreadHex(each)))).toBe(expectedGmailThreadKey(each));
    }
  });

  it.each([
    ['1849183521736372541', 'gmail:thread-f:1849183521736372541'],
    ['0001849183521736372541', null],
    ['18446744073709551615', 'gmail:thread-f:18446744073709551615'],
    ['18446744073709551616', null],
    ['0', null],
    ['12ab', null],
    ['', null],
  ])('gmailThreadKey(%j) = %j', (decimal, expected) => {
    expect(gmailThreadKey(decimal)).toBe(expected);
  });

  it.each([
    ['<A1B2@Mail.Example.COM>', 'A1B2@mail.example.com'],
    ['  <a1 b2@x.nl> ', 'a1b2@x.nl'],
    ['no-at-sign', 'no-at-sign'],
    ['<>', null],
    [null, null],
  ])('normaliseMessageId(%j) = %j', (id, expected) => {
    expect(normaliseMessageId(id)).toBe(expected);
  });

  it.each([
    ['Re: Agenda', 'agenda', true],
    ['RE: AW: Fwd:  Agenda  overleg', 'agenda overleg', true],
    ['Antw: Re[2]: Agenda', 'agenda', true],
    ['Doorst: agenda', 'agenda', true],
    ['Agenda: Re: x', 'agenda: re: x', false],
    ['Reactie op agenda', 'reactie op agenda', false],
  ])('subject %j normalises to %j (reply prefix: %s)', (subject, normalised, reply) => {
    expect(normaliseSubject(subject)).toBe(normalised);
    expect(hasReplyPrefix(subject)).toBe(reply);
  });

  it('a message key is the Message-ID; without one, a hash of sender, time and subject', () => {
    const input = { messageId: '<A1@Zwolle.NL>', sender: 'e@zwolle.nl', at: 1, dateRaw: 'x', subject: 'S' };
    expect(messageKeyOf(input)).toEqual({ messageKey: 'mail:mid:A1@zwolle.nl', idSource: 'app' });
    expect(messageKeyOf({ ...input, messageId: `<${'x'.repeat(400)}@a.nl>` }).messageKey).toMatch(/^mail:mid-hash:[0-9a-f]{16}$/);
    const derived = messageKeyOf({ ...input, messageId: null });
    expect(derived).toEqual({ messageKey: expect.stringMatching(/^mail:derived-msg:[0-9a-f]{16}$/), idSource: 'derived' });
    expect(messageKeyOf({ ...input, messageId: null, subject: 'Re: S', sender: 'E@Zwolle.nl' }).messageKey).toBe(
      derived.messageKey,
    );
    expect(messageKeyOf({ ...input, messageId: null, at: 2 }).messageKey).not.toBe(derived.messageKey);
    expect(messageKeyOf({ ...input, messageId: null, sender: 'f@zwolle.nl' }).messageKey).not.toBe(derived.messageKey);
  });

  it('Takeout\'s "From " line carries Gmail\'s message id', () => {
    expect(gmailMessageIdOf('1849201187332059201@xxx Tue Nov 17 08:21:00 +0000 2026')).toBe('1849201187332059201');
    expect(gmailMessageIdOf('- Wed Nov 11 19:45:00 2026')).toBeNull();
    expect(gmailMessageIdOf(null)).toBeNull();
  });

  it('reads the conversation root of an Outlook Thread-Index', () => {
    const root = Uint8Array.from({ length: 22 }, (_, index) => index * 7);
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    const reply = new Uint8Array([...root, 1, 2, 3, 4, 5]);
    const hex = [...root].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(threadIndexRoot(b64(root))).toEqual({ root: hex, reply: false });
    expect(threadIndexRoot(b64(reply))).toEqual({ root: hex, reply: true });
    expect(threadIndexRoot('not base64!')).toBeNull();
    expect(threadIndexRoot(b64(root.subarray(0, 10)))).toBeNull();
  });
});

describe('ThreadResolver', () => {
  it('X-GM-THRID wins over references', () => {
    const resolver = new ThreadResolver();
    expect(resolver.resolve(thread({ gmailThreadId: '1849183521736372541', references: ['r@x'] }))).toEqual({
      threadKey: 'gmail:thread-f:1849183521736372541',
      idSource: 'app',
    });
  });

  it("a root and its replies share the root's key whatever order they come in", () => {
    const root = thread({ messageId: 'root@x' });
    const reply = thread({ messageId: 'r1@y', inReplyTo: 'root@x', references: ['root@x'] });
    const replyToReply = thread({ messageId: 'r2@x', inReplyTo: 'r1@y', references: ['root@x', 'r1@y'] });
    const forward = new ThreadResolver();
    const keys = [root, reply, replyToReply].map((each) => forward.resolve(each).threadKey);
    expect(new Set(keys).size).toBe(1);
    const backward = new ThreadResolver();
    expect([replyToReply, reply, root].map((each) => backward.resolve(each).threadKey)).toEqual(keys);
  });

  it("a reply with only In-Reply-To joins its parent's thread when the parent was seen", () => {
    const resolver = new ThreadResolver();
    const rootKey = resolver.resolve(thread({ messageId: 'root@x' })).threadKey;
    resolver.resolve(thread({ messageId: 'r1@y', references: ['root@x'] }));
    expect(resolver.resolve(thread({ messageId: 'r2@z', inReplyTo: 'r1@y' })).threadKey).toBe(rootKey);
    // unseen parent: keyed by the parent, so the parent (or a sibling) finds it later
    const fresh = new ThreadResolver();
    const orphan = fresh.resolve(thread({ messageId: 'r9@z', inReplyTo: 'p@x' })).threadKey;
    expect(fresh.resolve(thread({ messageId: 'p@x' })).threadKey).toBe(orphan);
  });

  it('an Outlook reply without references joins its conversation by Thread-Index, in either order', () => {
    const root = btoa(String.fromCharCode(...Array.from({ length: 22 }, (_, index) => index + 1)));
    const reply = btoa(String.fromCharCode(...Array.from({ length: 27 }, (_, index) => (index < 22 ? index + 1 : 9))));
    const first = new ThreadResolver();
    const key = first.resolve(thread({ messageId: 'o1@x', threadIndex: root, subject: 'Subsidie' })).threadKey;
    expect(first.resolve(thread({ messageId: 'o2@x', threadIndex: reply, subject: 'RE: Subsidie' })).threadKey).toBe(key);
    const second = new ThreadResolver();
    const replyKey = second.resolve(thread({ messageId: 'o2@x', threadIndex: reply, subject: 'RE: Subsidie' })).threadKey;
    expect(second.resolve(thread({ messageId: 'o1@x', threadIndex: root, subject: 'Subsidie' })).threadKey).toBe(replyKey);
  });

  it('a reply without any ids joins the latest thread with its subject and one of its people, nothing else', () => {
    const resolver = new ThreadResolver();
    const key = resolver.resolve(
      thread({ messageId: 'a@x', subject: 'Agenda overleg', participants: ['sanne@b.nl', 'erik@zwolle.nl'] }),
    ).threadKey;
    expect(
      resolver.resolve(
        thread({ messageId: 'b@x', subject: 'Re: Agenda overleg', participants: ['erik@zwolle.nl', 'sanne@b.nl'] }),
      ).threadKey,
    ).toBe(key);
    expect(
      resolver.resolve(thread({ messageId: 'c@x', subject: 'Re: Agenda overleg', participants: ['kees@gmail.com'] })).threadKey,
    ).not.toBe(key);
    // without a reply prefix, the same subject is a new conversation
    expect(
      resolver.resolve(thread({ messageId: 'd@x', subject: 'Agenda overleg', participants: ['erik@zwolle.nl'] })).threadKey,
    ).not.toBe(key);
  });

  it('without any id the key is derived from subject and people, the same for the same conversation', () => {
    const resolver = new ThreadResolver();
    const first = resolver.resolve(thread({ subject: 'Vraag', participants: ['a@x.nl', 'b@y.nl'] }));
    expect(first).toEqual({ threadKey: expect.stringMatching(/^mail:derived:[0-9a-f]{16}$/), idSource: 'derived' });
    expect(new ThreadResolver().resolve(thread({ subject: 'VRAAG', participants: ['B@y.nl', 'a@x.nl'] }))).toEqual(first);
    expect(new ThreadResolver().resolve(thread({ subject: 'Vraag', participants: ['c@x.nl'] }))).not.toEqual(first);
  });

  it('remembers at most its limit, oldest forgotten first; its state carries over to a resumed import', () => {
    const resolver = new ThreadResolver(50);
    for (let index = 0; index < 500; index++) {
      resolver.resolve(thread({ messageId: `m${index}@x`, references: [`root${index % 7}@x`], subject: `S${index}` }));
      expect(resolver.size).toBeLessThanOrEqual(50);
    }
    const before = new ThreadResolver();
    const rootKey = before.resolve(thread({ messageId: 'root@x' })).threadKey;
    before.resolve(thread({ messageId: 'r1@x', references: ['root@x'] }));
    const resumed = new ThreadResolver();
    resumed.restore(JSON.parse(JSON.stringify(before.state())));
    expect(resumed.resolve(thread({ messageId: 'r2@x', inReplyTo: 'r1@x' })).threadKey).toBe(rootKey);
    expect(new ThreadResolver().resolve(thread({ messageId: 'r2@x', inReplyTo: 'r1@x' })).threadKey).not.toBe(rootKey);
  });
});

describe('mapMessage', () => {
  it('every message of every fixture maps to a valid imported observation', async () => {
    const names = readdirSync(DIR).filter((name) => /\.(mbox|eml)$/.test(name));
    let count = 0;
    for (const name of names) {
      for (const { observation } of await mapped(name)) {
        expect(() => ImportedMessageObservationSchema.parse(observation)).not.toThrow();
        count++;
      }
    }
    expect(count).toBeGreaterThan(25);
  });

  it('maps a Takeout message to the reader shape with its header facts', async () => {
    const [erik, sanne, , , , autoreply] = await mapped('takeout.mbox');
    expect(erik!.observation).toEqual({
      messageKey: 'mail:mid:AM0PR09MB4101A2C3D4E5F6@am0pr09mb4101.eurprd09.prod.outlook.com',
      threadKey: 'gmail:thread-f:1849183521736372541',
      idSource: 'app',
      subject: 'Wijkaanpak Holtenbroek: vervolgafspraak',
      from: { address: 'e.bosman@zwolle.nl', name: 'Erik Bosman' },
      to: [{ address: 'sanne@buurtkracht.nl', name: 'Sanne de Vries' }],
      cc: [{ address: 'm.visser@wijkwelzijnzwolle.nl', name: 'Mark Visser' }],
      at: Date.parse('2026-11-16T15:40:00+01:00'),
      atRaw: 'Mon, 16 Nov 2026 15:40:00 +0100',
      expanded: true,
      excerpt: 'Hoi Sanne, Graag. Ik kan dinsdag 24 november om 10:00 of donderdag 26 november in de middag.',
      signature: 'Erik Bosman\nBeleidsadviseur Wmo en participatie\nGemeente Zwolle | Stadskantoor',
      mail: {
        messageId: 'AM0PR09MB4101A2C3D4E5F6@am0pr09mb4101.eurprd09.prod.outlook.com',
        inReplyTo: null,
        references: [],
        autoSubmitted: null,
        gmailMessageId: '1849183521736372541',
        labels: ['Inbox', 'Important', 'Opened', 'Category Personal'],
      },
    });
    // the ">From " line of the body is un-quoted, the quoted history and signature are not in the excerpt
    expect(sanne!.observation).toMatchObject({
      threadKey: erik!.observation.threadKey,
      excerpt:
        'Top, dan zien we elkaar dinsdag 24 november om 10:00 in het Stadskantoor. From what I heard the room is booked already.',
      signature: 'Sanne de Vries\nBuurtkracht | sociale onderneming',
    });
    expect(autoreply!.observation.mail).toMatchObject({
      autoSubmitted: 'auto-replied',
      inReplyTo: 'CAHx7n+Kq2bW9r5@mail.gmail.com',
    });
  });

  it('threads the Thunderbird replies by References and In-Reply-To', async () => {
    const messages = await mapped('thunderbird.mbox');
    expect(messages).toHaveLength(3);
    expect(new Set(messages.map((each) => each.observation.threadKey)).size).toBe(1);
    expect(messages[0]!.observation.excerpt).toContain('koffie is gratis. From half tien staat de zaal open.');
    expect(messages[2]!.observation).toMatchObject({
      signature: 'Gerrit Hendriks\nRaadslid gemeenteraad Overbetuwe',
      excerpt: 'Goed om te horen. Ik kom ook even langs namens de fractie – rond elf uur.',
    });
  });

  it('threads Outlook .eml files read one after the other by Thread-Index and In-Reply-To', async () => {
    const resolver = new ThreadResolver();
    const keys: string[] = [];
    for (const name of ['outlook-original.eml', 'outlook-reply.eml', 'outlook-autoreply.eml']) {
      keys.push(...(await mapped(name, resolver)).map((each) => each.observation.threadKey));
    }
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps what it can of the people and counts what is missing', () => {
    const resolver = new ThreadResolver();
    const noSender = mapMessage(mail({ from: null }), null, resolver);
    expect(noSender).toEqual({ ok: false, reason: 'no-sender' });
    expect(mapMessage(mail({ from: { name: '', address: '' } }), null, resolver)).toEqual({ ok: false, reason: 'no-sender' });
    const badAddress = mapMessage(
      mail({ from: { name: '', address: 'erik at zwolle' }, dateRaw: null, messageId: null }),
      null,
      resolver,
    );
    expect(badAddress.ok && badAddress.observation.from).toEqual({ address: null, name: 'erik at zwolle' });
    expect(badAddress.ok && badAddress.problems).toEqual(['no-address', 'no-date', 'no-message-id']);
    const people: MailAddress[] = [
      { name: 'Sanne', address: 'SANNE@buurtkracht.nl' },
      { name: 'Sanne de Vries', address: 'sanne@buurtkracht.nl' },
      { name: 'Mark', address: 'm.visser@wijkwelzijnzwolle.nl' },
    ];
    const recipients = mapMessage(
      mail({ to: people, cc: [people[2]!, { name: 'Gerrit', address: 'g@overbetuwe.nl' }] }),
      null,
      resolver,
    );
    expect(recipients.ok && recipients.observation.to.map((each) => each.address)).toEqual([
      'sanne@buurtkracht.nl',
      'm.visser@wijkwelzijnzwolle.nl',
    ]);
    expect(recipients.ok && recipients.observation.cc.map((each) => each.address)).toEqual(['g@overbetuwe.nl']);
    const undated = mapMessage(mail({ dateRaw: 'gisteren' }), null, resolver);
    expect(undated.ok && [undated.observation.at, undated.observation.atRaw, undated.problems]).toEqual([
      null,
      'gisteren',
      ['unparsable-date'],
    ]);
  });
});

describe('StakeholderFilter', () => {
  const filter = new StakeholderFilter({ ownAddresses: OWN });
  const resolver = new ThreadResolver();
  const verdict = (overrides: Partial<ParsedMail>, target = filter) => {
    const parsed = mail(overrides);
    const result = mapMessage(parsed, null, resolver);
    if (!result.ok) throw new Error(result.reason);
    return target.dropReason(result.observation, parsed);
  };
  const person = (address: string, name = ''): MailAddress => ({ address, name });

  it.each([
    ['a municipal sender', {}, null],
    ['the user writing to a stakeholder', { from: person('sanne@buurtkracht.nl'), to: [person('e.bosman@zwolle.nl')] }, null],
    ['a resident on gmail (may be a bewoner)', { from: person('keesmulder1961@gmail.com') }, null],
    ['a noreply sender', { from: person('noreply@zwolle.nl') }, 'automatic-sender'],
    ['a mailing service', { from: person('info=x.nl@mail123.mcdlv.net') }, 'automatic-sender'],
    ['a colleague', { from: person('daan@buurtkracht.nl') }, 'own-organisation'],
    [
      'the user to a colleague, cc self',
      { from: person('sanne@buurtkracht.nl'), to: [person('daan@buurtkracht.nl')], cc: [person('sanne@buurtkracht.nl')] },
      'own-organisation',
    ],
    ['the user to themselves', { from: person('sanne@buurtkracht.nl'), to: [person('Sanne@Buurtkracht.nl')] }, 'only-self'],
    ['a colleague, a stakeholder in cc', { from: person('daan@buurtkracht.nl'), cc: [person('e.bosman@zwolle.nl')] }, null],
    ['Gmail spam', { labels: ['Spam'] }, 'spam'],
    ['a Gmail chat transcript', { labels: ['Chat', 'Inbox'] }, 'chat'],
    ['list headers on a new message', { from: person('info@buurtnetwerk.nl'), bulkHeaders: true }, 'newsletter'],
    [
      'list headers on a reply (a list discussion)',
      { from: person('info@buurtnetwerk.nl'), bulkHeaders: true, inReplyTo: 'x@y' },
      null,
    ],
    [
      'list headers on what the user sent',
      { from: person('sanne@buurtkracht.nl'), to: [person('lijst@buurtnetwerk.nl')], bulkHeaders: true },
      null,
    ],
  ] as Array<[string, Partial<ParsedMail>, string | null]>)('%s: %s', (_, overrides, expected) => {
    expect(verdict(overrides)).toBe(expected);
  });

  it('list headers are not a reason when newsletters are kept', () => {
    expect(
      verdict(
        { from: person('info@buurtnetwerk.nl'), bulkHeaders: true },
        new StakeholderFilter({ ownAddresses: OWN, dropNewsletters: false }),
      ),
    ).toBeNull();
  });

  it('without own addresses, every non-automatic correspondent counts', () => {
    expect(verdict({ from: person('daan@buurtkracht.nl') }, new StakeholderFilter({ ownAddresses: [] }))).toBeNull();
  });
});

describe('ImportBatcher', () => {
  const observation = (key: string) => ({ messageKey: key }) as ImportedMessageObservation;

  it('fills batches to their size with the resume offset of the last message, sends a key once per batch, flushes the rest', () => {
    const batcher = new ImportBatcher(3);
    expect(batcher.add(observation('a'), 10)).toBeNull();
    expect(batcher.add(observation('a'), 20)).toBeNull();
    expect(batcher.add(observation('b'), 30)).toBeNull();
    expect(batcher.add(observation('c'), 40)).toEqual({
      messages: [observation('a'), observation('b'), observation('c')],
      resumeOffset: 40,
    });
    expect(batcher.pending).toBe(0);
    expect(batcher.add(observation('a'), 50)).toBeNull();
    expect(batcher.flush(60)).toEqual({ messages: [observation('a')], resumeOffset: 60 });
    expect(batcher.flush(70)).toBeNull();
  });
});
