/**
 * Evidence stored before store v11 was Dutch text ("domein zwolle.nl", "handtekening: wethouder").
 * The v11 upgrade turns each line into a code with values where its pattern is known and can be
 * read back without doubt, so the English UI shows it in English; any other line becomes
 * `legacy` with its text kept as it was (shown as it is): nothing is lost, nothing is guessed.
 */
import { evidence, evidenceList, isEvidence, LEGACY_EVIDENCE_CODE, type Evidence } from '../vocabulary/evidence';

const DOMAIN = '([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)';
const ADDRESS = '([^\\s@]+@[a-z0-9.-]+\\.[a-z]{2,})';
const SOURCE = '(naam|onderwerp|fragment|handtekening)';
const SOURCE_IDS: Record<string, string> = { naam: 'name', onderwerp: 'subject', fragment: 'snippet', handtekening: 'signature' };
const ORGANISATION_KINDS = '(gemeente|welzijnsorganisatie|partij|bewonersplatform|overheid|overig)';

type Reader = (match: RegExpExecArray) => Evidence;

/** Each known sentence, anchored at both ends, most specific first. */
const PATTERNS: [RegExp, Reader][] = [
  [/^medewerker van een gemeente: standaard ambtenaar$/, () => evidence('role-default-gemeente')],
  [/^andere overheid, geen gemeente$/, () => evidence('role-default-overheid')],
  [/^geen adres en geen functietitel$/, () => evidence('role-none-no-address')],
  [/^geen openstaande pogingen$/, () => evidence('nothing-outstanding')],
  [/^handtekening: "(.+)"$/, (m) => evidence('org-signature-line', { quote: m[1]! })],
  [/^handtekening: ([a-z0-9&]+(?: [a-z0-9&]+)*)$/, (m) => evidence('role-title-signature', { title: m[1]! })],
  [/^naam: ([a-z0-9&]+(?: [a-z0-9&]+)*)$/, (m) => evidence('role-title-name', { title: m[1]! })],
  [new RegExp(`^organisatie: ${ORGANISATION_KINDS}$`), (m) => evidence('role-organisation-kind', { kind: m[1]! })],
  [new RegExp(`^adres ${ADDRESS}: ([a-z.]+)$`), (m) => evidence('role-mailbox', { address: m[1]!, keyword: m[2]! })],
  [new RegExp(`^algemeen adres ${ADDRESS} van een gemeente$`), (m) => evidence('role-general-mailbox', { address: m[1]! })],
  [
    new RegExp(`^persoonlijk mailadres \\(${DOMAIN}\\): mogelijk een bewoner$`),
    (m) => evidence('role-personal-domain', { domain: m[1]! }),
  ],
  [
    new RegExp(`^geen functietitel, herkenbaar adres of bekend soort organisatie \\(${DOMAIN}\\)$`),
    (m) => evidence('role-none', { domain: m[1]! }),
  ],
  [new RegExp(`^domein ${DOMAIN}$`), (m) => evidence('municipality-domain', { domain: m[1]! })],
  [
    new RegExp(`^domein ${DOMAIN} \\(${DOMAIN}\\)$`),
    (m) => evidence('municipality-subdomain', { domain: m[1]!, matched: m[2]! }),
  ],
  [
    new RegExp(`^domein ${DOMAIN} is ([^,]+), geen gemeente$`),
    (m) => evidence('municipality-public-body', { domain: m[1]!, body: m[2]! }),
  ],
  [
    new RegExp(`^domein ${DOMAIN}: gemeente ([^,:;()]+)$`),
    (m) => evidence('org-gemeente-domain', { domain: m[1]!, name: m[2]! }),
  ],
  [new RegExp(`^domein ${DOMAIN}: onbekende organisatie$`), (m) => evidence('org-domain-unknown', { domain: m[1]! })],
  [new RegExp(`^domein ${DOMAIN}: partij ([^()]+)$`), (m) => evidence('org-party-domain', { domain: m[1]!, party: m[2]! })],
  [
    new RegExp(`^domein ${DOMAIN} bevat "([a-z0-9-]+)" \\(lokale partij\\)$`),
    (m) => evidence('org-domain-local-party', { domain: m[1]!, keyword: m[2]! }),
  ],
  [
    new RegExp(`^domein ${DOMAIN} bevat "([a-z0-9 -]+)"$`),
    (m) => evidence('org-domain-keyword', { domain: m[1]!, keyword: m[2]! }),
  ],
  [
    new RegExp(`^domein ${DOMAIN} in ${SOURCE}$`),
    (m) => evidence('mention-domain', { domain: m[1]!, source: SOURCE_IDS[m[2]!]! }),
  ],
  [new RegExp(`^vermelding "(.+)" in ${SOURCE}$`), (m) => evidence('mention', { quote: m[1]!, source: SOURCE_IDS[m[2]!]! })],
  [
    new RegExp(`^vermelding "(.+)" in ${SOURCE} \\(ook de naam van de provincie\\)$`),
    (m) => evidence('mention-province', { quote: m[1]!, source: SOURCE_IDS[m[2]!]! }),
  ],
  [/^ook genoemd: ([^;:]+)$/, (m) => evidence('also-mentioned', { name: m[1]! })],
  [
    /^(\d+) van (\d+) contacten met een gemeente: ([^;:]+)$/,
    (m) => evidence('thread-contacts', { count: Number(m[1]), total: Number(m[2]), name: m[3]! }),
  ],
  [new RegExp(`^correctie voor adres ${ADDRESS}$`), (m) => evidence('correction-address', { address: m[1]! })],
  [new RegExp(`^correctie voor heel domein ${DOMAIN}$`), (m) => evidence('correction-domain', { domain: m[1]! })],
  // a merger with one successor ("weesp.nl: Weesp is sinds 24-03-2022 Amsterdam"); a split names
  // several successors joined by "en", which some names contain too: those stay legacy
  [
    new RegExp(`^${DOMAIN}: ([^:;]+?) is sinds (\\d{2})-(\\d{2})-(\\d{4}) (?!verdeeld over )([^,;:]+)$`),
    (m) =>
      evidence('merged-domain', {
        domain: m[1]!,
        name: m[2]!,
        date: `${m[5]}-${m[4]}-${m[3]}`,
        successors: evidenceList([m[6]!]),
      }),
  ],
];

/** One stored line as evidence: a known sentence as its code, anything else kept as `legacy` text. */
export function evidenceFromLegacyText(text: string): Evidence {
  for (const [pattern, read] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return read(match);
  }
  return evidence(LEGACY_EVIDENCE_CODE, { text: text.slice(0, 300) });
}

/** A stored list as it is after v11: strings converted, evidence already converted kept. */
export function evidenceFromStored(lines: unknown): Evidence[] {
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((line): Evidence[] => {
    if (typeof line === 'string') return [evidenceFromLegacyText(line)];
    if (isEvidence(line)) return [line];
    return [];
  });
}

/** A stored tag (or anything with `evidence`) with its evidence converted, in place. */
export function convertTagEvidence(tag: { evidence?: unknown } | null | undefined): void {
  if (tag && 'evidence' in tag) tag.evidence = evidenceFromStored(tag.evidence);
}
