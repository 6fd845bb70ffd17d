import type { ReactNode } from 'react';
import { formatDate, t } from '@/lib/i18n';
import type { TimelineItem } from '@/lib/read-models/timeline';
import { IsolatedList, Message } from './message';

/** Who and what; the names are mail text, each isolated. */
function describe(item: TimelineItem, nameOf: (contactId: string) => string): ReactNode {
  const names = <IsolatedList items={item.contactIds.map(nameOf)} />;
  if (item.kind === 'call') {
    const answered = item.answered ? t('logCallAnswered') : t('logCallNotAnswered');
    return (
      <>
        {t('logCall')} ({answered.toLowerCase()}): {names}
      </>
    );
  }
  return <Message id={item.direction === 'in' ? 'emailIn' : 'emailOut'} nodes={{ name: names }} />;
}

/** All interactions, newest first. Subjects and notes are mail text: rendered as text only. */
export function Timeline({ items, nameOf }: { items: TimelineItem[]; nameOf: (contactId: string) => string }) {
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.id} className={`timeline__item timeline__item--${item.kind}`} data-direction={item.direction}>
          <span className="timeline__when">
            {item.at != null ? formatDate(item.at) : <Message id="timeUnknown" values={{ raw: item.atRaw ?? '?' }} />}
          </span>{' '}
          <span className="timeline__what">{describe(item, nameOf)}</span>
          {item.isAutoReply && <span className="timeline__tag"> ({t('autoReply')})</span>}
          {item.subject && (
            <span className="timeline__subject" dir="auto">
              {item.subject}
            </span>
          )}
          {item.note && (
            <span className="timeline__subject" dir="auto">
              {item.note}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
