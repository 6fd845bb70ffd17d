/**
 * Converts the reference data (lib/data/sources/, or a newer copy) into `lib/data/municipalities.json`.
 *
 *   npm run data [-- sourceDataDir]     (default: lib/data/sources)
 *
 * Node only: the extension never imports this script, it ships the JSON the script writes.
 *
 * The script stops with
 * every problem it found (file, line, what is wrong) instead of writing a file that is half right.
 * Quirks of single cells that are known and harmless (a public body's "domain" that is not one) are
 * dropped with a warning instead, so one odd almanac entry does not block a data refresh.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CsvError, parse } from 'csv-parse/sync';
import { DomainSchema, MunicipalityDataSchema, PROVINCES, PublicBodyRecordSchema } from '../lib/data/schema';
import type { MergedMunicipalityRecord, MunicipalityData, MunicipalityRecord, PublicBodyRecord } from '../lib/data/types';

const FILES = {
  current: 'gemeenten-2025.csv',
  mergers: 'herindelingen-2018-2025.csv',
  publicBodies: 'overheid-overige-domeinen.csv',
  personal: 'personal-email-domains-nl.csv',
  history: 'cbs-gemeentelijke-indeling-1970-2025.csv',
} as const;

const GENERATED_FROM = [FILES.current, FILES.mergers, FILES.publicBodies, FILES.personal, `${FILES.history} (cross-check only)`];

/**
 * Domains that several public bodies list as their own. One domain gets one owner in the data, so
 * a shared domain is given the name of the organisation that actually runs it. A new shared domain
 * without an entry here stops the conversion, so nobody silently gets "the first one".
 */
const SHARED_PUBLIC_BODY_DOMAINS: Record<string, { name: string; type: PublicBodyRecord['type'] }> = {
  'rijksoverheid.nl': { name: 'Rijksoverheid', type: 'ministerie' },
  'politie.nl': { name: 'Politie', type: 'politie' },
  'rvo.nl': { name: 'Rijksdienst voor Ondernemend Nederland', type: 'overig' },
  'ilent.nl': { name: 'Inspectie Leefomgeving en Transport', type: 'overig' },
  'knmg.nl': { name: 'KNMG', type: 'overig' },
  'fed.knmg.nl': { name: 'KNMG', type: 'overig' },
  'knmp.nl': { name: 'KNMP', type: 'overig' },
  'knmt.nl': { name: 'KNMT', type: 'overig' },
  'fgzpt.nl': { name: 'FGzPt', type: 'overig' },
  'schadefonds.nl': { name: 'Schadefonds Geweldsmisdrijven', type: 'overig' },
  'vggm.nl': { name: 'VGGM (GGD en Veiligheidsregio Gelderland-Midden)', type: 'ggd' },
  'vrln.nl': { name: 'Veiligheidsregio Limburg-Noord (ook GGD)', type: 'veiligheidsregio' },
};

/** Hosts the almanac lists for a body that are not that body's own domain. */
const NOT_A_BODY_DOMAIN = new Set(['organisaties.overheid.nl']);

const PUBLIC_BODY_TYPES = new Set<string>(PublicBodyRecordSchema.shape.type.options);

