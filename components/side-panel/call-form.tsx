import { useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { StatusLine, useAction } from './panel-actions';

/** `datetime-local` text ("2026-11-27T10:30") as local time; null when empty or unreadable. */
export function parseLocalDateTime(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  const at = new Date(year!, month! - 1, day!, hour, minute).getTime();
  return Number.isNaN(at) ? null : at;
}

/**
 * A phone call in two clicks: "Gebeld" opens the form (time defaults to now, the note may stay
 * empty), "Opgenomen" or "Niet opgenomen" logs it. An unanswered call is an attempt, an answered
 * one a response (the background recomputes the latency). The card opens and closes the form
 * (disclosure.ts); `onDone` closes it after a call was logged, with the words the card then shows.
 */
export function CallForm({ contactId, name, onDone }: { contactId: string; name: string; onDone: (savedText: string) => void }) {
  const id = useId();
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [note, setNote] = useState('');
  const [when, setWhen] = useState('');
  const { busy, status, run } = useAction();

  const log = async (answered: boolean) => {
    const at = parseLocalDateTime(when);
    const ok = await run(
      { type: 'log-call', call: { contactId, direction, answered, note, ...(at !== null ? { at } : {}) } },
      t('callLogged'),
    );
    if (ok) {
      setNote('');
      setWhen('');
      setDirection('out');
      onDone(t('callLogged'));
    }
  };

  return (
    <div className="call-form">
      <div role="group" aria-label={t('logCallFor', { name })} className="panel-form">
        <fieldset>
          <legend>{t('panelCallWho')}</legend>
          {(['out', 'in'] as const).map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${id}-direction`} checked={direction === option} onChange={() => setDirection(option)} />{' '}
              {option === 'out' ? t('panelCallOut') : t('panelCallIn')}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('panelCallNote')}</label>
          <input id={`${id}-note`} type="text" maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-when`}>{t('panelCallWhen')}</label>
          <input id={`${id}-when`} type="datetime-local" value={when} onChange={(event) => setWhen(event.target.value)} />
        </div>
        <div className="panel-form__buttons">
          <button type="button" className="primary" disabled={busy} onClick={() => void log(true)}>
            {t('logCallAnswered')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void log(false)}>
            {t('logCallNotAnswered')}
          </button>
        </div>
      </div>
      {/* what worked is said by the card, after the form closed; what failed stays here */}
      <StatusLine status={status?.ok === false ? status : null} />
    </div>
  );
}
