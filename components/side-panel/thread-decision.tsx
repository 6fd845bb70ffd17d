import { formatDate, t } from '@/lib/i18n';
import type { ReplyDecisionValue } from '@/lib/store/effective-intent';
import type { NotCountedMail } from '@/lib/read-models/timeline';
import { StatusLine, useAction } from './panel-actions';

/**
 * The open conversation as a whole: "geen antwoord nodig" / "wacht op antwoord" for all of the
 * user's mail in it (a decision on one mail still wins), its undo, and the user's mail that counts
 * for nobody (no recipients shown, nobody in the thread to link it to), with the reason.
 */
export function ThreadDecision({
  threadId,
  decision,
  notCounted,
}: {
  threadId: string;
  decision: ReplyDecisionValue | null;
  notCounted: NotCountedMail[];
}) {
  const { busy, status, run } = useAction();
  const decide = (value: ReplyDecisionValue | null) =>
    void run({ type: 'decide-reply', decision: { subjectType: 'thread', subjectId: threadId, value } });
  return (
    <section className="thread-decision" aria-label={t('threadDecisionTitle')}>
      <p>
        <span className="thread-decision__title">{t('threadDecisionTitle')}: </span>
        <span className="thread-decision__state" data-decision={decision ?? 'rule'}>
          {decision === null
            ? t('threadDecisionNone')
            : t(decision === 'not-needed' ? 'intentThreadDecidedNotNeeded' : 'intentThreadDecidedAwaited')}
        </span>{' '}
        {decision !== 'not-needed' && (
          <button
            type="button"
            className="link-button"
            disabled={busy}
            aria-label={t('threadNotNeededLabel')}
            onClick={() => decide('not-needed')}
          >
            {t('replyNotNeeded')}
          </button>
        )}{' '}
        {decision !== 'awaited' && (
          <button
            type="button"
            className="link-button"
            disabled={busy}
            aria-label={t('threadAwaitedLabel')}
            onClick={() => decide('awaited')}
          >
            {t('replyAwaited')}
          </button>
        )}{' '}
        {decision !== null && (
          <button type="button" className="link-button" disabled={busy} onClick={() => decide(null)}>
            {t('replyBackToRule')}
          </button>
        )}
      </p>
      <StatusLine status={status} />
      {notCounted.length > 0 && (
        <>
          <h3 className="thread-decision__title">{t('notCountedTitle')}</h3>
          <ul className="not-counted">
            {notCounted.map((mail) => (
              <li key={mail.id} data-reason={mail.reason}>
                {t('notCountedNoRecipients', {
                  when: mail.at !== null ? formatDate(mail.at) : t('timeUnknown', { raw: mail.atRaw ?? '?' }),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
