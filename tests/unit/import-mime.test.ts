// @vitest-environment node
import '../setup/windows-1252-decoder';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyText, htmlToText, ownLines } from '../../lib/import/body-text';
import { MboxSplitter, type RawMessage } from '../../lib/import/mbox-splitter';
import { parseMail, type ParsedMail, type RawMessageContext } from '../../lib/import/mime';

const DIR = join(process.cwd(), 'tests/fixtures/mbox');
const encode = (text: string) => new TextEncoder().encode(text);

function messagesOf(name: string): RawMessage[] {
  const splitter = new MboxSplitter();
  return [...splitter.push(new Uint8Array(readFileSync(join(DIR, name)))), ...splitter.end()];
}

const context = (overrides: Partial<RawMessageContext> = {}): RawMessageContext => ({
  clipped: false,
  last: false,
  endsWithNewline: true,
  ...overrides,
});

async function parsed(raw: RawMessage): Promise<ParsedMail> {
  const result = await parseMail(raw.bytes, raw);
  if (!result.ok) throw new Error(`skipped: ${result.reason}`);
  return result.mail;
}

async function parsedText(text: string, overrides: Partial<RawMessageContext> = {}): Promise<ParsedMail> {
  const result = await parseMail(encode(text), context(overrides));
  if (!result.ok) throw new Error(`skipped: ${result.reason}`);
  return result.mail;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseMail: encodings', () => {
  it('decodes RFC 2047 words, base64, quoted-printable, iso-8859-1, windows-1252 and UTF-8', async () => {
    const mails = await Promise.all(messagesOf('encodings.mbox').map(parsed));
    expect(
      mails.map((mail) => ({
        subject: mail.subject,
        from: mail.from?.name,
        to: mail.to[0]?.name,
        text: mail.text.trim(),
        source: mail.textSource,
        problems: mail.problems,
      })),
    ).toEqual([
      {
        subject: 'Café in het dorpshuis',
        from: 'José Müller',
        to: 'Sanne de Vriés',
        text: 'Het café is open op zaterdag: één euro per kopje.',
        source: 'plain',
        problems: [],
      },
      {
        subject: 'Uitnodiging werkbezoek Súdwest-Fryslân',
        from: 'Jan de Vries',
        to: '',
        text: 'Groeten uit Leeuwarden, Fryslân. Tot ziens in Snêk!',
        source: 'plain',
        problems: [],
      },
      {
        subject: 'Windows-1252 in 8bit',
        from: 'Jan de Vries',
        to: '',
        text: 'Het kost € 12,50 per “dagdeel” – inclusief koffie.',
        source: 'plain',
        problems: [],
      },
      {
        subject: 'Flowed',
        from: 'Jan de Vries',
        to: '',
        text: 'Een lange regel die door de mailer is afgebroken en met format=flowed weer aan elkaar komt.',
        source: 'plain',
        problems: [],
      },
      {
        subject: 'Alleen HTML',
        from: 'Jan de Vries',
        to: '',
        text: expect.stringContaining('Coördinatie & overleg €'),
        source: 'html',
        problems: [],
      },
      {
        subject: '“Quotes” and €',
        from: 'Élén',
        to: '',
        text: 'Utf-8 zonder codering: Ölkeën, Zoë, façade.',
        source: 'plain',
        problems: [],
      },
    ]);
  });

  it('reads Outlook exports: windows-1252 quoted-printable, folded headers, Thread-Index', async () => {
    const [original] = await Promise.all(messagesOf('outlook-original.eml').map(parsed));
    expect(original!.text).toContain(
      'De begroting komt uit op € 84.500; de toelichting staat in het document (“Begroting 2027”).',
    );
    expect(original!.to).toEqual([{ name: 'Graaf, Pieter de', address: 'pieter.de.graaf@utrecht.nl' }]);
    expect(original!.threadIndex).toMatch(/^AdsvGjxNjz6ae2xdTj8qGwydjn9qWw==$/);
    const [reply] = await Promise.all(messagesOf('outlook-reply.eml').map(parsed));
    expect(reply!.text).toContain(
      'Kun je de personeelskosten (€ 61.000) nog per functie uitsplitsen? Dan kan ik het advies afronden vóór 1 december.',
    );
  });
});

