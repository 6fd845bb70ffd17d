import { describe, expect, it } from 'vitest';
import { classifyMunicipality, classifyThreadMunicipality } from '@/lib/classify';
import type { PersonSignals } from '@/lib/classify';
import { dutch } from '../fixtures/evidence';

interface Row {
  what: string;
  signals: Partial<PersonSignals>;
  code: string | null;
  /** an evidence line that must be present (exactly) */
  evidence?: string;
  /** a fragment some evidence line must contain */
  evidenceContains?: string;
  min?: number;
  max?: number;
}

const person = (signals: Partial<PersonSignals>): PersonSignals => ({ address: null, name: '', ...signals });
const gmail = (signals: Partial<PersonSignals>): Partial<PersonSignals> => ({
  address: 'j.devries@gmail.com',
  name: 'Jan de Vries',
  ...signals,
});

const SENDER_DOMAIN: Row[] = [
  {
    what: 'main domain',
    signals: { address: 'j.jansen@zwolle.nl', name: 'Jan Jansen' },
    code: 'GM0193',
    evidence: 'domein zwolle.nl',
    min: 0.95,
    max: 0.95,
  },
  { what: 'upper-case address', signals: { address: 'J.Jansen@ZWOLLE.NL' }, code: 'GM0193', evidence: 'domein zwolle.nl' },
  {
    what: 'mail subdomain',
    signals: { address: 'a.bakker@mail.zwolle.nl' },
    code: 'GM0193',
    evidence: 'domein mail.zwolle.nl (zwolle.nl)',
  },
  {
    what: 'listed subdomain',
    signals: { address: 'p.smit@gemeente.groningen.nl' },
    code: 'GM0014',
    evidence: 'domein gemeente.groningen.nl',
  },
  { what: 'Den Haag', signals: { address: 'k.vos@denhaag.nl' }, code: 'GM0518' },
  { what: "'s-Hertogenbosch", signals: { address: 'm.peters@s-hertogenbosch.nl' }, code: 'GM0796' },
  { what: 'Best via gemeentebest.nl', signals: { address: 'info@gemeentebest.nl' }, code: 'GM0753' },
  { what: 'Bergen NH', signals: { address: 'a@bergen-nh.nl' }, code: 'GM0373' },
  { what: 'Bergen L', signals: { address: 'a@bergen.nl' }, code: 'GM0893' },
  { what: 'Ede', signals: { address: 'r.mulder@ede.nl' }, code: 'GM0228' },
  { what: 'Epe', signals: { address: 'r.mulder@epe.nl' }, code: 'GM0232' },
  { what: 'Urk', signals: { address: 'r.mulder@urk.nl' }, code: 'GM0184' },
  { what: 'Elburg', signals: { address: 'r.mulder@elburg.nl' }, code: 'GM0230' },
  { what: 'general-address domain', signals: { address: 'x@h-i-ambacht.nl' }, code: 'GM0531' },
  { what: 'a .frl domain', signals: { address: 'x@dantumadiel.frl' }, code: 'GM1891' },
  {
    what: 'domain beats a mention of another gemeente',
    signals: { address: 'a@zwolle.nl', subject: 'Overleg met gemeente Kampen' },
    code: 'GM0193',
    min: 0.95,
  },
];

const MERGED_DOMAIN: Row[] = [
  {
    what: 'Weesp',
    signals: { address: 'p.devries@weesp.nl' },
    code: 'GM0363',
    evidence: 'weesp.nl: Weesp is sinds 24-03-2022 Amsterdam',
    min: 0.9,
    max: 0.9,
  },
  {
    what: 'Brielle',
    signals: { address: 'a@brielle.nl' },
    code: 'GM1992',
    evidence: 'brielle.nl: Brielle is sinds 01-01-2023 Voorne aan Zee',
  },
  { what: 'Heerhugowaard', signals: { address: 'a@heerhugowaard.nl' }, code: 'GM1980' },
  { what: 'Langedijk', signals: { address: 'a@gemeentelangedijk.nl' }, code: 'GM1980' },
  { what: 'Beemster (.net)', signals: { address: 'a@beemster.net' }, code: 'GM0439' },
  { what: 'Uden', signals: { address: 'a@uden.nl' }, code: 'GM1991' },
  { what: 'Mill en Sint Hubert', signals: { address: 'a@gemeente-mill.nl' }, code: 'GM1982' },
  {
    what: 'Delfzijl',
    signals: { address: 'a@delfzijl.nl' },
    code: 'GM1979',
    evidence: 'delfzijl.nl: Delfzijl is sinds 01-01-2021 Eemsdelta',
  },
  { what: 'Haren (2019) into Groningen', signals: { address: 'a@haren.nl' }, code: 'GM0014' },
  {
    what: 'split Haaren: the signature decides',
    signals: { address: 'a@haaren.nl', signature: 'Gemeente Vught' },
    code: 'GM0865',
    evidenceContains: 'verdeeld over Boxtel, Oisterwijk, Tilburg en Vught',
    max: 0.7,
  },
  { what: 'split Haaren: nothing decides', signals: { address: 'a@haaren.nl' }, code: null },
];

