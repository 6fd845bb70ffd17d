/**
 * Messages between extension contexts. The background validates every incoming message with
 * these schemas and checks who sent it (its table, lib/messaging/background-handler.ts):
 * observations only from our content scripts on the mail hosts, user actions only from our own
 * extension pages.
 */
import { z } from 'zod';
import { LogCallInputSchema, UndoCallInputSchema } from '../store/calls';
import { MergeContactsInputSchema, SplitContactInputSchema } from '../store/contact-merge';
import { CorrectionInputSchema, RemoveCorrectionInputSchema } from '../store/corrections';
import { SettleMeetingNameInputSchema } from '../store/calendar/settle-name';
import {
  MeetingDecisionInputSchema,
  ReplyDecisionInputSchema,
  RestoreDecisionInputSchema,
  SnoozeInputSchema,
} from '../store/decisions';
import type { MeetingIngestSummary } from '../store/calendar/plan';
import { AddNextStepInputSchema, SaveNoteInputSchema, UpdateNextStepInputSchema } from '../store/notes';
import { CONTACT_STATUSES_MAX_ADDRESSES } from './contact-statuses';
import { reason, type Reason } from '../vocabulary/reasons';
import { DATA_MESSAGE_SCHEMAS } from './data-messages';
import {
  AddressSchema,
  ImportedMeetingBatchSchema,
  ImportedMessageObservationSchema,
  MeetingBatchSchema,
  ObservationBatchSchema,
} from './observations';

export const ObservationsMessageSchema = z.object({
  type: z.literal('observations'),
  batch: ObservationBatchSchema,
});

/** What a calendar content script saw (Google Calendar, Outlook's calendar). */
export const MeetingsMessageSchema = z.object({ type: z.literal('meetings'), batch: MeetingBatchSchema });

/** The meetings of one .ics file, from the import page (a user's action). */
export const ImportMeetingsMessageSchema = z.object({ type: z.literal('import-meetings'), batch: ImportedMeetingBatchSchema });

export const LogCallMessageSchema = z.object({
  type: z.literal('log-call'),
  call: LogCallInputSchema,
});

// The side panel's user actions (each validated again by the store function it calls).
export const CorrectTagMessageSchema = z.object({ type: z.literal('correct-tag'), correction: CorrectionInputSchema });
export const RemoveCorrectionMessageSchema = z.object({
  type: z.literal('remove-correction'),
  correction: RemoveCorrectionInputSchema,
});
export const MergeContactsMessageSchema = z.object({ type: z.literal('merge-contacts'), merge: MergeContactsInputSchema });
export const SplitContactMessageSchema = z.object({ type: z.literal('split-contact'), split: SplitContactInputSchema });
export const SaveNoteMessageSchema = z.object({ type: z.literal('save-note'), note: SaveNoteInputSchema });
export const AddNextStepMessageSchema = z.object({ type: z.literal('add-next-step'), step: AddNextStepInputSchema });
export const UpdateNextStepMessageSchema = z.object({ type: z.literal('update-next-step'), step: UpdateNextStepInputSchema });
/** "geen antwoord nodig" / "wacht op antwoord" for a mail or a thread (value null: undo) */
export const DecideReplyMessageSchema = z.object({ type: z.literal('decide-reply'), decision: ReplyDecisionInputSchema });
/** "snooze tot <datum>" / "wakker maken" (until null) */
export const SnoozeContactMessageSchema = z.object({ type: z.literal('snooze-contact'), snooze: SnoozeInputSchema });
/** "ging niet door" (happened false) and its undo */
export const DecideMeetingMessageSchema = z.object({ type: z.literal('decide-meeting'), decision: MeetingDecisionInputSchema });
/** an attendee name several contacts fit, settled by the user: "dit is <contact>" */
export const SettleMeetingNameMessageSchema = z.object({
  type: z.literal('settle-meeting-name'),
  settle: SettleMeetingNameInputSchema,
});

/** "Ongedaan maken" of a logged call: the call goes, the contact's times are as before. */
export const UndoLogCallMessageSchema = z.object({ type: z.literal('undo-log-call'), undo: UndoCallInputSchema });
/** "Ongedaan maken" of a snooze or a reply decision: the decision record as it was before. */
export const RestoreDecisionMessageSchema = z.object({
  type: z.literal('restore-decision'),
  restore: RestoreDecisionInputSchema,
});
export type UndoMessage = z.input<typeof UndoLogCallMessageSchema> | z.input<typeof RestoreDecisionMessageSchema>;

