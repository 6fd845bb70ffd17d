import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import { sidePanelFocusItem } from '@/lib/messaging/client';
import { reloadNeededItem } from '@/lib/messaging/tab-context';
import type { TabContext } from '@/lib/messaging/tab-context';
import type { GemeenteradarDb } from '@/lib/store/db';
import { getPageDb } from '@/lib/store/page-db';
import {
  loadContactView,
  loadConversation,
  loadListMunicipalities,
  participantKey,
  TIMELINE_PAGE,
  type ConversationData,
} from '@/lib/read-models/side-panel';
import type { MergeCandidate } from './merge-control';
import { SendContext, type SendToBackground } from './panel-actions';
import { ThreadDecision } from './thread-decision';
import { AsShown, ParticipantCard } from './participant-card';
import { ErrorBoundary, ErrorPanel, errorText, loadErrorText } from '../error-boundary';
import { RecordsNotice } from '../records-notice';
import { emptyTally } from '@/lib/read-models/record-guards';
import { useTabContext } from './use-tab-context';
import { CalendarEventContext, useCalendarContext } from './calendar-event-context';
import { usePageDb, type PageDbState } from '../use-page-db';

const HOST_LABELS: Record<TabContext['host'], string> = { gmail: 'Gmail', outlook: 'Outlook' };

function Guide({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state guide" aria-labelledby="guide-title">
      <h2 id="guide-title">{title}</h2>
      <p>{children}</p>
    </section>
  );
}

/** The store is being opened or brought up to date by the background, or that failed (with a retry). */
function StoreWaiting({ store }: { store: Exclude<PageDbState, { status: 'ready' }> }) {
  if (store.status === 'failed') {
    return (
      <ErrorPanel
        error={store.error}
        detail={t('storeUpgradeFailed', { error: errorText(store.error) })}
        surface="side-panel"
        onReload={store.retry}
      />
    );
  }
  return store.status === 'upgrading' ? null : <Loading />;
}

function Loading() {
  return (
    <p className="panel-loading" aria-busy="true">
      {t('loading')}
    </p>
  );
}

/** The open conversation: its subject and municipality, and a card per participant. */
export function ConversationView({
  context,
  db,
  now,
  ready = true,
}: {
  context: TabContext;
  db: GemeenteradarDb;
  now: number;
  /** the store is open at this code's version (use-page-db.ts); until then, what the page shows */
  ready?: boolean;
}) {
  const participants = context.participants;
  const key = `${context.threadKey ?? ''}|${participants.map(participantKey).join(',')}`;
  const [limits, setLimits] = useState<Record<string, number>>({});
  const [error, setError] = useState<unknown>(null);
  // "Opnieuw laden": read the store again
  const [attempt, setAttempt] = useState(0);
  const limitsKey = JSON.stringify(limits);
  const result = useLiveQuery(
    () =>
      (ready
        ? loadConversation(db, { threadKey: context.threadKey, participants }, { timelineLimits: limits })
        : new Promise<never>(() => undefined)
      ).then(
        (data): { key: string; data: ConversationData } => {
          setError(null);
          return { key, data };
        },
        (reason: unknown) => {
          setError(reason ?? new Error('unknown error'));
          return null;
        },
      ),
    [db, key, limitsKey, attempt, ready],
  );
  // a result for the previous conversation is never shown under this one's subject
  const data = result?.key === key ? result.data : undefined;
  const candidates: MergeCandidate[] = useMemo(
    () =>
      (data?.participants ?? []).flatMap((view) =>
        view.status === 'known'
          ? [{ id: view.detail.contact.id, name: view.detail.contact.name, addresses: view.detail.contact.addresses }]
          : [],
      ),
    [data],
  );

  return (
    <section className="conversation" aria-labelledby="conversation-subject" data-thread-key={context.threadKey ?? ''}>
      <p className="conversation__kind">
        {t('panelConversation')} · {HOST_LABELS[context.host]}
      </p>
      <h2 id="conversation-subject" className="conversation__subject">
        <bdi>{context.subject || t('noSubject')}</bdi>
      </h2>
      {data?.threadMunicipality && (
        <p className="conversation__municipality">{t('panelThreadMunicipality', { name: data.threadMunicipality.name })}</p>
      )}
      {error ? (
        <ErrorPanel
          error={error}
          detail={loadErrorText(error)}
          surface="side-panel"
          onReload={() => setAttempt((current) => current + 1)}
        />
      ) : null}
      <RecordsNotice tally={data?.integrity} />
      {data?.thread && <ThreadDecision threadId={data.thread.id} decision={data.threadDecision} notCounted={data.notCounted} />}
      <h2 className="visually-hidden">{t('panelParticipants')}</h2>
      {data ? (
        <ul className="participants" aria-label={t('panelParticipants')}>
          {data.participants.map((view) => (
            <li key={view.key}>
              {/* one card that cannot be shown leaves the others (and the panel) as they are */}
              <ErrorBoundary surface="side-panel-card" variant="card">
                <ParticipantCard
                  view={view}
                  db={db}
                  now={now}
                  candidates={candidates}
                  phones={context.phones?.[view.participant.address?.toLowerCase() ?? ''] ?? []}
                  onShowAll={(contactId) => setLimits((current) => ({ ...current, [contactId]: Number.MAX_SAFE_INTEGER }))}
                  onRetry={() => setAttempt((current) => current + 1)}
                />
              </ErrorBoundary>
            </li>
          ))}
        </ul>
      ) : (
        // what the page shows, at once; the store's details follow
        <ul className="participants participants--pending" aria-label={t('panelParticipants')} aria-busy="true">
          {participants.map((participant) => (
            <li key={participantKey(participant)} className="participant participant--pending">
              <AsShown participant={participant} />
            </li>
          ))}
        </ul>
      )}
      {(context.participantsOmitted ?? 0) > 0 && (
        <p className="participants__more" role="note">
          {t('panelMoreParticipants', { count: context.participantsOmitted ?? 0 })}
        </p>
      )}
    </section>
  );
}

