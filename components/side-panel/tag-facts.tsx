import { IsolatedList, Message } from '../message';
import { formatCount, formatDate, formatRelativeDay, formatShortDate, t } from '@/lib/i18n';
import { evidenceText, evidenceTexts } from '@/lib/i18n/evidence';
import { isGuessEvidence } from '@/lib/vocabulary/evidence';
import type { RoleId } from '@/lib/vocabulary/roles';
import type { ContactKind, LatencyRecord, Tag } from '@/lib/store/schemas';
import type { AdviceView, DimensionTags, ParticipantDetail } from '@/lib/read-models/side-panel';
import { municipalityRef } from '@/lib/read-models/side-panel';
import { AdviceLine } from '../advice';
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

function CorrectionLabel({ tag }: { tag: Tag }) {
  if (tag.subjectType === 'domain') return <Message id="panelCorrectedDomain" values={{ domain: tag.subjectId }} />;
  if (tag.subjectType === 'address') return <Message id="panelCorrectedAddress" values={{ address: tag.subjectId }} />;
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
          <CorrectionLabel tag={corrected} />
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
          {rule.evidence.length > 0 ? (
            <Message
              id="panelRuleSaid"
              values={{ value: valueLabel(rule) }}
              nodes={{ evidence: <IsolatedList items={evidenceTexts(rule.evidence)} separator="; " /> }}
            />
          ) : (
            t('panelRuleSaid', { value: valueLabel(rule), evidence: t('panelNoEvidence') })
          )}
        </li>
      ) : rule ? (
        rule.evidence.map((line, index) => (
          <li key={index} className="evidence__rule" data-source="rule" data-code={line.code} dir="auto">
            {evidenceText(line)}
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
          <dd className="facts__organisation" dir="auto">
            {organisation.name}
          </dd>
        </>
      )}
      <dt>{t('panelMunicipality')}</dt>
      <dd data-municipality={contact.municipalityCode ?? ''}>
        <span className="facts__value">{municipalityText}</span>
        <Evidence tags={detail.municipalityTags} what={t('panelMunicipality').toLowerCase()} />
      </dd>
      <dt>{t('panelRole')}</dt>
      <dd data-role={contact.role}>
        <span className="facts__value">{roleLabel(contact.role, detail.roleTags)}</span>
        <Evidence tags={detail.roleTags} what={t('panelRole').toLowerCase()} />
      </dd>
      {detail.worksFor && (
        <>
          <dt>{t('panelWorksFor')}</dt>
          <dd className="facts__works-for" data-contact-id={detail.worksFor.contactId}>
            <span className="facts__value">{detail.worksFor.name}</span>
            <ul className="evidence">
              {detail.worksFor.evidence.map((line, index) => (
                <li key={index} className="evidence__rule" data-code={line.code}>
                  {evidenceText(line)}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

function workingDays(count: number): string {
  const rounded = Math.round(count * 10) / 10;
  return rounded === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: formatCount(rounded) });
}

/** The role in words; a rule's guess from the organisation alone says so ("Ambtenaar (vermoedelijk)"). */
function roleLabel(role: RoleId, tags: DimensionTags): string {
  const label = t(`role_${role}`);
  const guessed = tags.decided?.source === 'rule' && isGuessEvidence(tags.decided.evidence);
  return guessed ? t('roleGuess', { role: label }) : label;
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
      {latency && latency.evidence.length > 0 && (
        <details className="latency__why">
          <summary>{t('panelLatencyWhy')}</summary>
          <ul>
            {latency.evidence.map((line, index) => (
              <li key={index} data-code={line.code} dir="auto">
                {evidenceText(line, { now })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {advice && <AdviceLine alternatives={advice.alternatives} rolesToOpen={advice.rolesToOpen} />}
    </div>
  );
}
