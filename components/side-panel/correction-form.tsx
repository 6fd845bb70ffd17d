import { useId, useState, type FormEvent } from 'react';
import { isPersonalMailDomain } from '@/lib/data';
import { t } from '@/lib/i18n';
import { ROLE_IDS, type RoleId } from '@/lib/vocabulary/roles';
import type { CorrectionScope } from '@/lib/store/corrections';
import type { Contact } from '@/lib/store/schemas';
import { domainOf } from '@/lib/store/tags';
import { MunicipalityCombobox } from './municipality-combobox';
import { StatusLine, useAction } from './panel-actions';

type Dimension = 'municipality' | 'role';

/**
 * Correct a contact's municipality or role, remembered for this address or the whole mail domain
 * (never a personal one such as gmail.com). The background stores it as a user tag and applies it
 * at once; the card re-renders from the store.
 */
export function CorrectionForm({ contact, onDone }: { contact: Contact; onDone: (saved: boolean) => void }) {
  const id = useId();
  const { busy, status, run } = useAction();
  const [dimension, setDimension] = useState<Dimension>('municipality');
  const [address, setAddress] = useState(contact.addresses[0] ?? '');
  const [municipality, setMunicipality] = useState<string | null | undefined>(contact.municipalityCode ?? undefined);
  const [role, setRole] = useState<RoleId>(contact.role);
  const domain = address ? domainOf(address) : '';
  const personal = domain !== '' && isPersonalMailDomain(domain);
  const [scope, setScope] = useState<CorrectionScope>('address');
  const effectiveScope: CorrectionScope = personal ? 'address' : scope;
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (dimension === 'municipality' && municipality === undefined) {
      setProblem(t('panelChooseMunicipality'));
      return;
    }
    setProblem(null);
    const target = { contactId: contact.id, address, scope: effectiveScope };
    const ok = await run({
      type: 'correct-tag',
      correction:
        dimension === 'municipality'
          ? { ...target, dimension, value: municipality ?? null }
          : { ...target, dimension, value: role },
    });
    if (ok) onDone(true);
  };

  return (
    <form
      className="panel-form correction-form"
      aria-label={t('panelCorrectFor', { name: contact.name })}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onDone(false);
        }
      }}
    >
      <fieldset>
        <legend>{t('panelCorrectWhat')}</legend>
        {(['municipality', 'role'] as const).map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name={`${id}-dimension`}
              value={option}
              checked={dimension === option}
              onChange={() => setDimension(option)}
            />{' '}
            {option === 'municipality' ? t('panelMunicipality') : t('panelRole')}
          </label>
        ))}
      </fieldset>

      {dimension === 'municipality' ? (
        <MunicipalityCombobox label={t('panelNewMunicipality')} value={municipality} onChange={setMunicipality} />
      ) : (
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('panelNewRole')}</label>
          <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as RoleId)}>
            {ROLE_IDS.map((roleId) => (
              <option key={roleId} value={roleId}>
                {t(`role_${roleId}`)}
              </option>
            ))}
          </select>
        </div>
      )}

      {contact.addresses.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-address`}>{t('panelAddress')}</label>
          <select id={`${id}-address`} value={address} onChange={(event) => setAddress(event.target.value)}>
            {contact.addresses.map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
        </div>
      )}

      <fieldset>
        <legend>{t('panelRemember')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-scope`}
            value="address"
            checked={effectiveScope === 'address'}
            onChange={() => setScope('address')}
          />{' '}
          {t('panelScopeAddress', { address })}
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-scope`}
            value="domain"
            checked={effectiveScope === 'domain'}
            disabled={personal}
            aria-describedby={personal ? `${id}-personal` : undefined}
            onChange={() => setScope('domain')}
          />{' '}
          {t('panelScopeDomain', { domain })}
        </label>
        {personal && (
          <p id={`${id}-personal`} className="hint">
            {t('panelScopePersonalDomain', { domain })}
          </p>
        )}
      </fieldset>

      {problem && (
        <p className="panel-status panel-status--error" role="alert">
          {problem}
        </p>
      )}
      <div className="panel-form__buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('panelSave')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('panelCancel')}
        </button>
      </div>
      <StatusLine status={status} />
    </form>
  );
}
