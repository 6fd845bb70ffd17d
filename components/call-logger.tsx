import { useState } from 'react';
import { describeReason, t } from '@/lib/i18n';
import { reason } from '@/lib/vocabulary/reasons';
import { useActions } from './actions';

/** "Gebeld: opgenomen / niet opgenomen": a call logged in one click, at the current time. */
export function CallLogger({ contactId, name }: { contactId: string; name: string }) {
  const actions = useActions();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const log = async (answered: boolean) => {
    setBusy(true);
    const reply = await actions
      .logCall({ contactId, direction: 'out', answered })
      .catch(() => ({ ok: false as const, error: reason('no-reply') }));
    setBusy(false);
    setMessage(
      reply.ok
        ? { ok: true, text: t('callLogged') }
        : { ok: false, text: t('callFailed', { error: describeReason(reply.error) }) },
    );
  };
  return (
    <div className="call-logger" role="group" aria-label={t('logCallFor', { name })}>
      <span className="call-logger__label" aria-hidden="true">
        {t('logCall')}:
      </span>
      <button type="button" disabled={busy} onClick={() => void log(true)}>
        {t('logCallAnswered')}
      </button>
      <button type="button" disabled={busy} onClick={() => void log(false)}>
        {t('logCallNotAnswered')}
      </button>
      {message && (
        <span className={message.ok ? 'call-logger__ok' : 'call-logger__error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
