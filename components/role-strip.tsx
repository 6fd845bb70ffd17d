import { t } from '@/lib/i18n';
import { STAKEHOLDER_ROLES, type RoleId } from '@/lib/roles';

/** The five roles, each marked present or missing; colour is never the only signal. */
export function RoleStrip({ present }: { present: readonly RoleId[] }) {
  return (
    <ul className="role-strip" aria-label={t('rolesPresent')}>
      {STAKEHOLDER_ROLES.map((role) => {
        const isPresent = present.includes(role);
        const label = t(`role_${role}`);
        return (
          <li
            key={role}
            className={isPresent ? 'role role--present' : 'role role--missing'}
            title={isPresent ? label : t('roleMissing', { role: label })}
            data-role={role}
            data-present={isPresent}
          >
            <span aria-hidden="true">{isPresent ? '●' : '○'}</span>{' '}
            <span className={isPresent ? undefined : 'visually-muted'}>
              {isPresent ? label : t('roleMissing', { role: label })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
