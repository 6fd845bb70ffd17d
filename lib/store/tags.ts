/**
 * Tag ids and precedence. A user's correction can be scoped to one contact, one address or a
 * whole mail domain; the most specific correction wins, and any correction beats every rule.
 */
import { boundedEvidence } from './limits';
import type { Evidence } from '../vocabulary/evidence';
import type { Contact, ContactKind, Tag } from './schemas';

export type TagDimension = Tag['dimension'];

export interface TagScope {
  subjectType: Tag['subjectType'];
  subjectId: string;
}

export function tagId(
  source: Tag['source'],
  subjectType: Tag['subjectType'],
  subjectId: string,
  dimension: TagDimension,
): string {
  return `${source}:${subjectType}:${subjectId}:${dimension}`;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Where a correction for this person may live, most specific first. */
export function userScopesFor(contactId: string, address: string): TagScope[] {
  return [
    { subjectType: 'contact', subjectId: contactId },
    { subjectType: 'address', subjectId: address },
    { subjectType: 'domain', subjectId: domainOf(address) },
  ];
}

export function userTagIdsFor(scopes: TagScope[]): string[] {
  return scopes.flatMap((scope) => [
    tagId('user', scope.subjectType, scope.subjectId, 'municipality'),
    tagId('user', scope.subjectType, scope.subjectId, 'role'),
    tagId('user', scope.subjectType, scope.subjectId, 'kind'),
  ]);
}

/**
 * Whether a person is followed: the user's most specific `kind` correction, else the rules'
 * kind. The user's own address stays the user's whatever a correction of a domain says.
 */
export function effectiveKind(ruleKind: ContactKind, scopes: TagScope[], userTags: ReadonlyMap<string, Tag>): ContactKind {
  if (ruleKind === 'self') return 'self';
  const correction = effectiveTag(scopes, 'kind', userTags, null);
  // following everyone at a domain means its people, not its newsletters and no-reply senders
  if (correction?.subjectType === 'domain' && correction.value === 'stakeholder' && ruleKind === 'bulk') return 'bulk';
  return correction?.value === 'stakeholder' || correction?.value === 'ignored' ? correction.value : ruleKind;
}

/** The tag that decides: the most specific user correction, else the rule's tag. */
export function effectiveTag(
  scopes: TagScope[],
  dimension: TagDimension,
  userTags: ReadonlyMap<string, Tag>,
  ruleTag: Tag | null,
): Tag | null {
  for (const scope of scopes) {
    const correction = userTags.get(tagId('user', scope.subjectType, scope.subjectId, dimension));
    if (correction) return correction;
  }
  return ruleTag;
}

/**
 * Where corrections for a person with several addresses (a merged contact) may live, most
 * specific first: the contact, each address, each domain.
 */
export function userScopesForContact(contact: Pick<Contact, 'id' | 'addresses'>): TagScope[] {
  const domains = [...new Set(contact.addresses.map(domainOf))];
  return [
    { subjectType: 'contact', subjectId: contact.id },
    ...contact.addresses.map((address): TagScope => ({ subjectType: 'address', subjectId: address })),
    ...domains.map((domain): TagScope => ({ subjectType: 'domain', subjectId: domain })),
  ];
}

/** The ids of the user tags (corrections) that can decide a contact's municipality and role. */
export function correctionIdsForContact(contact: Pick<Contact, 'id' | 'addresses'>): string[] {
  return userTagIdsFor(userScopesForContact(contact));
}

/** What a classifier concluded (lib/classify TagResult). */
export interface RuleResult {
  value: string | null;
  evidence: readonly Evidence[];
  confidence: number;
}

/** A contact's rule tag from a classifier's result. */
export function ruleTagFrom(result: RuleResult, contactId: string, dimension: TagDimension, now: number): Tag {
  return {
    id: tagId('rule', 'contact', contactId, dimension),
    subjectType: 'contact',
    subjectId: contactId,
    dimension,
    value: result.value,
    source: 'rule',
    evidence: boundedEvidence(result.evidence),
    confidence: result.confidence,
    updatedAt: now,
  };
}

/** Merges a new rule result into a contact's rule tag: the more confident wins, evidence kept. */
export function mergeRuleTag(
  existing: Tag | null,
  result: RuleResult | null,
  contactId: string,
  dimension: TagDimension,
  now: number,
): Tag | null {
  if (!result) return existing;
  if (existing && existing.confidence > result.confidence) return existing;
  if (existing && existing.value === result.value && existing.confidence === result.confidence) {
    const evidence = boundedEvidence([...existing.evidence, ...result.evidence]);
    if (evidence.length === existing.evidence.length) return existing;
    return { ...existing, evidence, updatedAt: now };
  }
  return ruleTagFrom(result, contactId, dimension, now);
}

/** The rules' tag of a contact for one dimension (kept on the contact, see ContactSchema). */
export function ruleTagOf(contact: Pick<Contact, 'ruleTags'>, dimension: TagDimension): Tag | null {
  return contact.ruleTags?.find((tag) => tag.dimension === dimension) ?? null;
}

/** A contact's rule tags with one replaced (or removed, when `tag` is null), in dimension order. */
export function withRuleTag(ruleTags: readonly Tag[] | undefined, dimension: TagDimension, tag: Tag | null): Tag[] {
  const others = (ruleTags ?? []).filter((existing) => existing.dimension !== dimension);
  return [...others, ...(tag ? [tag] : [])].sort((a, b) => (a.dimension < b.dimension ? -1 : 1));
}
