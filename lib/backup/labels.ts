/** The data page's words for tables, problems and sizes (rendered by t(); a table another version adds keeps its name). */
import { t } from '../i18n';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import type { BackupProblem } from './format';

const known = (key: string): key is MessageKey => Object.hasOwn(MESSAGES.nl, key);

export function tableLabel(name: string): string {
  const key = `table_${name}`;
  return known(key) ? t(key) : name;
}

export function problemText(problem: BackupProblem): string {
  const key = `backupProblem_${problem.code}`;
  if (!known(key)) return problem.code;
  return t(key, {
    line: problem.line ?? '?',
    table: problem.table ? tableLabel(problem.table) : '?',
    field: problem.field ?? '',
    detail: problem.detail ?? '',
  });
}

export function formatSize(bytes: number, locale: string): string {
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1_000_000) return t('sizeKb', { size: number(Math.max(0.1, bytes / 1_000)) });
  if (bytes < 1_000_000_000) return t('sizeMb', { size: number(bytes / 1_000_000) });
  return t('sizeGb', { size: number(bytes / 1_000_000_000) });
}
