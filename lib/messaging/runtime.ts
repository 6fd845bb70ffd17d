/**
 * Messages between extension contexts. The background validates every incoming message with
 * these schemas and checks who sent it (its table, lib/messaging/background-handler.ts):
 * observations only from our content scripts on the mail hosts, user actions only from our own
 * extension pages.
 */
import { z } from 'zod';
import { LogCallInputSchema } from '../store/calls';
import { MergeContactsInputSchema, SplitContactInputSchema } from '../store/contact-merge';
import { CorrectionInputSchema, RemoveCorrectionInputSchema } from '../store/corrections';
import { MeetingDecisionInputSchema, ReplyDecisionInputSchema, SnoozeInputSchema } from '../store/decisions';
import type { MeetingIngestSummary } from '../store/calendar/plan';
import { AddNextStepInputSchema, SaveNoteInputSchema, UpdateNextStepInputSchema } from '../store/notes';
import { CONTACT_STATUSES_MAX_ADDRESSES } from './contact-statuses';
import { AddressSchema, ImportedMeetingBatchSchema, MeetingBatchSchema, ObservationBatchSchema } from './observations';

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

/**
 * A content script asks which of the addresses its visible list rows show belong to a slow or
 * unresponsive contact (for the inline row badges). Lower-case addresses, a few hundred at most.
 */
export const ContactStatusesMessageSchema = z.object({
  type: z.literal('contact-statuses'),
  addresses: z.array(AddressSchema).max(CONTACT_STATUSES_MAX_ADDRESSES),
});

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
  DecideReplyMessageSchema,
  SnoozeContactMessageSchema,
  DecideMeetingMessageSchema,
]);
export type RuntimeMessage = z.input<typeof RuntimeMessageSchema>;

export type RuntimeReply = { ok: true } | { ok: false; error: string };

/** The reply to `import-meetings`: what became of the file's meetings. */
export type MeetingImportReply = { ok: true; meetings: MeetingIngestSummary };

/** A short, content-free reason for a refused message, for the rejection counters. */
export function describeValidationError(error: z.ZodError | undefined): string {
  const first = error?.issues[0];
  if (!first) return 'ongeldig bericht';
  const path = first.path.filter((part) => typeof part === 'string').join('.');
  return `${path || 'bericht'}: ${first.message}`.slice(0, 200);
}