const PUBLIC_BODY: Row[] = [
  { what: 'GGD on a gemeente subdomain is not the gemeente', signals: { address: 'a.jong@ggd.amsterdam.nl' }, code: null },
  {
    what: 'GGD with a mention: weak guess',
    signals: { address: 'a.jong@ggd.amsterdam.nl', subject: 'Overleg gemeente Amstelveen' },
    code: 'GM0362',
    evidence: 'domein ggd.amsterdam.nl is GGD Amsterdam, geen gemeente',
    max: 0.35,
  },
  { what: 'GGD Groningen subdomain', signals: { address: 'a@ggd.groningen.nl' }, code: null },
  { what: 'veiligheidsregio', signals: { address: 'a@vrk.nl', signature: 'Veiligheidsregio Kennemerland' }, code: null },
  { what: 'provincie Utrecht', signals: { address: 'a@provincie-utrecht.nl', signature: 'Provincie Utrecht' }, code: null },
  { what: 'waterschap', signals: { address: 'a@hhdelfland.nl' }, code: null },
  { what: 'ministerie', signals: { address: 'a@minbzk.nl', subject: 'Bezoek aan Zwolle' }, code: 'GM0193', max: 0.35 },
];

const ORGANISATION_DOMAIN: Row[] = [
  {
    what: 'welfare organisation named after the place',
    signals: { address: 'a@welzijnlochem.nl' },
    code: 'GM0262',
    evidence: 'domein welzijnlochem.nl: Welzijn Lochem',
    min: 0.7,
  },
  { what: 'voor-elkaar platform', signals: { address: 'info@amstelveenvoorelkaar.nl' }, code: 'GM0362', min: 0.7 },
  { what: 'look-alike platform', signals: { address: 'info@geldvoorelkaar.nl' }, code: null },
  { what: 'local party branch', signals: { address: 'a@d66zwolle.nl' }, code: 'GM0193' },
  { what: 'local party', signals: { address: 'a@leefbaarrotterdam.nl' }, code: 'GM0599' },
  { what: 'party subdomain', signals: { address: 'a@zwolle.d66.nl' }, code: 'GM0193' },
  { what: 'unknown company, no mention', signals: { address: 'a@acme.nl' }, code: null },
];

