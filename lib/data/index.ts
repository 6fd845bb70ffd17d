/**
 * The municipality data and its lookup indexes: by code, by mail domain (with subdomains), by name.
 *
 * Used by the background service worker and the extension pages only, never by content scripts
 * (the JSON is ~80 KB). The indexes are built once, on first use, so importing this module costs
 * nothing until a lookup is made. The data was validated when it was generated (see schema.ts and
 * tests/unit/municipality-data.test.ts), so zod is not needed here.
 */
import { domainAndParents, normaliseDomain } from '../vocabulary/address';
import { compactName, normaliseName } from '../vocabulary/text-folding';
import rawData from './municipalities.json';
import type { MergedMunicipalityRecord, MunicipalityData, MunicipalityRecord, PublicBodyRecord } from './types';

// validated when generated (scripts/convert-municipalities.ts) and by tests/unit/municipality-data.test.ts
const data = rawData as MunicipalityData;

/**
 * Spellings people use that are not in the CBS list. Official names and common names come from the
 * data itself; these are the extra ones seen in mail: the other name of a city, Dutch names of
 * Frisian municipalities, "a/d" abbreviations, and the qualifiers that tell the two Bergens apart.
 */
const EXTRA_NAMES: Record<string, readonly string[]> = {
  GM0518: ['Den Haag', "'s-Gravenhage", 's-Gravenhage'],
  GM0796: ['Den Bosch', "'s-Hertogenbosch"],
  GM0373: ['Bergen NH', 'Bergen N.H.', 'Bergen Noord-Holland'],
  GM0893: ['Bergen L', 'Bergen L.', 'Bergen Limburg'],
  GM0164: ['Hengelo Ov', 'Hengelo Overijssel'],
  GM1900: ['Zuidwest-Friesland', 'Sudwest-Friesland'],
  GM1970: ['Noordoost-Friesland'],
  GM0737: ['Tietjerksteradeel'],
  GM1891: ['Dantumadeel'],
  GM1940: ['De Friese Meren'],
  GM0080: ['Ljouwert'],
  GM1581: ['Heuvelrug'],
  GM0820: ['Nuenen'],
  GM0502: ['Capelle a/d IJssel'],
  GM0542: ['Krimpen a/d IJssel'],
  GM0484: ['Alphen a/d Rijn'],
  GM0994: ['Valkenburg'],
  GM0531: ['Hendrik Ido Ambacht', 'H.I. Ambacht'],
};

export interface MunicipalityNameEntry {
  /** normalised spelling ("s gravenhage"), see normaliseName */
  key: string;
  /** a readable spelling for evidence */
  display: string;
  /** the current municipalities this name stands for; more than one when ambiguous ("Bergen") */
  codes: string[];
  /** the merger records when this is the name of a dissolved municipality, else null */
  merged: MergedMunicipalityRecord[] | null;
  /** the name is also a province's (Groningen, Utrecht) */
  alsoProvince: boolean;
}

export type DomainMatch =
  | { kind: 'municipality'; domain: string; matchedDomain: string; municipality: MunicipalityRecord }
  | {
      kind: 'merged';
      domain: string;
      matchedDomain: string;
      /** one record per successor (more than one for a split municipality) */
      merged: MergedMunicipalityRecord[];
      successors: MunicipalityRecord[];
    }
  | { kind: 'publicBody'; domain: string; matchedDomain: string; body: PublicBodyRecord }
  | { kind: 'personal'; domain: string; matchedDomain: string };

interface Indexes {
  byCode: Map<string, MunicipalityRecord>;
  byDomain: Map<string, MunicipalityRecord>;
  mergedByDomain: Map<string, MergedMunicipalityRecord[]>;
  mergedByCode: Map<string, MergedMunicipalityRecord[]>;
  bodyByDomain: Map<string, PublicBodyRecord>;
  personal: Set<string>;
  names: Map<string, MunicipalityNameEntry>;
  compactNames: Map<string, MunicipalityNameEntry>;
}

let indexes: Indexes | null = null;

function stripQualifier(name: string): string {
  // "Bergen (NH.)" -> "Bergen", "Hengelo (O.)" -> "Hengelo"
  return name.replace(/\s*\([^)]*\)\s*$/, '').trim();
}

function buildNameIndexes(
  byCode: Map<string, MunicipalityRecord>,
  mergedByCode: Map<string, MergedMunicipalityRecord[]>,
): Pick<Indexes, 'names' | 'compactNames'> {
  const provinceKeys = new Set(['groningen', 'utrecht']);
  const names = new Map<string, MunicipalityNameEntry>();
  const addName = (spelling: string, code: string) => {
    const key = normaliseName(spelling);
    if (!key) return;
    const known = names.get(key);
    if (known) {
      if (!known.codes.includes(code)) known.codes.push(code);
      return;
    }
    names.set(key, {
      key,
      display: spelling,
      codes: [code],
      merged: null,
      alsoProvince: provinceKeys.has(key),
    });
  };
  for (const record of byCode.values()) {
    for (const spelling of [record.name, record.officialName, stripQualifier(record.officialName), stripQualifier(record.name)]) {
      addName(spelling, record.code);
    }
    for (const spelling of EXTRA_NAMES[record.code] ?? []) addName(spelling, record.code);
  }
  for (const records of mergedByCode.values()) {
    const first = records[0];
    if (!first) continue;
    const key = normaliseName(first.name);
    // a current municipality of the same name wins over a dissolved one
    if (names.has(key)) continue;
    names.set(key, {
      key,
      display: first.name,
      codes: records.map((record) => record.successorCode),
      merged: records,
      alsoProvince: false,
    });
  }
  const compactNames = new Map<string, MunicipalityNameEntry>();
  for (const entry of names.values()) {
    const compact = compactName(entry.key);
    const known = compactNames.get(compact);
    if (!known || (known.merged && !entry.merged)) compactNames.set(compact, entry);
  }
  return { names, compactNames };
}

