import { Fragment } from 'react';
import { t } from '@/lib/i18n';
import { roleChipsOf } from '@/lib/read-models/popup-list';
import type { MunicipalitySummary, RoleCoverage } from '@/lib/store/schemas';
import { STAKEHOLDER_ROLES } from '@/lib/vocabulary/roles';

/** The shape beside the colour, so the state never rests on colour alone. */
const SYMBOL: Record<RoleCoverage, string> = { responsive: '●', silent: '◐', none: '○' };
const COVERAGES: readonly RoleCoverage[] = ['responsive', 'silent', 'none'];

/**
 * The five roles as chips: covered by a responsive contact, a contact that stays silent, or
 * nobody; each names who holds it (in its title and for screen readers; every name in its own
 * isolate). Short labels keep the row to one line; the legend says what they stand for.
 */
export function CoverageStrip({ summary }: { summary: MunicipalitySummary }) {
  return (
    <ul className="coverage-strip" aria-label={t('rolesPresent')}>
      {roleChipsOf(summary).map(({ role, coverage, names }) => {
        const text = t(`coverage_${coverage}`, { role: t(`role_${role}`) });
        const who = names.length > 0 ? t('roleChipPeople', { names: names.join(', ') }) : null;
        return (
          <li
            key={role}
            className={`coverage coverage--${coverage}`}
            data-role={role}
            data-coverage={coverage}
            title={who ? `${text}; ${who}` : text}
          >
            <span aria-hidden="true">
              {SYMBOL[coverage]} {t(`roleShort_${role}`)}
            </span>
            <span className="visually-hidden">{text}</span>
            {names.length > 0 && (
              <span className="visually-hidden">
                {' ('}
                {names.map((name, index) => (
                  <Fragment key={index}>
                    {index > 0 && ', '}
                    <bdi>{name}</bdi>
                  </Fragment>
                ))}
                {')'}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** What the chips mean, one click away: the three states and the short role names. */
export function CoverageLegend({ id }: { id: string }) {
  return (
    <div id={id} className="coverage-legend">
      <p className="coverage-legend__title">{t('legendTitle')}</p>
      <ul className="coverage-strip">
        {COVERAGES.map((coverage) => (
          <li key={coverage} className={`coverage coverage--${coverage}`}>
            <span aria-hidden="true">{SYMBOL[coverage]}</span> {t(`statusFilter_${coverage}`)}
          </li>
        ))}
      </ul>
      <dl className="coverage-legend__roles">
        {STAKEHOLDER_ROLES.map((role) => (
          <div key={role}>
            <dt>{t(`roleShort_${role}`)}</dt>
            <dd>{t(`role_${role}`)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