const MENTIONS: Row[] = [
  {
    what: '"gemeente Zwolle" in the subject',
    signals: gmail({ subject: 'Voorstel gemeente Zwolle' }),
    code: 'GM0193',
    evidence: 'vermelding "gemeente Zwolle" in onderwerp',
    min: 0.65,
    max: 0.85,
  },
  { what: 'lower-case "gemeente zwolle"', signals: gmail({ subject: 're: afspraak gemeente zwolle' }), code: 'GM0193' },
  {
    what: "Gemeente 's-Hertogenbosch",
    signals: gmail({ signature: "Gemeente 's-Hertogenbosch" }),
    code: 'GM0796',
    evidence: `vermelding "Gemeente 's-Hertogenbosch" in handtekening`,
  },
  { what: 'curly apostrophe', signals: gmail({ signature: 'Gemeente ’s-Hertogenbosch' }), code: 'GM0796' },
  { what: 'Den Bosch', signals: gmail({ subject: 'Pilot in Den Bosch' }), code: 'GM0796' },
  { what: 'Den Haag', signals: gmail({ subject: 'Werkbezoek Den Haag' }), code: 'GM0518' },
  { what: "'s-Gravenhage", signals: gmail({ signature: "Gemeente 's-Gravenhage" }), code: 'GM0518' },
  { what: 'Súdwest-Fryslân with accents', signals: gmail({ signature: 'Gemeente Súdwest-Fryslân' }), code: 'GM1900' },
  { what: 'Súdwest-Fryslân without', signals: gmail({ signature: 'gemeente Sudwest Fryslan' }), code: 'GM1900' },
  {
    what: 'one-word platform',
    signals: gmail({ snippet: 'Kijk eens op Overbetuwevoorelkaar' }),
    code: 'GM1734',
    evidenceContains: 'platform Overbetuwe voor elkaar',
  },
  {
    what: 'platform domain in text',
    signals: gmail({ snippet: 'zie amstelveenvoorelkaar.nl voor de vacatures' }),
    code: 'GM0362',
  },
  { what: 'platform with spaces', signals: gmail({ signature: 'Coördinator Deventer voor elkaar' }), code: 'GM0150' },
  { what: 'look-alike platform in text', signals: gmail({ snippet: 'gefinancierd via geldvoorelkaar.nl' }), code: null },
  { what: 'Heede is not Ede', signals: gmail({ signature: 'Wonend in Heede' }), code: null },
  { what: 'Ede', signals: gmail({ subject: 'Afspraak in Ede' }), code: 'GM0228', max: 0.5 },
  { what: 'Best regards is not Best', signals: gmail({ signature: 'Best regards,\nJan' }), code: null },
  { what: 'Beste is not Best', signals: gmail({ snippet: 'Beste Jan, dank voor je mail' }), code: null },
  { what: 'gemeente Best', signals: gmail({ signature: 'Gemeente Best' }), code: 'GM0753' },
  {
    what: 'postcode line with Best',
    signals: gmail({ signature: 'De Ravenweg 1\n5684 AB Best' }),
    code: 'GM0753',
    evidence: 'vermelding "5684 AB Best" in handtekening',
  },
  { what: 'postcode line', signals: gmail({ signature: 'Postbus 10007\n8000 GA Zwolle' }), code: 'GM0193', min: 0.6 },
  { what: 'Epen is not Epe', signals: gmail({ subject: 'Wandeling bij Epen' }), code: null },
  { what: 'Epe', signals: gmail({ subject: 'Vrijwilligersmarkt Epe' }), code: 'GM0232' },
  { what: 'Urker is not Urk', signals: gmail({ snippet: 'de Urker vissers' }), code: null },
  { what: 'Urk', signals: gmail({ subject: 'Bezoek aan Urk' }), code: 'GM0184' },
  { what: 'Elburgerweg is not Elburg', signals: gmail({ signature: 'Elburgerweg 12, Oldebroek' }), code: 'GM0269' },
  { what: 'Elburg', signals: gmail({ subject: 'Welkom in Elburg' }), code: 'GM0230' },
  { what: 'Goes the verb', signals: gmail({ snippet: 'That Goes without saying' }), code: null },
  { what: 'gemeente Goes', signals: gmail({ signature: 'Gemeente Goes' }), code: 'GM0664' },
  { what: 'surname Van Dongen', signals: gmail({ name: 'Wethouder Van Dongen' }), code: null },
  { what: 'surname in signature', signals: gmail({ signature: 'Jan van Dongen\nAdviseur' }), code: null },
  { what: 'surname with initial', signals: gmail({ signature: 'J. van Oss' }), code: null },
  {
    what: 'burgemeester van Tilburg',
    signals: gmail({ snippet: 'gesprek met de burgemeester van Tilburg' }),
    code: 'GM0855',
    evidence: 'vermelding "burgemeester van Tilburg" in fragment',
  },
  { what: '"van" of a place, not a surname', signals: gmail({ snippet: 'de wijken van Zwolle' }), code: 'GM0193' },
  { what: 'Edith Stein', signals: gmail({ snippet: 'een lezing over Edith Stein' }), code: null },
  { what: 'gemeente Stein', signals: gmail({ signature: 'Gemeente Stein' }), code: 'GM0971' },
  { what: 'provincie Groningen is not the city', signals: gmail({ signature: 'Provincie Groningen' }), code: null },
  { what: 'Groningen (provincie)', signals: gmail({ snippet: 'in Groningen (provincie) loopt het goed' }), code: null },
  { what: 'gemeente Groningen', signals: gmail({ signature: 'Gemeente Groningen' }), code: 'GM0014', min: 0.8 },
  {
    what: 'bare Utrecht: city or province',
    signals: gmail({ subject: 'Bijeenkomst in Utrecht' }),
    code: 'GM0344',
    evidenceContains: 'ook de naam van de provincie',
    max: 0.35,
  },
  { what: 'Utrechtse Heuvelrug is not Utrecht', signals: gmail({ subject: 'Gemeente Utrechtse Heuvelrug' }), code: 'GM1581' },
  { what: 'Midden-Groningen is not Groningen', signals: gmail({ signature: 'Gemeente Midden-Groningen' }), code: 'GM1952' },
  {
    what: 'Bergen (NH)',
    signals: gmail({ signature: 'Gemeente Bergen (NH)' }),
    code: 'GM0373',
    evidence: 'vermelding "Gemeente Bergen (NH)" in handtekening',
  },
  { what: 'Bergen with a province', signals: gmail({ signature: 'Gemeente Bergen, Limburg' }), code: 'GM0893' },
  { what: 'Bergen alone is ambiguous', signals: gmail({ signature: 'Gemeente Bergen' }), code: null },
  { what: 'Bergen op Zoom is not Bergen', signals: gmail({ subject: 'Pilot Bergen op Zoom' }), code: 'GM0748' },
  {
    what: 'dissolved name',
    signals: gmail({ signature: 'Gemeente Weesp' }),
    code: 'GM0363',
    evidenceContains: 'Weesp is sinds 24-03-2022 Amsterdam',
  },
  { what: 'a bare dissolved name is not read', signals: gmail({ subject: 'Markt in Grave' }), code: null },
  { what: 'lower-case bare name is not read', signals: gmail({ subject: 'afspraak zwolle' }), code: null },
  {
    what: 'municipal domain in the signature',
    signals: gmail({ signature: 'www.zwolle.nl' }),
    code: 'GM0193',
    evidence: 'domein zwolle.nl in handtekening',
    min: 0.8,
  },
  { what: 'address of a dissolved gemeente in the text', signals: gmail({ snippet: 'mail naar info@weesp.nl' }), code: 'GM0363' },
  {
    what: 'display name of a gemeente',
    signals: { address: 'noreply@example.org', name: 'Gemeente Zwolle' },
    code: 'GM0193',
    min: 0.8,
  },
  { what: 'a place in a display name is a surname', signals: { address: 'x@gmail.com', name: 'Peter Zwolle' }, code: null },
  { what: 'a/d abbreviation', signals: gmail({ signature: 'Gemeente Capelle a/d IJssel' }), code: 'GM0502' },
  { what: 'short name Nuenen', signals: gmail({ subject: 'Buurtkracht Nuenen' }), code: 'GM0820' },
  { what: 'qualified Rijswijk', signals: gmail({ signature: 'Gemeente Rijswijk (ZH)' }), code: 'GM0603' },
  { what: 'Hengelo (O)', signals: gmail({ signature: 'Gemeente Hengelo (O)' }), code: 'GM0164' },
  { what: 'nothing at all', signals: { address: null, name: '' }, code: null },
  { what: 'consumer mail, no mention', signals: gmail({ subject: 'Vraag over het platform' }), code: null },
];

