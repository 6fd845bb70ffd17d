import { t } from '@/lib/i18n';
import type { RoleCoverage } from '@/lib/store/schemas';
import { STAKEHOLDER_ROLES, type StakeholderRole } from '@/lib/vocabulary/roles';

const SYMBOL: Record<RoleCoverage, string> = { responsive: '●', silent: '◐', none: '○' };

/** The five roles: covered by a responsive contact, a contact that stays silent, or nobody. */
export function CoverageStrip({ coverage }: { coverage: Record<StakeholderRole, RoleCoverage> }) {
  return (
    <ul className="coverage-strip" aria-label={t('rolesPresent')}>
      {STAKEHOLDER_ROLES.map((role) => {
        const state = coverage[role];
        const text = t(`coverage_${state}`, { role: t(`role_${role}`) });
        return (
          <li key={role} className={`coverage coverage--${state}`} data-role={role} data-coverage={state} title={text}>
            <span aria-hidden="true">{SYMBOL[state]}</span> <span className="visually-hidden">{text}</span>
            <span aria-hidden="true">{t(`role_${role}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}
