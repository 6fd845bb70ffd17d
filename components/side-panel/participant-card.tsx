import { useId, useRef, useState } from 'react';
import { t } from '@/lib/i18n';
import type { GemeenteradarDb } from '@/lib/store/db';
import type { ParticipantDetail, ParticipantView } from '@/lib/read-models/side-panel';
import { ErrorPanel } from '../error-boundary';
import { IsolatedList, Message } from '../message';
import { RecordsNotice } from '../records-notice';
import { Timeline } from '../timeline';
import { CallForm } from './call-form';
import { CorrectionForm } from './correction-form';
import { FollowControl } from './follow-control';
import { MergeControl, type MergeCandidate } from './merge-control';
import { NextSteps } from './next-steps';
import { NotesEditor } from './notes-editor';
import { SnoozeControl } from './snooze-control';
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
        <bdi>{contact.name}</bdi>
      </h3>
      <p className="participant__addresses">
        <IsolatedList items={contact.addresses} />
      </p>
      <RecordsNotice tally={detail.integrity} />
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
        <SnoozeControl contactId={contact.id} name={contact.name} snoozedUntil={detail.snoozedUntil} now={now} />
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
          label={<Message id="panelContactNote" values={{ name: contact.name }} />}
        />
        {detail.organisation && (
          <NotesEditor
            subjectType="organisation"
            subjectId={detail.organisation.id}
            note={detail.organisationNote}
            label={<Message id="panelOrganisationNote" values={{ name: detail.organisation.name }} />}
          />
        )}
      </section>

      <section className="participant__section" aria-labelledby={`${id}-timeline`}>
        <h4 id={`${id}-timeline`}>{t('timeline')}</h4>
        {detail.timelineTotal === 0 ? (
          <p className="muted">{t('panelTimelineEmpty')}</p>
        ) : (
          <Timeline items={detail.timeline} nameOf={(contactId) => detail.names[contactId] ?? contactId} actions now={now} />
        )}
        {detail.timelineTotal > detail.timeline.length && (
          <button type="button" className="link-button" onClick={() => onShowAll(contact.id)}>
            {t('panelShowAll', { count: detail.timelineTotal })}
          </button>
        )}
      </section>

      <MergeControl db={db} contact={contact} candidates={candidates} merges={detail.merges} />
      {contact.addresses[0] && (
        <p className="participant__held">
          <a href={`/data.html?address=${encodeURIComponent(contact.addresses[0])}#person`} target="_blank" rel="noopener">
            <Message id="panelHeldLink" values={{ name: contact.name }} />
          </a>
        </p>
      )}
    </article>
  );
}

/** A participant as the page showed them (name, address), each isolated: mail text. */
export function AsShown({ participant }: { participant: ParticipantView['participant'] }) {
  return (
    <>
      <p className="participant__name" dir="auto">
        {participant.name || participant.address}
      </p>
      <p className="participant__addresses" dir={participant.address ? 'auto' : undefined}>
        {participant.address ?? t('panelNoAddress')}
      </p>
    </>
  );
}

export function ParticipantCard({
  view,
  db,
  now,
  candidates = [],
  onShowAll = () => undefined,
  onRetry = () => undefined,
}: {
  view: ParticipantView;
  db: GemeenteradarDb;
  now: number;
  candidates?: MergeCandidate[];
  onShowAll?: (contactId: string) => void;
  /** reads the store again (a card whose records could not be read) */
  onRetry?: () => void;
}) {
  if (view.status === 'failed')
    return <ErrorPanel error={view.error} surface="side-panel-card" variant="card" onReload={onRetry} />;
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
      <AsShown participant={participant} />
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
