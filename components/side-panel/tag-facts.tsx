import { formatDate, formatRelativeDay, formatShortDate, getLocale, t } from '@/lib/i18n';
import type { ContactKind, LatencyRecord, Tag } from '@/lib/store/schemas';
import type { AdviceView, DimensionTags, ParticipantDetail } from '@/lib/read-models/side-panel';
import { municipalityRef } from '@/lib/read-models/side-panel';
import { StatusPill } from '../status-pill';
import { useAction } from './panel-actions';

export function kindLabel(kind: Exclude<ContactKind, 'stakeholder'>): string {
  return t(`panelKind_${kind}`);
}

function valueLabel(tag: Tag): string {
  if (tag.dimension === 'role') return tag.value ? t(`role_${tag.value as 'onbekend'}`) : t('role_onbekend');
  if (tag.value === null) return t('panelNoMunicipality');
  return municipalityRef(tag.value)?.name ?? tag.value;
}

function correctionLabel(tag: Tag): string {
  if (tag.subjectType === 'domain') return t('panelCorrectedDomain', { domain: tag.subjectId });
  if (tag.subjectType === 'address') return t('panelCorrectedAddress', { address: tag.subjectId });
  return t('panelCorrectedContact');
}

/** Why the contact has this tag: the user's correction (with undo), and what the rule found. */
function Evidence({ tags, what }: { tags: DimensionTags; what: string }) {
  const { busy, run } = useAction();
  const { decided, rule } = tags;
  const corrected = decided?.source === 'user' ? decided : null;
  return (
    <ul className="evidence">
      {corrected && (
        <li className="evidence__correction" data-source="user">
          {correctionLabel(corrected)}
          {(corrected.subjectType === 'address' || corrected.subjectType === 'domain') && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                disabled={busy}
                aria-label={t('panelUndoCorrection', { what })}
                onClick={() =>
                  void run({
                    type: 'remove-correction',
                    correction: {
                      subjectType: corrected.subjectType as 'address' | 'domain',
                      subjectId: corrected.subjectId,
                      dimension: corrected.dimension,
                    },
                  })
                }
              >
                {t('panelUndo')}
              </button>
            </>
          )}
        </li>
      )}
      {rule && corrected ? (
        <li className="evidence__rule evidence__rule--overruled" data-source="rule">
          {t('panelRuleSaid', { value: valueLabel(rule), evidence: rule.evidence.join('; ') || t('panelNoEvidence') })}
        </li>
      ) : rule ? (
        rule.evidence.map((line, index) => (
          <li key={index} className="evidence__rule" data-source="rule">
            {line}
          </li>
        ))
      ) : (
        !corrected && <li className="evidence__none">{t('panelNoEvidence')}</li>
      )}
    </ul>
  );
}

/** Organisation, municipality and role, each with the evidence behind it. */
export function TagFacts({ detail }: { detail: ParticipantDetail }) {
  const { contact, organisation, municipality } = detail;
  const municipalityText = municipality
    ? `${municipality.name} (${municipality.province})`
    : detail.municipalityTags.decided?.source === 'user'
      ? t('panelNoMunicipality')
      : t('unknownMunicipality');
  return (
    <dl className="facts">
      {organisation && (
        <>
          <dt>{t('panelOrganisation')}</dt>
          <dd className="facts__organisation">{organisation.name}</dd>
        </>
      )}
      <dt>{t('panelMunicipality')}</dt>
      <dd data-municipality={contact.municipalityCode ?? ''}>
        <span className="facts__value">{municipalityText}</span>
        <Evidence tags={detail.municipalityTags} what={t('panelMunicipality').toLowerCase()} />
      </dd>
      <dt>{t('panelRole')}</dt>
      <dd data-role={contact.role}>
        <span className="facts__value">{t(`role_${contact.role}`)}</span>
        <Evidence tags={detail.roleTags} what={t('panelRole').toLowerCase()} />
      </dd>
    </dl>
  );
}

function workingDays(count: number): string {
  const rounded = Math.round(count * 10) / 10;
  const shown = getLocale() === 'nl' ? String(rounded).replace('.', ',') : String(rounded);
  return rounded === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: shown });
}

/** Status in words with its figures (attempts and waiting in the pill), usual response time, absence. */
export function LatencyFacts({
  latency,
  advice,
  now,
}: {
  latency: LatencyRecord | null;
  advice: AdviceView | null;
  now: number;
}) {
  return (
    <div className="latency">
      <StatusPill latency={latency} />
      {latency && (
        <ul className="latency__facts">
          <li>
            {latency.medianResponseWorkingDays === null
              ? t('panelUsualUnknown')
              : latency.medianResponseWorkingDays < 0.5
                ? t('panelUsualSameDay')
                : t('usualResponse', { days: workingDays(latency.medianResponseWorkingDays) })}
          </li>
          {latency.lastResponseAt !== null && (
            <li className="latency__last-response" data-kind={latency.lastResponseKind ?? undefined}>
              {t('panelLastResponse', {
                when:
                  latency.lastResponseKind === 'meeting'
                    ? t('meetingHeld', { date: formatShortDate(latency.lastResponseAt) })
                    : formatRelativeDay(latency.lastResponseAt, now),
              })}
            </li>
          )}
          {latency.absentUntil !== null && (
            <li className="latency__absent">{t('absentUntil', { date: formatDate(latency.absentUntil) })}</li>
          )}
        </ul>
      )}
      {advice && (
        <p className="advice">
          {advice.alternatives.length > 0
            ? t('adviceOtherRoles', {
                names: advice.alternatives
                  .map((alternative) => `${alternative.name} (${t(`role_${alternative.role}`).toLowerCase()})`)
                  .join(', '),
              })
            : t('adviceOpenRoles', { roles: advice.rolesToOpen.map((role) => t(`role_${role}`).toLowerCase()).join(', ') })}
        </p>
      )}
    </div>
  );
}