/** The reply to an action that can be undone: the message that undoes it, for the page to send back. */
export type UndoableReply = { ok: true; undo: UndoMessage };

/**
 * A page found the store missing or older than its code (after an update): the background, the
 * only context that declares the schema versions, opens it and so runs the upgrades
 * (lib/store/page-db.ts).
 */
export const OpenStoreMessageSchema = z.object({ type: z.literal('open-store') });

/**
 * A content script asks which of the addresses its visible list rows show belong to a slow or
 * unresponsive contact (for the inline row badges). Lower-case addresses, a few hundred at most.
 */
export const ContactStatusesMessageSchema = z.object({
  type: z.literal('contact-statuses'),
  addresses: z.array(AddressSchema).max(CONTACT_STATUSES_MAX_ADDRESSES),
});

// A mailbox import (the import page; lib/import reads the files there): it starts with the
// user's own addresses, sends its kept messages in batches, each acknowledged once stored, and
// ends (finished, cancelled, paused) once, which is when the background pipeline runs for it.

/** The most messages one import batch may carry (the page sends 200: lib/import IMPORT_BATCH_SIZE). */
export const IMPORT_BATCH_MAX = 500;
/** The most own addresses an import may name. */
export const IMPORT_OWN_ADDRESSES_MAX = 20;

const ImportIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'import id');

export const ImportStartMessageSchema = z.object({
  type: z.literal('import-start'),
  importId: ImportIdSchema,
  ownAddresses: z.array(AddressSchema).min(1).max(IMPORT_OWN_ADDRESSES_MAX),
});
export const ImportBatchMessageSchema = z.object({
  type: z.literal('import-batch'),
  importId: ImportIdSchema,
  messages: z.array(ImportedMessageObservationSchema).min(1).max(IMPORT_BATCH_MAX),
});
export const ImportEndMessageSchema = z.object({
  type: z.literal('import-end'),
  importId: ImportIdSchema,
  outcome: z.enum(['finished', 'cancelled', 'paused']),
});

/** What an import found in the store, the reply to `import-end`: its stakeholder contacts and their municipalities. */
export interface ImportFound {
  contacts: number;
  /** CBS codes with the number of the import's contacts there, most contacts first */
  municipalities: Array<{ code: string; contacts: number }>;
  /** more contacts than the background counts one by one: `contacts` is a lower bound */
  overflow: boolean;
}
export type ImportEndReply = { ok: true; found: ImportFound | null };

export const RuntimeMessageSchema = z.discriminatedUnion('type', [
  ObservationsMessageSchema,
  MeetingsMessageSchema,
  ImportMeetingsMessageSchema,
  ContactStatusesMessageSchema,
  LogCallMessageSchema,
  CorrectTagMessageSchema,
  RemoveCorrectionMessageSchema,
  MergeContactsMessageSchema,
  SplitContactMessageSchema,
  SaveNoteMessageSchema,
  AddNextStepMessageSchema,
  UpdateNextStepMessageSchema,
  // the data page: backup, restore, forget (lib/messaging/data-messages.ts)
  ...DATA_MESSAGE_SCHEMAS,
  DecideReplyMessageSchema,
  SnoozeContactMessageSchema,
  DecideMeetingMessageSchema,
  SettleMeetingNameMessageSchema,
  UndoLogCallMessageSchema,
  RestoreDecisionMessageSchema,
  OpenStoreMessageSchema,
  ImportStartMessageSchema,
  ImportBatchMessageSchema,
  ImportEndMessageSchema,
]);
export type RuntimeMessage = z.input<typeof RuntimeMessageSchema>;

/** A refusal carries its reason as a code with values (lib/vocabulary/reasons.ts): pages render it with t(). */
export type RuntimeReply = { ok: true } | { ok: false; error: Reason };

/** The reply to `import-meetings`: what became of the file's meetings. */
export type MeetingImportReply = { ok: true; meetings: MeetingIngestSummary };

/** A content-free reason for a refused message, for the rejection counters: the field and zod's issue code. */
export function describeValidationError(error: z.ZodError | undefined): Reason {
  const first = error?.issues[0];
  if (!first) return reason('invalid-message', { path: '', issue: 'unknown' });
  const path = first.path.filter((part) => typeof part === 'string').join('.');
  return reason('invalid-message', { path: (path || '(message)').slice(0, 200), issue: first.code });
}