function build(): Indexes {
  const byCode = new Map<string, MunicipalityRecord>();
  const byDomain = new Map<string, MunicipalityRecord>();
  for (const record of data.municipalities) {
    byCode.set(record.code, record);
    for (const domain of record.domains) byDomain.set(domain, record);
  }
  const mergedByDomain = new Map<string, MergedMunicipalityRecord[]>();
  const mergedByCode = new Map<string, MergedMunicipalityRecord[]>();
  for (const record of data.merged) {
    mergedByCode.set(record.code, [...(mergedByCode.get(record.code) ?? []), record]);
    for (const domain of record.domains) {
      mergedByDomain.set(domain, [...(mergedByDomain.get(domain) ?? []), record]);
    }
  }
  const bodyByDomain = new Map<string, PublicBodyRecord>();
  for (const body of data.publicBodies) for (const domain of body.domains) bodyByDomain.set(domain, body);
  return {
    byCode,
    byDomain,
    mergedByDomain,
    mergedByCode,
    bodyByDomain,
    personal: new Set(data.personalMailDomains),
    ...buildNameIndexes(byCode, mergedByCode),
  };
}

function getIndexes(): Indexes {
  indexes ??= build();
  return indexes;
}

export function allMunicipalities(): readonly MunicipalityRecord[] {
  return data.municipalities;
}

export function municipalityByCode(code: string): MunicipalityRecord | null {
  return getIndexes().byCode.get(code.trim().toUpperCase()) ?? null;
}

export function mergedMunicipalities(): readonly MergedMunicipalityRecord[] {
  return data.merged;
}

/** The merger records of a dissolved municipality (one per successor), or [] for an unknown code. */
export function mergersOf(code: string): MergedMunicipalityRecord[] {
  return getIndexes().mergedByCode.get(code.trim().toUpperCase()) ?? [];
}

export function allPublicBodies(): readonly PublicBodyRecord[] {
  return data.publicBodies;
}

export function allPersonalMailDomains(): readonly string[] {
  return data.personalMailDomains;
}

/** Which sources the data file was made from (for the about/attribution screen). */
export function municipalityDataSources(): readonly string[] {
  return data.generatedFrom;
}

/**
 * What a mail domain (or an address) belongs to. The most specific known domain wins, so
 * ggd.amsterdam.nl is the GGD while mail.amsterdam.nl is the gemeente. Null when unknown.
 */
export function lookupDomain(domainOrAddress: string): DomainMatch | null {
  const index = getIndexes();
  const domain = normaliseDomain(domainOrAddress);
  for (const candidate of domainAndParents(domain)) {
    const body = index.bodyByDomain.get(candidate);
    if (body) return { kind: 'publicBody', domain, matchedDomain: candidate, body };
    const municipality = index.byDomain.get(candidate);
    if (municipality) return { kind: 'municipality', domain, matchedDomain: candidate, municipality };
    const merged = index.mergedByDomain.get(candidate);
    if (merged) {
      const successors = merged
        .map((record) => index.byCode.get(record.successorCode))
        .filter((record): record is MunicipalityRecord => record !== undefined);
      return { kind: 'merged', domain, matchedDomain: candidate, merged, successors };
    }
    if (index.personal.has(candidate)) return { kind: 'personal', domain, matchedDomain: candidate };
  }
  return null;
}

export function isPersonalMailDomain(domainOrAddress: string): boolean {
  return lookupDomain(domainOrAddress)?.kind === 'personal';
}

/** Every known spelling of every municipality (current and dissolved since 2018). */
export function municipalityNameEntries(): readonly MunicipalityNameEntry[] {
  return [...getIndexes().names.values()];
}

/** The entry for any spelling: "Den Haag", "'s-Gravenhage", "súdwest fryslan", "Weesp". */
export function municipalityNameEntry(name: string): MunicipalityNameEntry | null {
  return getIndexes().names.get(normaliseName(name)) ?? null;
}

/** The entry for a name written without separators, as in domains: "amstelveen", "denhaag". */
export function municipalityEntryByCompactName(compact: string): MunicipalityNameEntry | null {
  return getIndexes().compactNames.get(compact) ?? null;
}

/**
 * The current municipality a name stands for; null when unknown, ambiguous ("Bergen") or the name
 * of a dissolved municipality (see municipalityNameEntry for those).
 */
export function municipalityByName(name: string): MunicipalityRecord | null {
  const entry = municipalityNameEntry(name);
  const code = entry && !entry.merged && entry.codes.length === 1 ? entry.codes[0] : undefined;
  return code ? municipalityByCode(code) : null;
}

/** "2022-03-24" -> "24-03-2022" (how dates are written in Dutch evidence). */
export function formatDutchDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return year && month && day ? `${day}-${month}-${year}` : isoDate;
}

/** "Weesp is sinds 24-03-2022 Amsterdam"; a split: "Haaren is sinds 01-01-2021 verdeeld over Boxtel, ... en Vught". */
export function describeMerger(records: readonly MergedMunicipalityRecord[]): string {
  const first = records[0];
  if (!first) return '';
  const successorNames = records.map((record) => municipalityByCode(record.successorCode)?.name ?? record.successorCode);
  const since = `${first.name} is sinds ${formatDutchDate(first.endDate)}`;
  if (successorNames.length === 1) return `${since} ${successorNames[0]}`;
  const last = successorNames.pop();
  return `${since} verdeeld over ${successorNames.join(', ')} en ${last}`;
}