describe('classifyMunicipality', () => {
  describe.each([
    ['sender domain', SENDER_DOMAIN],
    ['merged municipality domain', MERGED_DOMAIN],
    ['other public body', PUBLIC_BODY],
    ['organisation domain', ORGANISATION_DOMAIN],
    ['mentions', MENTIONS],
  ] as const)('%s', (_group, rows) => {
    it.each(rows.map((row) => [row.what, row] as const))('%s', (_what, row) => {
      const result = classifyMunicipality(person(row.signals));
      expect(result?.value ?? null).toBe(row.code);
      if (row.code === null) return;
      expect(result).not.toBeNull();
      if (!result) return;
      if (row.evidence) expect(dutch(result.evidence)).toContain(row.evidence);
      if (row.evidenceContains) expect(dutch(result.evidence).join(' | ')).toContain(row.evidenceContains);
      expect(result.confidence).toBeGreaterThanOrEqual(row.min ?? 0.2);
      expect(result.confidence).toBeLessThanOrEqual(row.max ?? 0.95);
      expect(result.evidence.length).toBeGreaterThan(0);
    });
  });

  it('trusts a mention less than a sender domain', () => {
    const byDomain = classifyMunicipality(person({ address: 'a@zwolle.nl' }));
    const byMention = classifyMunicipality(person(gmail({ signature: 'Gemeente Zwolle' })));
    expect(byDomain?.confidence).toBeGreaterThan(byMention?.confidence ?? 1);
  });

  it('trusts two mentions of one place more than one', () => {
    const once = classifyMunicipality(person(gmail({ subject: 'Voorstel gemeente Zwolle' })));
    const twice = classifyMunicipality(person(gmail({ subject: 'Voorstel gemeente Zwolle', signature: 'Gemeente Zwolle' })));
    expect(twice?.confidence).toBeGreaterThan(once?.confidence ?? 1);
  });

  it('lowers its confidence and says so when two places are mentioned alike', () => {
    const result = classifyMunicipality(person(gmail({ subject: 'gemeente Zwolle', snippet: 'en gemeente Kampen' })));
    expect(result?.value).toBe('GM0193');
    expect(dutch(result?.evidence)).toContain('ook genoemd: Kampen');
    expect(result?.confidence).toBeLessThan(0.6);
  });
});

