/**
 * What a mailbox import can report, as codes (the UI renders them with `t()`; lib has no
 * sentences). Three kinds, because they mean different things to the user:
 *
 * - a file problem stops the file: it is not a mailbox we can read (a zip, a PDF, a .pst);
 * - a skipped message is not imported (it cannot be read whole), counted with its position;
 * - a dropped message was read fine but involves no stakeholder: counted, never stored;
 * - a message problem degrades an imported message (no time, broken MIME) without losing it.
 */

/** Why a whole file cannot be imported. */
export const MAILBOX_FILE_PROBLEMS = [
  'empty-file',
  /** a .zip (a Takeout download not yet unpacked, or an Office document) */
  'zip-archive',
  /** gzip, bzip2, xz, zstd, 7z or rar: unpack it first */
  'compressed-archive',
  'pdf-document',
  /** an Outlook data file (.pst/.ost): Outlook exports single messages as .eml, or mbox via Thunderbird */
  'outlook-data-file',
  /** an Outlook .msg (an OLE compound file), not an .eml */
  'outlook-msg-file',
  /** text or binary that neither starts with an mbox "From " line nor with mail headers */
  'not-a-mailbox',
  /** a resume offset that does not point at a message start ("From " line) */
  'bad-resume-offset',
] as const;
export type MailboxFileProblem = (typeof MAILBOX_FILE_PROBLEMS)[number];

/** Thrown by the splitter (and so by the reader) for a file it cannot read; `code` is the reason. */
export class MailboxFileError extends Error {
  constructor(
    readonly code: MailboxFileProblem,
    /** absolute byte offset where the problem was seen */
    readonly offset: number,
  ) {
    super(`mailbox file problem: ${code} at byte ${offset}`);
    this.name = 'MailboxFileError';
  }
}

/** Why one message is not imported (the import goes on with the next). */
export const SKIP_REASONS = [
  /** the text between two separators does not start with mail headers */
  'no-headers',
  /** the header block does not end within the part of the message we keep (see maxMessageBytes) */
  'headers-too-large',
  /** the file ends inside the message (an unfinished header block or multipart): half a message is never stored */
  'truncated',
  /** the MIME parser gave up on it */
  'unreadable-mime',
  /** no From with an address or a name */
  'no-sender',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Why a message that was read fine is not kept: it involves nobody who could be a stakeholder. */
export const DROP_REASONS = [
  /** every other participant is an automatic sender (noreply, a mailing service) */
  'automatic-sender',
  /** List-Unsubscribe or Precedence: bulk/junk on a message that answers nothing: a newsletter */
  'newsletter',
  /** only the user and colleagues (the same organisation domain) */
  'own-organisation',
  /** only the user's own addresses */
  'only-self',
  /** Gmail label Spam */
  'spam',
  /** Gmail label Chat: a Hangouts/Chat transcript dressed as a message */
  'chat',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** What is wrong with a message that is imported anyway. */
export const MESSAGE_PROBLEMS = [
  'no-date',
  /** a Date header we cannot read: the time stays null, the raw text is kept */
  'unparsable-date',
  /** a charset TextDecoder does not know: the text was read as windows-1252 */
  'unknown-charset',
  /** a multipart whose boundary never appears or never closes: the text may be missing */
  'broken-mime',
  /** no text/plain or text/html part: the excerpt is empty */
  'no-text',
  /** bigger than the kept limit: read from its start, the rest (attachments) passed over */
  'clipped',
  'no-message-id',
  /** a From whose address is not a valid address (kept by name) */
  'no-address',
] as const;
export type MessageProblem = (typeof MESSAGE_PROBLEMS)[number];

export type Counts<Code extends string> = Partial<Record<Code, number>>;

export function addCount<Code extends string>(counts: Counts<Code>, code: Code, by = 1): void {
  counts[code] = (counts[code] ?? 0) + by;
}

/** A skipped message and where it was: enough for the user to find it in the file. */
export interface SkippedMessage {
  reason: SkipReason;
  /** 0-based position of the message in the file (counted from the resume point, if any) */
  index: number;
  /** absolute byte offset of the message's start */
  offset: number;
}
