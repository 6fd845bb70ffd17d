import { describe, expect, it } from 'vitest';
import { classifyRole, classifyStakeholder } from '@/lib/classify';
import type { PersonSignals, RoleId } from '@/lib/classify';
import type { OrganisationKind } from '@/lib/store/schemas';
import { inDutch } from '../fixtures/evidence';

interface Row {
  what: string;
  address: string | null;
  name?: string;
  signature?: string;
  organisationKind?: OrganisationKind;
  role: RoleId;
  evidence?: string;
  min?: number;
  max?: number;
}

const DISCLAIMER =
  'Dit bericht is uitsluitend bestemd voor de geadresseerde. De gemeente en haar bestuurder aanvaarden geen aansprakelijkheid voor schade die voortvloeit uit het gebruik van dit bericht.';

const TITLES: Row[] = [
  {
    what: 'wethouder at a gemeente',
    address: 'p.smit@zwolle.nl',
    signature: 'Met vriendelijke groet,\n\nPeter Smit\nWethouder Zorg en Welzijn\nGemeente Zwolle',
    role: 'wethouder',
    evidence: 'handtekening: wethouder',
    min: 0.9,
  },
  {
    what: 'burgemeester on gmail',
    address: 'm.bos@gmail.com',
    signature: 'Marieke Bos\nBurgemeester van Epe',
    role: 'wethouder',
    min: 0.85,
  },
  {
    what: 'loco-burgemeester',
    address: 'a@deventer.nl',
    signature: 'Loco-burgemeester',
    role: 'wethouder',
    evidence: 'handtekening: loco burgemeester',
  },
  { what: 'waarnemend burgemeester', address: 'a@ede.nl', signature: 'Waarnemend burgemeester', role: 'wethouder' },
  { what: 'portefeuillehouder', address: 'a@ede.nl', signature: 'Portefeuillehouder Sociaal Domein', role: 'wethouder' },
  {
    what: "the college's secretariaat",
    address: 'a@tilburg.nl',
    signature: 'Secretariaat burgemeester en wethouders',
    role: 'wethouder',
  },
  { what: 'bestuurssecretaresse', address: 'a@tilburg.nl', signature: 'Bestuurssecretaresse', role: 'wethouder' },
  {
    what: 'raadslid on gmail',
    address: 'k.dekker@gmail.com',
    signature: 'Karin Dekker\nRaadslid GroenLinks Zwolle',
    role: 'gemeenteraad',
    evidence: 'handtekening: raadslid',
    min: 0.9,
  },
  { what: 'raadslid on the gemeente domain', address: 'k.dekker@zwolle.nl', signature: 'Raadslid', role: 'gemeenteraad' },
  { what: 'fractievoorzitter', address: 'a@cda.nl', signature: 'Fractievoorzitter CDA Deventer', role: 'gemeenteraad' },
  { what: 'gemeenteraadslid compound', address: 'a@hotmail.com', signature: 'Gemeenteraadslid', role: 'gemeenteraad' },
  { what: 'burgerraadslid', address: 'a@hotmail.com', signature: 'Burgerraadslid VVD', role: 'gemeenteraad' },
  {
    what: 'fractiemedewerker is raad, not a generic medewerker',
    address: 'a@d66.nl',
    signature: 'Fractiemedewerker D66',
    role: 'gemeenteraad',
    evidence: 'handtekening: fractiemedewerker',
  },
  { what: 'griffier', address: 'a@zwolle.nl', signature: 'Griffier', role: 'gemeenteraad', evidence: 'handtekening: griffier' },
  {
    what: 'raadsadviseur of the griffie',
    address: 'a@zwolle.nl',
    signature: 'Raadsadviseur\nGriffie Zwolle',
    role: 'gemeenteraad',
  },
  { what: 'commissiegriffier', address: 'a@zwolle.nl', signature: 'Commissiegriffier', role: 'gemeenteraad' },
  {
    what: 'seniorbeleidsadviseur compound',
    address: 'j.jansen@zwolle.nl',
    signature: 'Jan Jansen\nSeniorbeleidsadviseur Sociaal Domein\nGemeente Zwolle',
    role: 'ambtenaar',
    evidence: 'handtekening: beleidsadviseur',
    min: 0.85,
  },
  { what: 'senior beleidsadviseur', address: 'j.jansen@zwolle.nl', signature: 'Senior beleidsadviseur', role: 'ambtenaar' },
  {
    what: 'beleidsmedewerker on gmail',
    address: 'j@gmail.com',
    signature: 'Beleidsmedewerker Wmo',
    role: 'ambtenaar',
    min: 0.7,
    max: 0.7,
  },
  {
    what: 'programmamanager at a gemeente',
    address: 'a@zwolle.nl',
    signature: 'Programmamanager Sociaal Domein',
    role: 'ambtenaar',
    min: 0.85,
  },
  {
    what: 'programmamanager elsewhere: a weak guess',
    address: 'a@gmail.com',
    signature: 'Programmamanager',
    role: 'ambtenaar',
    max: 0.45,
  },
  { what: 'gemeentesecretaris', address: 'a@zwolle.nl', signature: 'Gemeentesecretaris / algemeen directeur', role: 'ambtenaar' },
  { what: 'gebiedsregisseur', address: 'a@gmail.com', signature: 'Gebiedsregisseur Noord', role: 'ambtenaar', min: 0.7 },
  { what: 'wmo-consulent', address: 'a@ede.nl', signature: 'Wmo-consulent', role: 'ambtenaar' },
  { what: 'teamleider at a gemeente', address: 'a@ede.nl', signature: 'Teamleider Samenleving', role: 'ambtenaar' },
  { what: 'directeur welzijn at a gemeente', address: 'a@zwolle.nl', signature: 'Directeur Welzijn', role: 'ambtenaar' },
  {
    what: 'directeur-bestuurder at a welfare domain',
    address: 'a@welzijnlochem.nl',
    signature: 'Directeur-bestuurder',
    role: 'welzijnsorganisatie',
    min: 0.85,
  },
  {
    what: 'directeur welzijn at a welfare domain',
    address: 'a@welzijnlochem.nl',
    signature: 'Directeur Welzijn',
    role: 'welzijnsorganisatie',
    min: 0.85,
  },
  {
    what: 'directeur-bestuurder, organisation unknown',
    address: 'a@acme.nl',
    signature: 'Directeur-bestuurder',
    role: 'welzijnsorganisatie',
    max: 0.6,
  },
  {
    what: 'projectleider at a welfare organisation works there',
    address: 'a@welzijnlochem.nl',
    signature: 'Projectleider',
    role: 'welzijnsorganisatie',
  },
  { what: 'sociaal werker', address: 'a@gmail.com', signature: 'Sociaal werker', role: 'welzijnsorganisatie' },
  { what: 'opbouwwerker', address: 'a@gmail.com', signature: 'Opbouwwerker', role: 'welzijnsorganisatie' },
  {
    what: 'vrijwilligerscoördinator with accent',
    address: 'a@gmail.com',
    signature: 'Vrijwilligerscoördinator',
    role: 'welzijnsorganisatie',
  },
  {
    what: 'coördinator vrijwilligerswerk is staff, not a volunteer',
    address: 'a@gmail.com',
    signature: 'Coördinator vrijwilligerswerk',
    role: 'welzijnsorganisatie',
  },
  { what: 'mantelzorgconsulent', address: 'a@gmail.com', signature: 'Mantelzorgconsulent', role: 'welzijnsorganisatie' },
  { what: 'buurtcoach', address: 'a@gmail.com', signature: 'Buurtcoach Zuid', role: 'welzijnsorganisatie' },
  { what: 'dorpsraad', address: 'a@gmail.com', signature: 'Voorzitter Dorpsraad Heeze', role: 'bewoner' },
  { what: 'vrijwilliger', address: 'a@gmail.com', signature: 'Vrijwilliger', role: 'bewoner' },
  { what: 'mantelzorger', address: 'a@gmail.com', signature: 'Mantelzorger', role: 'bewoner' },
  { what: 'adviesraad is not raadslid', address: 'a@gmail.com', signature: 'Lid Adviesraad Sociaal Domein', role: 'bewoner' },
  { what: '"Team Inwoners" at a gemeente is staff', address: 'a@zwolle.nl', signature: 'Team Inwoners', role: 'ambtenaar' },
  { what: 'ministerie is not minister', address: 'a@gmail.com', signature: 'Ministerie van BZK', role: 'ambtenaar', max: 0.35 },
  {
    what: 'gedeputeerde: a bestuurder of the province',
    address: 'a@overijssel.nl',
    signature: 'Gedeputeerde Sociaal Domein',
    role: 'wethouder',
    max: 0.6,
  },
  { what: 'statenlid', address: 'a@gmail.com', signature: 'Statenlid', role: 'gemeenteraad', max: 0.6 },
  {
    what: 'title in the display name',
    address: 'j@zwolle.nl',
    name: 'Wethouder Jansen',
    role: 'wethouder',
    evidence: 'naam: wethouder',
  },
  { what: 'griffie as display name', address: 'griffie@zwolle.nl', name: 'Griffie Zwolle', role: 'gemeenteraad' },
  { what: 'a surname that is a title', address: 'r.dijkgraaf@hdsr.nl', name: 'Rob Dijkgraaf', role: 'ambtenaar', max: 0.3 },
  { what: 'the higher group wins', address: 'a@gmail.com', signature: 'Sociaal werker en raadslid', role: 'gemeenteraad' },
  {
    what: 'a volunteer title does not beat a job title',
    address: 'a@zwolle.nl',
    signature: 'Beleidsadviseur, tevens vrijwilliger',
    role: 'ambtenaar',
  },
  {
    what: 'the legal footer is not read',
    address: 'a@zwolle.nl',
    signature: `Jan\nAdviseur\n${DISCLAIMER}`,
    role: 'ambtenaar',
    evidence: 'handtekening: adviseur',
  },
];

