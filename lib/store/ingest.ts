/**
 * Ingest: the one writer of observed data. Turns validated observation batches from the readers
 * into contacts (carrying the rules' tags with their evidence), organisations, threads and messages,
 * in one transaction.
 *
 * Idempotent: every record's id is derived from what the app shows (thread and message keys,
 * addresses), and every field merges (max of times, union of participants, the richer text), so
 * seeing the same row or message again, after a reload or from a second tab, updates and never
 * duplicates. A user's correction (`source: 'user'` tag) is never overwritten by a rule.
 */
import { classifyContactKind, classifyStakeholder, classifyThreadMunicipality } from '../classify';
import type { OrganisationGuess, PersonSignals, TagResult } from '../classify/types';
import type {
  MessageObservation,
  ObservationBatch,
  Participant,
} from '../messaging/observations';
import { detectAutoReply } from '../latency/auto-reply';
import type { RoleId } from '../vocabulary/roles';
import type { GemeenteradarDb } from './db';
import type { Contact, ContactKind, Message, Organisation, Tag, Thread } from './schemas';
import { applyThreadMunicipalities } from './corrections';
import { getByKeys, storedKeys } from './keyed-reads';
import { mailboxOf } from '../vocabulary/address';
import { effectiveKind, effectiveTag, mergeRuleTag, ruleTagOf, tagId, userScopesForContact, withRuleTag } from './tags';
import { maxTime, minTime } from './times';
import { OWNER_PLACEHOLDER_NAMES } from '../vocabulary/owner-names';

export interface IngestSummary {
  threads: number;
  messages: number;
  contactsCreated: number;
  contactsUpdated: number;
  /** stakeholder contacts whose interactions may have changed: their latency needs recomputing */
  affectedContactIds: string[];
}

/** Signals per person per batch are capped: enough to find a title, bounded work per person. */
const MAX_SIGNALS_PER_PERSON = 6;

interface PersonSeen {
  address: string;
  name: string;
  signals: PersonSignals[];
  firstAt: number | null;
  lastAt: number | null;
}

export function contactIdFor(address: string): string {
  return `c:${address}`;
}



function isPlaceholderName(name: string, address: string | null): boolean {
  const folded = name.trim().toLowerCase();
  return folded === '' || OWNER_PLACEHOLDER_NAMES.has(folded) || folded === address;
}

function betterName(current: string, candidate: string, address: string): string {
  if (isPlaceholderName(candidate, address)) return current || address;
  if (isPlaceholderName(current, address)) return candidate.trim();
  // Prefer the longer form ("Jan de Vries" over "Jan"): lists abbreviate, messages do not.
  return candidate.trim().length > current.length ? candidate.trim() : current;
}

function collectPeople(batches: ObservationBatch[]): Map<string, PersonSeen> {
  const people = new Map<string, PersonSeen>();
  const see = (participant: Participant, at: number | null, signals: Omit<PersonSignals, 'address' | 'name'>) => {
    const address = participant.address;
    if (!address) return;
    let person = people.get(address);
    if (!person) {
      person = { address, name: '', signals: [], firstAt: null, lastAt: null };
      people.set(address, person);
    }
    person.name = betterName(person.name, participant.name, address);
    person.firstAt = minTime(person.firstAt, at);
    person.lastAt = maxTime(person.lastAt, at);
    if (person.signals.length < MAX_SIGNALS_PER_PERSON) {
      person.signals.push({ address, name: participant.name, ...signals });
    }
  };
  for (const batch of batches) {
    for (const thread of batch.threads) {
      for (const participant of thread.participants) {
        see(participant, thread.at, { subject: thread.subject, snippet: thread.snippet });
      }
    }
    for (const message of batch.messages) {
      see(message.from, message.at, {
        subject: message.subject,
        snippet: message.excerpt,
        signature: message.signature,
      });
      for (const recipient of [...message.to, ...message.cc]) {
        see(recipient, message.at, { subject: message.subject });
      }
    }
  }
  return people;
}

interface Classified {
  kind: ContactKind;
  kindEvidence: string[];
  organisation: OrganisationGuess | null;
  municipality: TagResult<string | null> | null;
  role: TagResult<RoleId> | null;
}

/**
 * The rules' kind, unless the user said otherwise (`kind` correction, see effectiveKind); the
 * organisation, municipality and role only for a stakeholder.
 */
