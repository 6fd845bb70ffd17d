/**
 * zod schema of `lib/data/municipalities.json`. The converter validates its output with it before
 * writing, and the tests validate the committed file with it. The extension itself does not import
 * this module (the data is checked at build time, so the service worker does not pay for zod here).
 */
import { z } from 'zod';
import { MUNICIPALITY_CODE_PATTERN } from '../vocabulary/kinds';

const MunicipalityCodeSchema = z.string().regex(MUNICIPALITY_CODE_PATTERN, 'CBS code like GM0363');

export const PROVINCES = [
  'Groningen',
  'Friesland',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
] as const;

/** A lower-case host name with at least two labels, no "www.", no scheme. */
export const DomainSchema = z
  .string()
  .max(253)
  .regex(/^(?!www\.)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/, 'lower-case domain such as zwolle.nl');

const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');

function uniqueList<T extends z.ZodType<string>>(item: T) {
  return z.array(item).refine((list) => new Set(list).size === list.length, 'entries must be unique');
}

export const MunicipalityRecordSchema = z
  .object({
    code: MunicipalityCodeSchema,
    name: z.string().min(1).max(100),
    officialName: z.string().min(1).max(100),
    province: z.enum(PROVINCES),
    population: z.number().int().positive().nullable(),
    domains: uniqueList(DomainSchema).min(1),
  })
  .strict();

/**
 * A municipality dissolved since 2018. A municipality split over several successors (Haaren,
 * Littenseradiel, Winsum) has one record per successor, in the order the source lists them (the
 * first is the main one); every `successorCode` is a current municipality (chains are followed).
 */
export const MergedMunicipalityRecordSchema = z
  .object({
    code: MunicipalityCodeSchema,
    name: z.string().min(1).max(100),
    endDate: IsoDateSchema,
    successorCode: MunicipalityCodeSchema,
    domains: uniqueList(DomainSchema),
  })
  .strict();

export const PublicBodyRecordSchema = z
  .object({
    name: z.string().min(1).max(200),
    type: z.enum(['ggd', 'veiligheidsregio', 'waterschap', 'provincie', 'ministerie', 'politie', 'universiteit', 'overig']),
    domains: uniqueList(DomainSchema).min(1),
  })
  .strict();

export const MunicipalityDataSchema = z
  .object({
    generatedFrom: z.array(z.string().min(1)).min(1),
    municipalities: z.array(MunicipalityRecordSchema).min(1),
    merged: z.array(MergedMunicipalityRecordSchema),
    publicBodies: z.array(PublicBodyRecordSchema),
    personalMailDomains: uniqueList(DomainSchema),
  })
  .strict()
  .superRefine((data, context) => {
    const problem = (message: string) => context.addIssue({ code: 'custom', message });

    const codes = new Set<string>();
    const municipalDomains = new Map<string, string>();
    for (const record of data.municipalities) {
      if (codes.has(record.code)) problem(`municipality code ${record.code} appears twice`);
      codes.add(record.code);
      for (const domain of record.domains) {
        const owner = municipalDomains.get(domain);
        if (owner) problem(`domain ${domain} belongs to both ${owner} and ${record.code}`);
        municipalDomains.set(domain, record.code);
      }
    }

    const mergedPairs = new Set<string>();
    for (const record of data.merged) {
      if (codes.has(record.code)) problem(`merged municipality ${record.code} is also a current one`);
      if (!codes.has(record.successorCode)) {
        problem(`successor ${record.successorCode} of ${record.code} (${record.name}) is not a current municipality`);
      }
      const pair = `${record.code}>${record.successorCode}`;
      if (mergedPairs.has(pair)) problem(`merger ${pair} appears twice`);
      mergedPairs.add(pair);
      for (const domain of record.domains) {
        const owner = municipalDomains.get(domain);
        if (owner) problem(`old domain ${domain} of ${record.name} is a current domain of ${owner}`);
      }
    }

    const bodyDomains = new Set<string>();
    for (const body of data.publicBodies) {
      for (const domain of body.domains) {
        if (bodyDomains.has(domain)) problem(`public-body domain ${domain} is listed twice`);
        bodyDomains.add(domain);
        const owner = municipalDomains.get(domain);
        if (owner) problem(`public-body domain ${domain} (${body.name}) is the domain of municipality ${owner}`);
      }
    }

    for (const domain of data.personalMailDomains) {
      if (municipalDomains.has(domain) || bodyDomains.has(domain)) {
        problem(`personal mail domain ${domain} is also an organisation's domain`);
      }
    }
  });
