import type { ReactNode } from 'react';
import { formatDate, t } from '@/lib/i18n';
import { evidenceText } from '@/lib/i18n/evidence';
import type { TimelineItem } from '@/lib/read-models/timeline';
import type { Evidence } from '@/lib/vocabulary/evidence';
import { StatusLine, useAction } from './side-panel/panel-actions';
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
  if (item.kind === 'meeting')
    return (
      <>
        <Message id="meetingTitle" values={{ title: item.subject || t('noSubject') }} />: {names}
      </>
    );
  return <Message id={item.direction === 'in' ? 'emailIn' : 'emailOut'} nodes={{ name: names }} />;
}

/** The moment as text (button labels); shown, an unknown time's raw text is isolated (`When`). */
function when(item: TimelineItem): string {
  return item.at != null ? formatDate(item.at) : t('timeUnknown', { raw: item.atRaw ?? '?' });
}

function When({ item }: { item: TimelineItem }) {
  return item.at != null ? <>{formatDate(item.at)}</> : <Message id="timeUnknown" values={{ raw: item.atRaw ?? '?' }} />;
}

/** The rule's reasons, in words; struck through in style only when the user decided otherwise. */
function Reasons({ evidence, overruled }: { evidence: readonly Evidence[]; overruled: boolean }) {
  // not a list: the timeline's items are the list a reader steps through
  return (
    <span className={`timeline__evidence${overruled ? ' timeline__evidence--overruled' : ''}`}>
      {' '}
      ({evidence.map((line) => evidenceText(line)).join('; ')})
    </span>
  );
}

/** "Geen antwoord nodig" / "Wacht op antwoord" for one outgoing mail, and back to the rule (undo). */
function ReplyControls({ item }: { item: TimelineItem }) {
  const { busy, status, run } = useAction();
  const intent = item.intent!;
  const decide = (value: 'not-needed' | 'awaited' | null) =>
    void run({ type: 'decide-reply', decision: { subjectType: 'message', subjectId: item.id, value } });
  return (
    <span className="timeline__actions">
      {intent.effective === 'closing' ? (
        <button
          type="button"
          className="link-button"
          disabled={busy}
          aria-label={t('replyAwaitedLabel', { when: when(item) })}
          onClick={() => decide('awaited')}
        >
          {t('replyAwaited')}
        </button>
      ) : (
        <button
          type="button"
          className="link-button"
          disabled={busy}
          aria-label={t('replyNotNeededLabel', { when: when(item) })}
          onClick={() => decide('not-needed')}
        >
          {t('replyNotNeeded')}
        </button>
      )}
      {intent.message !== null && (
        <button type="button" className="link-button" disabled={busy} onClick={() => decide(null)}>
          {t('replyBackToRule')}
        </button>
      )}
      <StatusLine status={status} />
    </span>
  );
}

/** Whether an outgoing mail counts as an attempt, why (the rule's words, the user's decisions), and the controls. */
function IntentFacts({ item, actions }: { item: TimelineItem; actions: boolean }) {
  const intent = item.intent!;
  const decided =
    intent.message !== null
      ? t(intent.message === 'not-needed' ? 'intentDecidedNotNeeded' : 'intentDecidedAwaited')
      : intent.thread !== null
        ? t(intent.thread === 'not-needed' ? 'intentThreadDecidedNotNeeded' : 'intentThreadDecidedAwaited')
        : null;
  return (
    <div className="timeline__intent" data-intent={intent.effective} data-rule={intent.rule}>
      <span className="timeline__verdict">{intent.effective === 'closing' ? t('intentNoAttempt') : t('intentAttempt')}</span>
      {decided && <span className="timeline__decided"> · {decided}</span>}
      <Reasons evidence={intent.evidence} overruled={decided !== null} />
      {actions && <ReplyControls item={item} />}
    </div>
  );
}

/** A meeting (agreed in mail, or from a calendar): why, cancelled or still ahead, and "ging niet door" (with its undo). */
function MeetingFacts({ item, actions, now }: { item: TimelineItem; actions: boolean; now: number | null }) {
  const { busy, status, run } = useAction();
  const meeting = item.meeting!;
  const decide = (happened: boolean) => void run({ type: 'decide-meeting', decision: { meetingId: item.id, happened } });
  return (
    <div className="timeline__meeting" data-did-not-happen={meeting.didNotHappen} data-cancelled={meeting.cancelled}>
      {meeting.cancelled ? (
        // a calendar's word: it counts for nothing, and there is nothing for the user to say
        <span className="timeline__tag"> {t('meetingCancelled')}</span>
      ) : meeting.didNotHappen ? (
        <span className="timeline__decided"> {t('meetingCancelledByYou')}</span>
      ) : (
        now !== null && item.at !== null && item.at > now && <span className="timeline__tag"> {t('meetingAhead')}</span>
      )}
      <Reasons evidence={meeting.evidence} overruled={meeting.didNotHappen} />
      {actions && !meeting.cancelled && (
        <span className="timeline__actions">
          {meeting.didNotHappen ? (
            <button type="button" className="link-button" disabled={busy} onClick={() => decide(true)}>
              {t('meetingHappenedAfterAll')}
            </button>
          ) : (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              aria-label={t('meetingDidNotHappenLabel', { when: when(item) })}
              onClick={() => decide(false)}
            >
              {t('meetingDidNotHappen')}
            </button>
          )}
          <StatusLine status={status} />
        </span>
      )}
    </div>
  );
}

/**
 * All interactions, newest first. Subjects and notes are mail text: rendered as text only. With
 * `actions` (the side panel), the user's say over the rules: per outgoing mail whether it waits
 * for an answer, per meeting whether it happened.
 */
export function Timeline({
  items,
  nameOf,
  actions = false,
  now = null,
}: {
  items: TimelineItem[];
  nameOf: (contactId: string) => string;
  actions?: boolean;
  /** the time to tell a meeting still ahead by; without it none is marked planned */
  now?: number | null;
}) {
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li
          key={item.id}
          className={`timeline__item timeline__item--${item.kind}`}
          data-direction={item.direction}
          data-id={item.id}
        >
          <span className="timeline__when">
            <When item={item} />
          </span>{' '}
          <span className="timeline__what">{describe(item, nameOf)}</span>
          {item.isAutoReply && <span className="timeline__tag"> ({t('autoReply')})</span>}
          {item.recipientsInferred && <span className="timeline__tag"> ({t('recipientsInferred')})</span>}
          {item.subject && item.kind !== 'meeting' && (
            <span className="timeline__subject" dir="auto">
              {item.subject}
            </span>
          )}
          {item.note && (
            <span className="timeline__subject" dir="auto">
              {item.note}
            </span>
          )}
          {item.intent && <IntentFacts item={item} actions={actions} />}
          {item.meeting && <MeetingFacts item={item} actions={actions} now={now} />}
        </li>
      ))}
    </ol>
  );
}
