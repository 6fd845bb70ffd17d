/**
 * Is an address a stakeholder, or the user, a colleague, or an automatic sender? Only stakeholders
 * get tags and latency; the rest would pollute both.
 */
import { isPersonalMailDomain } from '../data';
import { domainAndParents, domainOfAddress, localPartOfAddress, mailboxOf, normaliseAddress } from '../vocabulary/address';
import type { ContactKind } from '../vocabulary/kinds';
import { isOwnerPlaceholderName } from '../vocabulary/owner-names';
import { evidence, type Evidence } from '../vocabulary/evidence';
import { normaliseName } from '../vocabulary/text-folding';
import { registrableDomain } from './text';

/** Local parts (or their parts) of automatic senders. */
const BULK_LOCAL_PART_WORDS = new Set([
  'noreply',
  'donotreply',
  'mailerdaemon',
  'mailer',
  'postmaster',
  'newsletter',
  'newsletters',
  'nieuwsbrief',
  'nieuwsbrieven',
  'news',
  'nieuws',
  'notification',
  'notifications',
  'notificaties',
  'notificatie',
  'notify',
  'alerts',
  'bounce',
  'bounces',
  'mailing',
  'mailings',
  'marketing',
  'automated',
  'geenantwoord',
  'nietbeantwoorden',
  'nietantwoorden',
]);

/** The same words when written with separators ("no-reply", "do_not_reply", "mailer-daemon"). */
const BULK_LOCAL_PART_PHRASES = [
  'no reply',
  'do not reply',
  'mailer daemon',
  'geen antwoord',
  'niet beantwoorden',
  'niet antwoorden',
];

/** Domains of mass-mail services and notification senders; subdomains count too. */
const BULK_DOMAINS: Record<string, string> = {
  'mailchimp.com': 'Mailchimp',
  'mcsv.net': 'Mailchimp',
  'mcdlv.net': 'Mailchimp',
  'mailchimpapp.net': 'Mailchimp',
  'list-manage.com': 'Mailchimp',
  'rsgsv.net': 'Mailchimp',
  'mandrillapp.com': 'Mailchimp Transactional',
  'sendgrid.net': 'SendGrid',
  'amazonses.com': 'Amazon SES',
  'mailgun.org': 'Mailgun',
  'sparkpostmail.com': 'SparkPost',
  'mailjet.com': 'Mailjet',
  'sendinblue.com': 'Brevo',
  'brevo.com': 'Brevo',
  'hubspotemail.net': 'HubSpot',
  'createsend.com': 'Campaign Monitor',
  'cmail19.com': 'Campaign Monitor',
  'cmail20.com': 'Campaign Monitor',
  'ccsend.com': 'Constant Contact',
  'exacttarget.com': 'Salesforce Marketing Cloud',
  'mlsend.com': 'MailerLite',
  'mailerlite.com': 'MailerLite',
  'laposta.nl': 'Laposta',
  'mailblue.nl': 'MailBlue',
  'ymlp.com': 'YMLP',
  'substack.com': 'Substack',
  'facebookmail.com': 'Facebook',
  'linkedin.com': 'LinkedIn',
};

/** First labels of sending subdomains: e.mail.example.nl, news.example.nl, em1234.example.nl. */
const BULK_SUBDOMAIN_LABEL =
  /^(?:e|em\d*|news|newsletter|newsletters|nieuwsbrief|nieuwsbrieven|mailing|mailings|bounce|bounces|marketing|campaign|campaigns|mkt)$/;

export interface ContactKindResult {
  kind: ContactKind;
  evidence: Evidence[];
}

/**
 * Compares addresses the way the mail server does: case-insensitively, without a "+tag", and for
 * Gmail without dots (jan.jansen+radar@gmail.com is janjansen@gmail.com).
 */
export function canonicalAddress(address: string): string | null {
  const normalised = normaliseAddress(address);
  return normalised ? mailboxOf(normalised) : null;
}

function bulkReason(address: string): Evidence | null {
  const local = localPartOfAddress(address) ?? '';
  const domain = domainOfAddress(address) ?? '';
  const words = local.split(/[.\-_+=]/).filter(Boolean);
  const joined = words.join('');
  const spaced = words.join(' ');
  if (
    words.some((word) => BULK_LOCAL_PART_WORDS.has(word)) ||
    BULK_LOCAL_PART_WORDS.has(joined) ||
    joined.includes('noreply') ||
    joined.includes('donotreply') ||
    BULK_LOCAL_PART_PHRASES.some((phrase) => ` ${spaced} `.includes(` ${phrase} `))
  ) {
    return evidence('kind-bulk-address', { localPart: local });
  }
  for (const candidate of domainAndParents(domain)) {
    const service = BULK_DOMAINS[candidate];
    if (service) return evidence('kind-bulk-service', { domain: candidate, service });
  }
  const labels = domain.split('.');
  if (labels.length >= 3 && BULK_SUBDOMAIN_LABEL.test(labels[0] ?? '')) {
    return evidence('kind-bulk-subdomain', { domain, label: labels[0] ?? '' });
  }
  return null;
}

/**
 * self: one of the user's own addresses, or the name webmail shows for the user ("me", "ik");
 * bulk: automatic senders (noreply, newsletters, mailing services);
 * colleague: the same organisation domain as one of the user's own addresses (never a consumer
 * domain: two gmail users are not colleagues); else stakeholder.
 */
export function classifyContactKind(
  address: string | null | undefined,
  name: string | null | undefined,
  options: { ownAddresses: readonly string[] },
): ContactKindResult {
  const canonical = address ? canonicalAddress(address) : null;
  const own = options.ownAddresses.map(canonicalAddress).filter((value): value is string => value !== null);

  if (canonical && own.includes(canonical)) {
    return { kind: 'self', evidence: [evidence('kind-own-address', { address: normaliseAddress(address) ?? canonical })] };
  }
  // folded like a name, so "Ik." or "ME" is the owner too
  if (isOwnerPlaceholderName(normaliseName(name ?? '')))
    return { kind: 'self', evidence: [evidence('kind-owner-name', { name: (name ?? '').trim() })] };

  if (!canonical) return { kind: 'stakeholder', evidence: [evidence('kind-no-address')] };

  const bulk = bulkReason(canonical);
  if (bulk) return { kind: 'bulk', evidence: [bulk] };

  const domain = registrableDomain(domainOfAddress(canonical) ?? '');
  if (!isPersonalMailDomain(domain)) {
    const sameOrganisation = own.find((ownAddress) => registrableDomain(domainOfAddress(ownAddress) ?? '') === domain);
    if (sameOrganisation) {
      return { kind: 'colleague', evidence: [evidence('kind-same-domain', { domain })] };
    }
  }
  return { kind: 'stakeholder', evidence: [] };
}