function classifyPerson(person: PersonSeen, ownAddresses: string[], kindOf: (ruleKind: ContactKind) => ContactKind): Classified {
  const rule = classifyContactKind(person.address, person.name, { ownAddresses });
  const kind = kindOf(rule.kind);
  if (kind !== 'stakeholder') {
    return { kind, kindEvidence: rule.evidence, organisation: null, municipality: null, role: null };
  }
  return { kind, kindEvidence: rule.evidence, ...classifyStakeholder(person.address, person.signals) };
}

function organisationRecord(guess: OrganisationGuess, existing: Organisation | undefined, now: number): Organisation {
  const domains = new Set([...(existing?.domains ?? []), guess.domain]);
  const codes = new Set([...(existing?.municipalityCodes ?? []), ...guess.municipalityCodes]);
  return {
    id: organisationIdFor(guess),
    name: existing?.name || guess.name,
    kind: guess.kind,
    domains: [...domains].slice(0, 50),
    municipalityCodes: [...codes],
    updatedAt: now,
  };
}

export function organisationIdFor(guess: OrganisationGuess): string {
  // A gemeente is one organisation whatever domain its people write from.
  if (guess.kind === 'gemeente' && guess.municipalityCodes[0]) return `org:gemeente:${guess.municipalityCodes[0]}`;
  return `org:${guess.domain}`;
}

function messageDirection(message: MessageObservation, own: Set<string>): 'in' | 'out' {
  const from = message.from;
  if (from.address) return own.has(from.address) ? 'out' : 'in';
  return OWNER_PLACEHOLDER_NAMES.has(from.name.trim().toLowerCase()) ? 'out' : 'in';
}

/** An account's `lastSeenAt` is kept to the day: rewriting it on every batch would cost a write. */
const ACCOUNT_SEEN_RESOLUTION_MS = 86_400_000;

/** How far apart the provisional and the final time of one sent message may be. */
const PROVISIONAL_MATCH_MS = 2 * 60_000;

/**
 * A reply just sent from a Gmail tab carries a provisional id (`#msg-a:r…`) until the page
 * reloads and shows its real one (`#msg-f:…`). When the real one arrives, the provisional record
 * of the same sender, thread and time is the same message: it goes, so nothing is counted twice.
 */
/** Provisional ids share a prefix: a key range finds the (usually zero) candidates directly. */
function loadProvisionalMessages(db: GemeenteradarDb, messageKeys: readonly string[]): Promise<Message[]> {
  if (!messageKeys.some((key) => key.startsWith('gmail:msg-f:'))) return Promise.resolve([]);
  return db.messages.where('id').startsWith('gmail:msg-a:').toArray();
}

function provisionalMessagesReplacedBy(candidates: readonly Message[], incoming: readonly Message[]): string[] {
  const finals = incoming.filter((message) => message.id.startsWith('gmail:msg-f:') && message.at != null);
  if (finals.length === 0) return [];
  return candidates
    .filter((provisional) =>
      finals.some(
        (final) =>
          final.threadId === provisional.threadId &&
          final.fromAddress === provisional.fromAddress &&
          (provisional.at == null || Math.abs(final.at! - provisional.at) <= PROVISIONAL_MATCH_MS),
      ),
    )
    .map((provisional) => provisional.id);
}

/** Fields the comparison ignores: when it was written, and what the store derives itself. */
const NOT_CONTENT = new Set(['updatedAt', 'mailboxes']);

function sameContent(next: object, stored: object): boolean {
  const content = (record: object) =>
    JSON.stringify(Object.entries(record).filter(([key]) => !NOT_CONTENT.has(key)).sort(([a], [b]) => (a < b ? -1 : 1)));
  return content(next) === content(stored);
}

/** The records that differ from what is stored (`previous` is aligned with `next`). */
function changedOnly<T extends object>(next: readonly T[], previous: readonly (T | undefined)[]): T[] {
  return next.filter((record, index) => {
    const stored = previous[index];
    return stored === undefined || !sameContent(record, stored);
  });
}

/**
 * The stored contacts for these addresses. Most are known, and a contact's id comes from its
 * first address: a primary-key read finds them. Only the rest (new people, other spellings of
 * a mailbox, addresses merged into another contact) need the mailbox index, one key each.
 */
