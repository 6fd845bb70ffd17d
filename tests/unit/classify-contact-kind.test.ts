import { describe, expect, it } from 'vitest';
import { canonicalAddress, classifyContactKind } from '@/lib/classify';
import type { ContactKind } from '@/lib/classify';
import { dutch } from '../fixtures/evidence';

const ORGANISATION_USER = ['sanne@buurtplatform.nl', 'sanne.devries@gmail.com'];
const GMAIL_ONLY_USER = ['sanne.devries@gmail.com'];

const rows: [string, string | null, string, readonly string[], ContactKind, string?][] = [
  // what, address, name, own addresses, kind, evidence
  ['own address', 'sanne@buurtplatform.nl', 'Sanne de Vries', ORGANISATION_USER, 'self', 'eigen adres sanne@buurtplatform.nl'],
  ['own address, other case', 'Sanne@BuurtPlatform.NL', 'Sanne', ORGANISATION_USER, 'self'],
  ['own gmail with dots and a tag', 'sanne.de.vries+radar@googlemail.com', 'Sanne', ['sannedevries@gmail.com'], 'self'],
  ['Gmail "me"', 'sanne@buurtplatform.nl', 'me', [], 'self', 'naam "me": de gebruiker zelf'],
  ['Dutch Gmail "ik"', null, 'ik', [], 'self'],
  ['Outlook "Ik"', null, 'Ik', [], 'self'],
  ['"mij"', null, 'mij', [], 'self'],
  ['"mezelf"', 'x@example.nl', 'Mezelf', [], 'self'],
  [
    'a colleague',
    'piet@buurtplatform.nl',
    'Piet',
    ORGANISATION_USER,
    'colleague',
    'zelfde domein als eigen adres: buurtplatform.nl',
  ],
  ['a colleague on a subdomain', 'piet@mail.buurtplatform.nl', 'Piet', ORGANISATION_USER, 'colleague'],
  ['two gmail users are not colleagues', 'jan.jansen@gmail.com', 'Jan Jansen', GMAIL_ONLY_USER, 'stakeholder'],
  ['a resident on the same ISP is not a colleague', 'buurman@ziggo.nl', 'Buurman', ['sanne@ziggo.nl'], 'stakeholder'],
  ['a small ISP marked "verify" is consumer mail too', 'jan@tweakdsl.nl', 'Jan', ['sanne@tweakdsl.nl'], 'stakeholder'],
  ['noreply', 'noreply@zwolle.nl', 'Gemeente Zwolle', ORGANISATION_USER, 'bulk', 'adres noreply@: automatische afzender'],
  ['no-reply', 'no-reply@accounts.google.com', 'Google', ORGANISATION_USER, 'bulk'],
  ['no_reply', 'no_reply@example.nl', 'X', [], 'bulk'],
  ['donotreply', 'donotreply@ede.nl', 'X', [], 'bulk'],
  ['do-not-reply', 'do-not-reply@example.com', 'X', [], 'bulk'],
  ['noreply inside a longer local part', 'drive-shares-dm-noreply@google.com', 'Google Drive', [], 'bulk'],
  ['mailer-daemon', 'MAILER-DAEMON@mx.example.nl', 'Mail Delivery Subsystem', [], 'bulk'],
  ['postmaster', 'postmaster@example.nl', 'X', [], 'bulk'],
  ['newsletter', 'newsletter@vng.nl', 'VNG', [], 'bulk'],
  ['nieuwsbrief', 'nieuwsbrief@movisie.nl', 'Movisie', [], 'bulk'],
  ['notifications', 'notifications@github.com', 'GitHub', [], 'bulk'],
  ['calendar notification', 'calendar-notification@google.com', 'Google Agenda', [], 'bulk'],
  ['bounces with a tag', 'bounces+12345-abcd@em1234.example.nl', 'X', [], 'bulk'],
  ['Dutch "geen antwoord"', 'geen-antwoord@belastingdienst.nl', 'X', [], 'bulk'],
  [
    'Mailchimp',
    'info=vrijwilligerscentrale.nl@mail123.suw12.mcdlv.net',
    'Vrijwilligerscentrale',
    [],
    'bulk',
    'domein mcdlv.net: verzenddienst (Mailchimp)',
  ],
  ['Mailchimp list-manage', 'x@list-manage.com', 'X', [], 'bulk'],
  ['SendGrid', 'x@sendgrid.net', 'X', [], 'bulk'],
  ['e.mail sending subdomain', 'info@e.mail.bol.com', 'bol.com', [], 'bulk'],
  ['news sending subdomain', 'info@news.example.nl', 'X', [], 'bulk'],
  ['em1234 sending subdomain', 'x@em1234.example.nl', 'X', [], 'bulk'],
  ['LinkedIn', 'messages-noreply@linkedin.com', 'LinkedIn', [], 'bulk'],
  ['bulk beats colleague', 'noreply@buurtplatform.nl', 'Buurtplatform', ORGANISATION_USER, 'bulk'],
  ['a civil servant', 'j.jansen@zwolle.nl', 'Jan Jansen', ORGANISATION_USER, 'stakeholder'],
  ['info@ of a gemeente is a person to us', 'info@zwolle.nl', 'Gemeente Zwolle', ORGANISATION_USER, 'stakeholder'],
  ['a mail subdomain of a gemeente is not bulk', 'a@mail.zwolle.nl', 'A', ORGANISATION_USER, 'stakeholder'],
  ['a local part that only contains "news"', 'newsome@example.nl', 'Ann Newsome', [], 'stakeholder'],
  ['a resident', 'buurvrouw@hotmail.com', 'Buurvrouw', ORGANISATION_USER, 'stakeholder'],
  ['a name that merely contains "me"', 'mees@example.nl', 'Mees', [], 'stakeholder'],
  ['no address', null, 'Jan Jansen', ORGANISATION_USER, 'stakeholder'],
  ['an unusable address', 'not an address', 'Jan', ORGANISATION_USER, 'stakeholder'],
];

describe('classifyContactKind', () => {
  it.each(rows)('%s', (_what, address, name, ownAddresses, kind, evidence) => {
    const result = classifyContactKind(address, name, { ownAddresses });
    expect(result.kind).toBe(kind);
    if (evidence) expect(dutch(result.evidence)).toContain(evidence);
    if (kind !== 'stakeholder') expect(result.evidence.length).toBeGreaterThan(0);
  });
});

describe('canonicalAddress', () => {
  it.each([
    ['Jan.Jansen@Gmail.com', 'janjansen@gmail.com'],
    ['jan.jansen+radar@googlemail.com', 'janjansen@gmail.com'],
    ['j.jansen+test@zwolle.nl', 'j.jansen@zwolle.nl'],
    ['mailto:J.Jansen@Zwolle.nl', 'j.jansen@zwolle.nl'],
    ['no address', null],
  ])('%s -> %s', (address, expected) => {
    expect(canonicalAddress(address)).toBe(expected);
  });
});
