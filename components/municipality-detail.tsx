import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { formatDuration, formatRelativeDay, formatShortDate, t } from '@/lib/i18n';
import { evidenceTexts } from '@/lib/i18n/evidence';
import { ROLE_IDS } from '@/lib/vocabulary/roles';
import type { GemeenteradarDb } from '@/lib/store/db';
import { loadMunicipalityDetail, type ThreadSummary } from '@/lib/read-models/popup';
import { webmailLinkOf, type WebmailLink } from '@/lib/messaging/webmail-links';
import { loadMeetingMoments } from '@/lib/read-models/meetings';
import { addTallies, emptyTally } from '@/lib/read-models/record-guards';
import { loadTimeline } from '@/lib/read-models/timeline';
import type { MunicipalitySummary } from '@/lib/store/schemas';
import { useActions } from './actions';
import { CallLogger } from './call-logger';
import { CoverageStrip } from './coverage-strip';
import { MeetingLines } from './meeting-lines';
import { NextStepLine } from './municipality-list';
import { IsolatedList, Message } from './message';
import { RecordsNotice } from './records-notice';
import { StatusPill, usualResponse } from './status-pill';
import { Timeline } from './timeline';
import { useUndoableAction } from './undo';

/** The label of a conversation's link: the thread itself, found by subject, or only the mailbox. */
function linkLabel(link: WebmailLink, subject: string): string {
  const key =
    link.precision === 'thread'
      ? 'openConversationLabel'
      : link.precision === 'search'
        ? 'openConversationSearchLabel'
        : 'openMailboxLabel';
  return t(key, { subject, host: t(`host_${link.host}`) });
}

/** "Open in de mail" for a meeting agreed in a thread of this municipality. */
function MeetingConversation({ thread }: { thread: ThreadSummary | undefined }) {
  const actions = useActions();
  const link = thread ? webmailLinkOf(thread) : null;
  if (!thread || !link) return null;
  return (
    <button
      type="button"
      className="link-button"
      title={linkLabel(link, thread.subject || t('noSubject'))}
      onClick={() => void actions.openConversation(link)}
    >
      {t('openConversation')}
    </button>
  );
}

/**
 * A conversation: its subject opens it in the webmail it was read in (the thread itself where we
 * know its id, else found by subject, or the mailbox); "geen antwoord nodig" for all its mails.
 */
function ThreadLine({ thread, now }: { thread: ThreadSummary; now: number }) {
  const actions = useActions();
  const { busy, run } = useUndoableAction();
  const link = webmailLinkOf(thread);
  const subject = thread.subject || t('noSubject');
  const label = link ? linkLabel(link, subject) : null;
  return (
    <li className="thread" data-thread-id={thread.id}>
      {link ? (
        <button
          type="button"
          className="link-button thread__subject"
          title={label!}
          onClick={() => void actions.openConversation(link)}
        >
          <bdi>{subject}</bdi>
          <span className="visually-hidden"> ({t('openConversation')})</span>
        </button>
      ) : (
        <span className="thread__subject" dir="auto">
          {subject}
        </span>
      )}
      <span className="thread__when">
        {thread.lastMessageAt != null
          ? formatRelativeDay(thread.lastMessageAt, now)
          : thread.lastMessageAtRaw && <Message id="timeUnknown" values={{ raw: thread.lastMessageAtRaw }} />}
      </span>
      <button
        type="button"
        className="link-button thread__decide"
        disabled={busy}
        aria-label={t('replyNotNeededThreadLabel', { subject })}
        onClick={() =>
          void run(
            () => actions.decideReply({ subjectType: 'thread', subjectId: thread.id, value: 'not-needed' }),
            t('replyNotNeededSaved'),
          )
        }
      >
        {t('replyNotNeededThread')}
      </button>
    </li>
  );
}

