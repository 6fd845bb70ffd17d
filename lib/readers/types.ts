/**
 * What every mail reader (Gmail, Outlook) returns for one look at the page. Content scripts wrap
 * it into an ObservationBatch (lib/messaging/observations.ts); only types are imported here, so
 * zod never reaches a content-script bundle.
 */
import type {
  MessageObservation,
  ReaderHealth,
  ReaderProblem,
  ThreadObservation,
} from '../messaging/observations';

export interface ReaderResult {
  /** the signed-in mailbox address (lower-case), when the page tells us */
  account: string | null;
  threads: ThreadObservation[];
  messages: MessageObservation[];
  health: ReaderHealth;
}

/** A reader: a pure function of a DOM root. */
export type Reader = (root: Document) => ReaderResult;

export type ProblemCounts = Partial<Record<ReaderProblem, number>>;

/** Adds one to a problem counter (readers count problems, they never throw them). */
export function countProblem(problems: ProblemCounts, problem: ReaderProblem, by = 1): void {
  problems[problem] = (problems[problem] ?? 0) + by;
}