describe('classifyThreadMunicipality', () => {
  const zwolle = 'GM0193';
  const kampen = 'GM0166';
  const rows: [string, Parameters<typeof classifyThreadMunicipality>[0], string | null, string | undefined][] = [
    [
      'majority of contacts',
      { subject: 'Pilot', snippet: '', contactMunicipalities: [zwolle, zwolle, zwolle, kampen] },
      zwolle,
      '3 van 4 contacten met een gemeente: Zwolle',
    ],
    [
      'one contact',
      { subject: '', snippet: '', contactMunicipalities: [zwolle] },
      zwolle,
      '1 van 1 contacten met een gemeente: Zwolle',
    ],
    [
      'unknown contacts do not count',
      { subject: '', snippet: '', contactMunicipalities: [null, zwolle, null] },
      zwolle,
      undefined,
    ],
    [
      'a tie broken by the subject',
      { subject: 'Overleg gemeente Kampen', snippet: '', contactMunicipalities: [zwolle, kampen] },
      kampen,
      'vermelding "gemeente Kampen" in onderwerp',
    ],
    ['a tie nothing breaks', { subject: 'Overleg', snippet: '', contactMunicipalities: [zwolle, kampen] }, null, undefined],
    [
      'no contacts: the subject',
      { subject: 'Pilot gemeente Deventer', snippet: '', contactMunicipalities: [] },
      'GM0150',
      undefined,
    ],
    [
      'no contacts: the snippet',
      { subject: 'Pilot', snippet: 'Namens de gemeente Deventer', contactMunicipalities: [null] },
      'GM0150',
      undefined,
    ],
    ['nothing at all', { subject: 'Hallo', snippet: 'Tot morgen', contactMunicipalities: [null, null] }, null, undefined],
  ];
  it.each(rows)('%s', (_what, input, code, evidence) => {
    const result = classifyThreadMunicipality(input);
    expect(result?.value ?? null).toBe(code);
    if (evidence) expect(dutch(result?.evidence)).toContain(evidence);
    if (result) {
      expect(result.confidence).toBeGreaterThan(0.2);
      expect(result.confidence).toBeLessThanOrEqual(0.9);
    }
  });

  it('is surer with a clear majority than with a slim one', () => {
    const clear = classifyThreadMunicipality({ subject: '', snippet: '', contactMunicipalities: [zwolle, zwolle, zwolle] });
    const slim = classifyThreadMunicipality({ subject: '', snippet: '', contactMunicipalities: [zwolle, zwolle, kampen] });
    expect(clear?.confidence).toBeGreaterThan(slim?.confidence ?? 1);
  });
});

describe('mention details', () => {
  it.each([
    ['Provinciehuis Utrecht', null],
    ['Universiteit Utrecht', null],
    ['Rijksuniversiteit Groningen', null],
    ['UMC Utrecht', null],
    ['Stadhuis Utrecht', 'GM0344'],
  ])('%s -> %s', (signature, code) => {
    expect(classifyMunicipality({ address: 'x@gmail.com', name: 'X', signature })?.value ?? null).toBe(code);
  });

  it('quotes a mention on one line', () => {
    const result = classifyMunicipality({ address: 'x@gmail.com', name: 'X', snippet: 'namens de gemeente\n     Zwolle' });
    expect(dutch(result?.evidence)).toContain('vermelding "gemeente Zwolle" in fragment');
  });
});
