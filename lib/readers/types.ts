/**
 * What every mail reader (Gmail, Outlook) returns for one look at the page. Content scripts wrap
 * it into an ObservationBatch (lib/messaging/observations.ts); only types are imported here, so
 * zod never reaches a content-script bundle.
 */
import type {
  CalendarReaderHealth,
  MeetingObservation,
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

/**
 * A list row a reader read, handed to an optional `onRow` callback during the read so inline UI
 * (lib/content/inline-badges.ts) can sit beside it without a second pass over the page.
 */
export interface ListRow {
  /** the row element (in Gmail's vertical-split layout, the group's first `tr`) */
  element: Element;
  thread: ThreadObservation;
  /** the first participant's element, beside which inline UI goes; null when the row shows none */
  anchor: Element | null;
}

/** Told about every list row that was read, in page order; never part of the reader's result. */
export type OnListRow = (row: ListRow) => void;

/** A reader: a pure function of a DOM root. */
export type Reader = (root: Document) => ReaderResult;

/** A read in steps: it yields where a caller may pause it, and returns the result (see readGmailInSteps). */
export type ReadSteps<R> = Generator<void, R, void>;

/** Runs a read in steps through, without pausing. */
export function readToEnd<R>(steps: ReadSteps<R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export type ProblemCounts = Partial<Record<ReaderProblem, number>>;

/** The contract's limit on a message's to and cc (lib/messaging/observations.ts). */
export const MAX_RECIPIENTS = 200;

/** At most MAX_RECIPIENTS people; a longer list is cut, and the cut is counted (the read is partial). */
export function capRecipients<T>(people: T[], problems: ProblemCounts): T[] {
  if (people.length <= MAX_RECIPIENTS) return people;
  countProblem(problems, 'too-many-recipients');
  return people.slice(0, MAX_RECIPIENTS);
}

/** Adds one to a problem counter (readers count problems, they never throw them). */
export function countProblem<P extends string = ReaderProblem>(problems: Partial<Record<P, number>>, problem: P, by = 1): void {
  problems[problem] = (problems[problem] ?? 0) + by;
}

/** What a calendar reader (Google Calendar, Outlook calendar) returns for one look at the page. */
export interface CalendarReaderResult {
  /** the signed-in account (lower-case), when the page tells us */
  account: string | null;
  meetings: MeetingObservation[];
  health: CalendarReaderHealth;
  /** the key of the event open in a dialog, card or full view (one of `meetings`), if any */
  openKey?: string | null;
}

export interface CalendarReadOptions {
  /** the page's "now" */
  now: Date;
  /** IANA zone the calendar shows its times in; default the browser's own */
  timeZone?: string;
  /** language of the page; default `<html lang>` */
  localeHint?: string;
}