async function findContacts(db: GemeenteradarDb, addresses: readonly string[], mailboxes: readonly string[]): Promise<Contact[]> {
  const byId = await getByKeys(db.contacts, addresses.map(contactIdFor));
  const found = byId.filter((contact): contact is Contact => contact !== undefined);
  const covered = new Set(found.flatMap((contact) => contact.mailboxes ?? contact.addresses.map(mailboxOf)));
  const missing = mailboxes.filter((mailbox) => !covered.has(mailbox));
  // most of the missing are new people: one scan of the index says which mailboxes are known
  const known = await storedKeys(db.contacts, 'mailboxes', missing);
  const more = await Promise.all(
    missing.filter((mailbox) => known.has(mailbox)).map((mailbox) => db.contacts.where('mailboxes').equals(mailbox).toArray()),
  );
  const all = new Map<string, Contact>();
  for (const contact of [...found, ...more.flat()]) all.set(contact.id, contact);
  return [...all.values()];
}

/**
 * Ingests batches in one read-write transaction. Callers (the background's queue) pass every
 * batch that arrived while the previous transaction ran, so a burst costs one transaction.
 */
export async function ingestBatches(
  db: GemeenteradarDb,
  batches: ObservationBatch[],
  now: number = Date.now(),
): Promise<IngestSummary> {
  const summary: IngestSummary = { threads: 0, messages: 0, contactsCreated: 0, contactsUpdated: 0, affectedContactIds: [] };
  if (batches.length === 0) return summary;

  return db.transaction(
    'rw',
    [db.contacts, db.organisations, db.threads, db.messages, db.tags, db.accounts],
    async () => {
      // Every read whose keys the batches already tell is issued at once, in two rounds: each
      // awaited read is a round trip to the browser's database process.
      const seenAccounts = new Map<string, ObservationBatch['host']>();
      for (const batch of batches) if (batch.account) seenAccounts.set(batch.account, batch.host);
      const people = collectPeople(batches);
      const seenAddresses = [...people.keys()];
      // One mailbox, several spellings (Gmail ignores dots and "+tags"): one contact, found by
      // its mailboxes (kept by the store itself on every contact write, see db.ts).
      const canonicalOf = new Map(seenAddresses.map((address) => [address, mailboxOf(address)]));
      const messageObservations = new Map<string, { message: MessageObservation; host: ObservationBatch['host'] }>();
      for (const batch of batches) {
        for (const message of batch.messages) messageObservations.set(message.messageKey, { message, host: batch.host });
      }
      const messageKeys = [...messageObservations.keys()];
      const threadKeys = [
        ...new Set(
          batches.flatMap((batch) => [
            ...batch.threads.map((row) => row.threadKey),
            ...batch.messages.map((message) => message.threadKey),
          ]),
        ),
      ];

      const [ownAddressList, existingContacts, existingMessages, existingThreads, userTagList, provisionalCandidates] =
        await Promise.all([
          // the user's own addresses: a handful, read whole; written only when new or a day old,
          // so a batch that changes nothing writes nothing
          db.accounts.toArray().then(async (accounts) => {
            const stored = new Map(accounts.map((account) => [account.address, account]));
            const due = [...seenAccounts]
              .filter(([address]) => (stored.get(address)?.lastSeenAt ?? -Infinity) < now - ACCOUNT_SEEN_RESOLUTION_MS)
              .map(([address, host]) => ({ address, host, lastSeenAt: now }));
            if (due.length > 0) await db.accounts.bulkPut(due);
            return [...new Set([...stored.keys(), ...seenAccounts.keys()])];
          }),
          findContacts(db, seenAddresses, [...new Set(canonicalOf.values())]),
          getByKeys(db.messages, messageKeys),
          getByKeys(db.threads, threadKeys),
          // corrections are few (a user makes them by hand): all of them in one indexed read
          db.tags.where('source').equals('user').toArray(),
          loadProvisionalMessages(db, messageKeys),
        ]);

      // 1. The user's own addresses decide sent vs received and who is a colleague.
      const own = new Set(ownAddressList);

      // 2. People: classify everyone seen, merge into existing contacts.
      for (const address of own) people.delete(address);
      const addresses = [...people.keys()];
      const contactByAddress = new Map<string, Contact>();
      for (const contact of existingContacts) {
        for (const address of contact.addresses) {
          contactByAddress.set(address, contact);
          contactByAddress.set(mailboxOf(address), contact);
        }
      }
      const idByCanonical = new Map<string, string>();
      const contactIdOf = (address: string): string => {
        const canonical = canonicalOf.get(address)!;
        const known = contactByAddress.get(address) ?? contactByAddress.get(canonical);
        if (known) return known.id;
        let id = idByCanonical.get(canonical);
        if (!id) {
          id = contactIdFor(address);
          idByCanonical.set(canonical, id);
        }
        return id;
      };

      // A person with several addresses (merged, or spellings of one mailbox): a correction on
      // any of them decides, so every address's and domain's scope is looked at.
      const scopesOf = (address: string, id: string) => {
        const known = contactByAddress.get(address) ?? contactByAddress.get(canonicalOf.get(address)!);
        return userScopesForContact({ id, addresses: [...new Set([...(known?.addresses ?? []), address])] });
      };
      const userTags = new Map<string, Tag>();
      for (const tag of userTagList) userTags.set(tag.id, tag);

      // per address (aligned with `addresses`): its contact, where corrections for it may live,
      // and what the rules (and a `kind` correction) make of it
      const contactIds = addresses.map(contactIdOf);
      const scopesByAddress = addresses.map((address, index) => scopesOf(address, contactIds[index]!));
      const classified = new Map<string, Classified>();
      const guesses = new Map<string, OrganisationGuess>();
      addresses.forEach((address, index) => {
        const scopes = scopesByAddress[index]!;
        const result = classifyPerson(people.get(address)!, ownAddressList, (ruleKind) => effectiveKind(ruleKind, scopes, userTags));
        classified.set(address, result);
        if (result.organisation) guesses.set(organisationIdFor(result.organisation), result.organisation);
      });

      const organisationIds = [...guesses.keys()];
      // contacts of these threads stored in earlier batches: their municipality decides the thread's
      const batchContactIds = new Set(contactIds);
      const missingContactIds = [
        ...new Set(existingThreads.flatMap((thread) => thread?.contactIds ?? []).filter((id) => !batchContactIds.has(id))),
      ];
      const [existingOrganisations, missingContacts] = await Promise.all([
        db.organisations.bulkGet(organisationIds),
        getByKeys(db.contacts, missingContactIds),
      ]);
      const organisations = organisationIds.map((id, index) =>
        organisationRecord(guesses.get(id)!, existingOrganisations[index], now),
      );

      const contactsToPut = new Map<string, Contact>();
      addresses.forEach((address, index) => {
        const person = people.get(address)!;
        const result = classified.get(address)!;
        const id = contactIds[index]!;
        // the user's own address in another spelling: an account, never a contact
        if (result.kind === 'self') return;
        const existing = contactsToPut.get(id) ?? contactByAddress.get(address) ?? contactByAddress.get(canonicalOf.get(address)!);
        if (existing) summary.contactsUpdated++;
        else summary.contactsCreated++;

        const municipalityTag = mergeRuleTag(ruleTagOf(existing ?? {}, 'municipality'), result.municipality, id, 'municipality', now);
        const roleTag = mergeRuleTag(ruleTagOf(existing ?? {}, 'role'), result.role, id, 'role', now);
        const scopes = scopesByAddress[index]!;
        const municipality = effectiveTag(scopes, 'municipality', userTags, municipalityTag);
        const role = effectiveTag(scopes, 'role', userTags, roleTag);
        const organisationId = result.organisation ? organisationIdFor(result.organisation) : null;

        contactsToPut.set(id, {
          id,
          name: betterName(existing?.name ?? '', person.name, address) || address,
          addresses: existing?.addresses.includes(address)
            ? existing.addresses
            : [...(existing?.addresses ?? []), address].slice(0, 50),
          // the rules' kind at every sighting, unless the user's `kind` correction says otherwise
          kind: result.kind,
          organisationId: existing?.organisationId ?? organisationId,
          municipalityCode: result.kind === 'stakeholder' ? (municipality?.value ?? null) : null,
          role: result.kind === 'stakeholder' ? ((role?.value as RoleId | undefined) ?? 'onbekend') : 'onbekend',
          ruleTags: withRuleTag(withRuleTag(existing?.ruleTags, 'municipality', municipalityTag), 'role', roleTag),
          firstSeenAt: minTime(existing?.firstSeenAt, person.firstAt),
          lastSeenAt: maxTime(existing?.lastSeenAt, person.lastAt),
          updatedAt: now,
        });
      });

      const stakeholderIdByAddress = new Map<string, string>();
      for (const contact of contactsToPut.values()) {
        if (contact.kind !== 'stakeholder') continue;
        for (const address of contact.addresses) stakeholderIdByAddress.set(address, contact.id);
      }
      const stakeholderIds = (participants: Participant[]) => [
        ...new Set(
          participants.flatMap((participant) => {
            const id = participant.address ? stakeholderIdByAddress.get(participant.address) : undefined;
            return id ? [id] : [];
          }),
        ),
      ];

      // 3. Messages: merge with what we knew (a collapsed view knows less than an expanded one).
      const messagesToPut: Message[] = messageKeys.map((key, index) => {
        const { message, host } = messageObservations.get(key)!;
        const previous = existingMessages[index];
        const direction = messageDirection(message, own);
        const recipients = [...message.to, ...message.cc];
        const toAddresses = new Set(previous?.toAddresses ?? []);
        for (const recipient of recipients) if (recipient.address) toAddresses.add(recipient.address);
        const involved = direction === 'in' ? stakeholderIds([message.from]) : stakeholderIds(recipients);
        // Only what they send can be an out-of-office; the user's own mail never is one for us.
        const autoReply =
          direction === 'in'
            ? detectAutoReply({ subject: message.subject, excerpt: message.excerpt }, { now: message.at ?? now })
            : null;
        return {
          id: key,
          threadId: message.threadKey,
          host,
          idSource: message.idSource,
          direction,
          fromAddress: message.from.address ?? previous?.fromAddress ?? null,
          fromName: isPlaceholderName(message.from.name, message.from.address)
            ? (previous?.fromName ?? message.from.name)
            : message.from.name,
          toAddresses: [...toAddresses].slice(0, 400),
          contactIds: [...new Set([...(previous?.contactIds ?? []), ...involved])],
          at: message.at ?? previous?.at ?? null,
          atRaw: message.atRaw ?? previous?.atRaw ?? null,
          subject: message.subject || previous?.subject || '',
          excerpt: message.excerpt.length >= (previous?.excerpt.length ?? 0) ? message.excerpt : previous!.excerpt,
          isAutoReply: (autoReply?.isAutoReply ?? false) || (previous?.isAutoReply ?? false),
          autoReplyUntil: autoReply?.until ?? previous?.autoReplyUntil ?? null,
          updatedAt: now,
        };
      });
      summary.messages = messagesToPut.length;
      summary.affectedContactIds = [...new Set(messagesToPut.flatMap((message) => message.contactIds))];
      const replacedProvisional = provisionalMessagesReplacedBy(provisionalCandidates, messagesToPut);

      // 4. Threads: list rows and opened conversations both describe a thread.
      type ThreadDraft = Omit<Thread, 'municipalityCode' | 'updatedAt'>;
      const drafts = new Map<string, ThreadDraft>();
      const draftFor = (key: string, host: ObservationBatch['host'], idSource: Thread['idSource']): ThreadDraft => {
        let draft = drafts.get(key);
        if (!draft) {
          draft = {
            id: key,
            host,
            idSource,
            subject: '',
            snippet: '',
            contactIds: [],
            firstMessageAt: null,
            lastMessageAt: null,
            lastMessageAtRaw: null,
            messageCount: null,
          };
          drafts.set(key, draft);
        }
        return draft;
      };
      // A list row names the thread as the app does; a message's subject ("Re: ...", "RE: ...")
      // only names a thread that has no row yet. So the two never take turns at the subject.
      const namedByRow = new Set<string>();
      for (const batch of batches) {
        for (const row of batch.threads) {
          const draft = draftFor(row.threadKey, batch.host, row.idSource);
          if (row.subject) namedByRow.add(row.threadKey);
          draft.subject = row.subject || draft.subject;
          draft.snippet = row.snippet || draft.snippet;
          draft.contactIds = [...new Set([...draft.contactIds, ...stakeholderIds(row.participants)])];
          if (row.at != null && (draft.lastMessageAt == null || row.at >= draft.lastMessageAt)) {
            draft.lastMessageAt = row.at;
            draft.lastMessageAtRaw = row.atRaw;
          } else if (draft.lastMessageAt == null) {
            draft.lastMessageAtRaw = row.atRaw ?? draft.lastMessageAtRaw;
          }
          draft.messageCount = Math.max(draft.messageCount ?? 0, row.messageCount ?? 0) || null;
        }
      }
      for (const message of messagesToPut) {
        const draft = draftFor(message.threadId, message.host, message.idSource);
        draft.subject ||= message.subject;
        draft.contactIds = [...new Set([...draft.contactIds, ...message.contactIds])];
        draft.firstMessageAt = minTime(draft.firstMessageAt, message.at);
        if (message.at != null && (draft.lastMessageAt == null || message.at > draft.lastMessageAt)) {
          draft.lastMessageAt = message.at;
          draft.lastMessageAtRaw = message.atRaw;
        }
      }
      const threadUserTags = threadKeys.map((key) => userTags.get(tagId('user', 'thread', key, 'municipality')));
      // Municipalities of the thread's contacts, including contacts stored in earlier batches.
      const municipalityOfContact = new Map<string, string | null>();
      for (const contact of missingContacts) if (contact) municipalityOfContact.set(contact.id, contact.municipalityCode);
      for (const contact of contactsToPut.values()) municipalityOfContact.set(contact.id, contact.municipalityCode);

      const threadsToPut: Thread[] = threadKeys.map((key, index) => {
        const draft = drafts.get(key)!;
        const previous = existingThreads[index];
        const contactIdsOfThread = [...new Set([...(previous?.contactIds ?? []), ...draft.contactIds])].slice(0, 200);
        const subject = (namedByRow.has(key) ? draft.subject : previous?.subject || draft.subject) || '';
        const snippet = draft.snippet || previous?.snippet || '';
        const lastMessageAt = maxTime(previous?.lastMessageAt, draft.lastMessageAt);
        const ruleResult = classifyThreadMunicipality({
          subject,
          snippet,
          contactMunicipalities: contactIdsOfThread.map((id) => municipalityOfContact.get(id) ?? null),
        });
        // A thread's municipality follows from its contacts and its text, recomputed from all of
        // them each time: kept on the thread with its evidence (no separate tag record to write).
        const userTag = threadUserTags[index];
        return {
          id: key,
          host: draft.host,
          idSource: previous?.idSource === 'app' ? 'app' : draft.idSource,
          subject,
          snippet,
          contactIds: contactIdsOfThread,
          municipalityCode: userTag ? userTag.value : (ruleResult?.value ?? null),
          municipalityEvidence: (userTag ?? ruleResult)?.evidence.slice(0, 20) ?? [],
          firstMessageAt: minTime(previous?.firstMessageAt, draft.firstMessageAt),
          lastMessageAt,
          lastMessageAtRaw:
            lastMessageAt === draft.lastMessageAt && draft.lastMessageAtRaw
              ? draft.lastMessageAtRaw
              : (previous?.lastMessageAtRaw ?? draft.lastMessageAtRaw),
          messageCount: Math.max(previous?.messageCount ?? 0, draft.messageCount ?? 0) || null,
          updatedAt: now,
        };
      });
      summary.threads = threadsToPut.length;

      // A page sends the same rows again and again (every re-render, every reload): records
      // whose content is what is stored already are not written again.
      const storedContacts = new Map(existingContacts.map((contact) => [contact.id, contact]));
      const writes = {
        organisations: changedOnly(organisations, existingOrganisations),
        contacts: changedOnly([...contactsToPut.values()], [...contactsToPut.keys()].map((id) => storedContacts.get(id))),
        messages: changedOnly(messagesToPut, existingMessages),
        threads: changedOnly(threadsToPut, existingThreads),
      };
      await Promise.all([
        writes.organisations.length ? db.organisations.bulkPut(writes.organisations) : undefined,
        writes.contacts.length ? db.contacts.bulkPut(writes.contacts) : undefined,
        writes.messages.length ? db.messages.bulkPut(writes.messages) : undefined,
        replacedProvisional.length ? db.messages.bulkDelete(replacedProvisional) : undefined,
        writes.threads.length ? db.threads.bulkPut(writes.threads) : undefined,
      ]);
      // A person whose municipality this batch changed (a signature told it): their threads not in
      // this batch follow too, as they do after a correction. Rare, so its cost is small.
      const municipalityMoved = writes.contacts
        .filter((contact) => {
          const stored = storedContacts.get(contact.id);
          return stored !== undefined && stored.municipalityCode !== contact.municipalityCode;
        })
        .map((contact) => contact.id);
      if (municipalityMoved.length > 0) await applyThreadMunicipalities(db, municipalityMoved, now);
      return summary;
    },
  );
}