const LOCAL_PARTS: Row[] = [
  {
    what: 'griffie@',
    address: 'griffie@zwolle.nl',
    role: 'gemeenteraad',
    evidence: 'adres griffie@zwolle.nl: griffie',
    min: 0.75,
  },
  { what: 'raadsgriffie@', address: 'raadsgriffie@deventer.nl', role: 'gemeenteraad' },
  { what: 'raad@', address: 'raad@zwolle.nl', role: 'gemeenteraad' },
  { what: 'fractie@ at a party', address: 'fractie@vvd.nl', role: 'gemeenteraad', min: 0.75 },
  {
    what: 'wethouder.jansen@',
    address: 'wethouder.jansen@zwolle.nl',
    role: 'wethouder',
    evidence: 'adres wethouder.jansen@zwolle.nl: wethouder',
  },
  { what: 'burgemeester@', address: 'burgemeester@epe.nl', role: 'wethouder' },
  { what: 'college@', address: 'college@zwolle.nl', role: 'wethouder' },
  { what: 'secretariaat.burgemeester@', address: 'secretariaat.burgemeester@tilburg.nl', role: 'wethouder' },
  { what: 'bestuurssecretariaat@', address: 'bestuurssecretariaat@sittard-geleen.nl', role: 'wethouder' },
  {
    what: 'info@ of a gemeente',
    address: 'info@zwolle.nl',
    role: 'ambtenaar',
    evidence: 'algemeen adres info@zwolle.nl van een gemeente',
    max: 0.4,
  },
  { what: 'gemeente@', address: 'gemeente@epe.nl', role: 'ambtenaar', max: 0.4 },
  { what: 'postbus@', address: 'postbus@zwolle.nl', role: 'ambtenaar', max: 0.4 },
  { what: 'info@ of an unknown company', address: 'info@acme.nl', role: 'onbekend' },
  { what: 'a surname starting with raad', address: 'piet.raadsma@zwolle.nl', role: 'ambtenaar', min: 0.6, max: 0.6 },
];

