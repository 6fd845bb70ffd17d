import { useState } from 'react';
import { tableLabel } from '@/lib/backup/labels';
import { expectOk } from '@/lib/backup/services';
import { t } from '@/lib/i18n';
import { heldAsCsv, heldAsJson, heldCounts, loadHeldAbout, type HeldAbout, type HeldRecord } from '@/lib/read-models/person-data';
import { valuesAt } from '@/lib/store/forget/paths';
import { TABLES } from '@/lib/store/table-registry';
import { normaliseAddress } from '@/lib/vocabulary/address';
import { ConfirmButtons, failed, Progress, StatusLine, type Outcome } from './parts';
import { useData } from './services';

/** One line about a record: its free text (a name, a subject, a note), else its key. */
function summaryOf({ table, key, record }: HeldRecord): string {
  const texts = (TABLES[table].person?.text ?? [])
    .flatMap((path) => valuesAt(record, path))
    .filter((value): value is string => typeof value === 'string' && value !== '');
  const text = texts.join(' · ');
  return (text || key).slice(0, 240);
}

function HeldList({ held }: { held: HeldAbout }) {
  return (
    <div className="data__held">
      <p>{t('personNames', { names: held.person.names.join(', ') || '—' })}</p>
      <p>{t('personAddresses', { addresses: held.person.addresses.join(', ') })}</p>
      {held.records.some((record) => record.found === 'mentioned') && (
        <p>{t('personMentions', { count: held.records.filter((record) => record.found === 'mentioned').length })}</p>
      )}
      {heldCounts(held).map(({ table, count }) => (
        <details key={table} className="data__held-table" data-table={table}>
          <summary>
            {tableLabel(table)} ({count})
          </summary>
          <ul>
            {held.records
              .filter((record) => record.table === table)
              .map((record) => (
                <li key={record.key}>
                  {summaryOf(record)}
                  <pre className="data__record">{JSON.stringify(record.record, null, 1)}</pre>
                </li>
              ))}
          </ul>
        </details>
      ))}
    </div>
  );
}

function ForgetConfirm({ held, onConfirm, onCancel }: { held: HeldAbout; onConfirm: () => void; onCancel: () => void }) {
  const name = held.person.names[0] ?? held.address;
  if (held.forget.refusedOwnAddress) return <p role="alert">{t('personForgetOwn')}</p>;
  return (
    <div className="data__confirm" role="group" aria-label={t('personForgetTitle', { name })}>
      <h3>{t('personForgetTitle', { name })}</h3>
      <p>{t('personForgetExplain')}</p>
      <ul data-testid="forget-plan">
        {held.forget.counts.map(({ table, deleted, changed }) => (
          <li key={table}>
            {[
              deleted ? t('personForgetDeleted', { table: tableLabel(table), count: deleted }) : null,
              changed ? t('personForgetChanged', { table: tableLabel(table), count: changed }) : null,
            ]
              .filter(Boolean)
              .join('; ')}
          </li>
        ))}
      </ul>
      <ConfirmButtons label={t('personForgetConfirm')} tone="danger" onConfirm={onConfirm} onCancel={onCancel} />
    </div>
  );
}

/** Everything held about one address (the AVG access request), exported or forgotten. */
export function PersonSection({ initialAddress = '' }: { initialAddress?: string }) {
  const { services, db } = useData();
  const [address, setAddress] = useState(initialAddress);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [held, setHeld] = useState<HeldAbout | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const show = async () => {
    const normalised = normaliseAddress(address);
    setConfirming(false);
    setHeld(null);
    if (!normalised) {
      setOutcome({ ok: false, text: t('personInvalid') });
      return;
    }
    setOutcome(null);
    setProgress({ done: 0, total: 1 });
    try {
      const found = await loadHeldAbout(db, normalised, (done, total) => setProgress({ done, total }));
      setHeld(found);
      setOutcome({
        ok: true,
        text:
          found.records.length === 0
            ? t('personNothing', { address: normalised })
            : t('personFound', { count: found.records.length, name: found.person.names[0] ?? normalised }),
      });
    } catch (error) {
      setOutcome(failed(error));
    } finally {
      setProgress(null);
    }
  };

  const download = (text: string, type: string, extension: string) => {
    services.download(new Blob([text], { type }), `gemeenteradar-inzage-${held!.address}.${extension}`);
  };

  const forget = async () => {
    const current = held!;
    setConfirming(false);
    try {
      expectOk(
        await services.send({ type: 'forget-person', forget: { addresses: [current.address], mentions: current.mentions } }),
      );
      setHeld(null);
      setOutcome({ ok: true, text: t('personForgotten', { name: current.person.names[0] ?? current.address }) });
    } catch (error) {
      setOutcome(failed(error));
    }
  };

  return (
    <section aria-labelledby="person-title" className="data__section" id="person">
      <h2 id="person-title">{t('personTitle')}</h2>
      <p>{t('personIntro')}</p>
      <form
        className="data__inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void show();
        }}
      >
        <label>
          {t('personAddress')}{' '}
          <input type="email" value={address} autoComplete="off" onChange={(event) => setAddress(event.target.value)} />
        </label>
        <button type="submit" disabled={progress !== null}>
          {t('personShow')}
        </button>
      </form>
      {progress && (
        <Progress
          label={t('personSearching', { done: progress.done, total: progress.total })}
          done={progress.done}
          total={progress.total}
        />
      )}
      <StatusLine outcome={outcome} />
      {held && held.records.length > 0 && (
        <>
          <HeldList held={held} />
          <div className="data__buttons">
            <button type="button" onClick={() => download(heldAsJson(held, services.now()), 'application/json', 'json')}>
              {t('personExportJson')}
            </button>
            <button type="button" onClick={() => download(heldAsCsv(held, ';'), 'text/csv;charset=utf-8', 'csv')}>
              {t('personExportCsv')}
            </button>
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('personForget')}
            </button>
          </div>
          {confirming && <ForgetConfirm held={held} onConfirm={() => void forget()} onCancel={() => setConfirming(false)} />}
        </>
      )}
    </section>
  );
}
