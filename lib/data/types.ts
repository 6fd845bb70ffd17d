/** Shape of `lib/data/municipalities.json`, produced by `scripts/convert-municipalities.ts` (`npm run data`). */
export interface MunicipalityRecord {
  /** CBS code, e.g. GM0363 */
  code: string;
  /** common name, e.g. "Den Haag" */
  name: string;
  /** official CBS spelling, e.g. "'s-Gravenhage" */
  officialName: string;
  province: string;
  population: number | null;
  /** mail/web domains, lower-case, main first */
  domains: string[];
}

export interface MergedMunicipalityRecord {
  code: string;
  name: string;
  /** first day the municipality no longer existed (CBS einddatum), ISO date */
  endDate: string;
  successorCode: string;
  domains: string[];
}

export interface PublicBodyRecord {
  name: string;
  /** GGD, veiligheidsregio, waterschap, provincie, ministerie, overig, ... */
  type: string;
  domains: string[];
}

export interface MunicipalityData {
  generatedFrom: string[];
  municipalities: MunicipalityRecord[];
  merged: MergedMunicipalityRecord[];
  publicBodies: PublicBodyRecord[];
  personalMailDomains: string[];
}
