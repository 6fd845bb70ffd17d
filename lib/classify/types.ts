import type { Evidence } from '../vocabulary/evidence';
import type { RoleId } from '../vocabulary/roles';
import type { ContactKind, OrganisationKind } from '../vocabulary/kinds';

/** What a rule concluded, with the reasons (codes the pages render in the user's language) and a confidence in 0..1. */
export interface TagResult<Value extends string | null = string | null> {
  value: Value;
  evidence: Evidence[];
  confidence: number;
}

/** Everything a reader told us about one person in one place. All plain text. */
export interface PersonSignals {
  address: string | null;
  name: string;
  /** subject and snippet of the thread or message where we saw them */
  subject?: string;
  snippet?: string;
  signature?: string | null;
}

export interface OrganisationGuess {
  kind: OrganisationKind;
  name: string;
  domain: string;
  municipalityCodes: string[];
  evidence: Evidence[];
}

export type { ContactKind, RoleId };
