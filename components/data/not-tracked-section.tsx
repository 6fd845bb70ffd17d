import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { expectOk } from '@/lib/backup/services';
import { t } from '@/lib/i18n';
import { normaliseAddress } from '@/lib/vocabulary/address';
import { ConfirmButtons, failed, StatusLine, when, type Outcome } from './parts';
import { useData } from './services';

/**
 * The not-tracked list: only hashes, so it shows when each person was forgotten (the codes of
 * one forget share their time) and takes someone off by their address, or clears the list.
 */
export function NotTrackedSection() {
  const { services, db } = useData();
  const entries = useLiveQuery(() => db.notTracked.toArray(), [db]);
  const [address, setAddress] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const groups = new Map<number, number>();
  for (const entry of entries ?? []) groups.set(entry.addedAt, (groups.get(entry.addedAt) ?? 0) + 1);

  const remove = async () => {
    const normalised = normaliseAddress(address);
    if (!normalised) {
      setOutcome({ ok: false, text: t('personInvalid') });
      return;
    }
    try {
      const { removed } = expectOk(await services.send({ type: 'not-tracked-remove', remove: { address: normalised } }));
      setOutcome(
        removed
          ? { ok: true, text: t('notTrackedRemoved', { address: normalised, count: removed }) }
          : { ok: false, text: t('notTrackedNotFound', { address: normalised }) },
      );
      if (removed) setAddress('');
    } catch (error) {
      setOutcome(failed(error));
    }
  };

  const removeAll = async () => {
    setConfirmAll(false);
    try {
      expectOk(await services.send({ type: 'not-tracked-remove', remove: { all: true } }));
      setOutcome({ ok: true, text: t('notTrackedRemovedAll') });
    } catch (error) {
      setOutcome(failed(error));
    }
  };

  return (
    <section aria-labelledby="not-tracked-title" className="data__section">
      <h2 id="not-tracked-title">{t('notTrackedTitle')}</h2>
      <p>{t('notTrackedIntro')}</p>
      {entries && entries.length === 0 && <p>{t('notTrackedEmpty')}</p>}
      <ul>
        {[...groups]
          .sort(([a], [b]) => b - a)
          .map(([addedAt, count]) => (
            <li key={addedAt}>{t('notTrackedPerson', { date: when(addedAt), count })}</li>
          ))}
      </ul>
      {entries && entries.length > 0 && (
        <>
          <form
            className="data__inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void remove();
            }}
          >
            <label>
              {t('notTrackedAddress')}{' '}
              <input type="email" value={address} autoComplete="off" onChange={(event) => setAddress(event.target.value)} />
            </label>
            <button type="submit">{t('notTrackedRemove')}</button>
          </form>
          {confirmAll ? (
            <ConfirmButtons
              label={`${t('notTrackedRemoveAll')} (${entries.length})`}
              tone="danger"
              onConfirm={() => void removeAll()}
              onCancel={() => setConfirmAll(false)}
            />
          ) : (
            <button type="button" onClick={() => setConfirmAll(true)}>
              {t('notTrackedRemoveAll')}…
            </button>
          )}
        </>
      )}
      <StatusLine outcome={outcome} />
    </section>
  );
}
