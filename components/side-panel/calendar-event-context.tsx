import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { formatMeetingTime, t, type MessageKey } from '@/lib/i18n';
import { calendarContextItem, type CalendarTabContext } from '@/lib/messaging/calendar-tab-context';
import { loadCalendarEvent, type CalendarEventData, type OpenNameView } from '@/lib/read-models/calendar-event';
import { emptyTally, repairCalendarTabContext, repairOne } from '@/lib/read-models/record-guards';
import type { GemeenteradarDb } from '@/lib/store/db';
import { ErrorBoundary } from '../error-boundary';
import { Message } from '../message';
import { StatusLine, useAction } from './panel-actions';
import { ParticipantCard } from './participant-card';

/**
 * The event a calendar tab has open (Google Calendar's dialog, Outlook's card), live from session
 * storage; null when none is open or the tab is no calendar. `tabId` null: nothing followed.
 */
export function useCalendarContext(tabId: number | null): CalendarTabContext | null {
  const [shown, setShown] = useState<{ tabId: number; context: CalendarTabContext | null } | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    let disposed = false;
    const item = calendarContextItem(tabId);
    // session storage holds whatever was written: checked before it is shown
    const show = (value: unknown) =>
      !disposed && setShown({ tabId, context: repairOne(value, repairCalendarTabContext, emptyTally()) ?? null });
    const unwatch = item.watch(show);
    void item.getValue().then(show, () => undefined);
    return () => {
      disposed = true;
      unwatch();
    };
  }, [tabId]);
  return shown !== null && shown.tabId === tabId ? shown.context : null;
}

/** A name several known contacts fit: listed with a choice per candidate, recorded as the user's. */
function OpenName({ meetingId, open }: { meetingId: string; open: OpenNameView }) {
  const { busy, status, run } = useAction();
  return (
    <div className="calendar-event__open-name" role="group" aria-label={open.name}>
      <p>
        <Message id="panelCalendarOpenName" values={{ name: open.name }} />
      </p>
      <ul>
        {open.candidates.map((candidate) => (
          <li key={candidate.id}>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run({ type: 'settle-meeting-name', settle: { meetingId, name: open.name, contactId: candidate.id } })
              }
            >
              <Message id="panelCalendarChoose" values={{ name: candidate.name, address: candidate.address ?? '?' }} />
            </button>
          </li>
        ))}
      </ul>
      <StatusLine status={status} />
    </div>
  );
}

const responseKey = (response: string) => `meetingResponse_${response.replaceAll('-', '_')}` as MessageKey;

function People({ data, db, now }: { data: CalendarEventData; db: GemeenteradarDb; now: number }) {
  return (
    <ul className="participants" aria-label={t('panelParticipants')}>
      {data.conversation.participants.map((view) => {
        const response = data.responses[view.key];
        return (
          <li key={view.key}>
            {response && response !== 'unknown' && (
              <p className="calendar-event__response" data-response={response}>
                {t(responseKey(response))}
              </p>
            )}
            <ErrorBoundary surface="side-panel-card" variant="card">
              <ParticipantCard view={view} db={db} now={now} />
            </ErrorBoundary>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Beside a calendar tab: the open event (title and time as the page shows them, each in its own
 * isolate), and a card per person on it with their tags and status, as beside an open
 * conversation. A name several contacts fit is listed, not chosen.
 */
export function CalendarEventContext({
  context,
  db,
  now,
  ready = true,
}: {
  context: CalendarTabContext;
  db: GemeenteradarDb;
  now: number;
  ready?: boolean;
}) {
  const key = JSON.stringify({ ...context, at: 0 });
  const read = useLiveQuery(
    async () => (ready ? { key, data: await loadCalendarEvent(db, context) } : undefined),
    [db, key, ready],
  );
  const data = read?.key === key ? read.data : undefined;
  return (
    <section className="conversation calendar-event" aria-labelledby="calendar-event-title" data-meeting-key={context.meetingKey}>
      <p className="conversation__kind">
        {t('panelCalendarEvent')} · {t(`panelCalendarSource_${context.source === 'gcal' ? 'gcal' : 'outlook_cal'}`)}
      </p>
      <h2 id="calendar-event-title" className="conversation__subject">
        <bdi>{context.title || t('noSubject')}</bdi>
      </h2>
      {context.start !== null && <p className="calendar-event__when">{formatMeetingTime(context.start, context.allDay)}</p>}
      {data && !data.meeting && <p className="muted">{t('panelCalendarNotKept')}</p>}
      {data?.meeting?.status === 'cancelled' && <p className="warning">{t('panelCalendarCancelled')}</p>}
      {data?.meeting && data.openNames.map((open) => <OpenName key={open.name} meetingId={data.meeting!.id} open={open} />)}
      {data && <People data={data} db={db} now={now} />}
      {context.attendeesOmitted > 0 && (
        <p className="participants__more" role="note">
          {t('panelMoreParticipants', { count: context.attendeesOmitted })}
        </p>
      )}
    </section>
  );
}
