/** The toolbar badge: how many contacts need attention, coloured by the worst, named in the title. */
import { t } from '../i18n';
import { attentionTotal, type Attention } from '../store/attention';
import { iconPaths, type IconDrawing } from '../vocabulary/icons';
import { statusColor } from '../vocabulary/statuses';

export interface BadgeState {
  text: string;
  /** the quiet (dimmed) drawing when nothing needs attention */
  icon: IconDrawing;
  /** red for unresponsive, amber for slow; both keep AA contrast with the white badge text */
  color: string;
  title: string;
}

export const BADGE_COLORS = { unresponsive: statusColor('unresponsive'), slow: statusColor('slow') } as const;

function describe(entry: Attention['entries'][number]): string {
  const parts: string[] = [];
  if (entry.attempts > 0) parts.push(entry.attempts === 1 ? t('attemptsOne') : t('attemptsMany', { count: entry.attempts }));
  if (entry.workingDaysWaiting != null && entry.workingDaysWaiting > 0) {
    parts.push(entry.workingDaysWaiting === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: entry.workingDaysWaiting }));
  }
  return parts.length ? `${entry.name} (${parts.join(', ')})` : entry.name;
}

export function badgeFor(attention: Attention, app = 'Gemeenteradar'): BadgeState {
  const steps = attention.overdueSteps ?? [];
  const total = attentionTotal(attention);
  if (total === 0) return { text: '', icon: 'icon-quiet', color: BADGE_COLORS.slow, title: t('badgeNone', { app }) };
  const parts: string[] = [];
  if (attention.count > 0) {
    const named = attention.entries.slice(0, 3).map(describe);
    const others = attention.count - named.length;
    const who = others > 0 ? t('andOthers', { list: named.join(', '), count: others }) : named.join(', ');
    parts.push(attention.count === 1 ? t('badgeOne', { app, who }) : t('badgeMany', { app, count: attention.count, who }));
  }
  if (steps.length > 0) {
    const shown = steps
      .slice(0, 2)
      .map((text) => `“${text}”`)
      .join(', ');
    const list = steps.length > 2 ? t('andOthers', { list: shown, count: steps.length - 2 }) : shown;
    parts.push(
      steps.length === 1 ? t('badgeStepOne', { app, steps: list }) : t('badgeSteps', { app, count: steps.length, steps: list }),
    );
  }
  return {
    text: total > 99 ? '99+' : String(total),
    icon: 'icon',
    // an unresponsive contact is red; slow contacts and overdue steps are amber
    color: BADGE_COLORS[attention.worst ?? 'slow'],
    // the app name once, at the start
    title: [parts[0]!, ...parts.slice(1).map((part) => part.replace(`${app}: `, ''))].join(' · '),
  };
}

/** The part of the `action` API the badge needs (a fake in tests). */
export interface BadgeAction {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
  /** absent in some fakes and older browsers: the badge works without it */
  setIcon?(details: { path: Record<string, string> }): Promise<void> | void;
}

export async function applyBadge(action: BadgeAction, attention: Attention): Promise<BadgeState> {
  const state = badgeFor(attention);
  await Promise.all([
    action.setBadgeText({ text: state.text }),
    action.setBadgeBackgroundColor({ color: state.color }),
    action.setTitle({ title: state.title }),
    action.setIcon?.({ path: iconPaths(state.icon) }),
  ]);
  return state;
}
