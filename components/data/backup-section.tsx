import { useEffect, useState } from 'react';
import { backupFileName } from '@/lib/backup/format';
import { formatSize } from '@/lib/backup/labels';
import { REMINDER_CHOICES, type BackupReminder } from '@/lib/backup/reminder';
import { writeBackup, type BackupProgress } from '@/lib/backup/write';
import { getLocale, t } from '@/lib/i18n';
import { failed, Progress, StatusLine, when, type Outcome } from './parts';
import { useData } from './services';

function reminderLabel(days: number | null): string {
  if (days === null) return t('reminderOff');
  if (days === 7) return t('reminderAfterWeek');
  return days % 7 === 0 ? t('reminderAfterWeeks', { count: days / 7 }) : t('reminderAfterDays', { count: days });
}

function ReminderSetting({ reminder, onChange }: { reminder: BackupReminder; onChange: (reminder: BackupReminder) => void }) {
  const choices: (number | null)[] = [...REMINDER_CHOICES, null];
  if (reminder.everyDays !== null && !choices.includes(reminder.everyDays)) choices.unshift(reminder.everyDays);
  return (
    <label className="data__field">
      {t('reminderLabel')}{' '}
      <select
        value={reminder.everyDays === null ? 'off' : String(reminder.everyDays)}
        onChange={(event) =>
          onChange({ ...reminder, everyDays: event.target.value === 'off' ? null : Number(event.target.value) })
        }
      >
        {choices.map((days) => (
          <option key={days ?? 'off'} value={days === null ? 'off' : String(days)}>
            {reminderLabel(days)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Making a backup (with progress, then a download), and when to be reminded of the next. */
export function BackupSection() {
  const { services, db } = useData();
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [reminder, setReminder] = useState<BackupReminder | null>(null);
  useEffect(() => {
    void services.loadReminder().then(setReminder);
  }, [services]);

  const saveReminder = async (next: BackupReminder) => {
    setReminder(next);
    await services.saveReminder(next);
    setOutcome({ ok: true, text: t('reminderSaved') });
  };

  const makeBackup = async () => {
    setOutcome(null);
    setProgress({ phase: 'reading', done: 0, total: 1 });
    try {
      const now = services.now();
      const { blob, header } = await writeBackup(db, { settings: await services.readSettings(), now, onProgress: setProgress });
      const file = backupFileName(now);
      services.download(blob, file);
      const records = Object.values(header.counts).reduce((sum, count) => sum + count, 0);
      const locale = getLocale() === 'en' ? 'en-GB' : 'nl-NL';
      const next = { ...(reminder ?? (await services.loadReminder())), lastBackupAt: now };
      await services.saveReminder(next);
      setReminder(next);
      setOutcome({
        ok: true,
        text: t('backupDone', { records: records.toLocaleString(locale), size: formatSize(blob.size, locale), file }),
      });
    } catch (error) {
      setOutcome(failed(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <section aria-labelledby="backup-title" className="data__section">
      <h2 id="backup-title">{t('backupTitle')}</h2>
      <p>{t('backupIntro')}</p>
      <p>{reminder?.lastBackupAt ? t('backupLast', { when: when(reminder.lastBackupAt) }) : t('backupNever')}</p>
      <button type="button" className="primary" disabled={progress !== null} onClick={() => void makeBackup()}>
        {t('backupMake')}
      </button>
      {progress && (
        <Progress
          label={
            progress.phase === 'reading'
              ? t('backupReading', { done: progress.done, total: progress.total })
              : t('backupWriting', { done: progress.done, total: progress.total })
          }
          done={progress.done}
          total={progress.total}
        />
      )}
      <StatusLine outcome={outcome} />
      {reminder && <ReminderSetting reminder={reminder} onChange={(next) => void saveReminder(next)} />}
    </section>
  );
}