const DOMAINS: Row[] = [
  {
    what: 'a gemeente: ambtenaar by default',
    address: 'j.jansen@zwolle.nl',
    role: 'ambtenaar',
    evidence: 'medewerker van een gemeente: standaard ambtenaar',
    min: 0.6,
    max: 0.6,
  },
  { what: 'a GGD: another public body', address: 'a@ggd.amsterdam.nl', role: 'ambtenaar', max: 0.3 },
  { what: 'a party', address: 'a@vvd.nl', role: 'gemeenteraad', min: 0.6 },
  { what: 'GroenLinks-PvdA', address: 'a@groenlinkspvda.nl', role: 'gemeenteraad' },
  { what: 'a local party', address: 'a@leefbaarrotterdam.nl', role: 'gemeenteraad' },
  { what: 'a welfare organisation', address: 'a@welzijnlochem.nl', role: 'welzijnsorganisatie', min: 0.7 },
  { what: 'a voor-elkaar platform', address: 'a@amstelveenvoorelkaar.nl', role: 'welzijnsorganisatie' },
  { what: 'a residents platform', address: 'a@dorpsraadheeze.nl', role: 'bewoner', min: 0.7 },
  {
    what: 'consumer mail: perhaps a resident',
    address: 'x@gmail.com',
    role: 'bewoner',
    evidence: 'persoonlijk mailadres (gmail.com): mogelijk een bewoner',
    max: 0.25,
  },
  { what: 'Dutch ISP mail', address: 'x@ziggo.nl', role: 'bewoner', max: 0.25 },
  {
    what: 'unknown company',
    address: 'x@acme.nl',
    role: 'onbekend',
    evidence: 'geen functietitel, herkenbaar adres of bekend soort organisatie (acme.nl)',
    max: 0,
  },
  { what: 'nothing', address: null, role: 'onbekend', evidence: 'geen adres en geen functietitel', max: 0 },
];

