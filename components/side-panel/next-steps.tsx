import { useId, useState, type FormEvent } from 'react';
import { formatDate, t } from '@/lib/i18n';
import type { NextStep } from '@/lib/store/schemas';
import { StatusLine, useAction } from './panel-actions';

/** `<input type="date">` text ("2026-12-03") as the start of that day, local time. */
export function parseLocalDate(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isNaN(at) ? null : at;
}

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** A contact's next steps, on the card: open ones by date (overdue marked in words), done ones after. */
export function NextStepList({ steps, now }: { steps: NextStep[]; now: number }) {
  const { busy, status, run } = useAction();
  return (
    <div className="next-steps">
      <ul className="next-steps__list" aria-label={t('panelNextSteps')}>
        {steps.map((step) => {
          const overdue = !step.done && step.dueAt !== null && step.dueAt < startOfDay(now);
          return (
            <li key={step.id} className={step.done ? 'next-steps__item next-steps__item--done' : 'next-steps__item'}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={step.done}
                  disabled={busy}
                  aria-label={t('panelNextStepDoneLabel', { text: step.text })}
                  onChange={(event) => void run({ type: 'update-next-step', step: { id: step.id, done: event.target.checked } })}
                />{' '}
                <span className="next-steps__text" dir="auto">
                  {step.text}
                </span>
              </label>
              {step.dueAt !== null && (
                <span className={overdue ? 'next-steps__due next-step--overdue' : 'next-steps__due'}>
                  {' '}
                  {t('panelNextStepDueOn', { date: formatDate(step.dueAt) })}
                  {overdue && ` (${t('overdue')})`}
                </span>
              )}{' '}
              <button
                type="button"
                className="link-button"
                disabled={busy}
                aria-label={t('panelNextStepRemove', { text: step.text })}
                onClick={() => void run({ type: 'update-next-step', step: { id: step.id, remove: true } })}
              >
                {t('panelRemove')}
              </button>
            </li>
          );
        })}
      </ul>
      <StatusLine status={status?.ok === false ? status : null} />
    </div>
  );
}

/** A new next step (text, optional date), opened from the card; `onDone` closes it after the save. */
export function NextStepForm({
  contactId,
  hasSteps,
  onDone,
}: {
  contactId: string;
  hasSteps: boolean;
  onDone: (savedText: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const { busy, status, run } = useAction();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const ok = await run({
      type: 'add-next-step',
      step: { subjectType: 'contact', subjectId: contactId, text, dueAt: parseLocalDate(due) },
    });
    if (ok) {
      setText('');
      setDue('');
      onDone(t('panelSaved'));
    }
  };

  return (
    <div className="next-steps">
      {!hasSteps && <p className="muted">{t('panelNoNextSteps')}</p>}
      <form className="panel-form panel-form--inline" onSubmit={(event) => void add(event)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('panelNextStepText')}</label>
          <input id={`${id}-text`} type="text" maxLength={500} value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('panelNextStepDue')}</label>
          <input id={`${id}-due`} type="date" value={due} onChange={(event) => setDue(event.target.value)} />
        </div>
        <div className="panel-form__buttons">
          <button type="submit" disabled={busy || !text.trim()}>
            {t('panelAddNextStep')}
          </button>
        </div>
      </form>
      <StatusLine status={status?.ok === false ? status : null} />
    </div>
  );
}
