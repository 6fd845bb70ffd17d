/**
 * Dutch phone numbers in a mail signature ("T 038 765 4321", "Mob: +31 (0)6-1234 5678"), for the
 * side panel's "Gebeld" line: a tel: link the user can click instead of copying the number. Pure:
 * text in, numbers out, each with the line it was read from (the evidence, so the panel can say
 * where a number came from). Only Dutch numbers: a foreign or malformed one is left out rather
 * than guessed, and lines that carry an IBAN or a date are not read (their digits look alike).
 */

export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface PhoneNumberFound {
  /** the number for a tel: link, in international form: "+31387654321" */
  tel: string;
  /** the number as the signature wrote it, trimmed */
  shown: string;
  kind: PhoneKind;
  /** why we think so: the signature line it was read from */
  evidence: { source: 'signature'; line: string };
}

/** At most this many numbers per signature: more is a footer or a list, not a person's numbers. */
export const PHONE_NUMBERS_MAX = 3;
const LINE_CHARS = 200;

// a run of digits with the separators signatures use; "/" is not one (it separates two numbers)
const CANDIDATE = /(?:\+|\b00)?\(?\d[\d\s().-]{6,}\d/g;
// an IBAN (NL91 ABNA 0417 1643 00): its account digits read as a 10-digit number starting with 0
const IBAN = /\b[A-Z]{2}\d{2}\s?[A-Z]{4}\s?\d/;
const SERVICE_PREFIX = /^0(?:800|900|906|909)/;

/** The national form ("0387654321") of a candidate, or null when it is not a Dutch number. */
function nationalDigits(candidate: string): string | null {
  const compact = candidate.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  if (compact.startsWith('+31')) return `0${compact.slice(3)}`;
  if (compact.startsWith('0031')) return `0${compact.slice(4)}`;
  if (compact.startsWith('+') || compact.startsWith('00')) return null; // foreign
  return compact;
}

/** Its kind when `national` is a valid Dutch number, else null. */
function phoneKind(national: string): PhoneKind | null {
  if (SERVICE_PREFIX.test(national)) return /^\d{8}$|^\d{11}$/.test(national) ? 'service' : null;
  if (!/^0[1-9]\d{8}$/.test(national)) return null;
  if (national.startsWith('06')) return national[2] === '6' ? null : 'mobile'; // 066: pagers
  if (national.startsWith('097')) return null; // machine-to-machine numbers
  return 'landline';
}

/** One candidate read as a Dutch number, or null. */
export function readDutchPhoneNumber(candidate: string): { tel: string; kind: PhoneKind } | null {
  const national = nationalDigits(candidate.trim());
  if (national === null) return null;
  const kind = phoneKind(national);
  return kind === null ? null : { tel: `+31${national.slice(1)}`, kind };
}

/** A line with a date ("24-11-2026", "24.11.2026") or an IBAN: its digits are not a phone number. */
function unreadableLine(line: string): boolean {
  return IBAN.test(line) || /\b\d{1,2}[-.]\d{1,2}[-.]\d{2,4}\b/.test(line);
}

/** The Dutch phone numbers of a signature, in order, each once (at most PHONE_NUMBERS_MAX). */
export function phoneNumbersInSignature(signature: string | null | undefined): PhoneNumberFound[] {
  if (!signature) return [];
  const found: PhoneNumberFound[] = [];
  for (const rawLine of signature.split(/\r?\n/)) {
    const line = rawLine.trim().slice(0, LINE_CHARS);
    if (!line || unreadableLine(line)) continue;
    for (const match of line.matchAll(CANDIDATE)) {
      const shown = match[0].trim();
      const number = readDutchPhoneNumber(shown);
      if (!number || found.some((other) => other.tel === number.tel)) continue;
      found.push({ ...number, shown, evidence: { source: 'signature', line } });
      if (found.length === PHONE_NUMBERS_MAX) return found;
    }
  }
  return found;
}