const SIGNATURE_ORGANISATION: Row[] = [
  {
    what: 'a welfare organisation in the signature',
    address: 'a@gmail.com',
    signature: 'Anna\nStichting Welzijn Lochem',
    role: 'welzijnsorganisatie',
  },
  {
    what: 'a gemeente in the signature',
    address: 'a@gmail.com',
    signature: 'Anna\nGemeente Zwolle',
    role: 'ambtenaar',
    min: 0.6,
  },
  {
    what: 'a gemeente in the signature makes a generic title specific',
    address: 'a@gmail.com',
    signature: 'Projectleider\nGemeente Zwolle',
    role: 'ambtenaar',
    min: 0.85,
  },
  {
    what: 'a vrijwilligerscentrale',
    address: 'a@gmail.com',
    signature: 'Vrijwilligerscentrale Zwolle',
    role: 'welzijnsorganisatie',
  },
  // welfare work as a human reads it in a signature, from an organisation's own domain we cannot read
  {
    what: 'teamleider at a Stichting Buurtwerk',
    address: 'd.brouwer@buurtwerkalmere.nl',
    signature: 'Dennis Brouwer\nTeamleider buurtwerk\nStichting Buurtwerk Almere',
    role: 'welzijnsorganisatie',
    min: 0.8,
  },
  {
    what: 'projectleider at a stichting for welzijn in de wijk',
    address: 'w.post@buurtwijsamersfoort.nl',
    signature: 'Wouter Post\nProjectleider\nStichting Buurtwijs Amersfoort, welzijn in de wijk',
    role: 'welzijnsorganisatie',
    evidence: 'handtekening: projectleider',
    min: 0.8,
  },
  {
    what: 'directeur of a stichting voor welzijn en vrijwilligerswerk',
    address: 'i.verhoef@samenede.nl',
    signature: 'Ingrid Verhoef\nDirecteur\nSamen Ede, stichting voor welzijn en vrijwilligerswerk',
    role: 'welzijnsorganisatie',
    evidence: 'handtekening: "Samen Ede, stichting voor welzijn en vrijwilligerswerk"',
    min: 0.8,
  },
  {
    what: 'coördinator welzijn at Wijkwerk',
    address: 'm.schouten@wijkwerkdordrecht.nl',
    signature: 'Mirjam Schouten\nCoördinator welzijn\nWijkwerk Dordrecht',
    role: 'welzijnsorganisatie',
    min: 0.8,
  },
  {
    what: 'buurtwerker at a Stichting Wijkkracht',
    address: 'n.bakkali@wijkkrachtarnhem.nl',
    signature: 'Naima Bakkali\nBuurtwerker\nStichting Wijkkracht Arnhem',
    role: 'welzijnsorganisatie',
    min: 0.8,
  },
  {
    what: 'welzijn without a stichting is a gemeente portfolio',
    address: 'a@gmail.com',
    signature: 'Anna\nBeleidsadviseur Welzijn\nGemeente Zwolle',
    role: 'ambtenaar',
    min: 0.85,
  },
];

