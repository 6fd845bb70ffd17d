/**
 * Shape of `lib/data/municipalities.json`, produced by `scripts/convert-municipalities.ts`
 * (`npm run data`): the types of its zod schema (lib/data/schema.ts). Type-only imports, so the
 * extension's data index gets the types without zod.
 */
import type { z } from 'zod';
import type {
  MergedMunicipalityRecordSchema,
  MunicipalityDataSchema,
  MunicipalityRecordSchema,
  PublicBodyRecordSchema,
} from './schema';

/** A current municipality: CBS code (GM0363), common and official name, province, mail domains (main first). */
export type MunicipalityRecord = z.infer<typeof MunicipalityRecordSchema>;

/** A municipality dissolved since 2018, per successor; `endDate` is its first day gone (ISO). */
export type MergedMunicipalityRecord = z.infer<typeof MergedMunicipalityRecordSchema>;

/** A GGD, veiligheidsregio, waterschap, provincie, ministerie, ... and its domains. */
export type PublicBodyRecord = z.infer<typeof PublicBodyRecordSchema>;

export type MunicipalityData = z.infer<typeof MunicipalityDataSchema>;
