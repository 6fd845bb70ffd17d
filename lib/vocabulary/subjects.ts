/**
 * Mail subjects: the reply and forward prefixes mail clients put before a subject, in the
 * languages our users' correspondents write (English, Dutch, German, French, Scandinavian),
 * optionally numbered ("RE[2]:", "Re(2):"), repeated ("Re: Fwd: Antw:").
 */
export const REPLY_PREFIX =
  /^(?:\s*(?:re|aw|antw|antwoord|fw|fwd|wg|doorst|tr|sv|vs|rv|réf|ref)\s*(?:\[\d+\]|\(\d+\))?\s*:)+\s*/i;

export function hasReplyPrefix(subject: string): boolean {
  return REPLY_PREFIX.test(subject);
}

/**
 * What a conversation is about, whatever reply it is: the subject without its prefixes,
 * whitespace folded, lower-case. Derived thread keys are built from it, so a reply and the
 * message it answers share one.
 */
export function subjectTopic(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Forward prefixes among those ("Fwd:", "FW:", "Doorst:", German "WG:", French "TR:"). */
const FORWARD_PREFIX_WORD = /^(?:fw|fwd|wg|doorst|tr)$/i;

/** Whether a subject says the mail is a forward (anywhere in its run of prefixes: "Re: Fwd: ..."). */
export function isForwardSubject(subject: string): boolean {
  const prefixes = REPLY_PREFIX.exec(subject)?.[0] ?? '';
  return prefixes
    .split(':')
    .map((prefix) => prefix.trim().replace(/\s*(?:\[\d+\]|\(\d+\))$/, ''))
    .some((prefix) => FORWARD_PREFIX_WORD.test(prefix));
}