/** One municipality: contacts per role with their status, the conversations, the timeline. */
export function MunicipalityDetail({
  summary,
  now,
  db,
  onBack,
}: {
  summary: MunicipalitySummary;
  now: number;
  db: GemeenteradarDb;
  onBack: () => void;
}) {
  const actions = useActions();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [summary.code]);
  const detail = useLiveQuery(() => loadMunicipalityDetail(db, summary.code), [db, summary.code]);
  const contacts = detail?.contacts ?? [];
  const contactKey = contacts.map((contact) => contact.id).join('|');
  const timelineRead = useLiveQuery(async () => {
    const integrity = emptyTally();
    return { items: await loadTimeline(db, contactKey ? contactKey.split('|') : [], 50, integrity), integrity };
  }, [db, contactKey]);
  const timeline = timelineRead?.items;
  const meetings = useLiveQuery(
    () => loadMeetingMoments(db, contactKey ? contactKey.split('|') : [], now),
    [db, contactKey, now],
  );
  const names = new Map(contacts.map((contact) => [contact.id, contact.name]));

  return (
    <section
      className="municipality-detail"
      aria-labelledby="detail-title"
      onKeyDown={(event) => {
        // Escape goes back to the list, and focus to what opened the detail (popup-app.tsx)
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onBack();
        }
      }}
    >
      <button type="button" className="link-button" onClick={onBack}>
        ← {t('backToList')}
      </button>
      <h1 id="detail-title" tabIndex={-1} ref={heading}>
        {summary.name} <span className="municipality__province">{summary.province}</span>
      </h1>
      <p className="municipality__meta">
        {summary.firstContactAt != null
          ? `${t('trajectoryDuration', { duration: formatDuration(summary.firstContactAt, now) })} ${t('trajectoryTypical')}`
          : t('trajectoryUnknown')}
      </p>
      <CoverageStrip summary={summary} />
      {summary.singleTrack && <p className="warning">{t('singleTrack')}</p>}
      <NextStepLine summary={summary} now={now} />
      <MeetingLines
        moments={meetings}
        show={['next']}
        actionFor={(moment) => {
          // only a meeting agreed in a conversation that has a webmail link gets the button (and its space)
          const thread = detail?.threads.find((candidate) => candidate.id === moment.threadId);
          return thread && webmailLinkOf(thread) ? <MeetingConversation thread={thread} /> : null;
        }}
      />
      <RecordsNotice tally={addTallies(detail?.integrity, timelineRead?.integrity)} />

      <h2 className="section-title">{t('contacts')}</h2>
      {ROLE_IDS.map((role) => {
        const inRole = contacts.filter((contact) => contact.role === role);
        if (inRole.length === 0) return null;
        return (
          <div key={role} className="role-group" data-role={role}>
            <h3>{t(`role_${role}`)}</h3>
            <ul className="contact-list">
              {inRole.map((contact) => (
                <li key={contact.id} className="contact" data-contact-id={contact.id}>
                  <span className="contact__name" dir="auto">
                    {contact.name}
                  </span>
                  {detail?.roleGuessed.has(contact.id) && <span className="contact__guess"> {t('roleGuessNote')}</span>}{' '}
                  <StatusPill latency={contact.latency} />
                  <span className="contact__address">
                    <IsolatedList items={contact.addresses} />
                  </span>
                  {usualResponse(contact.latency) && <span className="contact__address">{usualResponse(contact.latency)}</span>}
                  {contact.latency?.lastResponseKind === 'meeting' && contact.latency.lastResponseAt !== null && (
                    <span className="contact__address">
                      {t('meetingHeld', { date: formatShortDate(contact.latency.lastResponseAt) })}
                    </span>
                  )}
                  {(detail?.evidence.get(contact.id)?.length ?? 0) > 0 && (
                    <span className="contact__evidence">
                      <Message
                        id="evidence"
                        nodes={{
                          evidence: (
                            <IsolatedList items={evidenceTexts(detail!.evidence.get(contact.id)!, { now })} separator="; " />
                          ),
                        }}
                      />
                    </span>
                  )}
                  <div className="contact__actions">
                    <CallLogger contactId={contact.id} name={contact.name} />
                    {/* the accessible name starts with the visible text (WCAG 2.5.3), then says whose */}
                    <button type="button" className="link-button" onClick={() => void actions.openSidePanel(contact.id)}>
                      {t('openSidePanel')}
                      <span className="visually-hidden">
                        : <bdi>{contact.name}</bdi>
                      </span>
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        );
      })}

      <h2 className="section-title">{t('threads')}</h2>
      <ul className="thread-list">
        {(detail?.threads ?? []).map((thread) => (
          <ThreadLine key={thread.id} thread={thread} now={now} />
        ))}
      </ul>

      <h2 className="section-title">{t('timeline')}</h2>
      {timeline ? <Timeline items={timeline} nameOf={(id) => names.get(id) ?? id} /> : <p>{t('loading')}</p>}
    </section>
  );
}
