import { t } from '@/lib/i18n';
import type { RecordTally } from '@/lib/read-models/record-guards';

/**
 * Records a page read that were not as expected (lib/read-models/record-guards.ts): how many were
 * skipped and how many are shown repaired. Small, and never left out: a record that does not show
 * is counted here instead of vanishing.
 */
export function RecordsNotice({ tally }: { tally: RecordTally | null | undefined }) {
  if (!tally || (tally.skipped === 0 && tally.repaired === 0)) return null;
  const lines = [
    tally.skipped === 0 ? null : tally.skipped === 1 ? t('recordsSkippedOne') : t('recordsSkipped', { count: tally.skipped }),
    tally.repaired === 0
      ? null
      : tally.repaired === 1
        ? t('recordsRepairedOne')
        : t('recordsRepaired', { count: tally.repaired }),
  ].filter((line) => line !== null);
  return (
    <p role="status" className="records-notice" data-skipped={tally.skipped} data-repaired={tally.repaired}>
      {lines.join(' ')}
    </p>
  );
}
