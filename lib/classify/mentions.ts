/**
 * Roles of people from other people's text. Someone who never wrote has no signature to read,
 * but the user addresses her ("Geachte wethouder Hoekstra,", "Beste raadslid,", "Geachte
 * griffier,", "Dear Councillor Smith,"), a subject names him ("Gesprek met wethouder De Lange"),
 * a secretariaat writes "namens wethouder Vos" (which also says the secretariaat works for Vos).
 *
 * Careful, because a wrong role is a bug:
 * - a salutation is read only at the very start of the user's own mail (not in a quoted or
 *   forwarded part), and only for its recipients: named, the name must match exactly one of
 *   them; unnamed ("Geachte griffier,"), there must be exactly one addressee;
 * - a subject counts only with a name after the title that matches exactly one participant of
 *   the thread, and never in a forward ("Fwd: ...": someone else's subject);
 * - names match on the surname, tussenvoegsels and all ("De Lange" is Peter de Lange, "Van
 *   Dijk" is Anne van Dijk), as whole words; a portfolio or a common word is never a name
 *   ("wethouder Zorg en Welzijn", "Meeting With Alderman About Funding");
 * - a title alone with several addressees says nothing.
 *
 * Each mention has a confidence that places it in the role classifier's order of trust: a title
 * in the person's own signature or name (0.85-0.9) > others' explicit title for them (0.77-0.8)
 * > a telling mailbox (0.75) > writing "namens" a bestuurder (0.7) > the organisation's default
 * (a gemeente: ambtenaar, 0.6, shown as a guess). Pure: plain text in, mentions out.
 */
import { evidence, type Evidence } from '../vocabulary/evidence';
import type { StakeholderRole } from '../vocabulary/roles';
import { isForwardSubject } from '../vocabulary/subjects';
import { normaliseName } from '../vocabulary/text-folding';
import { MENTION_TITLES, NOT_A_NAME } from './role-keywords';
import { escapeRegExp } from './text';

export const MENTION_CONFIDENCE = {
  /** "Geachte wethouder Hoekstra," in the user's mail, Hoekstra one of its recipients */
  salutationNamed: 0.8,
  /** "Geachte griffier," in the user's mail to one person */
  salutationToOne: 0.78,
  /** "namens wethouder Vos" in a mail of the thread: Vos */
  namens: 0.8,
  /** "Gesprek met wethouder De Lange": the participant named De Lange */
  subject: 0.77,
  /** whoever writes "namens wethouder Vos": works for Vos, in her group (a secretariaat) */
  namensSender: 0.7,
} as const;

/** A person as a mail shows them. */
export interface MentionPerson {
  address: string | null;
  name: string;
}

/** What others' text says about one person's role. */
export interface RoleMention {
  address: string;
  role: StakeholderRole;
  confidence: number;
  evidence: Evidence[];
}

/** "namens wethouder Vos": the writer (`address`) works for Vos (`forAddress`). */
export interface WorksForMention {
  address: string;
  forAddress: string;
  evidence: Evidence[];
}

/** One mail as far as mentions go. */
export interface MentionMail {
  subject: string;
  excerpt: string;
  from: MentionPerson;
  to: readonly MentionPerson[];
  cc: readonly MentionPerson[];
}

type MentionGroup = keyof typeof MENTION_TITLES;

const GROUP_OF_TITLE = new Map<string, MentionGroup>();
for (const group of Object.keys(MENTION_TITLES) as MentionGroup[]) {
  for (const title of MENTION_TITLES[group]) GROUP_OF_TITLE.set(normaliseName(title), group);
}
const ROLE_OF_GROUP: Record<MentionGroup, StakeholderRole> = {
  wethouder: 'wethouder',
  gemeenteraad: 'gemeenteraad',
  ambtenaar: 'ambtenaar',
};

const TITLE_SOURCE = [...GROUP_OF_TITLE.keys()]
  .sort((a, b) => b.length - a.length)
  .map((title) => title.split(' ').map(escapeRegExp).join('[\\s-]+'))
  .join('|');
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';
const HONORIFIC = '(?:heer|mevrouw|mevr\\.?|dhr\\.?|de|mr\\.?|mrs\\.?|ms\\.?|dr\\.?|drs\\.?|ir\\.?)';
const GREETING = '(?:geachte|beste|hoi|hallo|dag|goedemorgen|goedemiddag|goedenavond|dear|hi|hello)';
const SALUTATION = new RegExp(`^\\s*${GREETING}\\s+(?:${HONORIFIC}\\s+)*(${TITLE_SOURCE})${AFTER}`, 'iu');
const TITLE_ANYWHERE = new RegExp(`${BEFORE}(${TITLE_SOURCE})${AFTER}`, 'giu');
const NAMENS = new RegExp(`${BEFORE}(?:namens|on behalf of)\\s+(?:(?:de|het|the)\\s+)?(${TITLE_SOURCE})${AFTER}`, 'giu');

const PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'ter',
  'ten',
  'te',
  'het',
  't',
  'in',
  'op',
  'la',
  'le',
  'du',
  'da',
  'di',
  'von',
  'vd',
]);
const HONORIFIC_WORDS = new Set(['heer', 'mevrouw', 'mevr', 'dhr', 'mr', 'mrs', 'ms', 'dr', 'drs', 'ir']);
const NOT_NAMES = new Set(NOT_A_NAME.map(normaliseName));
/** Up to this many words after a title are read as a name ("Van der Wiel-Bergsma"). */
const MAX_NAME_WORDS = 5;

/** A quoted reply or a forward starts: the writer's own text ends there. */
const QUOTED_PART = /-{3,}|_{5,}|\b(?:op|on)\s[^\n]{1,120}?\s(?:schreef|wrote)\b|(?:^|\s)(?:van|from):\s/i;

function ownText(excerpt: string): string {
  const cut = QUOTED_PART.exec(excerpt);
  return cut ? excerpt.slice(0, cut.index) : excerpt;
}

function quoteOf(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
}

/** The words after a title that may be a name: capitalised words and tussenvoegsels, honorifics skipped. */
function wordsAfter(text: string, from: number): { words: string[]; end: number } {
  const word = /[ \t]+([\p{L}][\p{L}'’.-]*)/uy;
  word.lastIndex = from;
  const words: string[] = [];
  let end = from;
  for (let match = word.exec(text); match && words.length < MAX_NAME_WORDS; match = word.exec(text)) {
    const token = match[1]!.replace(/\.$/, '');
    const folded = normaliseName(token);
    if (words.length === 0 && HONORIFIC_WORDS.has(folded)) {
      end = word.lastIndex;
      continue;
    }
    if (!PARTICLES.has(folded) && !/^\p{Lu}/u.test(token)) break;
    words.push(token);
    end = word.lastIndex;
  }
  return { words, end };
}

/** The name's own words: folded, without tussenvoegsels ("De Lange" -> ["lange"]). */
function coreWords(name: string): string[] {
  return normaliseName(name)
    .split(' ')
    .filter((word) => word !== '' && !PARTICLES.has(word));
}

/** A display name's words in the order people say them ("Lange, Peter de" -> Peter de Lange). */
function displayCore(displayName: string): string[] {
  const parts = displayName.split(',');
  const ordered = parts.length === 2 && !displayName.includes('@') ? `${parts[1]} ${parts[0]}` : displayName;
  return coreWords(ordered);
}

/** Whether a mentioned name ("De Lange", "Vos") is this display name's surname, or all of it. */
export function nameMatches(mentioned: string, displayName: string): boolean {
  const wanted = coreWords(mentioned);
  if (wanted.length === 0 || wanted.some((word) => NOT_NAMES.has(word) || word.length < 2)) return false;
  if (displayName.includes('@')) return false;
  const have = displayCore(displayName);
  if (have.length < wanted.length) return false;
  const tail = have.slice(have.length - wanted.length);
  return tail.every((word, index) => word === wanted[index]);
}

/**
 * The one person among `people` a name after a title stands for: the longest run of the words
 * that matches exactly one of them ("Jones About Funding" tries "Jones About Funding", then
 * "Jones About", then "Jones"). Null when none or several match.
 */
function personNamed(words: readonly string[], people: readonly MentionPerson[]): { person: MentionPerson; name: string } | null {
  for (let count = words.length; count > 0; count -= 1) {
    const name = words.slice(0, count).join(' ');
    if (coreWords(name).length === 0) continue;
    const matching = people.filter((person) => nameMatches(name, person.name));
    const addresses = new Set(matching.map((person) => person.address));
    if (addresses.size === 1) return { person: matching[0]!, name };
    if (addresses.size > 1) return null;
  }
  return null;
}

const groupOf = (title: string): MentionGroup | undefined => GROUP_OF_TITLE.get(normaliseName(title));

/** People with an address, each once, leaving out `exclude` (the user's own addresses, the writer). */
function candidates(people: readonly MentionPerson[], exclude: ReadonlySet<string>): MentionPerson[] {
  const seen = new Map<string, MentionPerson>();
  for (const person of people) {
    if (person.address && !exclude.has(person.address) && !seen.has(person.address)) seen.set(person.address, person);
  }
  return [...seen.values()];
}

/**
 * The salutation of a mail the user wrote: "Geachte wethouder Hoekstra," names one of its
 * recipients; "Geachte griffier," with one addressee is that addressee.
 */
export function salutationMentions(mail: MentionMail, own: ReadonlySet<string>): RoleMention[] {
  const text = ownText(mail.excerpt);
  const match = SALUTATION.exec(text);
  const group = match ? groupOf(match[1]!) : undefined;
  if (!match || !group) return [];
  const { words, end } = wordsAfter(text, match.index + match[0].length);
  const comma = /^\s*,/.exec(text.slice(end));
  const quote = quoteOf(text.slice(0, end + (comma ? comma[0].length : 0)));
  // "Geachte burgemeester en wethouders,", "Dear Mayor and Councillors,": a group, not one person
  if (/^\s*(?:en|and|&)\s/i.test(text.slice(end))) return [];
  const recipients = candidates([...mail.to, ...mail.cc], own);
  const named = words.length > 0 ? personNamed(words, recipients) : null;
  // a name that is no recipient's ("Geachte wethouder Jansen," to her secretary) says nothing of the addressee
  if (words.length > 0 && !named) return [];
  const addressees = candidates(mail.to, own);
  const person = named?.person ?? (addressees.length === 1 && recipients.length === 1 ? addressees[0] : undefined);
  if (!person?.address) return [];
  return [
    {
      address: person.address,
      role: ROLE_OF_GROUP[group],
      confidence: named ? MENTION_CONFIDENCE.salutationNamed : MENTION_CONFIDENCE.salutationToOne,
      evidence: [evidence('role-salutation', { quote })],
    },
  ];
}

/** Every participant a subject names after a title ("Gesprek met wethouder De Lange"). */
export function subjectMentions(
  subject: string,
  participants: readonly MentionPerson[],
  own: ReadonlySet<string>,
): RoleMention[] {
  if (!subject || isForwardSubject(subject)) return [];
  const people = candidates(participants, own);
  const mentions: RoleMention[] = [];
  for (const match of subject.matchAll(TITLE_ANYWHERE)) {
    const group = groupOf(match[1]!);
    const { words } = wordsAfter(subject, match.index + match[0].length);
    const named = group ? personNamed(words, people) : null;
    if (!group || !named?.person.address) continue;
    mentions.push({
      address: named.person.address,
      role: ROLE_OF_GROUP[group],
      confidence: MENTION_CONFIDENCE.subject,
      evidence: [evidence('role-subject', { quote: quoteOf(subject) })],
    });
  }
  return mentions;
}

/**
 * "namens wethouder Vos" in a mail someone other than the user wrote: Vos (a participant of the
 * thread) is a wethouder, and the writer works for Vos, in the same group (a secretariaat of
 * the college is in the wethouder group).
 */
export function namensMentions(
  mail: MentionMail,
  participants: readonly MentionPerson[],
  own: ReadonlySet<string>,
): { roles: RoleMention[]; worksFor: WorksForMention[] } {
  const writer = mail.from.address;
  const found = { roles: [] as RoleMention[], worksFor: [] as WorksForMention[] };
  if (!writer || own.has(writer)) return found;
  const text = ownText(mail.excerpt);
  const people = candidates([...participants, ...mail.to, ...mail.cc], new Set([...own, writer]));
  for (const match of text.matchAll(NAMENS)) {
    const group = groupOf(match[1]!);
    const { words, end } = wordsAfter(text, match.index + match[0].length);
    const named = group ? personNamed(words, people) : null;
    if (!group || !named?.person.address) continue;
    const quote = quoteOf(text.slice(match.index, end));
    const role = ROLE_OF_GROUP[group];
    const forAddress = named.person.address;
    found.roles.push({
      address: forAddress,
      role,
      confidence: MENTION_CONFIDENCE.namens,
      evidence: [evidence('role-namens', { sender: mail.from.name || writer, quote })],
    });
    const relation = [evidence('role-namens-sender', { quote, name: named.person.name })];
    found.roles.push({ address: writer, role, confidence: MENTION_CONFIDENCE.namensSender, evidence: relation });
    found.worksFor.push({ address: writer, forAddress, evidence: relation });
  }
  return found;
}
