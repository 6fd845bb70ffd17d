import { describe, expect, it } from 'vitest';
import { classifyOrganisation, organisationKindFromText, readDomainLabel } from '@/lib/classify';
import type { OrganisationKind } from '@/lib/store/schemas';
import { dutch } from '../fixtures/evidence';

const rows: [string, string, OrganisationKind | null, string[], string?, string?][] = [
  // what, address, kind (null: no organisation), municipality codes, name, evidence
  ['a gemeente', 'j.jansen@zwolle.nl', 'gemeente', ['GM0193'], 'Gemeente Zwolle', 'domein zwolle.nl: gemeente Zwolle'],
  ['a gemeente subdomain', 'a@mail.zwolle.nl', 'gemeente', ['GM0193'], 'Gemeente Zwolle'],
  ['Den Haag', 'a@denhaag.nl', 'gemeente', ['GM0518'], 'Gemeente Den Haag'],
  [
    'a dissolved gemeente',
    'a@weesp.nl',
    'gemeente',
    ['GM0363'],
    'Gemeente Amsterdam',
    'weesp.nl: Weesp is sinds 24-03-2022 Amsterdam',
  ],
  ['a split gemeente', 'a@haaren.nl', 'gemeente', ['GM0757', 'GM0824', 'GM0855', 'GM0865'], 'voormalige gemeente Haaren'],
  [
    'a GGD on a gemeente subdomain',
    'a@ggd.amsterdam.nl',
    'overheid',
    [],
    'GGD Amsterdam',
    'domein ggd.amsterdam.nl: GGD Amsterdam (ggd)',
  ],
  ['a veiligheidsregio', 'a@vrk.nl', 'overheid', [], 'Veiligheidsregio Kennemerland'],
  ['a waterschap', 'a@aaenmaas.nl', 'overheid', [], 'Waterschap Aa en Maas'],
  ['a provincie', 'a@pzh.nl', 'overheid', [], 'Provincie Zuid-Holland'],
  ['the state', 'a@minbzk.nl', 'overheid', []],
  ['rijksoverheid.nl', 'a@rijksoverheid.nl', 'overheid', [], 'Rijksoverheid'],
  ['VVD', 'a@vvd.nl', 'partij', [], 'VVD', 'domein vvd.nl: partij VVD'],
  ['D66', 'a@d66.nl', 'partij', [], 'D66'],
  ['GroenLinks', 'a@groenlinks.nl', 'partij', [], 'GroenLinks'],
  ['PvdA', 'a@pvda.nl', 'partij', [], 'PvdA'],
  ['GroenLinks-PvdA', 'a@groenlinkspvda.nl', 'partij', [], 'GroenLinks-PvdA'],
  ['CDA', 'a@cda.nl', 'partij', [], 'CDA'],
  ['SP', 'a@sp.nl', 'partij', [], 'SP'],
  ['ChristenUnie', 'a@christenunie.nl', 'partij', [], 'ChristenUnie'],
  ['SGP', 'a@sgp.nl', 'partij', [], 'SGP'],
  ['Partij voor de Dieren', 'a@partijvoordedieren.nl', 'partij', [], 'Partij voor de Dieren'],
  ['Volt', 'a@volt.org', 'partij', [], 'Volt'],
  ['BBB', 'a@bbb.nl', 'partij', [], 'BBB'],
  ['JA21', 'a@ja21.nl', 'partij', [], 'JA21'],
  ['50PLUS', 'a@50pluspartij.nl', 'partij', [], '50PLUS'],
  ['DENK', 'a@denk.nl', 'partij', [], 'DENK'],
  ['FvD', 'a@fvd.nl', 'partij', [], 'FvD'],
  ['PVV', 'a@pvv.nl', 'partij', [], 'PVV'],
  [
    'a local branch on a subdomain',
    'a@zwolle.d66.nl',
    'partij',
    ['GM0193'],
    'D66 Zwolle',
    'domein zwolle.d66.nl: partij D66 (afdeling Zwolle)',
  ],
  ['a local branch domain', 'a@d66zwolle.nl', 'partij', ['GM0193'], 'D66 Zwolle'],
  ['a local branch with a hyphen', 'a@vvd-amsterdam.nl', 'partij', ['GM0363'], 'VVD Amsterdam'],
  ['Leefbaar Rotterdam', 'a@leefbaarrotterdam.nl', 'partij', ['GM0599'], 'Leefbaar Rotterdam'],
  ['gemeentebelangen', 'a@gemeentebelangen-tynaarlo.nl', 'partij', ['GM1730']],
  ['a local party without a known place', 'a@lokaalbelangnoord.nl', 'partij', []],
  ['leefbaarheid is not a party', 'a@leefbaarheidsmonitor.nl', 'overig', []],
  [
    'a voor-elkaar platform',
    'info@amstelveenvoorelkaar.nl',
    'welzijnsorganisatie',
    ['GM0362'],
    'Amstelveen voor elkaar',
    'domein amstelveenvoorelkaar.nl: Amstelveen voor elkaar',
  ],
  ['another one', 'info@delftvoorelkaar.nl', 'welzijnsorganisatie', ['GM0503'], 'Delft voor elkaar'],
  ['Overbetuwe voor elkaar', 'info@overbetuwevoorelkaar.nl', 'welzijnsorganisatie', ['GM1734']],
  ['a platform of a dissolved gemeente', 'info@weespvoorelkaar.nl', 'welzijnsorganisatie', ['GM0363']],
  [
    'a look-alike is not a platform',
    'info@geldvoorelkaar.nl',
    'overig',
    [],
    'geldvoorelkaar.nl',
    'domein geldvoorelkaar.nl: geen gemeente vóór "voorelkaar", dus geen lokaal platform',
  ],
  ['welfare named after the place', 'a@welzijnlochem.nl', 'welzijnsorganisatie', ['GM0262'], 'Welzijn Lochem'],
  ['stichting + welfare + place', 'a@stichtingwelzijnborne.nl', 'welzijnsorganisatie', ['GM0147']],
  [
    'a welfare word without a place',
    'a@welzijnmensenwerk.nl',
    'welzijnsorganisatie',
    [],
    undefined,
    'domein welzijnmensenwerk.nl bevat "welzijn"',
  ],
  ['vrijwilligerscentrale', 'a@vrijwilligerscentrale-ergens.nl', 'welzijnsorganisatie', []],
  ['buurtwerk and the place', 'd.brouwer@buurtwerkalmere.nl', 'welzijnsorganisatie', ['GM0034'], 'Buurtwerk Almere'],
  ['wijkwerk and the place', 'm.schouten@wijkwerkdordrecht.nl', 'welzijnsorganisatie', ['GM0505'], 'Wijkwerk Dordrecht'],
  ['opbouwwerk without a place', 'a@opbouwwerk-noord.nl', 'welzijnsorganisatie', []],
  ['a welfare org by name', 'a@incluzio.nl', 'welzijnsorganisatie', []],
  ['Humanitas', 'a@humanitas.nl', 'welzijnsorganisatie', []],
  ['a short org name as the whole label', 'a@dock.nl', 'welzijnsorganisatie', []],
  ['a short org name inside another word', 'a@dockside.nl', 'overig', []],
  ['MEE', 'a@mee.nl', 'welzijnsorganisatie', []],
  ['a dorpsraad', 'a@dorpsraadheeze.nl', 'bewonersplatform', []],
  ['a wijkraad with a place', 'a@wijkraadzwolle.nl', 'bewonersplatform', ['GM0193']],
  ['a residents association', 'a@bewonersverenigingdewijk.nl', 'bewonersplatform', []],
  ['a stadsdorp', 'a@stadsdorpzuid.nl', 'bewonersplatform', []],
  ['Ede hiding in Heede is not read', 'a@welzijnheede.nl', 'welzijnsorganisatie', []],
  ['an unknown company', 'a@acme.nl', 'overig', [], 'acme.nl', 'domein acme.nl: onbekende organisatie'],
  ['an unknown company on a subdomain', 'a@mail.acme.nl', 'overig', [], 'acme.nl'],
  ['a bare domain works too', 'zwolle.nl', 'gemeente', ['GM0193']],
  ['gmail', 'a@gmail.com', null, []],
  ['ziggo', 'a@ziggo.nl', null, []],
  ['hetnet', 'a@hetnet.nl', null, []],
  ['not an address', 'not an address', null, []],
];

