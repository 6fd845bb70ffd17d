// Runs inside Chromium (bundled by tests/bench/inline-badges.ts): the real readers and badges,
// timed on the live document the way the content scripts run them.
import { createInlineBadges, RowBadges, type StatusLookup } from '@/lib/content/inline-badges';
import type { ContactStatusReplyEntry } from '@/lib/messaging/contact-statuses';
import { readGmail } from '@/lib/readers/gmail';
import { readOutlook } from '@/lib/readers/outlook';
import type { ListRow, OnListRow, ReaderResult } from '@/lib/readers/types';

type Host = 'gmail' | 'outlook';
export interface BadgeTimings {
  /** ms per pass, one number per sample */
  place: number[];
  placeWithLayout: number[];
  reapply: number[];
  readAlone: number[];
  readWithBadges: number[];
  rows: number;
  badges: number;
}

function readerFor(host: Host, now: Date): (onRow?: OnListRow) => ReaderResult {
  return host === 'gmail' ? (onRow) => readGmail(document, { now, onRow }) : (onRow) => readOutlook(document, { now, onRow });
}

/** Every address of the page but the account needs attention: one badge per row. */
function statusesFor(rows: ListRow[], account: string | null): Map<string, ContactStatusReplyEntry> {
  const statuses = new Map<string, ContactStatusReplyEntry>();
  let index = 0;
  for (const row of rows) {
    for (const { address } of row.thread.participants) {
      if (!address || address === account || statuses.has(address)) continue;
      const slow = index++ % 2 === 0;
      statuses.set(address, {
        status: slow ? 'slow' : 'unresponsive',
        attempts: slow ? 1 : 3,
        workingDaysWaiting: slow ? 7 : 23,
        short: slow ? '7 wd' : '3×',
        label: `Gemeenteradar: ${slow ? 'Traag' : 'Reageert niet'}, ${address}`,
      });
    }
  }
  return statuses;
}

/** Mean ms of `perSample` calls of `work`, `samples` times (performance.now is coarsened to 0.1 ms). */
function time(samples: number, perSample: number, work: () => void, before: () => void = () => undefined): number[] {
  const times: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    let total = 0;
    for (let call = 0; call < perSample; call++) {
      before();
      const started = performance.now();
      work();
      total += performance.now() - started;
    }
    times.push(total / perSample);
  }
  return times;
}

async function benchInlineBadgesInPage(host: Host, nowMs: number, samples: number): Promise<BadgeTimings> {
  const read = readerFor(host, new Date(nowMs));
  const rows: ListRow[] = [];
  const result = read((row) => void rows.push(row));
  const statuses = statusesFor(rows, result.account);
  const lookup: StatusLookup = (address) => statuses.get(address);
  const forceLayout = () => document.body.getBoundingClientRect();

  // placing a badge on every row (first sight of the list), with and without the layout it costs
  const badges = new RowBadges();
  time(
    10,
    5,
    () => badges.apply(rows, lookup),
    () => badges.clear(),
  );
  const place = time(
    samples,
    5,
    () => badges.apply(rows, lookup),
    () => badges.clear(),
  );
  const placeWithLayout = time(
    samples,
    5,
    () => {
      badges.apply(rows, lookup);
      forceLayout();
    },
    () => {
      badges.clear();
      forceLayout();
    },
  );
  // every later read: the badges are there, nothing changes
  badges.apply(rows, lookup);
  const reapply = time(samples, 25, () => badges.apply(rows, lookup)); // short: more calls per sample
  const placed = document.querySelectorAll('gemeenteradar-badge').length;
  badges.clear();

  // what a content-script read costs with the badges, against the reader alone: samples taken
  // in turn, so that warming up and drift weigh on both alike
  const controller = createInlineBadges({
    query: async (addresses) => ({
      ok: true,
      statuses: Object.fromEntries(
        addresses.flatMap((address) => (statuses.has(address) ? [[address, statuses.get(address)]] : [])),
      ),
    }),
  });
  controller.read(read);
  await new Promise((resolve) => setTimeout(resolve, 0)); // the answer is in
  time(20, 5, () => read());
  time(20, 5, () => controller.read(read));
  const readAlone: number[] = [];
  const readWithBadges: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    readAlone.push(...time(1, 5, () => read()));
    readWithBadges.push(...time(1, 5, () => controller.read(read)));
  }
  controller.stop();
  return { place, placeWithLayout, reapply, readAlone, readWithBadges, rows: rows.length, badges: placed };
}

Object.assign(globalThis, { benchInlineBadgesInPage });