export class ConversionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Municipality data conversion failed (${problems.length} problem(s)):\n- ${problems.join('\n- ')}`);
    this.name = 'ConversionError';
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

/** What went wrong, in the words of this script's messages, per csv-parse error code. */
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'quoted field is never closed',
  INVALID_OPENING_QUOTE: 'quote inside an unquoted field',
  CSV_INVALID_OPENING_QUOTE: 'quote inside an unquoted field',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a field',
};

interface CsvRecord {
  cells: string[];
  /** the line the record ends on (1-based) */
  line: number;
}

/**
 * RFC 4180 CSV (csv-parse): quoted fields may hold the delimiter, newlines and doubled quotes; CRLF
 * or LF, a byte-order mark ignored, blank lines skipped, rows of any length (readTable checks them).
 * Malformed quoting throws a ConversionError naming file and line.
 */
function readCsv(text: string, options: { file: string; delimiter?: string }): CsvRecord[] {
  try {
    // with `info`, each record comes with where it was read (the typings do not follow the option)
    const records = parse(text, {
      delimiter: options.delimiter ?? ',',
      record_delimiter: ['\r\n', '\n'],
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? '?';
    throw new ConversionError([`${options.file}:${line}: ${CSV_PROBLEMS[error.code] ?? error.message}`]);
  }
}

export function parseCsv(text: string, options: { file: string; delimiter?: string }): string[][] {
  return readCsv(text, options).map((record) => record.cells);
}

interface TableRow {
  line: number;
  get(column: string): string;
}

function readTable(dir: string, file: string, columns: readonly string[], delimiter = ','): TableRow[] {
  const filePath = path.join(dir, file);
  if (!existsSync(filePath)) throw new ConversionError([`${filePath}: file not found`]);
  const [header, ...records] = readCsv(readFileSync(filePath, 'utf8'), { file, delimiter });
  if (!header) throw new ConversionError([`${file}: file is empty`]);
  const names = header.cells.map((name) => name.trim());
  const missing = columns.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new ConversionError([`${file}: header lacks column(s) ${missing.join(', ')} (found: ${names.join(', ')})`]);
  }
  const problems: string[] = [];
  const rows = records.map(({ cells, line }) => {
    if (cells.length !== names.length) {
      problems.push(`${file}:${line}: expected ${names.length} fields, found ${cells.length}`);
    }
    return {
      line,
      get: (column: string) => (cells[names.indexOf(column)] ?? '').trim(),
    };
  });
  if (problems.length > 0) throw new ConversionError(problems);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// cells

const isValidDomain = (domain: string) => DomainSchema.safeParse(domain).success;

function cleanDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/.]+$/, '');
}

/** Every domain-shaped token in a free-text cell ("fmmu.nl en www.hoogpkb.nl", "rvr.org; info"). */
function domainsInCell(cell: string): string[] {
  const tokens = cell.toLowerCase().match(/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}/g) ?? [];
  return tokens.map(cleanDomain).filter(isValidDomain);
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

// ---------------------------------------------------------------------------------------------
// conversion

interface HistoryRecord {
  name: string;
  province: string;
  begin: string;
  end: string;
}

function readHistory(dir: string): Map<string, HistoryRecord> {
  const rows = readTable(dir, FILES.history, ['provincienaam', 'gemeentecode', 'gemeentenaam', 'begindatum', 'einddatum'], ';');
  // A code can have several periods (Vianen moved from Zuid-Holland to Utrecht in 2002): keep the latest.
  const byCode = new Map<string, HistoryRecord>();
  for (const row of rows) {
    const code = `GM${row.get('gemeentecode')}`;
    const record = {
      name: row.get('gemeentenaam'),
      province: row.get('provincienaam'),
      begin: row.get('begindatum'),
      end: row.get('einddatum'),
    };
    const known = byCode.get(code);
    if (!known || known.begin < record.begin) byCode.set(code, record);
  }
  return byCode;
}

function convertCurrent(dir: string, problems: string[]): MunicipalityRecord[] {
  const file = FILES.current;
  const rows = readTable(dir, file, [
    'gemeentecode',
    'cbs_code',
    'cbs_naam',
    'naam',
    'provincie',
    'inwoners',
    'domain',
    'alt_domains',
    'algemeen_email',
  ]);
  const provinces = new Set<string>(PROVINCES);
  return rows.map((row) => {
    const where = `${file}:${row.line}`;
    const code = row.get('gemeentecode');
    if (!/^GM\d{4}$/.test(code)) problems.push(`${where}: gemeentecode "${code}" is not like GM0363`);
    if (row.get('cbs_code') !== code.slice(2)) {
      problems.push(`${where}: cbs_code "${row.get('cbs_code')}" does not match ${code}`);
    }
    const name = row.get('naam');
    const officialName = row.get('cbs_naam');
    if (!name || !officialName) problems.push(`${where}: naam and cbs_naam are required`);
    const province = row.get('provincie');
    if (!provinces.has(province)) problems.push(`${where}: unknown provincie "${province}"`);
    const populationCell = row.get('inwoners');
    if (populationCell !== '' && !/^\d+$/.test(populationCell)) {
      problems.push(`${where}: inwoners "${populationCell}" is not a whole number`);
    }

    const domains: string[] = [];
    const addDomain = (raw: string, column: string) => {
      const domain = cleanDomain(raw);
      if (!isValidDomain(domain)) problems.push(`${where}: ${column} "${raw}" is not a domain`);
      else pushUnique(domains, domain);
    };
    addDomain(row.get('domain'), 'domain');
    for (const alt of row
      .get('alt_domains')
      .split(';')
      .filter((cell) => cell.trim()))
      addDomain(alt, 'alt_domains');
    const email = row.get('algemeen_email').toLowerCase();
    if (email) {
      const at = email.lastIndexOf('@');
      if (at <= 0) problems.push(`${where}: algemeen_email "${email}" is not an address`);
      else addDomain(email.slice(at + 1), 'algemeen_email');
    }

    return {
      code,
      name,
      officialName,
      // checked above; a problem stops the conversion before anything is written
      province: province as MunicipalityRecord['province'],
      population: populationCell === '' ? null : Number(populationCell),
      domains,
    };
  });
}

function crossCheckCurrent(current: MunicipalityRecord[], history: Map<string, HistoryRecord>, problems: string[]): void {
  const currentCodes = new Set(current.map((record) => record.code));
  for (const record of current) {
    const known = history.get(record.code);
    if (!known) problems.push(`${FILES.current}: ${record.code} ${record.officialName} is not in ${FILES.history}`);
    else if (known.end) problems.push(`${FILES.current}: ${record.code} ${record.officialName} ended on ${known.end} per CBS`);
    else if (known.name !== record.officialName) {
      problems.push(`${FILES.current}: ${record.code} is "${record.officialName}" but CBS says "${known.name}"`);
    } else if (known.province !== record.province) {
      problems.push(`${FILES.current}: ${record.code} lies in ${record.province} but CBS says ${known.province}`);
    }
  }
  for (const [code, known] of history) {
    if (!known.end && !currentCodes.has(code)) {
      problems.push(`${FILES.history}: ${code} ${known.name} still exists per CBS but is missing from ${FILES.current}`);
    }
  }
}

interface MergerRow {
  line: number;
  code: string;
  name: string;
  endDate: string;
  successorCodes: string[];
  domains: string[];
}

function readMergers(dir: string, history: Map<string, HistoryRecord>, problems: string[]): MergerRow[] {
  const file = FILES.mergers;
  const rows = readTable(dir, file, [
    'einddatum',
    'oud_gemeentecode',
    'oud_naam',
    'opvolger_naam',
    'opvolger_gemeentecode',
    'oude_domeinen_almanak2014',
  ]);
  return rows.map((row) => {
    const where = `${file}:${row.line}`;
    const code = row.get('oud_gemeentecode');
    const name = row.get('oud_naam');
    const endDate = row.get('einddatum');
    if (!/^GM\d{4}$/.test(code)) problems.push(`${where}: oud_gemeentecode "${code}" is not like GM0363`);
    if (!isIsoDate(endDate)) problems.push(`${where}: einddatum "${endDate}" is not a date`);
    const successorCodes = row
      .get('opvolger_gemeentecode')
      .split(';')
      .map((cell) => cell.trim());
    const successorNames = row
      .get('opvolger_naam')
      .split(';')
      .map((cell) => cell.trim());
    if (successorCodes.length !== successorNames.length) {
      problems.push(`${where}: ${successorCodes.length} successor code(s) but ${successorNames.length} name(s)`);
    }
    for (const successor of successorCodes) {
      if (!/^GM\d{4}$/.test(successor)) problems.push(`${where}: successor code "${successor}" is not like GM0363`);
    }
    const known = history.get(code);
    if (!known) problems.push(`${where}: ${code} ${name} is not in ${FILES.history}`);
    else if (known.end !== endDate) {
      problems.push(`${where}: ${name} ended on ${endDate} here but on "${known.end}" per CBS`);
    } else if (known.name !== name) problems.push(`${where}: ${code} is "${name}" here but "${known.name}" per CBS`);

    const domains: string[] = [];
    for (const cell of row
      .get('oude_domeinen_almanak2014')
      .split(';')
      .filter((part) => part.trim())) {
      const domain = cleanDomain(cell);
      if (isValidDomain(domain)) pushUnique(domains, domain);
      else problems.push(`${where}: old domain "${cell}" is not a domain`);
    }
    return { line: row.line, code, name, endDate, successorCodes, domains };
  });
}

function convertMergers(
  rows: MergerRow[],
  current: MunicipalityRecord[],
  problems: string[],
  warnings: string[],
): MergedMunicipalityRecord[] {
  const currentByCode = new Map(current.map((record) => [record.code, record]));
  const rowByCode = new Map(rows.map((row) => [row.code, row]));
  const domainOwner = new Map<string, string>();
  for (const record of current) for (const domain of record.domains) domainOwner.set(domain, record.code);

  // Follow chains (A merged into B, B later into C) until a current municipality is reached.
  const resolve = (code: string, seen: string[]): string[] => {
    if (currentByCode.has(code)) return [code];
    const row = rowByCode.get(code);
    if (!row) {
      problems.push(`${FILES.mergers}: successor ${code} (via ${seen.join(' -> ')}) is neither current nor merged`);
      return [];
    }
    if (seen.includes(code)) {
      problems.push(`${FILES.mergers}: merger cycle ${[...seen, code].join(' -> ')}`);
      return [];
    }
    return row.successorCodes.flatMap((next) => resolve(next, [...seen, code]));
  };

  const records: MergedMunicipalityRecord[] = [];
  for (const row of rows) {
    const successors: string[] = [];
    for (const next of row.successorCodes) for (const code of resolve(next, [row.code])) pushUnique(successors, code);
    const domains = row.domains.filter((domain) => {
      const owner = domainOwner.get(domain);
      if (!owner) return true;
      if (successors.includes(owner)) {
        warnings.push(
          `${FILES.mergers}:${row.line}: old domain ${domain} of ${row.name} is now a domain of its successor ${owner}: kept there only`,
        );
      } else {
        problems.push(
          `${FILES.mergers}:${row.line}: old domain ${domain} of ${row.name} is a domain of unrelated municipality ${owner}`,
        );
      }
      return false;
    });
    for (const successorCode of successors) {
      records.push({ code: row.code, name: row.name, endDate: row.endDate, successorCode, domains });
    }
  }
  return records;
}

function convertPublicBodies(
  dir: string,
  municipalDomains: Set<string>,
  problems: string[],
  warnings: string[],
): PublicBodyRecord[] {
  const file = FILES.publicBodies;
  const rows = readTable(dir, file, ['organisatie', 'type', 'website_domain', 'email_domain']);
  const bodies: PublicBodyRecord[] = [];
  for (const row of rows) {
    const where = `${file}:${row.line}`;
    const name = row.get('organisatie').replace(/\s+/g, ' ');
    const type = row.get('type');
    if (!name) problems.push(`${where}: organisatie is empty`);
    if (!PUBLIC_BODY_TYPES.has(type)) problems.push(`${where}: unknown type "${type}"`);
    const domains: string[] = [];
    for (const column of ['website_domain', 'email_domain']) {
      const cell = row.get(column);
      const found = domainsInCell(cell);
      if (cell && found.length === 0) warnings.push(`${where}: ${column} "${cell}" holds no domain: ignored`);
      for (const domain of found) {
        if (NOT_A_BODY_DOMAIN.has(domain)) {
          warnings.push(`${where}: ${domain} is not the own domain of ${name}: ignored`);
        } else if (municipalDomains.has(domain)) {
          // e.g. the almanac gives amsterdam.nl for the Veiligheidsregio Amsterdam-Amstelland:
          // that domain is the gemeente's, and a mail from it is the gemeente's.
          warnings.push(`${where}: ${domain} of ${name} is a municipality's domain: left to the municipality`);
        } else {
          pushUnique(domains, domain);
        }
      }
    }
    if (domains.length === 0) warnings.push(`${where}: ${name} has no usable domain: left out`);
    else bodies.push({ name, type: type as PublicBodyRecord['type'], domains }); // type checked above
  }

  // One owner per domain: shared domains go to the organisation named in SHARED_PUBLIC_BODY_DOMAINS.
  const owners = new Map<string, Set<string>>();
  for (const body of bodies) {
    for (const domain of body.domains) owners.set(domain, (owners.get(domain) ?? new Set()).add(body.name));
  }
  const sharedRecords = new Map<string, PublicBodyRecord>();
  for (const [domain, names] of owners) {
    if (names.size < 2) continue;
    const shared = SHARED_PUBLIC_BODY_DOMAINS[domain];
    if (!shared) {
      problems.push(
        `${file}: ${domain} is listed by ${[...names].join(', ')}: add it to SHARED_PUBLIC_BODY_DOMAINS in ${path.basename(fileURLToPath(import.meta.url))}`,
      );
      continue;
    }
    const record = sharedRecords.get(shared.name) ?? { name: shared.name, type: shared.type, domains: [] };
    pushUnique(record.domains, domain);
    sharedRecords.set(shared.name, record);
    for (const body of bodies) body.domains = body.domains.filter((own) => own !== domain);
  }

  // Records with the same name (e.g. two rows for one GGD) become one.
  const byName = new Map<string, PublicBodyRecord>();
  for (const body of [...bodies, ...sharedRecords.values()]) {
    if (body.domains.length === 0) continue;
    const known = byName.get(body.name);
    if (known) for (const domain of body.domains) pushUnique(known.domains, domain);
    else byName.set(body.name, { ...body, domains: [...body.domains] });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/**
 * Consumer mail domains. The source marks each `active`, `legacy` (still delivering mail for old
 * customers) or `verify` (small ISPs whose consumer use was not confirmed). All three are kept:
 * mistaking a small ISP's domain for a consumer one costs little (its few staff are never
 * stakeholders of a municipal trajectory, and the user can correct a tag), while leaving it out
 * would make every resident on that ISP a "colleague" of a user on it and an organisation of its own.
 */
function convertPersonalDomains(dir: string, problems: string[]): string[] {
  const file = FILES.personal;
  const rows = readTable(dir, file, ['domain', 'status']);
  const domains: string[] = [];
  for (const row of rows) {
    const where = `${file}:${row.line}`;
    const domain = cleanDomain(row.get('domain'));
    const status = row.get('status').toLowerCase();
    if (!isValidDomain(domain)) problems.push(`${where}: "${row.get('domain')}" is not a domain`);
    else if (!/^(active|legacy|verify)\b/.test(status)) problems.push(`${where}: unknown status "${row.get('status')}"`);
    else pushUnique(domains, domain);
  }
  return domains.sort();
}

export interface ConversionResult {
  data: MunicipalityData;
  /** the exact text of municipalities.json */
  json: string;
  /** cells that were dropped or adjusted, one line each */
  warnings: string[];
}

export function convertMunicipalities(sharedDataDir: string): ConversionResult {
  if (!existsSync(sharedDataDir)) throw new ConversionError([`${sharedDataDir}: folder not found`]);
  const problems: string[] = [];
  const warnings: string[] = [];

  const history = readHistory(sharedDataDir);
  const municipalities = convertCurrent(sharedDataDir, problems).sort((a, b) => a.code.localeCompare(b.code));
  crossCheckCurrent(municipalities, history, problems);
  const mergerRows = readMergers(sharedDataDir, history, problems);
  const namesByCode = new Map(municipalities.map((record) => [record.code, record.name]));
  for (const row of mergerRows) {
    if (namesByCode.has(row.code)) problems.push(`${FILES.mergers}:${row.line}: ${row.code} is still a current municipality`);
  }
  const merged = convertMergers(mergerRows, municipalities, problems, warnings).sort(
    (a, b) => a.endDate.localeCompare(b.endDate) || a.code.localeCompare(b.code),
  );
  const municipalDomains = new Set(municipalities.flatMap((record) => record.domains));
  const publicBodies = convertPublicBodies(sharedDataDir, municipalDomains, problems, warnings);
  const personalMailDomains = convertPersonalDomains(sharedDataDir, problems);

  if (problems.length > 0) throw new ConversionError(problems);

  const data: MunicipalityData = {
    generatedFrom: GENERATED_FROM,
    municipalities,
    merged,
    publicBodies,
    personalMailDomains,
  };
  const validation = MunicipalityDataSchema.safeParse(data);
  if (!validation.success) {
    throw new ConversionError(
      validation.error.issues.map((issue) => `output ${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return { data, json: formatMunicipalityData(data), warnings: [...new Set(warnings)] };
}

/** Compact but diffable: one record per line. */
export function formatMunicipalityData(data: MunicipalityData): string {
  const list = (items: readonly unknown[]) =>
    items.length === 0 ? '[]' : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "generatedFrom": ${JSON.stringify(data.generatedFrom)},`,
    `  "municipalities": ${list(data.municipalities)},`,
    `  "merged": ${list(data.merged)},`,
    `  "publicBodies": ${list(data.publicBodies)},`,
    `  "personalMailDomains": ${list(data.personalMailDomains)}`,
    '}',
    '',
  ].join('\n');
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The public source files, copied into the repo (lib/data/sources/ORIGIN.md says from where). */
export const SOURCE_DATA_DIR = path.resolve(REPO_ROOT, 'lib', 'data', 'sources');
/** Where newer copies of the sources arrive in the team's workspace; optional. */
export const DEFAULT_SHARED_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const OUTPUT_PATH = path.join(REPO_ROOT, 'lib', 'data', 'municipalities.json');

function main(argv: string[]): number {
  const sharedDataDir = argv[0] ? path.resolve(argv[0]) : SOURCE_DATA_DIR;
  try {
    const { data, json, warnings } = convertMunicipalities(sharedDataDir);
    for (const warning of warnings) console.warn(`warning: ${warning}`);
    writeFileSync(OUTPUT_PATH, json);
    console.log(
      `wrote ${path.relative(process.cwd(), OUTPUT_PATH)}: ${data.municipalities.length} municipalities, ` +
        `${data.merged.length} merger records, ${data.publicBodies.length} public bodies, ` +
        `${data.personalMailDomains.length} personal mail domains`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