describe('classifyOrganisation', () => {
  it.each(rows)('%s', (_what, address, kind, codes, name, evidence) => {
    const result = classifyOrganisation(address);
    expect(result?.kind ?? null).toBe(kind);
    if (kind === null) return;
    expect(result?.municipalityCodes).toEqual(codes);
    if (name) expect(result?.name).toBe(name);
    if (evidence) expect(dutch(result?.evidence)).toContain(evidence);
    expect(result?.evidence.length).toBeGreaterThan(0);
  });

  it('returns null for no address', () => {
    expect(classifyOrganisation(null)).toBeNull();
    expect(classifyOrganisation('')).toBeNull();
  });
});

describe('readDomainLabel', () => {
  it.each([
    ['amstelveenvoorelkaar', 'Amstelveen voor elkaar'],
    ['denhaagvoorelkaar', 'Den Haag voor elkaar'],
    ['welzijn-lochem', 'Welzijn Lochem'],
    ['groenlinkspvdazwolle', 'GroenLinks-PvdA Zwolle'],
    ['geldvoorelkaar', null],
    ['zwolle', null], // a name alone is not an organisation
    ['sportzwolle', null], // "sport" is not one of the known words
    ['inede', null], // a short name needs a real word beside it
  ])('%s -> %s', (label, name) => {
    expect(readDomainLabel(label)?.name ?? null).toBe(name);
  });
});

describe('organisationKindFromText', () => {
  it.each([
    ['Jan\nGemeente Zwolle', 'gemeente'],
    ['Jan\nGriffie', 'gemeente'],
    ['Anna\nStichting Welzijn Lochem', 'welzijnsorganisatie'],
    ['Anna\nIncluzio Sittard', 'welzijnsorganisatie'],
    ['Piet\nDorpsraad Heeze', 'bewonersplatform'],
    ['Piet\nLid Adviesraad Sociaal Domein, gemeente Zwolle', 'bewonersplatform'],
    ['Kees\nGGD Twente', 'overheid'],
    ['Kees\nProvincie Overijssel', 'overheid'],
    ['Karin\nFractie GroenLinks', 'partij'],
    ['We krijgen het voor elkaar!', null],
    ['Ik denk dat het lukt', null],
    ['Jan', null],
  ])('%j -> %s', (text, kind) => {
    expect(organisationKindFromText(text)?.kind ?? null).toBe(kind);
  });
});