describe('parseMail: structure', () => {
  it('takes the first text/plain part of multipart/alternative inside multipart/mixed, and never hands the attachment to the parser', async () => {
    const spy = vi.spyOn(PostalMime, 'parse');
    const amsterdam = messagesOf('takeout.mbox').find((message) => message.separator?.startsWith('1849260098765432109'))!;
    expect(amsterdam.bytes.length).toBeGreaterThan(4000);
    const mail = await parsed(amsterdam);
    expect(mail.subject).toBe('Pilot schuldhulp in de buurt – Nieuw-West');
    expect(mail.text).toMatch(/^Beste Sanne,\n\nWij zoeken partners/);
    expect(mail.textSource).toBe('plain');
    expect(spy).toHaveBeenCalledTimes(1);
    const given = spy.mock.calls[0]![0] as Uint8Array;
    expect(given.length).toBeLessThan(1500);
    expect(new TextDecoder().decode(given)).not.toContain('application/pdf');
  });

  it('reads a text/html-only message as text without markup, style, script or quoted history', async () => {
    const [, aerts] = await Promise.all(messagesOf('apple-mail.mbox').map(parsed));
    expect(aerts!.textSource).toBe('html');
    expect(aerts!.text).not.toMatch(/[<>]|color: red|Oude tekst/);
    expect(bodyText(aerts!.text)).toEqual({
      excerpt: 'Beste Sanne, Kunnen we in januari praten over jongerenwerk in Gerwen? Het gaat om een pilot van twee jaar.',
      signature: 'Karin Aerts\nBeleidsmedewerker Jeugd\nGemeente Nuenen c.a.',
    });
  });

  it('reads the headers the import needs', async () => {
    const mails = await Promise.all(messagesOf('takeout.mbox').map(parsed));
    const [erik, sanne, newsletter, , , autoreply] = mails;
    expect(erik).toMatchObject({
      gmailThreadId: '1849183521736372541',
      labels: ['Inbox', 'Important', 'Opened', 'Category Personal'],
      messageId: 'AM0PR09MB4101A2C3D4E5F6@AM0PR09MB4101.eurprd09.prod.outlook.com',
      inReplyTo: null,
      references: [],
      dateRaw: 'Mon, 16 Nov 2026 15:40:00 +0100',
      deliveredTo: 'sanne@buurtkracht.nl',
      autoSubmitted: null,
      bulkHeaders: false,
      cc: [{ name: 'Mark Visser', address: 'm.visser@wijkwelzijnzwolle.nl' }],
    });
    expect(sanne).toMatchObject({ labels: ['Sent', 'Opened'], inReplyTo: erik!.messageId, references: [erik!.messageId] });
    expect(newsletter).toMatchObject({ bulkHeaders: true });
    expect(autoreply).toMatchObject({ autoSubmitted: 'auto-replied', references: [erik!.messageId, sanne!.messageId] });
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto-replied'],
    ['Auto-Submitted: auto-replied; owner-email="x@y.nl"', 'auto-replied'],
    ['X-Autoreply: yes', 'auto-replied'],
    ['X-Autorespond: vacation', 'auto-replied'],
    ['Auto-Submitted: auto-generated', 'auto-generated'],
    ['Auto-Submitted: auto-notified', 'auto-generated'],
    ['Auto-Submitted: no', null],
    ['X-Autoreply: no', null],
  ])('%s -> %s', async (header, expected) => {
    const mail = await parsedText(`From: a@b.nl\r\n${header}\r\nSubject: x\r\n\r\nbody\r\n`);
    expect(mail.autoSubmitted).toBe(expected);
  });

  it.each([
    ['List-Unsubscribe: <mailto:u@b.nl>', true],
    ['Precedence: bulk', true],
    ['Precedence: junk', true],
    ['Precedence: list', false],
    ['X-Mailer: Outlook', false],
  ])('%s: bulk headers %s', async (header, expected) => {
    expect((await parsedText(`From: a@b.nl\n${header}\nSubject: x\n\nbody\n`)).bulkHeaders).toBe(expected);
  });

  it('reads X-Gmail-Labels with quoted commas and encoded words; X-GM-THRID only as a decimal number', async () => {
    const mail = await parsedText(
      'From: a@b.nl\nX-GM-THRID: 12ab\nX-Gmail-Labels: Inbox,"Zwolle, wijkaanpak",=?UTF-8?Q?Fryslan_=C3=A2?=\nSubject: x\n\nbody\n',
    );
    expect(mail.labels).toEqual(['Inbox', 'Zwolle, wijkaanpak', 'Fryslan â']);
    expect(mail.gmailThreadId).toBeNull();
  });
});

