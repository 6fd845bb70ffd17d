import { useId, useRef, useState } from 'react';
import { t } from '@/lib/i18n';
import type { GemeenteradarDb } from '@/lib/store/db';
import type { ParticipantDetail, ParticipantView } from '@/lib/read-models/side-panel';
import { Timeline } from '../timeline';
import { CallForm } from './call-form';
import { CorrectionForm } from './correction-form';
import { FollowControl } from './follow-control';
import { MergeControl, type MergeCandidate } from './merge-control';
import { NextSteps } from './next-steps';
import { NotesEditor } from './notes-editor';
import { StatusLine, type ActionStatus } from './panel-actions';
import { kindLabel, LatencyFacts, TagFacts } from './tag-facts';
import { MeetingLines } from '../meeting-lines';

/** Everything about one stakeholder: tags and why, latency, actions, next steps, notes, history. */
function KnownCard({
  detail,
  db,
  now,
  candidates,
  onShowAll,
}: {
  detail: ParticipantDetail;
  db: GemeenteradarDb;
  now: number;
  candidates: MergeCandidate[];
  onShowAll: (contactId: string) => void;
}) {
  const id = useId();
  const { contact } = detail;
  const [correcting, setCorrecting] = useState(false);
  const [saved, setSaved] = useState<ActionStatus | null>(null);
  const correctButton = useRef<HTMLButtonElement>(null);
  const headingId = `${id}-name`;

  return (
    <article className="participant participant--known" aria-labelledby={headingId} data-contact-id={contact.id}>
      <h3 id={headingId} className="participant__name">
        {contact.name}
      </h3>
      <p className="participant__addresses">{contact.addresses.join(', ')}</p>
      <TagFacts detail={detail} />
      <div className="participant__actions">
        <button
          type="button"
          ref={correctButton}
          aria-expanded={correcting}
          aria-controls={`${id}-correct`}
          onClick={() => {
            setCorrecting(!correcting);
            setSaved(null);
          }}
        >
          {t('panelCorrect')}…
        </button>
      </div>
      <div id={`${id}-correct`} hidden={!correcting}>
        {correcting && (
          <CorrectionForm
            contact={contact}
            onDone={(didSave) => {
              setCorrecting(false);
              setSaved(didSave ? { ok: true, text: t('panelSaved') } : null);
              correctButton.current?.focus();
            }}
          />
        )}
      </div>
      <StatusLine status={saved} />
      <FollowControl contact={contact} followedByCorrection={detail.followedByCorrection} />

      <section className="participant__section" aria-labelledby={`${id}-latency`}>
        <h4 id={`${id}-latency`}>{t('panelLatency')}</h4>
        <LatencyFacts latency={detail.latency} advice={detail.advice} now={now} />
        <MeetingLines moments={detail.meetings} />
        <CallForm contactId={contact.id} name={contact.name} />
      </section>

      <section className="participant__section" aria-labelledby={`${id}-steps`}>
        <h4 id={`${id}-steps`}>{t('panelNextSteps')}</h4>
        <NextSteps contactId={contact.id} steps={detail.nextSteps} now={now} />
      </section>

      <section className="participant__section" aria-labelledby={`${id}-notes`}>
        <h4 id={`${id}-notes`}>{t('panelNotes')}</h4>
        <NotesEditor
          subjectType="contact"
          subjectId={contact.id}
          note={detail.contactNote}
          label={t('panelContactNote', { name: contact.name })}
        />
        {detail.organisation && (
          <NotesEditor
            subjectType="organisation"
            subjectId={detail.organisation.id}
            note={detail.organisationNote}
            label={t('panelOrganisationNote', { name: detail.organisation.name })}
          />
        )}
      </section>

      <section className="participant__section" aria-labelledby={`${id}-timeline`}>
        <h4 id={`${id}-timeline`}>{t('timeline')}</h4>
        {detail.timelineTotal === 0 ? (
          <p className="muted">{t('panelTimelineEmpty')}</p>
        ) : (
          <Timeline items={detail.timeline} nameOf={(contactId) => detail.names[contactId] ?? contactId} />
        )}
        {detail.timelineTotal > detail.timeline.length && (
          <button type="button" className="link-button" onClick={() => onShowAll(contact.id)}>
            {t('panelShowAll', { count: detail.timelineTotal })}
          </button>
        )}
      </section>

      <MergeControl db={db} contact={contact} candidates={candidates} merges={detail.merges} />
    </article>
  );
}

export function ParticipantCard({
  view,
  db,
  now,
  candidates = [],
  onShowAll = () => undefined,
}: {
  view: ParticipantView;
  db: GemeenteradarDb;
  now: number;
  candidates?: MergeCandidate[];
  onShowAll?: (contactId: string) => void;
}) {
  if (view.status === 'known') {
    return (
      <KnownCard
        detail={view.detail}
        db={db}
        now={now}
        candidates={candidates.filter((c) => c.id !== view.detail.contact.id)}
        onShowAll={onShowAll}
      />
    );
  }
  const { participant } = view;
  return (
    <article className={`participant participant--${view.status}`} aria-label={participant.name || participant.address || '?'}>
      <p className="participant__name">{participant.name || participant.address}</p>
      <p className="participant__addresses">{participant.address ?? t('panelNoAddress')}</p>
      <p className="muted">
        {view.status === 'not-stakeholder' && view.contact.kind !== 'stakeholder'
          ? kindLabel(view.contact.kind)
          : participant.address
            ? t('panelUnknownParticipant')
            : null}
      </p>
      {view.status === 'not-stakeholder' && <FollowControl contact={view.contact} />}
    </article>
  );
}
