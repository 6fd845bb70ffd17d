import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import { MESSAGES } from '@/lib/i18n/messages';
import type { GemeenteradarDb } from '@/lib/store/db';
import { getPageDb } from '@/lib/store/page-db';
import { popupSnapshotItem, type PopupSnapshot } from '@/lib/store/popup-snapshot';
import { filterMunicipalities, loadPopupData, popupDataFromSnapshot, type PopupData } from '@/lib/read-models/popup';
import {
  filterMunicipalitiesBy,
  isFiltered,
  loadAttentionList,
  NO_FILTER,
  provincesOf,
  sortMunicipalitiesBy,
  type AttentionList,
  type MunicipalityFilter,
  type MunicipalitySort,
} from '@/lib/read-models/popup-list';
import { useActions } from './actions';
import { BackupReminderNotice } from './backup-reminder';
import { ErrorBoundary, ErrorPanel, errorText, loadErrorText } from './error-boundary';
import { AttentionPeople } from './attention-people';
import { MunicipalityDetail } from './municipality-detail';
import { MunicipalityList } from './municipality-list';
import { MunicipalityTools } from './municipality-tools';
import { ReaderStatusPanel } from './reader-status';
import { RecordsNotice } from './records-notice';
import { UndoProvider, UndoStatusLine } from './undo';
import { usePageDb } from './use-page-db';

const roleLabels = (role: string) =>
  Object.values(MESSAGES).map((messages) => messages[`role_${role}` as keyof typeof messages] as string);

/**
 * Firefox and Chrome let the user withdraw an extension's access to a site; without access to the
 * webmail hosts nothing is read, silently. So the popup says so and offers to ask for it again.
 */
function HostAccessNotice() {
  const actions = useActions();
  const [access, setAccess] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    actions.hasHostAccess().then(
      (granted) => current && setAccess(granted),
      () => current && setAccess(null), // unknown: say nothing rather than something wrong
    );
    return () => {
      current = false;
    };
  }, [actions]);
  if (access !== false) return null;
  return (
    <div role="alert" className="host-access">
      <p>{t('hostAccessMissing')}</p>
      <button type="button" onClick={() => void actions.requestHostAccess().then(setAccess)}>
        {t('hostAccessGrant')}
      </button>
    </div>
  );
}

function Header({ query, onQuery, now }: { query: string; onQuery: (query: string) => void; now: number }) {
  const actions = useActions();
  const [unavailable, setUnavailable] = useState(false);
  return (
    <header className="popup__header">
      <div className="popup__titlebar">
        <h1>{t('popupTitle')}</h1>
        <span className="popup__titlebar-buttons">
          <button
            type="button"
            onClick={() => void actions.openSidePanel().then((opened) => (opened ? window.close() : setUnavailable(true)))}
          >
            {t('openSidePanel')}
          </button>
          <button type="button" onClick={() => void actions.openOptions().then(() => window.close())}>
            {t('openOptions')}
          </button>
          <a href="/data.html" target="_blank" rel="noopener">
            {t('dataOpen')}
          </a>
        </span>
      </div>
      {unavailable && <p role="status">{t('sidePanelUnavailable')}</p>}
      <HostAccessNotice />
      <BackupReminderNotice now={now} />
      <label htmlFor="search" className="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        id="search"
        type="search"
        value={query}
        placeholder={t('searchPlaceholder')}
        title={t('searchLabel')}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            document.querySelector<HTMLElement>('[data-row-focus]')?.focus();
          }
        }}
        autoComplete="off"
      />
    </header>
  );
}

/** The way to the import page (mail history from a mailbox export); it opens in a tab of its own. */
function ImportButton() {
  const actions = useActions();
  return (
    <button type="button" onClick={() => void actions.openImport().then(() => window.close())}>
      {t('openImport')}
    </button>
  );
}

/** Where focus goes back to when the detail closes: the opener, or its row, or the search box. */
function focusOpener(opener: string | null, code: string) {
  const candidates = [opener, opener?.replace(/^person-municipality:/, 'person:'), `municipality:${code}`];
  for (const key of candidates) {
    if (!key) continue;
    const element = document.querySelector<HTMLElement>(`[data-opener="${CSS.escape(key)}"]`);
    if (element) return element.focus();
  }
  document.querySelector<HTMLElement>('#search')?.focus();
}

export function PopupView({
  data,
  now,
  db = getPageDb(),
  live = true,
}: {
  data: PopupData;
  now: number;
  db?: GemeenteradarDb;
  /** the store is open: what is not in the snapshot (who needs attention) can be read */
  live?: boolean;
}) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<MunicipalitySort>('attention');
  const [filter, setFilter] = useState<MunicipalityFilter>(NO_FILTER);
  const [openCode, setOpenCode] = useState<string | null>(null);
  const [closed, setClosed] = useState<{ code: string; opener: string | null } | null>(null);
  const opener = useRef<string | null>(null);
  const attention = useLiveQuery(
    () => (live ? loadAttentionList(db, now).catch(() => undefined) : Promise.resolve(undefined)),
    [db, now, live],
  );
  const visible = useMemo(
    () =>
      filterMunicipalitiesBy(
        sortMunicipalitiesBy(filterMunicipalities(data.municipalities, query, roleLabels), sort, now),
        filter,
      ),
    [data.municipalities, query, sort, filter, now],
  );
  const open = openCode ? data.municipalities.find((summary) => summary.code === openCode) : undefined;
  const openDetail = (code: string) => {
    opener.current = document.activeElement?.getAttribute('data-opener') ?? null;
    setOpenCode(code);
  };
  const closeDetail = () => {
    if (openCode) setClosed({ code: openCode, opener: opener.current });
    setOpenCode(null);
  };
  // back in the list: focus returns to what opened the detail (rows past the first paint come a task later)
  useEffect(() => {
    if (!closed || openCode) return;
    const timer = setTimeout(() => focusOpener(closed.opener, closed.code), 0);
    return () => clearTimeout(timer);
  }, [closed, openCode]);

  // one status line for both views: an action's undo stays offered when the detail opens or closes
  return (
    <UndoProvider>
      {open ? (
        <main className="popup">
          <ErrorBoundary surface="popup-detail" back={{ label: `← ${t('backToList')}`, go: closeDetail }}>
            <MunicipalityDetail summary={open} now={now} db={db} onBack={closeDetail} />
          </ErrorBoundary>
          <UndoStatusLine />
        </main>
      ) : (
        <main className="popup">
          <Header query={query} onQuery={setQuery} now={now} />
          <RecordsNotice tally={data.integrity} />
          <ErrorBoundary surface="popup-list">
            <PopupList
              data={data}
              query={query}
              visible={visible}
              now={now}
              onOpen={openDetail}
              attention={attention}
              tools={
                <MunicipalityTools
                  sort={sort}
                  onSort={setSort}
                  filter={filter}
                  onFilter={setFilter}
                  provinces={provincesOf(data.municipalities)}
                />
              }
              filtered={isFiltered(filter)}
            />
          </ErrorBoundary>
          <UndoStatusLine />
        </main>
      )}
    </UndoProvider>
  );
}

