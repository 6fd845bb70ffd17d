import { formatMeetingTime, t } from '@/lib/i18n';
import { Message } from './message';
import type { MeetingMoment, MeetingMoments } from '@/lib/read-models/meetings';

function Line({ moment, kind }: { moment: MeetingMoment; kind: 'last' | 'next' }) {
  const values = { date: formatMeetingTime(moment.start, moment.allDay), title: moment.title || t('noSubject') };
  return (
    <li className={`meeting meeting--${kind}`} data-meeting-id={moment.id}>
      <Message id={kind === 'last' ? 'meetingLast' : 'meetingNext'} values={values} />
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
}: {
  moments: MeetingMoments | undefined;
  show?: ReadonlyArray<'last' | 'next'>;
}) {
  if (!moments) return null;
  const shown = show.flatMap((kind) => (moments[kind] ? [{ kind, moment: moments[kind] }] : []));
  if (shown.length === 0) return <p className="muted meetings meetings--none">{t('meetingNoneYet')}</p>;
  return (
    <ul className="meetings">
      {shown.map(({ kind, moment }) => (
        <Line key={kind} kind={kind} moment={moment} />
      ))}
    </ul>
  );
}
