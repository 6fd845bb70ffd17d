/**
 * A parsed mail -> the observation every reader produces (lib/messaging/observations.ts), plus
 * the import's header facts; which messages are kept; and batches with resume points.
 *
 * Direction (sent or received) is left to ingest, as for the readers: it compares `from` with the
 * user's own addresses.
 */
import { classifyContactKind } from '../classify/contact-kind';
import type { ContactKind } from '../classify/types';
import type { ImportedMessageObservation, MailHeaderFacts, Participant } from '../messaging/observations';
import { normaliseAddress } from '../vocabulary/address';
import { foldWhitespace } from '../readers/dom';
import { bodyText } from './body-text';
import { parseMailDate } from './mail-date';
import type { MailAddress, ParsedMail } from './mime';
import type { DropReason, MessageProblem } from './problems';
import { messageKeyOf, normaliseMessageId, type ThreadResolver } from './thread-keys';

const MAX_RECIPIENTS = 200;
const MAX_REFERENCES = 20;

function participantOf(entry: MailAddress): Participant | null {
  const address = normaliseAddress(entry.address);
  const name = foldWhitespace(entry.name).slice(0, 300);
  if (!address && !name && !entry.address.trim()) return null;
  // an address we cannot validate is kept as the name, as a reader keeps what the page shows
  return { address, name: name || (address ? '' : foldWhitespace(entry.address).slice(0, 300)) };
}

function participantsOf(entries: readonly MailAddress[]): Participant[] {
  const out: Participant[] = [];
  for (const entry of entries) {
    const participant = participantOf(entry);
    if (!participant) continue;
    const duplicate = out.some((known) =>
      participant.address ? known.address === participant.address : !known.address && known.name === participant.name,
    );
    if (!duplicate) out.push(participant);
    if (out.length >= MAX_RECIPIENTS) break;
  }
  return out;
}

/** Takeout's separator carries Gmail's message id: "From 1583290388308606088@xxx Mon Nov 06 ...". */
export function gmailMessageIdOf(separator: string | null): string | null {
  const match = separator ? /^(\d{1,20})@xxx\b/.exec(separator) : null;
  return match ? match[1]! : null;
}

function cappedReferences(references: readonly string[]): string[] {
  const ids = references.map(normaliseMessageId).filter((id): id is string => id !== null && id.length <= 998);
  return ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
}

export type MappedMessage =
  { ok: true; observation: ImportedMessageObservation; problems: MessageProblem[] } | { ok: false; reason: 'no-sender' };

/**
 * The observation of one parsed mail. `separator` is the mbox "From " line's text (null for an
 * .eml). The resolver is the import's one ThreadResolver (it remembers earlier messages).
 */
