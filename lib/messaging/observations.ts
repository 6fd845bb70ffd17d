/**
 * The one contract between content scripts (readers) and the background.
 *
 * Content scripts import only the *types* from this file (zod stays out of their bundle, they
 * must stay small); the background validates every incoming batch with the schemas before it
 * touches the store. Every reader (Gmail, Outlook, calendars) produces these same shapes.
 */
import { z } from 'zod';
import { isValidAddress, MAX_ADDRESS_LENGTH } from '../vocabulary/address';
import { MAIL_HOSTS } from '../vocabulary/hosts';

/** Lower-case e-mail address (the rule: lib/vocabulary/address.ts); readers normalise before sending. */
export const AddressSchema = z
  .string()
  .max(MAX_ADDRESS_LENGTH)
  .refine(isValidAddress, 'not an e-mail address')
  .refine((value) => value === value.toLowerCase(), 'address must be lower-case');

/** A person as shown by the webmail: display name, and the address where the markup has it. */
export const ParticipantSchema = z.object({
  address: AddressSchema.nullable(),
  name: z.string().max(300),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/** Where a key came from: the app's own id attributes, or derived by us from visible content. */
export const IdSourceSchema = z.enum(['app', 'derived']);

/** A time seen on the page: epoch ms when we could determine it, and the raw text we saw. */
const TimeFields = {
  /** ms since epoch, null when the page shows no time we could parse (then never guessed). */
  at: z.number().int().min(0).max(8.64e15).nullable(),
  /** the localized text or title we read it from, kept for display and later re-parsing. */
  atRaw: z.string().max(200).nullable(),
};

/** One row of a message list (a conversation as shown in the list). */
export const ThreadObservationSchema = z.object({
  /** Host-prefixed stable key, e.g. `gmail:thread-f:1849...` or `outlook:conv:AAQk...`. */
  threadKey: z.string().min(3).max(300),
  idSource: IdSourceSchema,
  subject: z.string().max(1000),
  snippet: z.string().max(2000),
  participants: z.array(ParticipantSchema).max(100),
  /** time of the latest message in the conversation */
  ...TimeFields,
  unread: z.boolean(),
  messageCount: z.number().int().positive().nullable(),
});
export type ThreadObservation = z.infer<typeof ThreadObservationSchema>;

/** One message of an opened conversation, expanded or collapsed. */
export const MessageObservationSchema = z.object({
  /** Host-prefixed stable key, e.g. `gmail:msg-f:1849...`. */
  messageKey: z.string().min(3).max(300),
  threadKey: z.string().min(3).max(300),
  idSource: IdSourceSchema,
  subject: z.string().max(1000),
  from: ParticipantSchema,
  to: z.array(ParticipantSchema).max(200),
  cc: z.array(ParticipantSchema).max(200),
  ...TimeFields,
  expanded: z.boolean(),
  /** Plain text: the visible body start (expanded) or the snippet (collapsed); never HTML. */
  excerpt: z.string().max(2000),
  /** Plain text of the signature block where the markup marks one. */
  signature: z.string().max(1000).nullable(),
});
export type MessageObservation = z.infer<typeof MessageObservationSchema>;

/** Problems a reader can report; counted, shown in the popup, never stored as data. */
export const READER_PROBLEMS = [
  'no-participants',
  'no-id',
  'no-date',
  'unparsable-date',
  'no-sender',
  'no-address',
  'unknown-markup',
  // more recipients than a message observation holds (200): the rest are not read
  'too-many-recipients',
] as const;
export type ReaderProblem = (typeof READER_PROBLEMS)[number];

export const ReaderHealthSchema = z.object({
  /** what the visible view is */
  view: z.enum(['list', 'conversation', 'other']),
  /** ok: everything read; partial: some items skipped or degraded; unrecognised: markup we don't know */
  status: z.enum(['ok', 'partial', 'unrecognised']),
  itemsSeen: z.number().int().min(0),
  itemsRead: z.number().int().min(0),
  problems: z.partialRecord(z.enum(READER_PROBLEMS), z.number().int().min(0)),
});
export type ReaderHealth = z.infer<typeof ReaderHealthSchema>;

export const ObservationBatchSchema = z.object({
  host: z.enum(MAIL_HOSTS),
  /** the signed-in mailbox address, when the page tells us; decides sent vs received */
  account: AddressSchema.nullable(),
  observedAt: z.number().int().min(0),
  threads: z.array(ThreadObservationSchema).max(1000),
  messages: z.array(MessageObservationSchema).max(1000),
  health: ReaderHealthSchema,
});
export type ObservationBatch = z.infer<typeof ObservationBatchSchema>;

// ---------------------------------------------------------------------------------------------
// Imported mail (mbox, .eml; lib/import): what a message's own headers add. The webmail readers
// never see headers, so all of it lives in one optional object beside the reader fields.

/** A Message-ID as mail carries it, without angle brackets. */
const MessageIdSchema = z.string().min(1).max(998);

export const MailHeaderFactsSchema = z.object({
  /** the Message-ID, normalised (lib/import/thread-keys.ts normaliseMessageId) */
  messageId: MessageIdSchema.nullable(),
  inReplyTo: MessageIdSchema.nullable(),
  /** References, oldest first: the root and the latest ones when there are many */
  references: z.array(MessageIdSchema).max(20),
  /** Auto-Submitted / X-Autoreply: 'auto-replied' makes out-of-office detection exact */
  autoSubmitted: z.enum(['auto-replied', 'auto-generated']).nullable(),
  /** Gmail's message id from a Takeout "From " line (decimal), for matching the Gmail reader's messages */
  gmailMessageId: z.string().regex(/^\d{1,20}$/).nullable(),
  /** X-Gmail-Labels (Takeout): "Inbox", "Sent", "Important", user labels */
  labels: z.array(z.string().max(200)).max(50),
});
export type MailHeaderFacts = z.infer<typeof MailHeaderFactsSchema>;

/** A message read from an imported mailbox: the reader shape plus its header facts. */
export const ImportedMessageObservationSchema = MessageObservationSchema.extend({
  mail: MailHeaderFactsSchema.optional(),
});
export type ImportedMessageObservation = z.infer<typeof ImportedMessageObservationSchema>;
