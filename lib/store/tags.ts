/**
 * Tag ids and precedence. A user's correction can be scoped to one contact, one address or a
 * whole mail domain; the most specific correction wins, and any correction beats every rule.
 */
import type { Contact, Tag } from './schemas';

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
  ]);
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

/** The ids of the tags that can decide a contact's municipality and role (rule and user). */
export function decidingTagIds(contact: Pick<Contact, 'id' | 'addresses'>): string[] {
  return [
    tagId('rule', 'contact', contact.id, 'municipality'),
    tagId('rule', 'contact', contact.id, 'role'),
    ...userTagIdsFor(userScopesForContact(contact)),
  ];
}
