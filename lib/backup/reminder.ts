/**
 * The backup reminder: a setting in extension storage (`local:backup-reminder`): every how many
 * days the popup reminds the user to make a backup (default four weeks; null: never), when the
 * last backup was made, and since when the reminder counts when there was none yet. Validated
 * and repaired before use (a hand-edited or older value never breaks a page), without zod: the
 * popup reads it.
 */
import { storage } from 'wxt/utils/storage';

export const DEFAULT_REMINDER_DAYS = 28;
export const MAX_REMINDER_DAYS = 365;
/** The choices the data page offers (any whole number of days from 1 to 365 is valid). */
export const REMINDER_CHOICES = [7, 14, 28, 56, 91] as const;
const DAY = 86_400_000;

export interface BackupReminder {
  /** remind after this many days without a backup; null: never remind */
  everyDays: number | null;
  lastBackupAt: number | null;
  /** when the reminder started counting (the first time it was read), for a user without a backup yet */
  since: number | null;
}

export const backupReminderItem = storage.defineItem<unknown>('local:backup-reminder', { fallback: null });

const isTime = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isDays = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_REMINDER_DAYS;

/** A stored value as a valid reminder: what is invalid falls back to its default. */
export function repairBackupReminder(value: unknown): BackupReminder {
  const stored = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    everyDays: stored.everyDays === null ? null : isDays(stored.everyDays) ? stored.everyDays : DEFAULT_REMINDER_DAYS,
    lastBackupAt: isTime(stored.lastBackupAt) ? stored.lastBackupAt : null,
    since: isTime(stored.since) ? stored.since : null,
  };
}

/** Whether a value is a reminder exactly as stored (nothing to repair). */
export function isValidBackupReminder(value: unknown): boolean {
  return JSON.stringify(repairBackupReminder(value)) === JSON.stringify(value);
}

export async function loadBackupReminder(): Promise<BackupReminder> {
  return repairBackupReminder(await backupReminderItem.getValue());
}

export async function saveBackupReminder(reminder: BackupReminder): Promise<void> {
  await backupReminderItem.setValue(repairBackupReminder(reminder));
}

/** Whether the popup should remind: the last backup (or the start of counting) is older than the setting. */
export function backupDue(reminder: BackupReminder, now: number): boolean {
  const from = reminder.lastBackupAt ?? reminder.since;
  return reminder.everyDays !== null && from !== null && now - from > reminder.everyDays * DAY;
}
