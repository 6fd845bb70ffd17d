/**
 * Mail subjects: the reply and forward prefixes mail clients put before a subject, in the
 * languages our users' correspondents write (English, Dutch, German, French, Scandinavian),
 * optionally numbered ("RE[2]:"), repeated ("Re: Fwd: Antw:").
 */
export const REPLY_PREFIX = /^(?:(?:re|fw|fwd|aw|wg|antw|doorst|tr|sv|vs)\s*(?:\[\d+\])?\s*:\s*)+/i;

/**
 * What a conversation is about, whatever reply it is: the subject without its prefixes,
 * whitespace folded, lower-case. Derived thread keys are built from it, so a reply and the
 * message it answers share one.
 */
export function subjectTopic(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
