/** The toolbar badge: how many contacts need attention, coloured by the worst, named in the title. */
import { t } from '../i18n';
import type { Attention } from '../store/attention';

export interface BadgeState {
  text: string;
  /** red for unresponsive, amber for slow; both keep AA contrast with the white badge text */
  color: string;
  title: string;
}

export const BADGE_COLORS = { unresponsive: '#b42318', slow: '#8a5a00' } as const;

function describe(entry: Attention['entries'][number]): string {
  const parts: string[] = [];
  if (entry.attempts > 0) parts.push(entry.attempts === 1 ? t('attemptsOne') : t('attemptsMany', { count: entry.attempts }));
  if (entry.workingDaysWaiting != null && entry.workingDaysWaiting > 0) {
    parts.push(
      entry.workingDaysWaiting === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: entry.workingDaysWaiting }),
    );
  }
  return parts.length ? `${entry.name} (${parts.join(', ')})` : entry.name;
}

export function badgeFor(attention: Attention, app = 'Gemeenteradar'): BadgeState {
  if (attention.count === 0 || !attention.worst) {
    return { text: '', color: BADGE_COLORS.slow, title: t('badgeNone', { app }) };
  }
  const named = attention.entries.slice(0, 3).map(describe);
  const others = attention.count - named.length;
  const who = others > 0 ? t('andOthers', { list: named.join(', '), count: others }) : named.join(', ');
  return {
    text: attention.count > 99 ? '99+' : String(attention.count),
    color: BADGE_COLORS[attention.worst],
    title: attention.count === 1 ? t('badgeOne', { app, who }) : t('badgeMany', { app, count: attention.count, who }),
  };
}

/** The part of the `action` API the badge needs (a fake in tests). */
export interface BadgeAction {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

export async function applyBadge(action: BadgeAction, attention: Attention): Promise<BadgeState> {
  const state = badgeFor(attention);
  await Promise.all([
    action.setBadgeText({ text: state.text }),
    action.setBadgeBackgroundColor({ color: state.color }),
    action.setTitle({ title: state.title }),
  ]);
  return state;
}
