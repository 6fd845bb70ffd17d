import { formatDate, t } from '@/lib/i18n';
import type { TimelineItem } from '@/lib/read-models/timeline';

function describe(item: TimelineItem, nameOf: (contactId: string) => string): string {
  const names = item.contactIds.map(nameOf).join(', ');
  if (item.kind === 'call') {
    const answered = item.answered ? t('logCallAnswered') : t('logCallNotAnswered');
    return `${t('logCall')} (${answered.toLowerCase()}): ${names}`;
  }
  if (item.kind === 'meeting') return t('timelineMeeting', { name: names });
  return item.direction === 'in' ? t('emailIn', { name: names }) : t('emailOut', { name: names });
}

/** All interactions (mail, calls, meetings), newest first. Subjects and notes are mail text: rendered as text only. */
export function Timeline({ items, nameOf }: { items: TimelineItem[]; nameOf: (contactId: string) => string }) {
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.id} className={`timeline__item timeline__item--${item.kind}`} data-direction={item.direction}>
          <span className="timeline__when">
            {item.at != null ? formatDate(item.at) : t('timeUnknown', { raw: item.atRaw ?? '?' })}
          </span>{' '}
          <span className="timeline__what">{describe(item, nameOf)}</span>
          {item.isAutoReply && <span className="timeline__tag"> ({t('autoReply')})</span>}
          {item.cancelled && <span className="timeline__tag"> ({t('meetingDidNotHappen')})</span>}
          {item.subject && <span className="timeline__subject">{item.subject}</span>}
          {item.note && <span className="timeline__subject">{item.note}</span>}
        </li>
      ))}
    </ol>
  );
}
