/**
 * The background as one pipeline: what runs after every write to the store (an ingest, a user's
 * action) and after every timer that changes statuses (start-up, the hourly alarm, new
 * thresholds). In this order, once per round:
 *
 *   1. the latency of the contacts the writes touched (or of everyone whose status time can change),
 *   2. the toolbar badge, then the latency-updated signal for the content scripts,
 *   3. the municipality summaries: throttled (the first at once after a quiet spell, at most one
 *      a second in a burst), and never started while latency is still owed, so a summary never
 *      shows the latency from before the write that asked for it.
 *
 * Writes that arrive while a round runs are merged into the next one: a burst costs one latency
 * run per round and one summary recomputation.
 *
 * What is owed is recorded in extension storage (owed-work.ts) before it runs and cleared only
 * after it is done. A service worker stopped mid-work leaves the record behind; the next
 * pipeline (the next start of the background) does it first. Work whose run failed stays
 * recorded for the next start too, but is not retried in a loop by this one.
 */
import type { LatencyWork } from '../store/latency-service';
import type { SummaryService } from '../store/summary-service';
import {
  everythingOwed,
  isNothing,
  mergeOwed,
  nothingOwed,
  owedWorkItem,
  readOwed,
  type OwedWork,
  type OwedWorkStore,
  type Owes,
} from './owed-work';

export interface PipelineSteps {
  latency(work: LatencyWork): Promise<void>;
  badge(): Promise<void>;
  signal(): Promise<void>;
  /** the summary service, given what it waits for before each recomputation */
  summaries(afterLatency: () => Promise<void>): SummaryService;
}

export interface Pipeline {
  /** records what a write owes, then runs it; resolves once it is recorded (never rejects) */
  afterWrite(owes: Owes): Promise<void>;
  /** resolves when nothing is owed or running any more */
  idle(): Promise<void>;
}

const owesLatencyStep = (owed: OwedWork) => owed.contactIds.length > 0 || owed.everyone || owed.badge || owed.signal;

/**
 * The stored record of what is owed. Every write waits for the previous one (in order) and for
 * the read at start (which it would otherwise overwrite); requests while one waits share it: it
 * writes the state as it is then.
 */
function createOwedRecord({
  store,
  log,
  current,
  onLeftOwed,
}: {
  store: OwedWorkStore;
  log: (error: unknown) => void;
  /** everything owed right now, as the record should say */
  current: () => OwedWork;
  /** what a previous background left owed (read once, at start) */
  onLeftOwed: (left: OwedWork) => void;
}) {
  let writing: Promise<void> = store
    .getValue()
    .then(readOwed, (error: unknown) => {
      log(error);
      return everythingOwed();
    })
    .then((left) => {
      if (!isNothing(left)) onLeftOwed(left);
    });
  let queuedWrite: Promise<void> | null = null;
  return {
    /** resolves when the record says what is owed now */
    write(): Promise<void> {
      queuedWrite ??= writing = writing
        .then(async () => {
          queuedWrite = null;
          const all = current();
          if (isNothing(all)) await store.removeValue();
          else await store.setValue(all);
        })
        .catch(log);
      return queuedWrite;
    },
    /** the latest write (or the read at start) */
    settled: (): Promise<void> => writing,
    pending: (): boolean => queuedWrite !== null,
  };
}

/**
 * One latency round's steps for `work`: latency, then badge and signal. Calls `progress` with
 * what is left after each step (so a failure keeps only that owed); throws what a step threw.
 */
async function runLatencyRound(steps: PipelineSteps, work: OwedWork, progress: (left: OwedWork) => void): Promise<void> {
  let left = work;
  if (left.contactIds.length > 0 || left.everyone) {
    await steps.latency({ contactIds: left.contactIds, everyone: left.everyone });
    left = { ...left, contactIds: [], everyone: false, badge: true, signal: true };
    progress(left);
  }
  if (left.badge) {
    await steps.badge();
    left = { ...left, badge: false };
    progress(left);
  }
  if (left.signal) {
    await steps.signal();
    progress({ ...left, signal: false });
  }
}

/**
 * Creating the pipeline is the background's start: it reads what a previous one left owed and
 * runs that first.
 */
export function createPipeline({
  steps,
  store = owedWorkItem,
  log = console.error,
}: {
  steps: PipelineSteps;
  store?: OwedWorkStore;
  log?: (error: unknown) => void;
}): Pipeline {
  /** owed and not yet taken by a round */
  let owed = nothingOwed();
  /** what the running latency round has taken and not yet done */
  let inFlight: OwedWork | null = null;
  /** what failed in this pipeline: kept recorded for the next start, not retried here */
  let failed = nothingOwed();
  let round: Promise<void> | null = null;
  const summaryRuns = new Set<Promise<void>>();
  let summaryRequests = 0;

  const owedRecord = createOwedRecord({
    store,
    log,
    current: () => mergeOwed(mergeOwed(owed, failed), inFlight ?? {}),
    onLeftOwed: (left) => void owe(left),
  });

  const runRounds = async () => {
    for (;;) {
      await owedRecord.settled(); // what a round takes is recorded before it runs
      if (!owesLatencyStep(owed)) {
        round = null;
        return;
      }
      const work: OwedWork = { ...owed, summaries: false };
      owed = { ...nothingOwed(), summaries: owed.summaries };
      inFlight = work;
      try {
        await runLatencyRound(steps, work, (left) => (inFlight = left));
      } catch (error) {
        log(error);
        // the summaries depend on it: they are owed again after it
        failed = mergeOwed(failed, { ...inFlight, summaries: true });
      }
      inFlight = null;
      void owedRecord.write();
    }
  };

  // the summaries wait for every latency round owed so far
  const summaries = steps.summaries(async () => {
    while (round) await round;
  });

  /** Runs the summaries a write asked for (request: its number, counted when it was owed). */
  const runSummaries = async (request: number) => {
    try {
      await summaries.schedule();
    } catch (error) {
      log(error);
      if (request === summaryRequests) failed = { ...failed, summaries: true };
    }
    // a request made since then still waits for its own recomputation
    if (request !== summaryRequests) return;
    owed = { ...owed, summaries: false };
    void owedRecord.write();
  };

  function owe(owes: Owes): Promise<void> {
    owed = mergeOwed(owed, owes);
    const recorded = owedRecord.write();
    if (owesLatencyStep(owed)) round ??= runRounds();
    if (owes.summaries) {
      // counted now: an earlier request that finishes meanwhile leaves this one owed
      const request = ++summaryRequests;
      const done = recorded.then(() => runSummaries(request));
      summaryRuns.add(done);
      void done.finally(() => summaryRuns.delete(done));
    }
    return recorded;
  }

  return {
    afterWrite: owe,
    async idle() {
      for (;;) {
        await owedRecord.settled();
        if (round) await round;
        else if (summaryRuns.size > 0) await Promise.all(summaryRuns);
        else if (owedRecord.pending()) await owedRecord.write();
        else return;
      }
    },
  };
}
