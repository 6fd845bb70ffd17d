import { useId, useState, type FormEvent } from 'react';
import { formatDate, t } from '@/lib/i18n';
import { parseLocalDate } from './next-steps';
import { StatusLine, useAction } from './panel-actions';

/** "2026-12-10" for a moment, local time: the value of an `<input type="date">`. */
function dateInputValue(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const WEEK_MS = 7 * 86_400_000;

/** A snoozed contact: until when, and "wakker maken" to end it now. */
export function SnoozeActive({ contactId, snoozedUntil }: { contactId: string; snoozedUntil: number }) {
  const { busy, status, run } = useAction();
  return (
    <div className="snooze">
      <p className="snooze__active">
        {t('snoozeActive', { date: formatDate(snoozedUntil) })}{' '}
        <button
          type="button"
          disabled={busy}
          onClick={() => void run({ type: 'snooze-contact', snooze: { contactId, until: null } }, t('snoozeWoken'))}
        >
          {t('snoozeWake')}
        </button>
      </p>
      <StatusLine status={status} />
    </div>
  );
}

/**
 * "Snooze tot <datum>": the contact needs no attention until the start of that day (the toolbar
 * badge, the row badges and the popup leave them out), then wakes up. Opened from the card;
 * `onDone` closes it after the save.
 */
export function SnoozeForm({
  contactId,
  name,
  now,
  onDone,
}: {
  contactId: string;
  name: string;
  now: number;
  onDone: (savedText: string) => void;
}) {
  const id = useId();
  const { busy, status, run } = useAction();
  const [date, setDate] = useState(() => dateInputValue(now + WEEK_MS));
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const until = parseLocalDate(date);
    setInvalid(until === null || until <= now);
    if (until !== null && until > now) {
      void run({ type: 'snooze-contact', snooze: { contactId, until } }, t('snoozeSaved')).then(
        (ok) => ok && onDone(t('snoozeSaved')),
      );
    }
  };
  return (
    // a group, not a named form: the correction is the card's one named form
    <form className="panel-form panel-form--inline snooze" onSubmit={submit}>
      <div role="group" aria-label={t('snoozeLabel', { name })} className="snooze__fields">
        <div className="field">
          <label htmlFor={`${id}-until`}>{t('snoozeDate')}</label>
          <input
            id={`${id}-until`}
            type="date"
            value={date}
            min={dateInputValue(now + 86_400_000)}
            aria-invalid={invalid}
            onChange={(event) => setDate(event.target.value)}
          />
        </div>
        <div className="panel-form__buttons">
          <button type="submit" disabled={busy}>
            {t('snoozeSubmit')}
          </button>
        </div>
      </div>
      {invalid && <p role="alert">{t('snoozeInvalidDate')}</p>}
      <StatusLine status={status?.ok === false ? status : null} />
    </form>
  );
}
