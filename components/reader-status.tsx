import { describeReason, hasMessage, t, type MessageKey } from '@/lib/i18n';
import type { ReaderStatus, Rejection } from '@/lib/store/schemas';

const HOST_LABELS: Record<ReaderStatus['host'], () => string> = {
  gmail: () => 'Gmail',
  outlook: () => 'Outlook',
  gcal: () => t('hostGcal'),
  'outlook-cal': () => t('hostOutlookCal'),
};
const VIEW_KEYS: Record<ReaderStatus['view'], MessageKey> = {
  list: 'viewList',
  conversation: 'viewConversation',
  other: 'viewOther',
  calendar: 'viewCalendar',
  event: 'viewEvent',
};

function describeProblems(problems: Record<string, number>): string {
  return Object.entries(problems)
    .map(([problem, count]) => {
      const key = `problem_${problem.replaceAll('-', '_')}`;
      // a code this build does not know (a newer reader, a damaged record) is shown as unknown markup
      return `${count} ${t(hasMessage(key) ? key : 'problem_unknown_markup')}`;
    })
    .join(', ');
}

/**
 * What the readers managed to read, per host and view. Only problems are shown prominently:
 * a healthy reader needs no attention.
 */
export function ReaderStatusPanel({ statuses, rejections }: { statuses: ReaderStatus[]; rejections: Rejection[] }) {
  const problems = statuses.filter((status) => status.status !== 'ok');
  if (problems.length === 0 && rejections.length === 0 && statuses.length === 0) return null;
  return (
    <section className="reader-status" aria-label={t('statusTitle')}>
      <h2>{t('statusTitle')}</h2>
      <ul>
        {statuses.map((status) => {
          const host = `${HOST_LABELS[status.host]?.() ?? status.host} (${t(VIEW_KEYS[status.view])})`;
          const text =
            status.status === 'ok'
              ? t('statusOk', { host, read: status.itemsRead, seen: status.itemsSeen })
              : status.status === 'partial'
                ? t('statusPartial', {
                    host,
                    read: status.itemsRead,
                    seen: status.itemsSeen,
                    problems: describeProblems(status.problems),
                  })
                : t('statusUnrecognised', { host });
          return (
            <li key={status.id} className={`status status--${status.status}`} data-status={status.status}>
              {text}
            </li>
          );
        })}
        {rejections.map((rejection) => (
          <li key={rejection.reason} className="status status--rejected" role="alert">
            {t('rejected', { count: rejection.count, reason: describeReason(rejection) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
