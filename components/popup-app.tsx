import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { t } from '@/lib/i18n';
import { MESSAGES } from '@/lib/i18n/messages';
import type { GemeenteradarDb } from '@/lib/store/db';
import { getPageDb } from '@/lib/store/page-db';
import { popupSnapshotItem, type PopupSnapshot } from '@/lib/store/popup-snapshot';
import { filterMunicipalities, loadPopupData, sortMunicipalities, type PopupData } from '@/lib/read-models/popup';
import { useActions } from './actions';
import { LosingTouch } from './losing-touch';
import { MunicipalityDetail } from './municipality-detail';
import { MunicipalityList } from './municipality-list';
import { ReaderStatusPanel } from './reader-status';

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

function Header({ query, onQuery }: { query: string; onQuery: (query: string) => void }) {
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
        </span>
      </div>
      {unavailable && <p role="status">{t('sidePanelUnavailable')}</p>}
      <HostAccessNotice />
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

export function PopupView({ data, now, db = getPageDb() }: { data: PopupData; now: number; db?: GemeenteradarDb }) {
  const [query, setQuery] = useState('');
  const [openCode, setOpenCode] = useState<string | null>(null);
  const visible = useMemo(() => filterMunicipalities(data.municipalities, query, roleLabels), [data.municipalities, query]);
  const open = openCode ? data.municipalities.find((summary) => summary.code === openCode) : undefined;

  if (open) {
    return (
      <main className="popup">
        <MunicipalityDetail summary={open} now={now} db={db} onBack={() => setOpenCode(null)} />
      </main>
    );
  }
  return (
    <main className="popup">
      <Header query={query} onQuery={setQuery} />
      {data.municipalities.length === 0 ? (
        <section className="empty-state" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
          <p>{t('emptyImport')}</p>
          <ImportButton />
        </section>
      ) : (
        <>
          {query === '' && <LosingTouch municipalities={data.municipalities} />}
          {visible.length === 0 ? (
            <p role="status">{t('noMatches', { query })}</p>
          ) : (
            <MunicipalityList municipalities={visible} now={now} onOpen={setOpenCode} />
          )}
        </>
      )}
      <ReaderStatusPanel statuses={data.readerStatus} rejections={data.rejections} />
      {data.municipalities.length > 0 && (
        <p className="popup__import">
          <ImportButton />
        </p>
      )}
    </main>
  );
}

/** The popup, live: re-renders whenever the background stores something new. */
export function PopupApp({
  db = getPageDb(),
  now = Date.now,
  snapshot: snapshotRead,
}: {
  db?: GemeenteradarDb;
  now?: () => number;
  /** the snapshot read, started before React (entrypoints/popup/main.tsx); read here otherwise */
  snapshot?: Promise<PopupSnapshot | null>;
}) {
  const [error, setError] = useState<string | null>(null);
  // the first screen as the background last summarised it, painted while the store opens
  const [snapshot, setSnapshot] = useState<PopupData | null>(null);
  useEffect(() => {
    let current = true;
    void (snapshotRead ?? popupSnapshotItem.getValue())
      .then((stored) => {
        if (current && stored) {
          setSnapshot({ municipalities: sortMunicipalities(stored.municipalities, now()), readerStatus: [], rejections: [] });
        }
      })
      .catch(() => undefined); // no snapshot: the live data comes a moment later anyway
    return () => {
      current = false;
    };
    // once, when the popup opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const data = useLiveQuery(
    () =>
      loadPopupData(db, now()).catch((reason: unknown) => {
        setError(reason instanceof Error ? reason.message : String(reason));
        return null;
      }),
    [db],
  );
  if (error) {
    return (
      <main className="popup">
        <p role="alert">{t('loadError', { error })}</p>
      </main>
    );
  }
  if (!data && snapshot) return <PopupView data={snapshot} now={now()} db={db} />;
  if (!data) {
    return (
      <main className="popup" aria-busy="true">
        <p>{t('loading')}</p>
      </main>
    );
  }
  return <PopupView data={data} now={now()} db={db} />;
}