export function mapMessage(mail: ParsedMail, separator: string | null, resolver: ThreadResolver): MappedMessage {
  const problems = [...mail.problems];
  const from = mail.from ? participantOf(mail.from) : null;
  if (!from) return { ok: false, reason: 'no-sender' };
  if (!from.address) problems.push('no-address');
  const to = participantsOf(mail.to);
  const cc = participantsOf(mail.cc).filter(
    (participant) => !to.some((known) => participant.address !== null && known.address === participant.address),
  );
  const subject = foldWhitespace(mail.subject).slice(0, 1000);

  const at = parseMailDate(mail.dateRaw);
  const atRaw = mail.dateRaw ? foldWhitespace(mail.dateRaw).slice(0, 200) || null : null;
  if (!atRaw) problems.push('no-date');
  else if (at === null) problems.push('unparsable-date');

  const messageId = normaliseMessageId(mail.messageId);
  if (!messageId) problems.push('no-message-id');
  const sender = from.address ?? from.name;
  const { messageKey, idSource } = messageKeyOf({ messageId, sender, at, dateRaw: atRaw, subject });
  const thread = resolver.resolve({
    gmailThreadId: mail.gmailThreadId,
    messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    threadIndex: mail.threadIndex,
    subject,
    participants: [from, ...to, ...cc].map((participant) => participant.address ?? participant.name.toLowerCase()),
  });

  const { excerpt, signature } = bodyText(mail.text);
  const inReplyTo = normaliseMessageId(mail.inReplyTo);
  const facts: MailHeaderFacts = {
    messageId: messageId && messageId.length <= 998 ? messageId : null,
    inReplyTo: inReplyTo && inReplyTo.length <= 998 ? inReplyTo : null,
    references: cappedReferences(mail.references),
    autoSubmitted: mail.autoSubmitted,
    gmailMessageId: gmailMessageIdOf(separator),
    labels: mail.labels.map((label) => label.slice(0, 200)),
  };
  return {
    ok: true,
    problems,
    observation: {
      messageKey,
      threadKey: thread.threadKey,
      // a message keyed by its own id is 'app' even in a thread we had to derive, as in the readers
      idSource: idSource === 'app' && thread.idSource === 'app' ? 'app' : 'derived',
      subject,
      from,
      to,
      cc,
      at,
      atRaw,
      expanded: true,
      excerpt,
      signature,
      mail: facts,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// which messages are kept

export interface FilterOptions {
  /** the user's own addresses (every account they have): decides self and colleagues */
  ownAddresses: readonly string[];
  /**
   * drop newsletters by their headers (List-Unsubscribe, Precedence: bulk/junk) when they answer
   * nothing; default true. The readers never see headers: this is the import's addition.
   */
  dropNewsletters?: boolean;
}

/**
 * Whether an imported message could involve a stakeholder, with the readers' classifier of
 * contact kinds (lib/classify/contact-kind.ts). Anyone it calls a stakeholder keeps the message:
 * a private correspondent on a consumer domain may be a resident (bewoner), so private mail is
 * only dropped when it is automatic or stays within the user's organisation.
 */
export class StakeholderFilter {
  private readonly kinds = new Map<string, ContactKind>();
  private readonly dropNewsletters: boolean;

  constructor(private readonly options: FilterOptions) {
    this.dropNewsletters = options.dropNewsletters ?? true;
  }

  private kindOf(participant: Participant): ContactKind {
    const key = `${participant.address ?? ''}\n${participant.address ? '' : participant.name}`;
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      kind = classifyContactKind(participant.address, participant.name, { ownAddresses: this.options.ownAddresses }).kind;
      // people repeat: remember them, within bounds
      if (this.kinds.size >= 50_000) this.kinds.clear();
      this.kinds.set(key, kind);
    }
    return kind;
  }

  /** Why the message is dropped, or null to keep it. */
  dropReason(
    observation: ImportedMessageObservation,
    mail: Pick<ParsedMail, 'labels' | 'bulkHeaders' | 'inReplyTo' | 'references'>,
  ): DropReason | null {
    const labels = mail.labels.map((label) => label.toLowerCase());
    if (labels.includes('spam')) return 'spam';
    if (labels.includes('chat') || labels.includes('chats')) return 'chat';
    const fromKind = this.kindOf(observation.from);
    const answersSomething = mail.inReplyTo !== null || mail.references.length > 0;
    if (this.dropNewsletters && mail.bulkHeaders && !answersSomething && fromKind !== 'self') return 'newsletter';

    const kinds = [
      fromKind,
      ...observation.to.map((each) => this.kindOf(each)),
      ...observation.cc.map((each) => this.kindOf(each)),
    ];
    if (kinds.includes('stakeholder')) return null;
    if (fromKind === 'bulk' || kinds.includes('bulk')) return 'automatic-sender';
    if (kinds.every((kind) => kind === 'self')) return 'only-self';
    return 'own-organisation';
  }
}

// ---------------------------------------------------------------------------------------------
// batches

/** Observations per batch: well under the contract's 1000, small enough for one runtime message. */
export const IMPORT_BATCH_SIZE = 200;

export interface ImportedBatch {
  messages: ImportedMessageObservation[];
  /**
   * Where to resume once this batch is stored: the offset of the first message not handled yet
   * (every message before it is in this or an earlier batch, or was dropped or skipped).
   */
  resumeOffset: number;
}

/** Groups kept observations into batches; a message key seen twice in a batch is sent once. */
export class ImportBatcher {
  private messages: ImportedMessageObservation[] = [];
  private keys = new Set<string>();

  constructor(private readonly size = IMPORT_BATCH_SIZE) {}

  /** Adds a kept message; returns a full batch when this one filled it. `resumeOffset`: the message's end. */
  add(observation: ImportedMessageObservation, resumeOffset: number): ImportedBatch | null {
    if (!this.keys.has(observation.messageKey)) {
      this.keys.add(observation.messageKey);
      this.messages.push(observation);
    }
    return this.messages.length >= this.size ? this.flush(resumeOffset) : null;
  }

  /** Whatever is pending, as a batch (null when nothing is). */
  flush(resumeOffset: number): ImportedBatch | null {
    if (this.messages.length === 0) return null;
    const batch = { messages: this.messages, resumeOffset };
    this.messages = [];
    this.keys = new Set();
    return batch;
  }

  get pending(): number {
    return this.messages.length;
  }
}
