/**
 * Planning, people -> contacts: which contact each address seen is (one mailbox, several
 * spellings: one contact; an address merged into another contact: that one), what the rules and
 * the user's corrections make of them, and the contact records that result. Pure.
 */
import { classifyContactKind, classifyStakeholder } from '../../classify';
import type { OrganisationGuess, TagResult } from '../../classify/types';
import type { RoleId } from '../../vocabulary/roles';
import { mailboxOf } from '../../vocabulary/address';
import { boundedName } from '../limits';
import type { Evidence } from '../../vocabulary/evidence';
import type { Account, Contact, ContactKind, Tag } from '../schemas';
import { effectiveKind, effectiveTag, mergeRuleTag, ruleTagOf, userScopesForContact, withRuleTag, type TagScope } from '../tags';
import { maxTime, minTime } from '../times';
import type { IngestContext } from './context';
import { organisationIdFor } from './organisations';
import { accountsSeen, betterName, type IngestBatch, type PersonSeen } from './observed';

export function contactIdFor(address: string): string {
  return `c:${address}`;
}

/** An account's `lastSeenAt` is kept to the day: rewriting it on every batch would cost a write. */
const ACCOUNT_SEEN_RESOLUTION_MS = 86_400_000;

/** The user's own addresses: those the store knows, then those the batches are signed in with. */
export function ownAddressesOf(context: Pick<IngestContext, 'accounts'>, batches: readonly IngestBatch[]): Set<string> {
  return new Set([...context.accounts.keys(), ...accountsSeen(batches).keys()]);
}

/** The accounts to write: new ones, and known ones last seen more than a day ago. */
export function accountsDue(context: Pick<IngestContext, 'accounts'>, batches: readonly IngestBatch[], now: number): Account[] {
  return [...accountsSeen(batches)]
    .filter(([address]) => (context.accounts.get(address)?.lastSeenAt ?? -Infinity) < now - ACCOUNT_SEEN_RESOLUTION_MS)
    .map(([address, host]) => ({ address, host, lastSeenAt: now }));
}

/** Which contact an address is, the stored one if any, and where corrections for it may live. */
export interface Identity {
  contactId: string;
  stored: Contact | undefined;
  scopes: TagScope[];
}

type ContactIndex = Pick<IngestContext, 'contactsByAddress' | 'contactsByMailbox'>;

function storedContactOf(context: ContactIndex, address: string): Contact | undefined {
  return context.contactsByAddress.get(address) ?? context.contactsByMailbox.get(mailboxOf(address));
}

/**
 * Per address: the stored contact of the address or its mailbox, else a new contact named after
 * the first spelling of the mailbox seen. A person with several addresses (merged, or spellings
 * of one mailbox): a correction on any of them decides, so every address's and domain's scope
 * is looked at.
 */
export function identifyPeople(addresses: readonly string[], context: ContactIndex): Map<string, Identity> {
  const identities = new Map<string, Identity>();
  const newIdByMailbox = new Map<string, string>();
  for (const address of addresses) {
    const stored = storedContactOf(context, address);
    const mailbox = mailboxOf(address);
    const contactId = stored?.id ?? newIdByMailbox.get(mailbox) ?? contactIdFor(address);
    if (!stored) newIdByMailbox.set(mailbox, contactId);
    const scopes = userScopesForContact({ id: contactId, addresses: [...new Set([...(stored?.addresses ?? []), address])] });
    identities.set(address, { contactId, stored, scopes });
  }
  return identities;
}

export interface Classified {
  kind: ContactKind;
  kindEvidence: Evidence[];
  organisation: OrganisationGuess | null;
  municipality: TagResult<string | null> | null;
  role: TagResult<RoleId> | null;
}

/**
 * The rules' kind, unless the user said otherwise (`kind` correction, see effectiveKind); the
 * organisation, municipality and role only for a stakeholder.
 */
export function classifyPerson(
  person: PersonSeen,
  ownAddresses: readonly string[],
  kindOf: (ruleKind: ContactKind) => ContactKind,
): Classified {
  const rule = classifyContactKind(person.address, person.name, { ownAddresses });
  const kind = kindOf(rule.kind);
  if (kind !== 'stakeholder') {
    return { kind, kindEvidence: rule.evidence, organisation: null, municipality: null, role: null };
  }
  return { kind, kindEvidence: rule.evidence, ...classifyStakeholder(person.address, person.signals, person.mentions) };
}

