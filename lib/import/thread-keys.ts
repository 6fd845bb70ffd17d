/**
 * Keys of imported messages and their threads.
 *
 * Thread, in order of trust:
 * 1. X-GM-THRID (Takeout): Gmail's thread id in decimal, the same number the Gmail reader reads
 *    from `data-thread-perm-id="thread-f:<decimal>"` or as hex from `data-legacy-thread-id`; the key
 *    is the reader's own `gmail:thread-f:<decimal>`, so imported mail lands in the thread records
 *    the Gmail reader made.
 * 2. References / In-Reply-To: the thread of any referenced message seen earlier in this import,
 *    else the root (the first reference): `mail:thread:<hash of the root Message-ID>`. A first
 *    message keys its thread by its own Message-ID, so its replies find the same key even when
 *    they come first in the file.
 * 3. Outlook's Thread-Index, for replies that carry no references (Exchange-internal mail): its
 *    first 22 bytes name the conversation.
 * 4. A reply ("Re:", "Antw:", ...) without any of these joins an earlier thread with the same
 *    normalised subject and one of its participants; otherwise the message starts a thread of
 *    its own (its Message-ID), or, without one, `mail:derived:<hash of subject + participants>`.
 *
 * Rules 2-4 remember what they saw in one bounded map (oldest forgotten first), so the whole
 * import is one streaming pass; `state()` / `restore()` carry it across a resumed import.
 *
 * Message: the Message-ID (normalised) as `mail:mid:<id>`; without one, a hash of sender, date and
 * subject as `mail:derived-msg:<hash>`.
 */
import { fnv1a } from '../fnv1a';

export const DEFAULT_THREAD_MEMORY = 100_000;
const KEY_LIMIT = 300;

import { hasReplyPrefix, subjectTopic as normaliseSubject } from '../vocabulary/subjects';

export { hasReplyPrefix, normaliseSubject };

/**
 * A Message-ID as compared across sources: without brackets and spaces, the domain part
 * lower-cased (mailers keep the local part's case, but some rewrite the domain's).
 */
export function normaliseMessageId(id: string | null | undefined): string | null {
  if (!id) return null;
  const bare = id.replace(/^\s*<|>\s*$/g, '').replace(/\s+/g, '');
  if (!bare) return null;
  const at = bare.lastIndexOf('@');
  return at < 0 ? bare : bare.slice(0, at + 1) + bare.slice(at + 1).toLowerCase();
}

/** The Gmail reader's thread key for an X-GM-THRID (decimal, at most 64 bits), else null. */
export function gmailThreadKey(decimal: string | null | undefined): string | null {
  if (!decimal || !/^\d{1,20}$/.test(decimal)) return null;
  const value = BigInt(decimal);
  if (value === 0n || value >= 1n << 64n) return null;
  return `gmail:thread-f:${value.toString()}`;
}

export interface MessageKeyInput {
  messageId: string | null;
  /** the sender's address, else name */
  sender: string;
  at: number | null;
  dateRaw: string | null;
  subject: string;
}

export function messageKeyOf(input: MessageKeyInput): { messageKey: string; idSource: 'app' | 'derived' } {
  const id = normaliseMessageId(input.messageId);
  if (id) {
    const key = `mail:mid:${id}`;
    return { messageKey: key.length <= KEY_LIMIT ? key : `mail:mid-hash:${fnv1a(id)}`, idSource: 'app' };
  }
  const when = input.at !== null ? String(input.at) : (input.dateRaw ?? '');
  return {
    messageKey: `mail:derived-msg:${fnv1a([input.sender.toLowerCase(), when, normaliseSubject(input.subject)].join('\n'))}`,
    idSource: 'derived',
  };
}

export interface ThreadInput {
  gmailThreadId: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  /** oldest first */
  references: readonly string[];
  threadIndex: string | null;
  subject: string;
  /** addresses (or names, when there is no address) of sender and recipients */
  participants: readonly string[];
}

export interface ThreadKey {
  threadKey: string;
  idSource: 'app' | 'derived';
}

/** What the resolver remembers, to carry across a resumed import (oldest first). */
export type ThreadResolverState = Array<[string, string]>;

