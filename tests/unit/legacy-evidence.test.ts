/**
 * Store v11 reads the Dutch evidence sentences stored before evidence became codes. A sentence
 * whose pattern is known becomes its code and reads exactly as before in Dutch; anything else
 * is kept as text (`legacy`), never guessed at.
 */
import { describe, expect, it } from 'vitest';
import { evidenceText } from '@/lib/i18n/evidence';
import { evidenceFromLegacyText, evidenceFromStored } from '@/lib/store/legacy-evidence';

describe('evidence stored as Dutch text', () => {
  it.each([
    ['domein zwolle.nl', 'municipality-domain'],
    ['domein mail.zwolle.nl (zwolle.nl)', 'municipality-subdomain'],
    ['domein ggd.amsterdam.nl is GGD Amsterdam, geen gemeente', 'municipality-public-body'],
    ['domein zwolle.nl: gemeente Zwolle', 'org-gemeente-domain'],
    ["domein s-hertogenbosch.nl: gemeente 's-Hertogenbosch", 'org-gemeente-domain'],
    ['domein acme.nl: onbekende organisatie', 'org-domain-unknown'],
    ['domein d66.nl: partij D66', 'org-party-domain'],
    ['domein leefbaarx.nl bevat "leefbaar" (lokale partij)', 'org-domain-local-party'],
    ['domein stichtingwelzijn.nl bevat "welzijn"', 'org-domain-keyword'],
    ['handtekening: "Stichting Welzijn Lochem"', 'org-signature-line'],
    ['handtekening: wethouder', 'role-title-signature'],
    ['handtekening: loco burgemeester', 'role-title-signature'],
    ['naam: wethouder', 'role-title-name'],
    ['organisatie: welzijnsorganisatie', 'role-organisation-kind'],
    ['adres griffie@zwolle.nl: griffie', 'role-mailbox'],
    ['algemeen adres info@zwolle.nl van een gemeente', 'role-general-mailbox'],
    ['medewerker van een gemeente: standaard ambtenaar', 'role-default-gemeente'],
    ['andere overheid, geen gemeente', 'role-default-overheid'],
    ['persoonlijk mailadres (gmail.com): mogelijk een bewoner', 'role-personal-domain'],
    ['geen functietitel, herkenbaar adres of bekend soort organisatie (acme.nl)', 'role-none'],
    ['geen adres en geen functietitel', 'role-none-no-address'],
    ['vermelding "gemeente Zwolle" in onderwerp', 'mention'],
    ['vermelding "Bijeenkomst in Utrecht" in onderwerp (ook de naam van de provincie)', 'mention-province'],
    ['domein zwolle.nl in handtekening', 'mention-domain'],
    ['ook genoemd: Kampen', 'also-mentioned'],
    ['3 van 4 contacten met een gemeente: Zwolle', 'thread-contacts'],
    ['correctie voor adres p.snijders@zwolle.nl', 'correction-address'],
    ['correctie voor heel domein zwolle.nl', 'correction-domain'],
    ['weesp.nl: Weesp is sinds 24-03-2022 Amsterdam', 'merged-domain'],
  ])('%s -> %s, read back the same', (text, code) => {
    const line = evidenceFromLegacyText(text);
    expect(line.code).toBe(code);
    expect(evidenceText(line, { locale: 'nl' })).toBe(text);
  });

  it.each([
    // a split names several successors joined by "en", which names contain too: not guessed at
    'haaren.nl: Haaren is sinds 01-01-2021 verdeeld over Boxtel, Oisterwijk, Tilburg en Vught',
    // a mention with what became of the place: two facts in one line
    'vermelding "Gemeente Weesp" in handtekening; Weesp is sinds 24-03-2022 Amsterdam',
    'correctie door gebruiker',
    '',
  ])('keeps %j as text', (text) => {
    expect(evidenceFromLegacyText(text)).toEqual({ code: 'legacy', values: { text } });
    expect(evidenceText(evidenceFromLegacyText(text), { locale: 'en' })).toBe(text);
  });

  it('converts a stored list, keeps what is converted already and drops what is neither', () => {
    expect(evidenceFromStored(['domein zwolle.nl', { code: 'role-default-gemeente' }, 42, null])).toEqual([
      { code: 'municipality-domain', values: { domain: 'zwolle.nl' } },
      { code: 'role-default-gemeente' },
    ]);
    expect(evidenceFromStored(undefined)).toEqual([]);
  });
});
