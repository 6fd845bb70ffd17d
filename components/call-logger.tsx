import { t } from '@/lib/i18n';
import { useActions } from './actions';
import { useUndoableAction } from './undo';

/**
 * "Gebeld: opgenomen / niet opgenomen": a call logged in one click, at the current time. What
 * came of it shows in the popup's status line, with "Ongedaan maken" (components/undo.tsx).
 */
export function CallLogger({ contactId, name }: { contactId: string; name: string }) {
  const actions = useActions();
  const { busy, run } = useUndoableAction();
  const log = (answered: boolean) =>
    void run(() => actions.logCall({ contactId, direction: 'out', answered }), t('callLogged'), 'callFailed');
  return (
    <div className="call-logger" role="group" aria-label={t('logCallFor', { name })}>
      <span className="call-logger__label" aria-hidden="true">
        {t('logCall')}:
      </span>
      <button type="button" disabled={busy} onClick={() => log(true)}>
        {t('logCallAnswered')}
      </button>
      <button type="button" disabled={busy} onClick={() => log(false)}>
        {t('logCallNotAnswered')}
      </button>
    </div>
  );
}
