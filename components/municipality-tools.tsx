import { useId, useState } from 'react';
import { t } from '@/lib/i18n';
import {
  isFiltered,
  MUNICIPALITY_SORTS,
  NO_FILTER,
  STATUS_FILTERS,
  type MunicipalityFilter,
  type MunicipalitySort,
} from '@/lib/read-models/popup-list';
import { STAKEHOLDER_ROLES, type StakeholderRole } from '@/lib/vocabulary/roles';
import { CoverageLegend } from './coverage-strip';

const ANY = '';

function FacetSelect<Value extends string>({
  label,
  value,
  options,
  optionLabel,
  onChange,
}: {
  label: string;
  value: Value | null;
  options: readonly Value[];
  optionLabel: (value: Value) => string;
  onChange: (value: Value | null) => void;
}) {
  const id = useId();
  return (
    <span className="facet">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ANY} onChange={(event) => onChange((event.target.value || null) as Value | null)}>
        <option value={ANY}>{t('filterAny')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * Sort, filter and the legend in one compact row: the filters and the legend open on demand
 * (one at a time), so the list stays on the first screen.
 */
export function MunicipalityTools({
  sort,
  onSort,
  filter,
  onFilter,
  provinces,
}: {
  sort: MunicipalitySort;
  onSort: (sort: MunicipalitySort) => void;
  filter: MunicipalityFilter;
  onFilter: (filter: MunicipalityFilter) => void;
  provinces: readonly string[];
}) {
  const [open, setOpen] = useState<'filters' | 'legend' | null>(null);
  const sortId = useId();
  const filtersId = useId();
  const legendId = useId();
  const active = [filter.province, filter.role, filter.status].filter((value) => value !== null).length;
  return (
    <div className="list-tools">
      <div className="list-tools__row" role="group" aria-label={t('listTools')}>
        <span className="facet">
          <label htmlFor={sortId}>{t('sortLabel')}</label>
          <select id={sortId} value={sort} onChange={(event) => onSort(event.target.value as MunicipalitySort)}>
            {MUNICIPALITY_SORTS.map((option) => (
              <option key={option} value={option}>
                {t(`sort_${option}`)}
              </option>
            ))}
          </select>
        </span>
        {(
          [
            ['filters', filtersId, active > 0 ? t('filterToggleActive', { count: active }) : t('filterToggle')],
            ['legend', legendId, t('legendToggle')],
          ] as const
        ).map(([panel, id, label]) => (
          <button
            key={panel}
            type="button"
            className="tool-button"
            aria-expanded={open === panel}
            aria-controls={id}
            onClick={() => setOpen(open === panel ? null : panel)}
          >
            {label}
          </button>
        ))}
      </div>
      <div id={filtersId} className="list-tools__filters" hidden={open !== 'filters'}>
        <FacetSelect
          label={t('filterProvince')}
          value={filter.province}
          options={provinces}
          optionLabel={(province) => province}
          onChange={(province) => onFilter({ ...filter, province })}
        />
        <FacetSelect<StakeholderRole>
          label={t('filterRole')}
          value={filter.role}
          options={STAKEHOLDER_ROLES}
          optionLabel={(role) => t(`role_${role}`)}
          onChange={(role) => onFilter({ ...filter, role })}
        />
        <FacetSelect
          label={t('filterStatus')}
          value={filter.status}
          options={STATUS_FILTERS}
          optionLabel={(status) => t(`statusFilter_${status}`)}
          onChange={(status) => onFilter({ ...filter, status })}
        />
        {isFiltered(filter) && (
          <button type="button" className="link-button" onClick={() => onFilter(NO_FILTER)}>
            {t('filterClear')}
          </button>
        )}
      </div>
      <div hidden={open !== 'legend'}>
        <CoverageLegend id={legendId} />
      </div>
    </div>
  );
}
