/**
 * CSV for spreadsheets: parsed back with csv-parse as Excel and LibreOffice read it (BOM, the
 * chosen separator, CRLF, RFC 4180 quotes), hostile text kept as text, and the three exports with
 * the columns the data page promises.
 */
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { contactsCsv, interactionsCsv, municipalitiesCsv } from '@/lib/export/spreadsheets';
import { csvCell, toCsv, type CsvSeparator } from '@/lib/export/csv';
import { setLocale } from '@/lib/i18n';
import type { GemeenteradarDb } from '@/lib/store/db';
import { withFreshDb } from '../fixtures/fresh-db';
import { PETER, PETER_ID, SEEDED_AT, seedEveryKindOfRecord } from '../fixtures/every-record';

const parseCsv = (text: string, delimiter: CsvSeparator) =>
  parse(text, { delimiter, bom: true, record_delimiter: '\r\n' }) as string[][];

const HOSTILE = [
  '=HYPERLINK("https://example.invalid/?"&A1;"klik")',
  '+31 6 12345678',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=cmd|" /C calc"!A0',
  'gewoon; met puntkomma',
  'met "aanhalingstekens", en komma',
  'twee\nregels',
  'Zoë ’s-Hertogenbosch',
];

describe('a CSV cell', () => {
  it.each([';', ','] as const)('keeps hostile text as text, separator %s: parsed back, nothing starts a formula', (separator) => {
    const text = toCsv(
      ['waarde'],
      HOSTILE.map((value) => [value]),
      separator,
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text, separator);
    expect(header).toEqual(['waarde']);
    expect(rows.map(([cell]) => cell)).toEqual(HOSTILE.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)));
    for (const [cell] of rows) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes numbers as numbers, with a decimal comma under a semicolon', () => {
    expect(csvCell(-3, ';')).toBe('-3');
    expect(csvCell(2.5, ';')).toBe('2,5');
    expect(csvCell(2.5, ',')).toBe('2.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('the exports', () => {
  let db: GemeenteradarDb;
  withFreshDb((fresh) => (db = fresh));
  beforeEach(async () => {
    setLocale('nl');
    await seedEveryKindOfRecord(db);
  });

  it('contacts: one row per stakeholder, with the promised columns', async () => {
    await db.contacts.update(PETER_ID, { name: '=cmd|" /C calc"!A0' });
    const [header, ...rows] = parseCsv(await contactsCsv(db, ';'), ';');
    expect(header).toEqual([
      'Naam',
      'E-mailadressen',
      'Organisatie',
      'Gemeente',
      'CBS-code',
      'Rol',
      'Status',
      'Pogingen zonder antwoord',
      'Werkdagen wachten',
      'Laatste contact',
    ]);
    expect(rows).toHaveLength(await db.contacts.where('kind').equals('stakeholder').count());
    const peter = rows.find((row) => row[1] === PETER.address)!;
    expect(peter[0]).toBe(`'=cmd|" /C calc"!A0`);
    expect(peter.slice(3, 6)).toEqual(['Zwolle', 'GM0193', expect.any(String)]);
    expect(peter[9]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('interactions: every mail and call, oldest first, in English too', async () => {
    setLocale('en');
    const [header, ...rows] = parseCsv(await interactionsCsv(db, ','), ',');
    expect(header).toEqual([
      'Date',
      'Kind',
      'Direction',
      'Answered',
      'Contacts',
      'Address',
      'Municipality',
      'Subject or note',
      'Automatic reply',
      'Conversation',
    ]);
    expect(rows).toHaveLength((await db.messages.count()) + (await db.calls.count()));
    expect(rows.filter((row) => row[1] === 'phone')).toHaveLength(await db.calls.count());
    expect(rows.map((row) => row[0])).toEqual([...rows.map((row) => row[0])].sort());
    setLocale('nl');
  });

  it('municipalities: roles covered, trajectory length and next step', async () => {
    const [header, ...rows] = parseCsv(await municipalitiesCsv(db, ';', SEEDED_AT), ';');
    expect(header).toEqual([
      'Gemeente',
      'CBS-code',
      'Provincie',
      'Contacten',
      'Gesprekken',
      'Rollen met contact',
      'Rollen die reageren',
      'Eerste contact',
      'Looptijd (dagen)',
      'Volgende stap',
      'Datum volgende stap',
      'Vragen aandacht',
    ]);
    expect(rows).toHaveLength(await db.summaries.count());
    const zwolle = rows.find((row) => row[1] === 'GM0193')!;
    expect(zwolle[0]).toBe('Zwolle');
    expect(Number(zwolle[8])).toBeGreaterThanOrEqual(0);
    expect(zwolle[5]).toContain('Wethouder');
  });
});
