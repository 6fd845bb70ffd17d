import type { ReactNode } from 'react';
import { formatMeetingTime, t } from '@/lib/i18n';
import { Message } from './message';
import type { MeetingMoment, MeetingMoments } from '@/lib/read-models/meetings';

function Line({ moment, kind, action }: { moment: MeetingMoment; kind: 'last' | 'next'; action?: ReactNode }) {
  const values = { date: formatMeetingTime(moment.start, moment.allDay), title: moment.title || t('noSubject') };
  return (
    <li className={`meeting meeting--${kind}`} data-meeting-id={moment.id}>
      <Message id={kind === 'last' ? 'meetingLast' : 'meetingNext'} values={values} />
      {action && <> {action}</>}
    </li>
  );
}

/**
 * The last meeting that took place and the next one planned, as the calendars and agreed mail
 * tell. Titles are calendar text: rendered as text only, each in its own `<bdi>` (Message).
 */
export function MeetingLines({
  moments,
  show = ['last', 'next'],
  actionFor,
}: {
  moments: MeetingMoments | undefined;
  show?: ReadonlyArray<'last' | 'next'>;
  /** what to offer beside a meeting (the popup: open the conversation it was agreed in) */
  actionFor?: (moment: MeetingMoment) => ReactNode;
}) {
  if (!moments) return null;
  const shown = show.flatMap((kind) => (moments[kind] ? [{ kind, moment: moments[kind] }] : []));
  if (shown.length === 0) return <p className="muted meetings meetings--none">{t('meetingNoneYet')}</p>;
  return (
    <ul className="meetings">
      {shown.map(({ kind, moment }) => (
        <Line key={kind} kind={kind} moment={moment} action={actionFor?.(moment)} />
      ))}
    </ul>
  );
}
