import { formatDate, t } from '@/lib/i18n';
import type { LatencyBrief } from '@/lib/store/schemas';

export function latencyDetail(latency: LatencyBrief): string | null {
  if (latency.workingDaysWaiting == null && latency.attemptsSinceLastResponse === 0) return null;
  const attempts =
    latency.attemptsSinceLastResponse === 1 ? t('attemptsOne') : t('attemptsMany', { count: latency.attemptsSinceLastResponse });
  const days = latency.workingDaysWaiting ?? 0;
  return t('latencyDetail', {
    attempts,
    days: days === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: days }),
  });
}

/** A contact's latency status as words (colour only supports them), with the figures behind it. */
export function StatusPill({ latency }: { latency: LatencyBrief | null }) {
  const status = latency?.status ?? 'unknown';
  // "ok" only means nothing is outstanding; "responsive" needs an answer we have seen
  const label =
    status === 'ok' && latency?.lastResponseAt == null
      ? t('status_ok_quiet')
      : status === 'snoozed'
        ? t('status_snoozed', { date: latency?.snoozedUntil != null ? formatDate(latency.snoozedUntil) : '?' })
        : t(`status_${status}`);
  const detail = latency ? latencyDetail(latency) : null;
  return (
    <span className={`status-pill status-pill--${status}`} data-status={status} title={detail ?? label}>
      {label}
      {detail && latency && latency.status !== 'ok' ? <span className="status-pill__detail">: {detail}</span> : null}
    </span>
  );
}

/** "Reageert meestal binnen 3 werkdagen", or "dezelfde dag"; null without any answer seen. */
export function usualResponse(latency: LatencyBrief | null): string | null {
  const median = latency?.medianResponseWorkingDays;
  if (median == null) return null;
  const days = Math.round(median);
  if (days === 0) return t('usualResponseSameDay');
  return t('usualResponse', { days: days === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: days }) });
}
