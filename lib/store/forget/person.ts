/**
 * A person to forget (or to show everything about): their contact ids, addresses, mailboxes and
 * the names they went by, and how a value or a text names them. Pure, free of zod.
 *
 * Text is redacted by replacing each whole occurrence of a name or an address (any case, any
 * spacing inside a name) by a neutral marker; a name is matched whole, never a part of a word,
 * and only names of three characters or more are looked for (a shorter one would hit words).
 */
import { mailboxOf, mailboxesOf } from '../../vocabulary/address';
import { isOwnerPlaceholderName } from '../../vocabulary/owner-names';
import { foldAccentsAndCase } from '../../vocabulary/text-folding';

/** What replaces their name or address in text that stays (a subject, an excerpt, a note). */
export const REDACTED = '[…]';

const MIN_NAME_LENGTH = 3;

export interface Person {
  contactIds: readonly string[];
  addresses: readonly string[];
  mailboxes: readonly string[];
  names: readonly string[];
}

export interface PersonMatcher {
  person: Person;
  /** a contact id, an address, or an address of one of their mailboxes */
  isIdentifier(value: unknown): boolean;
  /** an identifier, or an object (a summary's contact, a next step) with a field that is one */
  refersTo(value: unknown): boolean;
  /** whether a text holds one of their names or addresses */
  mentionedIn(text: string): boolean;
  /** the text with every name and address of theirs replaced by REDACTED */
  redact(text: string): string;
}

/** A person from what is known: names without placeholders and duplicates, mailboxes derived. */
export function personOf(parts: {
  contactIds?: Iterable<string>;
  addresses?: Iterable<string>;
  names?: Iterable<string>;
}): Person {
  const addresses = [...new Set([...(parts.addresses ?? [])].map((address) => address.trim().toLowerCase()))].filter(Boolean);
  const names = [...new Set([...(parts.names ?? [])].map((name) => name.trim().replace(/\s+/g, ' ')))].filter(
    (name) => name.length >= MIN_NAME_LENGTH && !isOwnerPlaceholderName(name.toLowerCase()) && !name.includes('@'),
  );
  return { contactIds: [...new Set(parts.contactIds ?? [])], addresses, mailboxes: mailboxesOf(addresses), names };
}

const escapeForPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern for all their names and addresses (and the folded forms a summary's search text holds). */
function patternOf(person: Person): RegExp | null {
  const names = person.names.flatMap((name) => [name, foldAccentsAndCase(name)]);
  const alternatives = [...new Set([...person.addresses, ...person.contactIds, ...names])]
    .sort((a, b) => b.length - a.length)
    .map((text) => escapeForPattern(text).replace(/ /g, '\\s+'));
  if (alternatives.length === 0) return null;
  // whole words only: no letter, digit or address character right before, no letter or digit after
  return new RegExp(`(?<![\\p{L}\\p{N}._%+-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

export function personMatcher(person: Person): PersonMatcher {
  const contactIds = new Set(person.contactIds);
  const addresses = new Set(person.addresses);
  const mailboxes = new Set(person.mailboxes);
  const pattern = patternOf(person);
  const isIdentifier = (value: unknown): boolean =>
    typeof value === 'string' &&
    (contactIds.has(value) || addresses.has(value) || (value.includes('@') && mailboxes.has(mailboxOf(value))));
  return {
    person,
    isIdentifier,
    refersTo(value) {
      if (isIdentifier(value)) return true;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      return Object.values(value).some((field) => isIdentifier(field) || (Array.isArray(field) && field.some(isIdentifier)));
    },
    mentionedIn(text) {
      if (!pattern) return false;
      pattern.lastIndex = 0;
      return pattern.test(text);
    },
    redact(text) {
      return pattern ? text.replace(pattern, REDACTED) : text;
    },
  };
}