/** The conversation root of an Outlook Thread-Index (base64; its first 22 bytes), hex, or null. */
export function threadIndexRoot(threadIndex: string | null): { root: string; reply: boolean } | null {
  if (!threadIndex) return null;
  const clean = threadIndex.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(clean) || clean.length < 30) return null;
  let bytes: string;
  try {
    bytes = atob(clean.length % 4 === 0 ? clean : clean + '='.repeat(4 - (clean.length % 4)));
  } catch {
    return null;
  }
  if (bytes.length < 22) return null;
  let root = '';
  for (let index = 0; index < 22; index++) root += bytes.charCodeAt(index).toString(16).padStart(2, '0');
  // each reply adds a 5-byte block to the 22-byte header
  return { root, reply: bytes.length >= 27 };
}

export class ThreadResolver {
  private readonly memory = new Map<string, string>();

  constructor(private readonly maxEntries = DEFAULT_THREAD_MEMORY) {}

  /** How many ids, roots and subjects are remembered. */
  get size(): number {
    return this.memory.size;
  }

  state(): ThreadResolverState {
    return [...this.memory];
  }

  restore(state: ThreadResolverState): void {
    for (const [key, value] of state) this.remember(key, value, true);
  }

  private remember(key: string, threadKey: string, overwrite = false): void {
    if (!overwrite && this.memory.has(key)) return;
    this.memory.delete(key);
    this.memory.set(key, threadKey);
    if (this.memory.size > this.maxEntries) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
  }

  private subjectKeys(input: ThreadInput): string[] {
    const subject = normaliseSubject(input.subject);
    if (subject.length < 3) return [];
    // the sender and the first recipients: enough to find the thread, few enough to remember
    return input.participants.slice(0, 4).map((participant) => `s${fnv1a(`${subject}\n${participant.toLowerCase()}`)}`);
  }

  resolve(input: ThreadInput): ThreadKey {
    const gmail = gmailThreadKey(input.gmailThreadId);
    const own = normaliseMessageId(input.messageId);
    const subjects = this.subjectKeys(input);
    if (gmail) {
      if (own) this.remember(`m${fnv1a(own)}`, gmail);
      return { threadKey: gmail, idSource: 'app' };
    }

    const references = input.references.map(normaliseMessageId).filter((id): id is string => id !== null);
    const parent = normaliseMessageId(input.inReplyTo);
    if (parent && !references.includes(parent)) references.push(parent);
    const index = threadIndexRoot(input.threadIndex);

    let found: string | undefined;
    for (const id of references) {
      found = this.memory.get(`m${fnv1a(id)}`);
      if (found) break;
    }
    if (!found && index) found = this.memory.get(`t${index.root}`);
    if (!found && hasReplyPrefix(input.subject) && references.length === 0) {
      for (const key of subjects) {
        found = this.memory.get(key);
        if (found) break;
      }
    }

    let result: ThreadKey;
    if (found) result = { threadKey: found, idSource: 'app' };
    else if (references.length > 0) result = { threadKey: `mail:thread:${fnv1a(references[0]!)}`, idSource: 'app' };
    else if (index?.reply) result = { threadKey: `mail:thread-index:${fnv1a(index.root)}`, idSource: 'app' };
    else if (own) result = { threadKey: `mail:thread:${fnv1a(own)}`, idSource: 'app' };
    else {
      const people = [...new Set(input.participants.map((participant) => participant.toLowerCase()))].sort();
      result = {
        threadKey: `mail:derived:${fnv1a([normaliseSubject(input.subject), ...people].join('\n'))}`,
        idSource: 'derived',
      };
    }

    if (own) this.remember(`m${fnv1a(own)}`, result.threadKey);
    // the root and the closest ancestors; the middle of a long chain adds little
    for (const id of references.length > 6 ? [references[0]!, ...references.slice(-5)] : references)
      this.remember(`m${fnv1a(id)}`, result.threadKey);
    if (index) this.remember(`t${index.root}`, result.threadKey);
    // the latest thread with a subject wins: "Re: Agenda" belongs to the recent "Agenda"
    for (const key of subjects) this.remember(key, result.threadKey, true);
    return result;
  }
}
