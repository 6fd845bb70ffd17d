/**
 * E-mail addresses and mail domains: the one rule, used by the readers (what they send), the
 * observation contract (what the background accepts, lib/messaging/observations.ts) and the
 * classifiers (the domain evidence). An address that passes one passes all three, with the same
 * domain (tests/unit/address-rule.test.ts runs tricky addresses through all of them).
 *
 * The rule: lower-case, trimmed, without `mailto:`, angle brackets or zero-width characters, the
 * trailing dot of a fully qualified domain removed ("jan@zwolle.nl." is jan@zwolle.nl); then a
 * local part and a domain of at least two labels, without spaces or the characters that separate
 * addresses in a header. Letters of any script are accepted in the domain ("jan@zölle.nl"): it is
 * what the page showed, and a classifier simply finds no municipality for a domain it does not know.
 */

import { ZERO_WIDTH } from './text-folding';

/** Longest address accepted (RFC 5321's path limit is lower; this one bounds the work). */
export const MAX_ADDRESS_LENGTH = 320;

const ADDRESS_PATTERN = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Whether a value is an address (in any case; the contract also wants it lower-case). */
export function isValidAddress(value: string): boolean {
  return value.length <= MAX_ADDRESS_LENGTH && ADDRESS_PATTERN.test(value);
}

/** An address as the contract wants it (see the rule above), or null when it is not an address. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = raw.replace(ZERO_WIDTH, '').trim();
  if (value.startsWith('<') && value.endsWith('>')) value = value.slice(1, -1).trim();
  if (/^mailto:/i.test(value)) value = value.slice(7).split('?')[0] ?? '';
  value = value.toLowerCase();
  if (value.endsWith('.') && value.includes('@')) value = value.slice(0, -1);
  return isValidAddress(value) ? value : null;
}

export function domainOfAddress(address: string | null | undefined): string | null {
  const normalised = normaliseAddress(address);
  return normalised ? normalised.slice(normalised.lastIndexOf('@') + 1) : null;
}

export function localPartOfAddress(address: string | null | undefined): string | null {
  const normalised = normaliseAddress(address);
  return normalised ? normalised.slice(0, normalised.lastIndexOf('@')) : null;
}

/** Lower-case host without a leading "www." or trailing dot; accepts a bare domain or an address. */
export function normaliseDomain(domainOrAddress: string): string {
  const host = domainOrAddress.includes('@') ? domainOrAddress.slice(domainOrAddress.lastIndexOf('@') + 1) : domainOrAddress;
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/** "mail.zwolle.nl" -> ["mail.zwolle.nl", "zwolle.nl"]: the domain and its parents, never a bare TLD. */
export function domainAndParents(domain: string): string[] {
  const labels = normaliseDomain(domain).split('.').filter(Boolean);
  const result: string[] = [];
  for (let start = 0; start <= labels.length - 2; start += 1) result.push(labels.slice(start).join('.'));
  return result;
}

/**
 * One mailbox, several spellings: servers compare addresses case-insensitively and ignore a
 * "+tag", and Gmail also ignores dots (jan.jansen+radar@gmail.com is janjansen@gmail.com). A
 * contact is found by its mailboxes, so any spelling of one person's address is that person.
 * The database schema's history uses it (lib/store/schema-history.ts): change it only with a
 * new store version that recomputes the `mailboxes` index.
 */
export function mailboxOf(address: string): string {
  const normalised = address.trim().toLowerCase();
  const at = normalised.lastIndexOf('@');
  if (at <= 0) return normalised;
  let local = normalised.slice(0, at).replace(/\+.*$/, '');
  let domain = normalised.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local || normalised.slice(0, at)}@${domain}`;
}

export function mailboxesOf(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map(mailboxOf))];
}
