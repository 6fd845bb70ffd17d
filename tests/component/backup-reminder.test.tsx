import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupReminderNotice } from '@/components/backup-reminder';
import { backupDue, loadBackupReminder, repairBackupReminder, type BackupReminder } from '@/lib/backup/reminder';
import { setLocale } from '@/lib/i18n';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);

beforeEach(() => setLocale('nl'));

describe('the popup’s backup reminder', () => {
  it.each<[string, Partial<BackupReminder>, string | null]>([
    ['a backup older than four weeks', { lastBackupAt: NOW - 29 * DAY }, 'Je laatste reservekopie is van'],
    ['a recent backup', { lastBackupAt: NOW - 3 * DAY }, null],
    ['no backup, counting for five weeks', { since: NOW - 35 * DAY }, 'Je hebt nog geen reservekopie gemaakt.'],
    ['no backup, counting since a week', { since: NOW - 7 * DAY }, null],
    ['reminders off', { everyDays: null, lastBackupAt: NOW - 400 * DAY }, null],
    ['every week, last one ten days ago', { everyDays: 7, lastBackupAt: NOW - 10 * DAY }, 'Je laatste reservekopie is van'],
  ])('%s', async (_what, stored, text) => {
    const reminder = { ...repairBackupReminder(null), ...stored };
    render(<BackupReminderNotice now={NOW} load={async () => reminder} save={async () => undefined} />);
    if (text) {
      expect(await screen.findByRole('note')).toHaveTextContent(text);
      expect(screen.getByRole('link', { name: 'Reservekopie maken' })).toHaveAttribute('href', '/data.html');
    } else {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(screen.queryByRole('note')).toBeNull();
    }
    expect(backupDue(reminder, NOW)).toBe(text !== null);
  });

  it('starts counting the first time it is read, so a new user is not reminded at once', async () => {
    const save = vi.fn(async () => undefined);
    render(<BackupReminderNotice now={NOW} load={async () => repairBackupReminder(null)} save={save} />);
    await vi.waitFor(() => expect(save).toHaveBeenCalledWith({ everyDays: 28, lastBackupAt: null, since: NOW }));
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('repairs a hand-edited setting before use', async () => {
    await browser.storage.local.set({ 'backup-reminder': { everyDays: 'vaak', lastBackupAt: -5, since: NOW } });
    expect(await loadBackupReminder()).toEqual({ everyDays: 28, lastBackupAt: null, since: NOW });
  });
});