export function classifyPeople(
  people: ReadonlyMap<string, PersonSeen>,
  identities: ReadonlyMap<string, Identity>,
  ownAddresses: readonly string[],
  corrections: ReadonlyMap<string, Tag>,
): Map<string, Classified> {
  const classified = new Map<string, Classified>();
  for (const [address, person] of people) {
    const { scopes } = identities.get(address)!;
    classified.set(
      address,
      classifyPerson(person, ownAddresses, (ruleKind) => effectiveKind(ruleKind, scopes, corrections)),
    );
  }
  return classified;
}

/**
 * The better of the stored name and the one seen (observed.ts betterName), within the limit: a
 * page without a name shows the address, which may be longer than a name can be. An address cut
 * to a name is still only the address: a real name seen later replaces it.
 */
function contactName(stored: string, person: PersonSeen, address: string): string {
  const current = stored === boundedName(address) ? address : stored;
  return boundedName(betterName(current, person.name, address) || address);
}

/**
 * Whom a stakeholder works for ("namens wethouder X" in their mail): the latest sighting that
 * says so, else what is stored.
 */
function worksForOf(
  person: PersonSeen,
  result: Classified,
  existing: Contact | undefined,
  identities: ReadonlyMap<string, Identity>,
): Contact['worksFor'] {
  if (result.kind !== 'stakeholder') return undefined;
  const seen = person.worksFor ? identities.get(person.worksFor.address) : undefined;
  return seen && person.worksFor ? { contactId: seen.contactId, evidence: person.worksFor.evidence } : existing?.worksFor;
}

/** One sighting of a person merged into their contact (`existing`: stored, or drafted earlier in this ingest). */
function contactRecord(
  person: PersonSeen,
  { contactId: id, scopes }: Identity,
  result: Classified,
  existing: Contact | undefined,
  corrections: ReadonlyMap<string, Tag>,
  now: number,
  worksFor: Contact['worksFor'],
): Contact {
  const municipalityTag = mergeRuleTag(ruleTagOf(existing ?? {}, 'municipality'), result.municipality, id, 'municipality', now);
  const roleTag = mergeRuleTag(ruleTagOf(existing ?? {}, 'role'), result.role, id, 'role', now);
  const municipality = effectiveTag(scopes, 'municipality', corrections, municipalityTag);
  const role = effectiveTag(scopes, 'role', corrections, roleTag);
  const organisationId = result.organisation ? organisationIdFor(result.organisation) : null;
  const address = person.address;
  return {
    id,
    name: contactName(existing?.name ?? '', person, address),
    addresses: existing?.addresses.includes(address)
      ? existing.addresses
      : [...(existing?.addresses ?? []), address].slice(0, 50),
    // the rules' kind at every sighting, unless the user's `kind` correction says otherwise
    kind: result.kind,
    organisationId: existing?.organisationId ?? organisationId,
    municipalityCode: result.kind === 'stakeholder' ? (municipality?.value ?? null) : null,
    role: result.kind === 'stakeholder' ? ((role?.value as RoleId | undefined) ?? 'onbekend') : 'onbekend',
    ruleTags: withRuleTag(withRuleTag(existing?.ruleTags, 'municipality', municipalityTag), 'role', roleTag),
    // only when known: a key left undefined would read as a change at every sighting
    ...(worksFor ? { worksFor } : {}),
    firstSeenAt: minTime(existing?.firstSeenAt, person.firstAt),
    lastSeenAt: maxTime(existing?.lastSeenAt, person.lastAt),
    updatedAt: now,
  };
}

export interface PlannedContacts {
  /** every contact seen, as it is after this ingest, by id */
  records: Map<string, Contact>;
  created: number;
  updated: number;
}

/** Every person seen merged into their contact; the user's own addresses in another spelling (`self`) are no contact. */
export function planContacts(
  people: ReadonlyMap<string, PersonSeen>,
  identities: ReadonlyMap<string, Identity>,
  classified: ReadonlyMap<string, Classified>,
  corrections: ReadonlyMap<string, Tag>,
  now: number,
): PlannedContacts {
  const planned: PlannedContacts = { records: new Map(), created: 0, updated: 0 };
  for (const [address, person] of people) {
    const result = classified.get(address)!;
    if (result.kind === 'self') continue;
    const identity = identities.get(address)!;
    const existing = planned.records.get(identity.contactId) ?? identity.stored;
    if (existing) planned.updated++;
    else planned.created++;
    const worksFor = worksForOf(person, result, existing, identities);
    planned.records.set(identity.contactId, contactRecord(person, identity, result, existing, corrections, now, worksFor));
  }
  return planned;
}

/** The stakeholder contact of each address, for linking messages and threads to them. */
export function stakeholderIdsByAddress(contacts: Iterable<Contact>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const contact of contacts) {
    if (contact.kind !== 'stakeholder') continue;
    for (const address of contact.addresses) ids.set(address, contact.id);
  }
  return ids;
}
