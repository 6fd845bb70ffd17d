import { useId, useState, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import type { GemeenteradarDb } from '@/lib/store/db';
import type { Organisation } from '@/lib/store/schemas';
import type { PhoneNumberFound } from '@/lib/vocabulary/phone-numbers';
import type { ParticipantDetail, ParticipantView } from '@/lib/read-models/side-panel';
import { ErrorPanel } from '../error-boundary';
import { IsolatedList, Message } from '../message';
import { RecordsNotice } from '../records-notice';
import { Timeline } from '../timeline';
import { CallForm } from './call-form';
import { CorrectionForm } from './correction-form';
import { FollowControl } from './follow-control';
import { MergeControl, type MergeCandidate } from './merge-control';
import { NextStepForm, NextStepList } from './next-steps';
import { NotesEditor } from './notes-editor';
import { SnoozeActive, SnoozeForm } from './snooze-control';
import { useDisclosure } from './disclosure';
import { StatusLine, type ActionStatus } from './panel-actions';
import { kindLabel, LatencyFacts, TagFacts } from './tag-facts';
import { MeetingLines } from '../meeting-lines';

/** The latest entry of the timeline (newest first): what happened last with this person. */
function LastInteraction({ detail }: { detail: ParticipantDetail }) {
  const [last] = detail.timeline;
  if (!last) return <p className="participant__last muted">{t('panelTimelineEmpty')}</p>;
  return (
    <div className="participant__last">
      <span className="participant__last-label">{t('panelLastInteraction')}</span>
      <Timeline items={[last]} nameOf={(contactId) => detail.names[contactId] ?? contactId} />
    </div>
  );
}

/** The phone numbers the open conversation's signatures gave, as tel: links beside "Gebeld". */
function PhoneLinks({ phones }: { phones: readonly PhoneNumberFound[] }) {
  return phones.map((phone) => (
    <a
      key={phone.tel}
      className="phone-link"
      href={`tel:${phone.tel}`}
      title={t('panelPhoneEvidence', { line: phone.evidence.line })}
      data-kind={phone.kind}
    >
      <bdi>{phone.shown}</bdi>
    </a>
  ));
}

/** "Notitie over Gemeente Zwolle"; an organisation known only by its domain is named by the person. */
function organisationNoteLabel(organisation: Organisation, personName: string): ReactNode {
  const named = organisation.name.trim() !== '' && !organisation.domains.includes(organisation.name.trim().toLowerCase());
  return named ? (
    <Message id="panelOrganisationNote" values={{ name: organisation.name }} />
  ) : (
    <Message
      id="panelOrganisationNoteUnnamed"
      values={{ name: personName, domain: organisation.domains[0] ?? organisation.name }}
    />
  );
}

/**
 * Everything about one stakeholder, compact: name, tags with their evidence, status and the last
 * interaction, open next steps and notes; the forms (correction, call, next step, note, snooze)
 * and the whole timeline open on demand from one row of buttons and close after a save.
 */
function KnownCard({
  detail,
  db,
  now,
  candidates,
  phones,
  onShowAll,
}: {
  detail: ParticipantDetail;
  db: GemeenteradarDb;
  now: number;
  candidates: MergeCandidate[];
  phones: readonly PhoneNumberFound[];
  onShowAll: (contactId: string) => void;
}) {
  const id = useId();
  const { contact } = detail;
  const [saved, setSaved] = useState<ActionStatus | null>(null);
  const correct = useDisclosure();
  const call = useDisclosure();
  const step = useDisclosure();
  const note = useDisclosure();
  const snooze = useDisclosure();
  const timeline = useDisclosure();
  const headingId = `${id}-name`;
  const snoozed = detail.snoozedUntil !== null && detail.snoozedUntil > now;
  /** closes a form after its save and says what was saved (the form itself is gone) */
  const doneWith = (disclosure: { close: () => void }) => (text: string | null) => {
    disclosure.close();
    setSaved(text === null ? null : { ok: true, text });
  };
  const opener = (disclosure: { buttonProps: ReturnType<typeof useDisclosure>['buttonProps'] }, label: string) => (
    <button
      {...disclosure.buttonProps}
      onClick={() => {
        disclosure.buttonProps.onClick();
        setSaved(null);
      }}
    >
      {label}
    </button>
  );

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
      <div className="participant__status">
        <h4>{t('panelLatency')}</h4>
        <LatencyFacts latency={detail.latency} advice={detail.advice} now={now} />
        <MeetingLines moments={detail.meetings} />
        {snoozed && <SnoozeActive contactId={contact.id} snoozedUntil={detail.snoozedUntil!} />}
      </div>
      {!timeline.open && <LastInteraction detail={detail} />}
      {detail.nextSteps.length > 0 && <NextStepList steps={detail.nextSteps} now={now} />}
      {(detail.contactNote?.text || detail.organisationNote?.text) && (
        <ul className="participant__notes" aria-label={t('panelNotes')}>
          {detail.contactNote?.text && <li dir="auto">{detail.contactNote.text}</li>}
          {detail.organisationNote?.text && detail.organisation && (
            <li>
              <span className="participant__note-about">
                <bdi>{detail.organisation.name}</bdi>:
              </span>{' '}
              <span dir="auto">{detail.organisationNote.text}</span>
            </li>
          )}
        </ul>
      )}

      <div className="participant__actions">
        {opener(correct, `${t('panelCorrect')}…`)}
        <span className="participant__call">
          {opener(call, `${t('logCall')}…`)}
          <PhoneLinks phones={phones} />
        </span>
        {opener(step, t('panelNextStepOpen'))}
        {opener(note, t('panelNoteOpen'))}
        {!snoozed && opener(snooze, t('snoozeOpen'))}
        {detail.timelineTotal > 0 && opener(timeline, t('panelTimelineOpen', { count: detail.timelineTotal }))}
      </div>
      <StatusLine status={saved} />

      <div {...correct.panelProps}>
        {correct.open && (
          <CorrectionForm contact={contact} onDone={(didSave) => doneWith(correct)(didSave ? t('panelSaved') : null)} />
        )}
      </div>
      <div {...call.panelProps}>
        {call.open && <CallForm contactId={contact.id} name={contact.name} onDone={doneWith(call)} />}
      </div>
      <div {...step.panelProps}>
        {step.open && <NextStepForm contactId={contact.id} hasSteps={detail.nextSteps.length > 0} onDone={doneWith(step)} />}
      </div>
      {/* kept while closed: a draft typed in one editor stays when the other is saved */}
      <div {...note.panelProps} className="panel-form">
        <NotesEditor
          subjectType="contact"
          subjectId={contact.id}
          note={detail.contactNote}
          label={<Message id="panelContactNote" values={{ name: contact.name }} />}
          onDone={doneWith(note)}
        />
        {detail.organisation && (
          <NotesEditor
            subjectType="organisation"
            subjectId={detail.organisation.id}
            note={detail.organisationNote}
            label={organisationNoteLabel(detail.organisation, contact.name)}
            onDone={doneWith(note)}
          />
        )}
      </div>
      <div {...snooze.panelProps}>
        {snooze.open && !snoozed && <SnoozeForm contactId={contact.id} name={contact.name} now={now} onDone={doneWith(snooze)} />}
      </div>
      <div {...timeline.panelProps}>
        {timeline.open && (
          <section className="participant__timeline" aria-labelledby={`${id}-timeline ${headingId}`}>
            <h4 id={`${id}-timeline`}>{t('timeline')}</h4>
            <Timeline items={detail.timeline} nameOf={(contactId) => detail.names[contactId] ?? contactId} actions now={now} />
            {detail.timelineTotal > detail.timeline.length && (
              <button type="button" className="link-button" onClick={() => onShowAll(contact.id)}>
                {t('panelShowAll', { count: detail.timelineTotal })}
              </button>
            )}
          </section>
        )}
      </div>

      <div className="participant__more">
        <FollowControl contact={contact} followedByCorrection={detail.followedByCorrection} />
        <MergeControl db={db} contact={contact} candidates={candidates} merges={detail.merges} />
        {contact.addresses[0] && (
          <p className="participant__held">
            <a href={`/data.html?address=${encodeURIComponent(contact.addresses[0])}#person`} target="_blank" rel="noopener">
              <Message id="panelHeldLink" values={{ name: contact.name }} />
            </a>
          </p>
        )}
      </div>
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
  phones = [],
  onShowAll = () => undefined,
  onRetry = () => undefined,
}: {
  view: ParticipantView;
  db: GemeenteradarDb;
  now: number;
  candidates?: MergeCandidate[];
  /** the numbers the open conversation's signatures gave for this person (tab context) */
  phones?: readonly PhoneNumberFound[];
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
        phones={phones}
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
