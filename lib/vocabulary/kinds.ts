/**
 * What a contact and an organisation can be. The store's zod schemas are built on these lists
 * (lib/store/schemas.ts), the classifiers decide them (lib/classify).
 */

/**
 * Why an address is not a stakeholder, or `stakeholder` when it is one. The rules decide
 * stakeholder, self, colleague or bulk; `ignored` is only ever the user's ("niet volgen"), and
 * the user can also make a colleague or bulk sender a stakeholder (a `kind` correction).
 */
export const CONTACT_KINDS = ['stakeholder', 'self', 'colleague', 'bulk', 'ignored'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const ORGANISATION_KINDS = [
  'gemeente',
  'welzijnsorganisatie',
  'partij',
  'bewonersplatform',
  'overheid',
  'overig',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A CBS municipality code: "GM" and four digits (GM0363 is Amsterdam). */
export const MUNICIPALITY_CODE_PATTERN = /^GM\d{4}$/;
