/**
 * Record ids the writers and the read models both derive. Free of zod and of the writers, so an
 * extension page can compute the id of what it reads.
 */
import type { Decision, Note } from './schemas';

/** A note's id: one note per subject, edited in place. */
export function noteIdFor(subjectType: Note['subjectType'], subjectId: string): string {
  return `${subjectType}:${subjectId}`;
}

/** A decision's id (lib/store/decisions.ts): one decision per kind and subject. */
export function decisionIdFor(kind: Decision['kind'], subjectType: Decision['subjectType'], subjectId: string): string {
  return `${kind}:${subjectType}:${subjectId}`;
}
