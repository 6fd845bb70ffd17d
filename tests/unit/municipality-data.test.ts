import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConversionError,
  DEFAULT_SHARED_DATA_DIR,
  SOURCE_DATA_DIR,
  OUTPUT_PATH,
  convertMunicipalities,
  parseCsv,
} from '@/scripts/convert-municipalities';
import {
  allMunicipalities,
  allPersonalMailDomains,
  allPublicBodies,
  describeMerger,
  isPersonalMailDomain,
  lookupDomain,
  mergedMunicipalities,
  mergersOf,
  municipalityByCode,
  municipalityByName,
  municipalityEntryByCompactName,
  municipalityNameEntry,
} from '@/lib/data';
import { MunicipalityDataSchema } from '@/lib/data/schema';

const committedText = readFileSync(OUTPUT_PATH, 'utf8');
const committed = JSON.parse(committedText) as unknown;

describe('the committed municipalities.json', () => {
  it('passes the schema', () => {
    const result = MunicipalityDataSchema.safeParse(committed);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('has the 342 current municipalities with unique, valid CBS codes', () => {
    const codes = allMunicipalities().map((record) => record.code);
    expect(codes).toHaveLength(342);
    expect(new Set(codes).size).toBe(342);
    for (const code of codes) expect(code).toMatch(/^GM\d{4}$/);
  });

  it('gives every municipality a name, a province and at least one lower-case domain', () => {
    for (const record of allMunicipalities()) {
      expect(record.name.length).toBeGreaterThan(0);
      expect(record.domains.length).toBeGreaterThan(0);
      for (const domain of record.domains) expect(domain).toBe(domain.toLowerCase());
    }
  });

  it('points every merger at a current municipality', () => {
    expect(mergedMunicipalities().length).toBeGreaterThan(60);
    for (const record of mergedMunicipalities()) {
      expect(municipalityByCode(record.successorCode), `${record.name} -> ${record.successorCode}`).not.toBeNull();
      expect(municipalityByCode(record.code)).toBeNull();
    }
  });

  it('is one record per line, so a data refresh is a readable diff', () => {
    const lines = committedText.split('\n');
    expect(lines.length).toBeGreaterThan(342 + 60 + 200);
    expect(lines.find((line) => line.includes('"GM0193"'))).toMatch(/^\s+\{"code":"GM0193".*\},$/);
  });

  it('stays compact: no 1970-2025 history shipped', () => {
    expect(committedText.length).toBeLessThan(120_000);
    expect(committedText).not.toContain('Gramsbergen'); // dissolved in 2001
  });
});

// Each merger since 2021 (../shared/data/SOURCES.md lists them).
const MERGERS_SINCE_2021: [string, string, string, string][] = [
  // old name, old domain, successor code, successor name
  ['Weesp', 'weesp.nl', 'GM0363', 'Amsterdam'],
  ['Brielle', 'brielle.nl', 'GM1992', 'Voorne aan Zee'],
  ['Hellevoetsluis', 'hellevoetsluis.nl', 'GM1992', 'Voorne aan Zee'],
  ['Westvoorne', 'westvoorne.nl', 'GM1992', 'Voorne aan Zee'],
  ['Heerhugowaard', 'heerhugowaard.nl', 'GM1980', 'Dijk en Waard'],
  ['Langedijk', 'gemeentelangedijk.nl', 'GM1980', 'Dijk en Waard'],
  ['Boxmeer', 'boxmeer.nl', 'GM1982', 'Land van Cuijk'],
  ['Cuijk', 'cuijk.nl', 'GM1982', 'Land van Cuijk'],
  ['Grave', 'grave.nl', 'GM1982', 'Land van Cuijk'],
  ['Mill en Sint Hubert', 'gemeente-mill.nl', 'GM1982', 'Land van Cuijk'],
  ['Sint Anthonis', 'sintanthonis.nl', 'GM1982', 'Land van Cuijk'],
  ['Landerd', 'landerd.nl', 'GM1991', 'Maashorst'],
  ['Uden', 'uden.nl', 'GM1991', 'Maashorst'],
  ['Beemster', 'beemster.net', 'GM0439', 'Purmerend'],
  ['Appingedam', 'appingedam.nl', 'GM1979', 'Eemsdelta'],
  ['Delfzijl', 'delfzijl.nl', 'GM1979', 'Eemsdelta'],
  ['Loppersum', 'loppersum.nl', 'GM1979', 'Eemsdelta'],
];

describe('mergers since 2021', () => {
  it.each(MERGERS_SINCE_2021)('%s (%s) is now %s %s', (oldName, oldDomain, successorCode, successorName) => {
    const match = lookupDomain(oldDomain);
    expect(match?.kind).toBe('merged');
    if (match?.kind !== 'merged') return;
    expect(match.successors.map((record) => record.code)).toEqual([successorCode]);
    expect(match.merged[0]?.name).toBe(oldName);
    expect(municipalityByCode(successorCode)?.name).toBe(successorName);
    expect(describeMerger(match.merged)).toContain(`${oldName} is sinds `);
    expect(describeMerger(match.merged)).toMatch(new RegExp(`${successorName}$`));
  });

  it('dates Weesp to the day it joined Amsterdam', () => {
    expect(describeMerger(mergersOf('GM0457'))).toBe('Weesp is sinds 24-03-2022 Amsterdam');
  });

  it('keeps every successor of a split municipality', () => {
    expect(mergersOf('GM0788').map((record) => record.successorCode)).toEqual(['GM0757', 'GM0824', 'GM0855', 'GM0865']);
    expect(describeMerger(mergersOf('GM0788'))).toBe(
      'Haaren is sinds 01-01-2021 verdeeld over Boxtel, Oisterwijk, Tilburg en Vught',
    );
    expect(mergersOf('GM0053').map((record) => record.successorCode)).toEqual(['GM1966', 'GM1969']);
  });
});

describe('domain lookups', () => {
  const cases: [string, string, string | null][] = [
    // domain, expected kind, expected code (municipality/successor) or body/personal name fragment
    ['zwolle.nl', 'municipality', 'GM0193'],
    ['ZWOLLE.NL', 'municipality', 'GM0193'],
    ['mail.zwolle.nl', 'municipality', 'GM0193'],
    ['gemeente.groningen.nl', 'municipality', 'GM0014'],
    ['groningen.nl', 'municipality', 'GM0014'],
    ['denhaag.nl', 'municipality', 'GM0518'],
    ['s-hertogenbosch.nl', 'municipality', 'GM0796'],
    ['gemeentebest.nl', 'municipality', 'GM0753'],
    ['bergen-nh.nl', 'municipality', 'GM0373'],
    ['bergen.nl', 'municipality', 'GM0893'],
    ['h-i-ambacht.nl', 'municipality', 'GM0531'],
    ['hendrik-ido-ambacht.nl', 'municipality', 'GM0531'],
    ['gemeentesudwestfryslan.nl', 'municipality', 'GM1900'],
    ['sudwestfryslan.nl', 'municipality', 'GM1900'],
    ['haarlemmermeergemeente.nl', 'municipality', 'GM0394'],
    ['montferland.info', 'municipality', 'GM1955'],
    ['bernheze.org', 'municipality', 'GM1721'],
    ['dantumadiel.frl', 'municipality', 'GM1891'],
    ['www.zwolle.nl', 'municipality', 'GM0193'],
    ['weesp.nl', 'merged', 'GM0363'],
    ['haren.nl', 'merged', 'GM0014'],
    ['ggd.amsterdam.nl', 'publicBody', 'GGD Amsterdam'],
    ['ggd.groningen.nl', 'publicBody', 'GGD Groningen'],
    ['ggdhaaglanden.nl', 'publicBody', 'GGD Haaglanden'],
    ['vrk.nl', 'publicBody', 'Veiligheidsregio Kennemerland'],
    ['hhdelfland.nl', 'publicBody', 'Hoogheemraadschap Delfland'],
    ['provincie-utrecht.nl', 'publicBody', 'Provincie Utrecht'],
    ['rijksoverheid.nl', 'publicBody', 'Rijksoverheid'],
    ['minbzk.nl', 'publicBody', 'Binnenlandse Zaken'],
    ['politie.nl', 'publicBody', 'Politie'],
    ['gmail.com', 'personal', null],
    ['ziggo.nl', 'personal', null],
    ['tweakdsl.nl', 'personal', null],
    ['hetnet.nl', 'personal', null],
  ];
  it.each(cases)('%s is a %s (%s)', (domain, kind, expected) => {
    const match = lookupDomain(domain);
    expect(match?.kind).toBe(kind);
    if (match?.kind === 'municipality') expect(match.municipality.code).toBe(expected);
    if (match?.kind === 'merged') expect(match.successors[0]?.code).toBe(expected);
    if (match?.kind === 'publicBody') expect(match.body.name).toContain(expected);
  });

  it.each(['zwolle.com', 'zwolle.nl.example.com', 'notzwolle.nl', 'example.nl', 'nl'])('%s is unknown', (domain) => {
    expect(lookupDomain(domain)).toBeNull();
  });

  it('lets no public-body domain take a municipality domain', () => {
    const municipal = new Map(allMunicipalities().flatMap((record) => record.domains.map((domain) => [domain, record.code])));
    for (const body of allPublicBodies()) {
      for (const domain of body.domains) {
        expect(municipal.get(domain), `${body.name}: ${domain}`).toBeUndefined();
        // a body on a municipal subdomain (ggd.amsterdam.nl) must still resolve to the body
        expect(lookupDomain(`x.${domain}`)?.kind, domain).toBe('publicBody');
      }
    }
    // the almanac lists amsterdam.nl for the veiligheidsregio: it stays the gemeente's
    expect(lookupDomain('amsterdam.nl')).toMatchObject({ kind: 'municipality', municipality: { code: 'GM0363' } });
  });

  it('gives every municipality domain back to its own municipality', () => {
    for (const record of allMunicipalities()) {
      for (const domain of record.domains) {
        const match = lookupDomain(domain);
        expect(match?.kind === 'municipality' ? match.municipality.code : match?.kind, domain).toBe(record.code);
      }
    }
  });

  it('knows consumer mail domains, including the ones the source marked "verify"', () => {
    expect(allPersonalMailDomains()).toContain('freedom.nl');
    expect(isPersonalMailDomain('jan@gmail.com')).toBe(true);
    expect(isPersonalMailDomain('zwolle.nl')).toBe(false);
  });
});

describe('names', () => {
  const cases: [string, string | null][] = [
    ['Den Haag', 'GM0518'],
    ["'s-Gravenhage", 'GM0518'],
    ['s-Gravenhage', 'GM0518'],
    ["'s-Hertogenbosch", 'GM0796'],
    ['Den Bosch', 'GM0796'],
    ['Súdwest-Fryslân', 'GM1900'],
    ['sudwest fryslan', 'GM1900'],
    ['Bergen (NH.)', 'GM0373'],
    ['Bergen (L)', 'GM0893'],
    ['Bergen', null],
    ['Hengelo', 'GM0164'],
    ['Nuenen', 'GM0820'],
    ['Capelle a/d IJssel', 'GM0502'],
    ['Utrecht', 'GM0344'],
    ['Weesp', null], // dissolved: not a current municipality by name
    ['Nergenshuizen', null],
  ];
  it.each(cases)('%s -> %s', (name, code) => {
    expect(municipalityByName(name)?.code ?? null).toBe(code);
  });

  it('keeps dissolved names for mentions, pointing at the successor', () => {
    expect(municipalityNameEntry('Weesp')).toMatchObject({ codes: ['GM0363'] });
    expect(municipalityNameEntry('Weesp')?.merged?.[0]?.endDate).toBe('2022-03-24');
    expect(municipalityNameEntry('Bergen')?.codes).toEqual(['GM0373', 'GM0893']);
    expect(municipalityNameEntry('Groningen')?.alsoProvince).toBe(true);
  });

  it('finds names written as in domains', () => {
    expect(municipalityEntryByCompactName('amstelveen')?.codes).toEqual(['GM0362']);
    expect(municipalityEntryByCompactName('denhaag')?.codes).toEqual(['GM0518']);
    expect(municipalityEntryByCompactName('geld')).toBeNull();
  });
});

describe('the converter', () => {
  it('reproduces the committed file exactly from the committed sources (lib/data/sources)', () => {
    const { json } = convertMunicipalities(SOURCE_DATA_DIR);
    expect(json).toBe(committedText);
  });

  // The team's workspace may hold newer copies of the sources; CI and users need not have it.
  it.skipIf(!existsSync(DEFAULT_SHARED_DATA_DIR))('the committed sources are the workspace copies, when those are here', () => {
    for (const file of readdirSync(SOURCE_DATA_DIR).filter((name) => name.endsWith('.csv'))) {
      expect(readFileSync(path.join(SOURCE_DATA_DIR, file), 'utf8'), file).toBe(
        readFileSync(path.join(DEFAULT_SHARED_DATA_DIR, file), 'utf8'),
      );
    }
  });

  it('parses quoted CSV fields with delimiters, quotes and CRLF', () => {
    const text = 'a,b,c\r\n"Nuenen, Gerwen en Nederwetten","say ""hi""",3\r\nx,,"multi\nline"\r\n';
    expect(parseCsv(text, { file: 't.csv' })).toEqual([
      ['a', 'b', 'c'],
      ['Nuenen, Gerwen en Nederwetten', 'say "hi"', '3'],
      ['x', '', 'multi\nline'],
    ]);
    expect(parseCsv('a;b\n1;2', { file: 't.csv', delimiter: ';' })).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it.each([
    ['a,b\n"open,2\n', /t\.csv:2: quoted field is never closed/],
    ['a,b\nx"y,2\n', /t\.csv:2: quote inside an unquoted field/],
    ['a,b\n"x"y,2\n', /t\.csv:2: text after the closing quote/],
  ])('rejects malformed CSV %j', (text, message) => {
    expect(() => parseCsv(text, { file: 't.csv' })).toThrow(message);
  });

  describe('on broken input', () => {
    const scratch: string[] = [];
    afterAll(() => {
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    });
    const brokenCopy = (file: string, edit: (text: string) => string) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gemeenteradar-data-'));
      scratch.push(dir);
      cpSync(SOURCE_DATA_DIR, dir, { recursive: true });
      const target = path.join(dir, file);
      chmodSync(target, 0o644); // the shared copy is read-only
      writeFileSync(target, edit(readFileSync(target, 'utf8')));
      return dir;
    };

    it.each([
      [
        'gemeenten-2025.csv',
        'a malformed code',
        (text: string) => text.replace('GM0193,0193', 'GM193,0193'),
        /is not like GM0363/,
      ],
      [
        'gemeenten-2025.csv',
        'a malformed domain',
        (text: string) => text.replace(',zwolle.nl,', ',zwolle nl,'),
        /domain "zwolle nl" is not a domain/,
      ],
      [
        'gemeenten-2025.csv',
        'a misspelt province',
        (text: string) => text.replace('Zwolle,Zwolle,Overijssel', 'Zwolle,Zwolle,Overijsel'),
        /unknown provincie "Overijsel"/,
      ],
      [
        'gemeenten-2025.csv',
        'a missing municipality',
        (text: string) => text.replace(/\r?\nGM0193[^\n]*/, ''),
        /GM0193 Zwolle still exists per CBS but is missing/,
      ],
      [
        'herindelingen-2018-2025.csv',
        'an unknown successor',
        (text: string) => text.replace('Amsterdam,GM0363', 'Amsterdam,GM9999'),
        /successor GM9999 .* is neither current nor merged/,
      ],
      [
        'herindelingen-2018-2025.csv',
        'an end date CBS does not know',
        (text: string) => text.replace('2022-03-24', '2022-03-25'),
        /Weesp ended on 2022-03-25 here but on "2022-03-24" per CBS/,
      ],
      [
        'gemeenten-2025.csv',
        'a renamed column',
        (text: string) => text.replace('gemeentecode,', 'code,'),
        /header lacks column\(s\) gemeentecode/,
      ],
      [
        'personal-email-domains-nl.csv',
        'an unknown status',
        (text: string) => text.replace('gmail.com,Google,global_freemail,active', 'gmail.com,Google,global_freemail,unknown'),
        /unknown status "unknown"/,
      ],
    ])('%s with %s fails loudly', (file, _what, edit, message) => {
      const dir = brokenCopy(file, edit);
      let error: unknown;
      try {
        convertMunicipalities(dir);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConversionError);
      expect((error as Error).message).toMatch(message);
    });
  });
});
