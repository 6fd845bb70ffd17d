/**
 * The data page's messages to the background: restore (begin, records in chunks, the dry run,
 * apply, cancel), forget a person, forget everything, and the not-tracked list. Validated by the
 * background like every message (lib/messaging/runtime.ts); only from our extension pages.
 */
import { z } from 'zod';
import type { BackupProblem, RestoreSummary } from '../backup/format';
import type { Reason } from '../vocabulary/reasons';
import {
  ForgetEverythingInputSchema,
  ForgetPersonInputSchema,
  NotTrackedRemoveInputSchema,
  type ForgetCount,
} from '../store/forget';
import { RestoreChunkSchema, RestoreHeaderSchema, RestoreModeSchema } from '../store/restore';

const RestoreIdSchema = z.string().min(1).max(100);

export const RestoreBeginMessageSchema = z.object({ type: z.literal('restore-begin'), header: RestoreHeaderSchema });
export const RestoreChunkMessageSchema = z.object({ type: z.literal('restore-chunk'), chunk: RestoreChunkSchema });
export const RestorePlanMessageSchema = z.object({
  type: z.literal('restore-plan'),
  restoreId: RestoreIdSchema,
  mode: RestoreModeSchema,
});
export const RestoreApplyMessageSchema = z.object({
  type: z.literal('restore-apply'),
  restoreId: RestoreIdSchema,
  mode: RestoreModeSchema,
});
export const RestoreCancelMessageSchema = z.object({ type: z.literal('restore-cancel'), restoreId: RestoreIdSchema });
export const ForgetPersonMessageSchema = z.object({ type: z.literal('forget-person'), forget: ForgetPersonInputSchema });
export const ForgetEverythingMessageSchema = z.object({
  type: z.literal('forget-everything'),
  keep: ForgetEverythingInputSchema,
});
export const NotTrackedRemoveMessageSchema = z.object({
  type: z.literal('not-tracked-remove'),
  remove: NotTrackedRemoveInputSchema,
});

export const DATA_MESSAGE_SCHEMAS = [
  RestoreBeginMessageSchema,
  RestoreChunkMessageSchema,
  RestorePlanMessageSchema,
  RestoreApplyMessageSchema,
  RestoreCancelMessageSchema,
  ForgetPersonMessageSchema,
  ForgetEverythingMessageSchema,
  NotTrackedRemoveMessageSchema,
] as const;

/** What the background answers the data page. */
export type DataReply =
  | { ok: true; restoreId?: string; summary?: RestoreSummary; forgotten?: ForgetCount[]; removed?: number }
  | { ok: false; error: Reason; problem?: BackupProblem };