describe('parseMail: broken input', () => {
  const broken = messagesOf('broken.mbox');

  it('every broken message is skipped with a reason or kept with its problem, and the import goes on', async () => {
    const results = await Promise.all(broken.map((raw) => parseMail(raw.bytes, raw)));
    expect(
      results.map((result) =>
        result.ok
          ? { subject: result.mail.subject, problems: result.mail.problems, text: result.mail.text.trim() }
          : result.reason,
      ),
    ).toEqual([
      { subject: 'Voor de kapotte berichten', problems: [], text: 'Eerste bericht, heel.' },
      'no-headers',
      { subject: 'Kapotte grens', problems: ['broken-mime', 'no-text'], text: '' },
      { subject: 'Onbekende tekenset', problems: ['unknown-charset'], text: 'Gewone letters in een onbekende tekenset.' },
      { subject: 'Onleesbare datum', problems: [], text: 'De datum hierboven is geen datum.' },
      // no From: mapping skips it as 'no-sender' (parseMail reads what is there)
      { subject: 'Zonder afzender', problems: [], text: 'Niemand heeft dit gestuurd.' },
      { subject: 'Niet afgesloten multipart', problems: ['broken-mime'], text: 'De tekst is er, de afsluitende grens niet.' },
      { subject: 'Na de kapotte berichten', problems: [], text: 'Laatste bericht, heel.' },
    ]);
  });

  it('a message cut off by the end of the file is skipped as truncated; the same bytes mid-file are kept as broken MIME', async () => {
    const [whole, cut] = messagesOf('truncated.mbox');
    expect((await parseMail(whole!.bytes, whole!)).ok).toBe(true);
    expect(cut).toMatchObject({ last: true, endsWithNewline: false });
    expect(await parseMail(cut!.bytes, cut!)).toEqual({ ok: false, reason: 'truncated' });
    const midFile = await parseMail(cut!.bytes, context());
    expect(midFile.ok && midFile.mail.problems).toEqual(['broken-mime']);
  });

  it('a header block the file ends in is truncated; one the size limit cut is too large', async () => {
    const headersOnly = encode('From: a@b.nl\nSubject: half');
    expect(await parseMail(headersOnly, context({ last: true, endsWithNewline: false }))).toEqual({
      ok: false,
      reason: 'truncated',
    });
    expect(await parseMail(headersOnly, context({ clipped: true }))).toEqual({ ok: false, reason: 'headers-too-large' });
    // a header-only message that ends properly is a message
    expect((await parseMail(encode('From: a@b.nl\nSubject: kort\n'), context({ last: true }))).ok).toBe(true);
  });

  it('a clipped message keeps its text and says it was clipped, without calling its open multipart broken', async () => {
    const text =
      'From: a@b.nl\nSubject: groot\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nDe tekst.\n--b\nContent-Type: application/zip\nContent-Transfer-Encoding: base64\n\nUEsDBBQAAAAI';
    const mail = await parsedText(text, { clipped: true, last: true, endsWithNewline: false });
    expect(mail.problems).toEqual(['clipped']);
    expect(mail.text.trim()).toBe('De tekst.');
  });

  it('a message that is no mail at all (binary, no header line) is skipped', async () => {
    expect(await parseMail(Uint8Array.of(0, 1, 2, 3, 10, 10, 65), context())).toEqual({ ok: false, reason: 'no-headers' });
    expect(await parseMail(new Uint8Array(0), context())).toEqual({ ok: false, reason: 'no-headers' });
  });
});

