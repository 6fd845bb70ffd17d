/** Small pieces the data page's sections share: a progress bar with words, a status line, an error's words. */
import { BackupFileError } from '@/lib/backup/format';
import { problemText } from '@/lib/backup/labels';
import { BackgroundRefusedError } from '@/lib/backup/services';
import { describeReason, getLocale, t } from '@/lib/i18n';

export function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="data__progress">
      <progress max={Math.max(total, 1)} value={Math.min(done, total)} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

export type Outcome = { ok: boolean; text: string } | null;

export function StatusLine({ outcome }: { outcome: Outcome }) {
  return (
    <p role="status" className={outcome && !outcome.ok ? 'data__status data__status--error' : 'data__status'}>
      {outcome?.text ?? ''}
    </p>
  );
}

/** An error as the user reads it: a backup problem in its own words, anything else as it says. */
export function errorText(error: unknown): string {
  if (error instanceof BackupFileError) return `${problemText(error.problem)} ${t('dataNothingChanged')}`;
  if (error instanceof BackgroundRefusedError) return t('dataFailed', { error: describeReason(error.reason) });
  return t('dataFailed', { error: error instanceof Error ? error.message : String(error) });
}

export function failed(error: unknown): Outcome {
  return { ok: false, text: errorText(error) };
}

/** A date in the UI language, with the time. */
export function when(at: number): string {
  return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(
    at,
  );
}

/** Doing what was just shown, or not: every action of the page confirms what it will do first. */
export function ConfirmButtons({
  label,
  tone,
  onConfirm,
  onCancel,
}: {
  label: string;
  tone: 'primary' | 'danger';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="data__buttons">
      <button type="button" className={tone} onClick={onConfirm}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        {t('dataCancel')}
      </button>
    </div>
  );
}