const CONTEXT: Row[] = [
  {
    what: 'a known welfare organisation',
    address: 'a@acme.nl',
    signature: 'Projectleider',
    organisationKind: 'welzijnsorganisatie',
    role: 'welzijnsorganisatie',
    evidence: 'organisatie: welzijnsorganisatie',
  },
  {
    what: 'a known gemeente',
    address: 'a@gmail.com',
    signature: 'Adviseur',
    organisationKind: 'gemeente',
    role: 'ambtenaar',
    min: 0.85,
  },
  { what: 'a known party', address: 'a@gmail.com', signature: 'Medewerker', organisationKind: 'partij', role: 'gemeenteraad' },
  { what: 'a known residents platform', address: 'a@acme.nl', organisationKind: 'bewonersplatform', role: 'bewoner' },
];

describe('classifyRole', () => {
  describe.each([
    ['titles', TITLES],
    ['local parts', LOCAL_PARTS],
    ['domains', DOMAINS],
    ['organisation in the signature', SIGNATURE_ORGANISATION],
    ['known organisation kind', CONTEXT],
  ] as const)('%s', (_group, rows) => {
    it.each(rows.map((row) => [row.what, row] as const))('%s', (_what, row) => {
      const signals: PersonSignals = { address: row.address, name: row.name ?? '', signature: row.signature ?? null };
      const result = inDutch(classifyRole(signals, { organisationKind: row.organisationKind ?? null }));
      expect(result.value).toBe(row.role);
      if (row.evidence) expect(result.evidence).toContain(row.evidence);
      expect(result.evidence.length).toBeGreaterThan(0);
      expect(result.confidence).toBeGreaterThanOrEqual(row.min ?? 0);
      expect(result.confidence).toBeLessThanOrEqual(row.max ?? 1);
    });
  });

  it('lets a signature title beat the domain', () => {
    const byDomain = classifyRole({ address: 'k.dekker@zwolle.nl', name: 'Karin Dekker' });
    const byTitle = classifyRole({ address: 'k.dekker@zwolle.nl', name: 'Karin Dekker', signature: 'Raadslid' });
    expect(byDomain.value).toBe('ambtenaar');
    expect(byTitle.value).toBe('gemeenteraad');
    expect(byTitle.confidence).toBeGreaterThan(byDomain.confidence);
  });

  it('reads an organisation the domain does not tell from the signature (classifyStakeholder)', () => {
    const signature = 'Ingrid Verhoef\nDirecteur\nSamen Ede, stichting voor welzijn en vrijwilligerswerk';
    const tags = classifyStakeholder('i.verhoef@samenede.nl', [
      { address: 'i.verhoef@samenede.nl', name: 'Ingrid Verhoef', signature },
    ]);
    expect(tags.organisation?.kind).toBe('overig');
    expect(tags.role?.value).toBe('welzijnsorganisatie');
  });

  it('does not read titles in the subject or snippet (they speak of others)', () => {
    const result = classifyRole({
      address: 'x@gmail.com',
      name: 'Jan',
      subject: 'Gesprek met de wethouder',
      snippet: 'De burgemeester komt ook',
    });
    expect(result.value).toBe('bewoner');
  });
});
