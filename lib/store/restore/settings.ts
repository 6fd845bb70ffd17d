/**
 * The settings a backup carries (the `setting` items of lib/store/table-registry.ts): each checked
 * before anything of the restore is staged, and written once the store's transaction committed
 * (extension storage cannot join it).
 */
import { isValidBackupReminder, repairBackupReminder } from '../../backup/reminder';
import type { BackupProblem } from '../../backup/format';
import { RoleThresholdsSchema } from '../../latency/thresholds';
import { SETTING_KEYS } from '../table-registry';

/** Per setting (its key without the area): whether a value is valid as it is. */
export const SETTING_CHECKS: Record<string, (value: unknown) => boolean> = {
  thresholds: (value) => RoleThresholdsSchema.safeParse(value).success,
  'backup-reminder': isValidBackupReminder,
};

const keyOf = (storageKey: string) => storageKey.replace(/^local:/, '');

/** The first setting that is not valid, or null. Settings this version does not know are left out. */
export function checkSettings(settings: Record<string, unknown>): BackupProblem | null {
  for (const [key, value] of Object.entries(settings)) {
    const check = SETTING_CHECKS[key];
    if (check && !check(value)) return { code: 'invalid-setting', field: key };
  }
  return null;
}

/** The settings this version knows, as they will be written. */
export function knownSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(SETTING_KEYS.map(keyOf));
  return Object.fromEntries(Object.entries(settings).filter(([key]) => known.has(key) && SETTING_CHECKS[key]));
}

/**
 * Writes a backup's settings. The restored store is that backup, so the reminder counts from it
 * (or from a later backup made here).
 */
export async function writeSettings(settings: Record<string, unknown>, backupCreatedAt: number): Promise<string[]> {
  const known = knownSettings(settings);
  const current = repairBackupReminder((await browser.storage.local.get('backup-reminder'))['backup-reminder'] ?? null);
  const restored = repairBackupReminder(known['backup-reminder'] ?? current);
  const lastBackupAt = Math.max(restored.lastBackupAt ?? 0, current.lastBackupAt ?? 0, backupCreatedAt);
  await browser.storage.local.set({ ...known, 'backup-reminder': { ...restored, lastBackupAt } });
  return Object.keys(known);
}