/** A list view: the municipalities of the selected rows' people, or what to do. */
function ListView({ context, db }: { context: TabContext; db: GemeenteradarDb }) {
  const key = context.participants.map(participantKey).join(',');
  const read = useLiveQuery(async () => {
    const integrity = emptyTally();
    const found = context.participants.length ? await loadListMunicipalities(db, context.participants, integrity) : [];
    return { found, integrity };
  }, [db, key]);
  const municipalities = read?.found;
  if (context.participants.length === 0 || (municipalities && municipalities.length === 0)) {
    return (
      <>
        <RecordsNotice tally={read?.integrity} />
        <Guide title={t('panelGuideListTitle')}>{t('panelGuideListBody', { host: HOST_LABELS[context.host] })}</Guide>
      </>
    );
  }
  if (!municipalities) return <Loading />;
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">{t('panelListMunicipalities')}</h2>
      <RecordsNotice tally={read?.integrity} />
      <ul className="list-municipalities">
        {municipalities.map((municipality) => (
          <li key={municipality.code} data-code={municipality.code}>
            <span className="municipality__name">{municipality.name}</span>{' '}
            <span className="municipality__province">{municipality.province}</span>
            <ul>
              {municipality.contacts.map((contact) => (
                <li key={contact.id} className="contact">
                  <span className="contact__name" dir="auto">
                    {contact.name}
                  </span>{' '}
                  <span className="contact__role" data-role={contact.role}>
                    {t(`role_${contact.role}`)}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The contact the popup asked the panel to show ("open in side panel"), above the rest. */
function FocusedContact({ contactId, db, now }: { contactId: string; db: GemeenteradarDb; now: number }) {
  const [limit, setLimit] = useState(TIMELINE_PAGE);
  const view = useLiveQuery(() => loadContactView(db, contactId, limit), [db, contactId, limit]);
  return (
    <section className="focused-contact" aria-labelledby="focus-title">
      <div className="focused-contact__bar">
        <h2 id="focus-title">{t('panelFocusTitle')}</h2>
        <button type="button" onClick={() => void sidePanelFocusItem.setValue(null)}>
          {t('panelFocusClose')}
        </button>
      </div>
      {view === undefined ? (
        <Loading />
      ) : view === null ? (
        <p>{t('panelFocusGone')}</p>
      ) : view === 'unreadable' ? (
        <RecordsNotice tally={{ skipped: 1, repaired: 0 }} />
      ) : (
        <ErrorBoundary surface="side-panel-card" variant="card">
          <ParticipantCard view={view} db={db} now={now} onShowAll={() => setLimit(Number.MAX_SAFE_INTEGER)} />
        </ErrorBoundary>
      )}
    </section>
  );
}

/** How long the panel waits for a webmail tab's first read before it says none came. */
export const READ_WAIT_MS = 10_000;

/**
 * True once a webmail tab has been followed for `waitMs` without a single read from it: its
 * content script is not there (an update it was not re-injected after, access to the site withdrawn)
 * or does not get through. The panel then says so instead of waiting for ever.
 */
function useReadOverdue(tabId: number | null, waiting: boolean, waitMs: number): boolean {
  // the tab the wait ran out for: a read, or another tab, ends it without a reset in the effect
  const [overdueTab, setOverdueTab] = useState<number | null>(null);
  useEffect(() => {
    if (tabId === null || !waiting) return;
    const timer = setTimeout(() => setOverdueTab(tabId), waitMs);
    return () => clearTimeout(timer);
  }, [tabId, waiting, waitMs]);
  return waiting && tabId !== null && overdueTab === tabId;
}

/** Whether the background marked this tab as one the new content script could not be put into. */
function useReloadNeeded(tabId: number | null): boolean {
  const [marked, setMarked] = useState<{ tabId: number; needed: boolean } | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    let disposed = false;
    const item = reloadNeededItem(tabId);
    const show = (value: unknown) => !disposed && setMarked({ tabId, needed: value === true });
    const unwatch = item.watch(show);
    void item.getValue().then(show, () => undefined);
    return () => {
      disposed = true;
      unwatch();
    };
  }, [tabId]);
  return marked !== null && marked.tabId === tabId && marked.needed;
}

/**
 * A webmail tab nothing is read from: after an update the new content script could not be put
 * into it (lib/background/reinject.ts), or no read came within READ_WAIT_MS. Until the tab is
 * reloaded nothing in it is read, so the panel says so, with the reload at hand.
 */
function NotRead({ tabId, reason }: { tabId: number; reason: 'updated' | 'no-read' }) {
  return (
    <div role="alert" className="reload-needed" data-reason={reason}>
      <p>{reason === 'updated' ? t('panelReloadTab') : t('panelNoRead', { seconds: Math.round(READ_WAIT_MS / 1000) })}</p>
      <button type="button" onClick={() => void browser.tabs.reload(tabId)}>
        {t('panelReloadTabButton')}
      </button>
    </div>
  );
}

function useFocusedContactId(): string | null {
  const [contactId, setContactId] = useState<string | null>(null);
  useEffect(() => {
    let disposed = false;
    // session storage holds whatever was written: only an id is one
    const show = (value: unknown) => !disposed && setContactId(typeof value === 'string' && value ? value : null);
    const unwatch = sidePanelFocusItem.watch(show);
    void sidePanelFocusItem.getValue().then(show);
    return () => {
      disposed = true;
      unwatch();
    };
  }, []);
  return contactId;
}

/**
 * The side panel beside webmail (Chrome side panel, Firefox sidebar): follows the active tab and
 * shows who is in the open conversation, live from the store. `tabId` pins it to one tab (the
 * `?tabId=` of tests and of a panel opened in a tab of its own).
 */
export function SidePanelApp({
  db = getPageDb(),
  tabId = null,
  now = Date.now,
  send,
  requestUpgrade,
  readWaitMs = READ_WAIT_MS,
}: {
  db?: GemeenteradarDb;
  tabId?: number | null;
  now?: () => number;
  send?: SendToBackground;
  /** asks the background to upgrade the store (tests inject it) */
  requestUpgrade?: () => Promise<void>;
  /** how long a webmail tab may stay unread before the panel says so (tests shorten it) */
  readWaitMs?: number;
}) {
  const tab = useTabContext(tabId);
  const followed = tab.status === 'ready' && tab.isWebmail ? tab.tabId : null;
  const reloadNeeded = useReloadNeeded(followed);
  // the event a calendar tab has open; newer than what the same tab last showed of its mail
  const calendarEvent = useCalendarContext(followed);
  const showsEvent = calendarEvent !== null && (tab.status !== 'ready' || !tab.context || calendarEvent.at >= tab.context.at);
  const overdue = useReadOverdue(followed, tab.status === 'ready' && !tab.context && !calendarEvent, readWaitMs);
  const store = usePageDb(db, requestUpgrade);
  const focusedContactId = useFocusedContactId();
  const at = now();

  let body: ReactNode;
  if (tab.status === 'resolving') body = <Loading />;
  else if (tab.status === 'error') body = <p role="alert">{t('panelTabError', { error: tab.error })}</p>;
  else if (!tab.isWebmail) body = <Guide title={t('panelGuideNotWebmailTitle')}>{t('panelGuideNotWebmailBody')}</Guide>;
  else if (showsEvent) {
    body = <CalendarEventContext key={tab.tabId} context={calendarEvent} db={db} now={at} ready={store.status === 'ready'} />;
  } else if (!tab.context) body = <Guide title={t('panelGuideWaitingTitle')}>{t('panelGuideWaitingBody')}</Guide>;
  else if (tab.context.view === 'conversation' && tab.context.participants.length > 0) {
    body = <ConversationView key={tab.tabId} context={tab.context} db={db} now={at} ready={store.status === 'ready'} />;
  } else if (store.status !== 'ready') body = store.status === 'failed' ? null : <StoreWaiting store={store} />;
  else body = <ListView context={tab.context} db={db} />;

  const page = (
    <main className="side-panel">
      <h1 className="side-panel__title">{t('appName')}</h1>
      {store.status === 'upgrading' && <p role="status">{t('storeUpgrading')}</p>}
      {store.status === 'failed' && <StoreWaiting store={store} />}
      {focusedContactId && store.status === 'ready' && (
        <ErrorBoundary surface="side-panel">
          <FocusedContact contactId={focusedContactId} db={db} now={at} />
        </ErrorBoundary>
      )}
      {followed !== null && (reloadNeeded || overdue) && (
        <NotRead tabId={followed} reason={reloadNeeded ? 'updated' : 'no-read'} />
      )}
      {tab.status === 'ready' && <RecordsNotice tally={tab.integrity} />}
      <ErrorBoundary surface="side-panel">{body}</ErrorBoundary>
    </main>
  );
  return send ? <SendContext.Provider value={send}>{page}</SendContext.Provider> : page;
}
