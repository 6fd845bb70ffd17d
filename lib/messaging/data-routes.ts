/**
 * The background's routes for the data page (its share of the message table in
 * background-handler.ts): restore, forget a person, forget everything, the not-tracked list. Each
 * answers with what it did or with the problem's code (a refused backup is no refused message:
 * it is not counted as one). A restore or a forget owes the pipeline everything derived: latency
 * for everyone, the badge, the signal and the summaries.
 */
import { everythingOwed, type Owes } from '../background/owed-work';
import { isBackupProblem } from '../backup/format';
import { forgetEverything, forgetPerson, OwnAddressError, removeFromNotTracked } from '../store/forget';
import { RestoreProblemError } from '../store/restore';
import { reason } from '../vocabulary/reasons';
import type { Route, RouteResult } from './background-handler';
import {
  ForgetEverythingMessageSchema,
  ForgetPersonMessageSchema,
  NotTrackedRemoveMessageSchema,
  RestoreApplyMessageSchema,
  RestoreBeginMessageSchema,
  RestoreCancelMessageSchema,
  RestoreChunkMessageSchema,
  RestorePlanMessageSchema,
  DATA_MESSAGE_SCHEMAS,
  type DataReply,
} from './data-messages';

type DataType = (typeof DATA_MESSAGE_SCHEMAS)[number]['shape']['type']['value'];

/** Runs the work; a known problem becomes the reply instead of a refusal. */
async function answer(work: () => Promise<DataReply>): Promise<RouteResult> {
  try {
    return { reply: await work() };
  } catch (error) {
    if (error instanceof RestoreProblemError && isBackupProblem(error.problem))
      return { reply: { ok: false, error: reason('backup-refused', { problem: error.problem.code }), problem: error.problem } };
    if (error instanceof OwnAddressError) return { reply: { ok: false, error: reason('forget-own-address') } };
    throw error;
  }
}

/** Everything derived is recomputed after a change this wide, only when it happened. */
const whenDone = (result: RouteResult): Owes => (result.reply?.ok ? everythingOwed() : {});

export const DATA_ROUTES: { [K in DataType]: Route<K> } = {
  'restore-begin': {
    schema: RestoreBeginMessageSchema,
    from: 'extension-page',
    run: ({ header }, { restores }) => answer(async () => ({ ok: true, restoreId: restores.begin(header) })),
  },
  'restore-chunk': {
    schema: RestoreChunkMessageSchema,
    from: 'extension-page',
    run: ({ chunk }, { restores }) => answer(async () => (restores.add(chunk), { ok: true })),
  },
  'restore-plan': {
    schema: RestorePlanMessageSchema,
    from: 'extension-page',
    run: ({ restoreId, mode }, { restores }) => answer(async () => ({ ok: true, summary: await restores.plan(restoreId, mode) })),
  },
  'restore-apply': {
    schema: RestoreApplyMessageSchema,
    from: 'extension-page',
    run: ({ restoreId, mode }, { restores, now }) =>
      answer(async () => ({ ok: true, summary: await restores.apply(restoreId, mode, now()) })),
    affects: whenDone,
  },
  'restore-cancel': {
    schema: RestoreCancelMessageSchema,
    from: 'extension-page',
    run: ({ restoreId }, { restores }) => answer(async () => (restores.cancel(restoreId), { ok: true })),
  },
  'forget-person': {
    schema: ForgetPersonMessageSchema,
    from: 'extension-page',
    run: ({ forget }, { db, now }) =>
      answer(async () => ({ ok: true, forgotten: (await forgetPerson(db, forget, now())).counts })),
    affects: whenDone,
  },
  'forget-everything': {
    schema: ForgetEverythingMessageSchema,
    from: 'extension-page',
    run: ({ keep }, { db }) => answer(async () => (await forgetEverything(db, keep), { ok: true })),
    affects: whenDone,
  },
  'not-tracked-remove': {
    schema: NotTrackedRemoveMessageSchema,
    from: 'extension-page',
    run: ({ remove }, { db }) => answer(async () => ({ ok: true, removed: await removeFromNotTracked(db, remove) })),
  },
};
