/**
 * Rejection counters stored before reasons were codes (store versions 1-8 kept Dutch text, e.g.
 * "afzender: niet deze extensie"): each known text as its code with values, anything else as
 * `legacy` keeping its text. Used once, by the version-9 upgrade (schema-history.ts).
 */
import { fieldOfPath, reason, type Reason } from '../vocabulary/reasons';

const KNOWN: { pattern: RegExp; reasonOf: (match: RegExpMatchArray) => Reason }[] = [
  { pattern: /^afzender: niet deze extensie$/, reasonOf: () => reason('sender-not-extension') },
  {
    pattern: /^afzender: (gmail|outlook)-waarneming van een andere pagina$/,
    reasonOf: ([, host]) => reason('sender-wrong-page', { host: host! }),
  },
  {
    pattern: /^afzender: ([\w-]+) alleen vanuit de webmail$/,
    reasonOf: ([, type]) => reason('sender-not-webmail', { type: type! }),
  },
  {
    pattern: /^afzender: ([\w-]+) alleen vanuit de extensie$/,
    reasonOf: ([, type]) => reason('sender-not-extension-page', { type: type! }),
  },
  {
    // the store's own refusal (InvalidRecordError): "opslag: Refused to store an invalid contacts record: name: ..."
    pattern: /^opslag: Refused to store an invalid (\w+) record: ([^:;]*): /,
    reasonOf: ([, table, path]) => reason('invalid-record', { table: table!, field: fieldOfPath(path!) }),
  },
  { pattern: /^opslag: Onbekend contact: /, reasonOf: () => reason('unknown-contact') },
  { pattern: /^opslag: Onbekend onderwerp: /, reasonOf: () => reason('unknown-subject') },
  { pattern: /^opslag: Onbekende samenvoeging: /, reasonOf: () => reason('unknown-merge') },
  {
    pattern: /^opslag: (\S+) is een persoonlijk maildomein: /,
    reasonOf: ([, domain]) => reason('correction-personal-domain', { domain: domain! }),
  },
  {
    pattern: /^opslag: (\S+) is geen adres van /,
    reasonOf: ([, address]) => reason('correction-not-an-address-of-contact', { address: address! }),
  },
  { pattern: /^opslag: onbekende fout$/, reasonOf: () => reason('store-failed', { error: 'unknown' }) },
  { pattern: /^ongeldig bericht$/, reasonOf: () => reason('invalid-message', { path: '', issue: 'unknown' }) },
];

export function reasonOfLegacyText(text: string): Reason {
  for (const { pattern, reasonOf } of KNOWN) {
    const match = text.match(pattern);
    if (match) return reasonOf(match);
  }
  return reason('legacy', { text: text.slice(0, 300) });
}