describe('own text, excerpt and signature', () => {
  it.each([
    ['Gmail attribution', 'Dank je.\n\nOp ma 16 nov 2026 om 15:40 schreef Erik <e@zwolle.nl>:\n> oud', ['Dank je.']],
    [
      'attribution over two lines',
      'Dank je.\n\nOn Mon, 16 Nov 2026 at 15:40, Erik Bosman <e.bosman@zwolle.nl>\nwrote:\n> oud',
      ['Dank je.'],
    ],
    ['German attribution', 'Danke.\n\nAm Mo., 16. Nov. 2026 um 15:40 Uhr schrieb Erik <e@x.de>:\n> alt', ['Danke.']],
    [
      'Outlook separator and header',
      'Graag.\n\n________________________________\nVan: Sanne\nVerzonden: maandag\nOnderwerp: x\n\noud',
      ['Graag.'],
    ],
    [
      'Outlook header without separator',
      'Graag.\n\nFrom: Sanne de Vries <s@b.nl>\nSent: Monday, 2 November 2026 15:00\nTo: Pieter\n\nold',
      ['Graag.'],
    ],
    ['Original Message', 'Ja.\n\n-----Original Message-----\nFrom: x', ['Ja.']],
    ['Oorspronkelijk bericht', 'Ja.\n\n-----Oorspronkelijk bericht-----\nVan: x', ['Ja.']],
    ['forwarded', 'Zie hieronder.\n\n---------- Forwarded message ---------\nFrom: x', ['Zie hieronder.']],
    ['quoted lines', 'Eens.\n> eerder\nnog iets', ['Eens.']],
    [
      'a "From:" line that is not a header block',
      'From: the start we agreed.\nTot dan.',
      ['From: the start we agreed.', 'Tot dan.'],
    ],
  ])('%s', (_, text, expected) => {
    expect(ownLines(text)).toEqual(expected);
  });

  it.each([
    [
      'a "-- " line',
      'Tot dinsdag.\n\n-- \nSanne de Vries\nBuurtkracht\n',
      { excerpt: 'Tot dinsdag.', signature: 'Sanne de Vries\nBuurtkracht' },
    ],
    [
      'a closing line',
      'Hoi,\n\nTot dinsdag.\n\nMet vriendelijke groet,\n\nErik Bosman\nGemeente Zwolle\n',
      { excerpt: 'Hoi, Tot dinsdag.', signature: 'Erik Bosman\nGemeente Zwolle' },
    ],
    ['none', 'Alleen tekst.\nTwee regels.', { excerpt: 'Alleen tekst. Twee regels.', signature: null }],
    ['empty', '', { excerpt: '', signature: null }],
  ])('signature after %s', (_, text, expected) => {
    expect(bodyText(text)).toEqual(expected);
  });

  it('an excerpt is at most 500 characters, whitespace folded', () => {
    const { excerpt } = bodyText(`${'woord  '.repeat(200)}\n`);
    expect(excerpt).toHaveLength(500);
    expect(excerpt).not.toContain('  ');
  });

  it('htmlToText: blocks are lines, entities decoded, hidden parts and quoted history gone', () => {
    const html =
      '<html><head><style>p{x:y}</style><title>T</title></head><body><script>var a = "<p>";</script><p>Co&ouml;rdinatie&nbsp;&amp; &#8364;&#x20AC;</p><!-- <p>weg</p> --><div>Twee<br>drie&hellip;</div>' +
      '<div class="gmail_quote"><div class="gmail_attr">Op ma schreef x:</div><blockquote>oud</blockquote></div></body></html>';
    expect(ownLines(htmlToText(html))).toEqual(['Coördinatie & €€', 'Twee', 'drie…']);
    expect(htmlToText('<div id="divRplyFwdMsg"><b>Van:</b> x</div>')).toBe('');
    expect(htmlToText('a &unknown; b &lt;tag&gt;')).toBe('a &unknown; b <tag>');
  });
});
