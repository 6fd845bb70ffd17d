import { useEffect, useState, type KeyboardEvent } from 'react';
import { formatDate, formatDuration, formatMeetingTime, formatRelativeDay, t } from '@/lib/i18n';
import type { MunicipalitySummary } from '@/lib/store/schemas';
import { CoverageStrip } from './coverage-strip';
import { Message } from './message';

function countLabel(count: number, one: 'contactsCountOne' | 'threadsCountOne', many: 'contactsCount' | 'threadsCount') {
  return count === 1 ? t(one) : t(many, { count });
}

/** Arrow keys move between rows (and back up into the search box from the first one). */
export function moveFocus(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const rows = [...document.querySelectorAll<HTMLElement>('[data-row-focus]')];
  const index = rows.indexOf(event.currentTarget);
  const next =
    event.key === 'ArrowDown' ? rows[index + 1] : index <= 0 ? document.querySelector<HTMLElement>('#search') : rows[index - 1];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function NextStepLine({ summary, now }: { summary: MunicipalitySummary; now: number }) {
  const step = summary.nextStep;
  if (!step) return null;
  const overdue = step.dueAt != null && step.dueAt <= now;
  return (
    <span className={overdue ? 'next-step next-step--overdue' : 'next-step'}>
      {step.dueAt != null ? (
        <Message
          id="nextStepDue"
          values={{ when: overdue ? `${t('overdue')}, ${formatDate(step.dueAt)}` : formatDate(step.dueAt), text: step.text }}
        />
      ) : (
        <Message id="nextStep" values={{ text: step.text }} />
      )}
    </span>
  );
}

function MunicipalityRow({
  summary,
  now,
  onOpen,
}: {
  summary: MunicipalitySummary;
  now: number;
  onOpen: (code: string) => void;
}) {
  const attention = summary.needsAttentionCount;
  return (
    <li className="municipality" data-code={summary.code}>
      <div className="municipality__line">
        {/* the row's one button: its name says which municipality and how many wait; CSS stretches it over the row */}
        <button
          type="button"
          className="municipality__open"
          data-row-focus
          data-opener={`municipality:${summary.code}`}
          onKeyDown={moveFocus}
          onClick={() => onOpen(summary.code)}
        >
          <span className="municipality__name">{summary.name}</span>{' '}
          <span className="municipality__province">{summary.province}</span>
          {attention > 0 && (
            <>
              {' '}
              <span className={`attention attention--${summary.worstStatus}`}>
                {attention === 1 ? t('needsAttentionOne') : t('needsAttentionCount', { count: attention })}
              </span>
            </>
          )}
        </button>
      </div>
      <div className="municipality__line">
        <CoverageStrip summary={summary} />
        {summary.singleTrack && (
          <span className="warning warning--compact" title={t('singleTrack')}>
            {t('singleTrack')}
          </span>
        )}
      </div>
      <span className="municipality__meta">
        {countLabel(summary.contactCount, 'contactsCountOne', 'contactsCount')} ·{' '}
        {countLabel(summary.threadCount, 'threadsCountOne', 'threadsCount')} ·{' '}
        {summary.firstContactAt != null
          ? `${t('trajectoryDuration', { duration: formatDuration(summary.firstContactAt, now) })}`
          : t('trajectoryUnknown')}{' '}
        ·{' '}
        {summary.lastActivityAt != null
          ? t('lastActivity', { when: formatRelativeDay(summary.lastActivityAt, now) })
          : t('lastActivityUnknown')}
      </span>
      <NextStepLine summary={summary} now={now} />
      {summary.nextMeeting && (
        <span className="next-meeting">
          <Message
            id="meetingNext"
            values={{
              date: formatMeetingTime(summary.nextMeeting.start, summary.nextMeeting.allDay),
              title: summary.nextMeeting.title || t('noSubject'),
            }}
          />
        </span>
      )}
    </li>
  );
}

const FIRST_PAINT_ROWS = 25;

export function MunicipalityList({
  municipalities,
  now,
  onOpen,
}: {
  municipalities: MunicipalitySummary[];
  now: number;
  onOpen: (code: string) => void;
}) {
  // The first screenful paints at once; the rest (up to 342) follows in the next task, so the
  // popup shows what needs attention without waiting for rows far below the fold.
  const [limit, setLimit] = useState(FIRST_PAINT_ROWS);
  useEffect(() => {
    if (limit >= municipalities.length) return;
    const timer = setTimeout(() => setLimit(Number.POSITIVE_INFINITY), 0);
    return () => clearTimeout(timer);
  }, [limit, municipalities.length]);
  return (
    <ul className="municipality-list" aria-label={t('popupTitle')}>
      {municipalities.slice(0, limit).map((summary) => (
        <MunicipalityRow key={summary.code} summary={summary} now={now} onOpen={onOpen} />
      ))}
    </ul>
  );
}
