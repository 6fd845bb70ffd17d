import { useId, useRef, useState } from 'react';
import { formatDate, t } from '@/lib/i18n';
import { adviceFor } from '@/lib/latency/rollup';
import type { AttentionList, AttentionPerson } from '@/lib/read-models/popup-list';
import type { MunicipalitySummary } from '@/lib/store/schemas';
import { useActions } from './actions';
import { AdviceLine } from './advice';
import { CallLogger } from './call-logger';
import { Message } from './message';
import { useUndoableAction } from './undo';

/** One line per person when closed; this many before "toon alles". */
export const ATTENTION_LINES = 3;
const WEEK = 7 * 86_400_000;

function figures(person: AttentionPerson): string {
  const attempts = person.attempts === 1 ? t('attemptsOne') : t('attemptsMany', { count: person.attempts });
  const days = person.workingDaysWaiting ?? 0;
  return t('attentionFigures', { attempts, days: days === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: days }) });
}

/** What can be done about one person: call (with undo), snooze a week (with undo), advice, their municipality. */
interface PersonProps {
  person: AttentionPerson;
  municipality: MunicipalitySummary | undefined;
  now: number;
  onOpenMunicipality: (code: string) => void;
}

function PersonActions({ person, municipality, now, onOpenMunicipality }: PersonProps) {
  const actions = useActions();
  const { busy, run } = useUndoableAction();
  const until = now + WEEK;
  const advice = municipality ? adviceFor({ id: person.contactId, role: person.role }, municipality.keyContacts) : null;
  return (
    <>
      {advice && <AdviceLine alternatives={advice.alternatives.slice(0, 3)} rolesToOpen={advice.rolesToOpen} />}
      <div className="person-line__buttons">
        <CallLogger contactId={person.contactId} name={person.name} />
        <button
          type="button"
          disabled={busy}
          aria-label={t('snoozeWeekLabel', { name: person.name })}
          onClick={() =>
            void run(() => actions.snooze({ contactId: person.contactId, until }), t('snoozedUntil', { date: formatDate(until) }))
          }
        >
          {t('snoozeWeek')}
        </button>
        {municipality && (
          <button
            type="button"
            className="link-button"
            data-opener={`person-municipality:${person.contactId}`}
            onClick={() => onOpenMunicipality(municipality.code)}
          >
            {t('openMunicipality', { municipality: municipality.name })}
          </button>
        )}
      </div>
    </>
  );
}

function PersonLine(props: PersonProps) {
  const { person, municipality } = props;
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const where = `${t(`role_${person.role}`)}, ${municipality?.name ?? t('municipalityUnknown')}`;
  return (
    <li className="person-line" data-contact-id={person.contactId}>
      <button
        ref={toggle}
        type="button"
        className="person-line__toggle"
        data-opener={`person:${person.contactId}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <bdi className="contact__name">{person.name}</bdi> <span className="person-line__where">{where}</span>{' '}
        <span className={`status-pill status-pill--${person.status}`} data-status={person.status}>
          {t(`status_${person.status}`)}
        </span>{' '}
        <span className="person-line__figures">{figures(person)}</span>
      </button>
      {open && (
        <div
          id={panelId}
          className="person-line__actions"
          role="group"
          aria-label={t('attentionActions', { name: person.name })}
          onKeyDown={(event) => {
            // Escape closes the actions and puts focus back on the line that opened them
            if (event.key !== 'Escape') return;
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
            toggle.current?.focus();
          }}
        >
          <PersonActions {...props} />
        </div>
      )}
    </li>
  );
}

/**
 * Who keeps the user waiting, one compact line each, most overdue first, and the overdue next
 * steps: counted exactly as the toolbar badge counts (the same read). A few lines, then "toon alles".
 */
export function AttentionPeople({
  list,
  municipalities,
  now,
  onOpenMunicipality,
}: {
  list: AttentionList | undefined;
  municipalities: readonly MunicipalitySummary[];
  now: number;
  onOpenMunicipality: (code: string) => void;
}) {
  const [all, setAll] = useState(false);
  if (!list) return null;
  const byCode = new Map(municipalities.map((municipality) => [municipality.code, municipality]));
  const lines = [
    ...list.people.map((person) => ({ kind: 'person' as const, person })),
    ...list.overdueSteps.map((text, index) => ({ kind: 'step' as const, text, index })),
  ];
  const shown = all ? lines : lines.slice(0, ATTENTION_LINES);
  return (
    <section className="attention-people" aria-labelledby="attention-title">
      <h2 id="attention-title">
        {t('attentionTitle')}{' '}
        <span className="count-badge" data-count={list.total} title={t('attentionCountLabel', { count: list.total })}>
          {list.total}
        </span>
      </h2>
      {lines.length === 0 ? (
        <p className="muted">{t('losingTouchEmpty')}</p>
      ) : (
        <ul className="attention-people__list">
          {shown.map((line) =>
            line.kind === 'person' ? (
              <PersonLine
                key={line.person.contactId}
                person={line.person}
                municipality={line.person.municipalityCode ? byCode.get(line.person.municipalityCode) : undefined}
                now={now}
                onOpenMunicipality={onOpenMunicipality}
              />
            ) : (
              <li key={`step:${line.index}`} className="person-line person-line--step">
                <Message id="attentionOverdueStep" values={{ text: line.text }} />
              </li>
            ),
          )}
        </ul>
      )}
      {lines.length > ATTENTION_LINES && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('attentionShowFewer') : t('attentionShowAll', { count: lines.length })}
        </button>
      )}
    </section>
  );
}