function PopupList({
  data,
  query,
  visible,
  now,
  onOpen,
  attention,
  tools,
  filtered,
}: {
  data: PopupData;
  query: string;
  visible: PopupData['municipalities'];
  now: number;
  onOpen: (code: string) => void;
  attention: AttentionList | undefined;
  tools: ReactNode;
  filtered: boolean;
}) {
  return (
    <>
      {data.municipalities.length === 0 ? (
        <section className="empty-state" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          <p>{t('emptyImport')}</p>
          <ImportButton />
        </section>
      ) : (
        <>
          {query === '' && (
            <AttentionPeople list={attention} municipalities={data.municipalities} now={now} onOpenMunicipality={onOpen} />
          )}
          <section className="municipalities" aria-labelledby="municipalities-title">
            <h2 id="municipalities-title">
              {t('municipalitiesTitle')}{' '}
              <span className="muted">
                {visible.length === data.municipalities.length
                  ? data.municipalities.length
                  : t('municipalitiesShown', { shown: visible.length, total: data.municipalities.length })}
              </span>
            </h2>
            {tools}
            {visible.length === 0 ? (
              <p role="status">{query !== '' ? t('noMatches', { query }) : filtered ? t('noFilterMatches') : ''}</p>
            ) : (
              <MunicipalityList municipalities={visible} now={now} onOpen={onOpen} />
            )}
          </section>
        </>
      )}
      <ReaderStatusPanel statuses={data.readerStatus} rejections={data.rejections} />
      {data.municipalities.length > 0 && (
        <p className="popup__import">
          <ImportButton />
        </p>
      )}
    </>
  );
}

/** The popup, live: re-renders whenever the background stores something new. */
export function PopupApp({
  db = getPageDb(),
  now = Date.now,
  snapshot: snapshotRead,
  requestUpgrade,
}: {
  db?: GemeenteradarDb;
  now?: () => number;
  /** the snapshot read, started before React (entrypoints/popup/main.tsx); read here otherwise */
  snapshot?: Promise<PopupSnapshot | null>;
  /** asks the background to upgrade the store (tests inject it) */
  requestUpgrade?: () => Promise<void>;
}) {
  const store = usePageDb(db, requestUpgrade);
  const [error, setError] = useState<unknown>(null);
  // "Opnieuw laden": read the store again
  const [attempt, setAttempt] = useState(0);
  // the first screen as the background last summarised it, painted while the store opens
  const [snapshot, setSnapshot] = useState<PopupData | null>(null);
  useEffect(() => {
    let current = true;
    void (snapshotRead ?? popupSnapshotItem.getValue())
      .then((stored: unknown) => {
        const data = popupDataFromSnapshot(stored, now());
        if (current && data) setSnapshot(data);
      })
      .catch(() => undefined); // no snapshot: the live data comes a moment later anyway
    return () => {
      current = false;
    };
    // once, when the popup opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const ready = store.status === 'ready';
  const data = useLiveQuery(
    () =>
      // nothing is read before the store is open at this code's version
      (ready ? loadPopupData(db, now()) : Promise.resolve(null)).then(
        (loaded) => {
          setError(null);
          return loaded;
        },
        (reason: unknown) => {
          setError(reason ?? new Error('unknown error'));
          return null;
        },
      ),
    [db, attempt, ready],
  );
  if (store.status === 'failed') {
    return (
      <main className="popup">
        <h1 className="visually-hidden">{t('popupTitle')}</h1>
        <ErrorPanel
          error={store.error}
          detail={t('storeUpgradeFailed', { error: errorText(store.error) })}
          surface="popup"
          onReload={store.retry}
        />
      </main>
    );
  }
  if (error) {
    return (
      <main className="popup">
        <h1 className="visually-hidden">{t('popupTitle')}</h1>
        <ErrorPanel
          error={error}
          detail={loadErrorText(error)}
          surface="popup"
          onReload={() => setAttempt((current) => current + 1)}
        />
      </main>
    );
  }
  if (!data && snapshot) return <PopupView data={snapshot} now={now()} db={db} live={false} />;
  if (!data) {
    return (
      <main className="popup" aria-busy="true">
        <h1 className="visually-hidden">{t('popupTitle')}</h1>
        <p role="status">{store.status === 'upgrading' ? t('storeUpgrading') : t('loading')}</p>
      </main>
    );
  }
  return <PopupView data={data} now={now()} db={db} />;
}
