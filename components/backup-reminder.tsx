import { useEffect, useState } from 'react';
import { backupDue, loadBackupReminder, saveBackupReminder, type BackupReminder } from '@/lib/backup/reminder';
import { formatDate, t } from '@/lib/i18n';

/**
 * The popup's reminder to make a backup, when the last one (or, without one, the first time the
 * popup counted) is older than the user's setting (four weeks unless changed; never is possible).
 */
export function BackupReminderNotice({
  now,
  load = loadBackupReminder,
  save = saveBackupReminder,
}: {
  now: number;
  load?: () => Promise<BackupReminder>;
  save?: (reminder: BackupReminder) => Promise<void>;
}) {
  const [reminder, setReminder] = useState<BackupReminder | null>(null);
  useEffect(() => {
    let current = true;
    load()
      .then(async (read) => {
        // the first time: count from now (a new user is not reminded at once)
        if (read.lastBackupAt === null && read.since === null) await save({ ...read, since: now });
        if (current) setReminder(read);
      })
      .catch(() => undefined); // no reminder rather than a broken popup
    return () => {
      current = false;
    };
  }, [load, save, now]);
  if (!reminder || !backupDue(reminder, now)) return null;
  return (
    <p role="note" className="backup-reminder">
      {reminder.lastBackupAt === null ? t('reminderNever') : t('reminderDue', { date: formatDate(reminder.lastBackupAt) })}{' '}
      <a href="/data.html" target="_blank" rel="noopener">
        {t('reminderAction')}
      </a>
    </p>
  );
}
