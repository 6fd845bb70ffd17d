/**
 * Tag ids and precedence. A user's correction can be scoped to one contact, one address or a
 * whole mail domain; the most specific correction wins, and any correction beats every rule.
 */
import type { Tag } from './schemas';

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
