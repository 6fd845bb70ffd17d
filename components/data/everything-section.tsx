import { useState } from 'react';
import { tableLabel } from '@/lib/backup/labels';
import { expectOk } from '@/lib/backup/services';
import { t } from '@/lib/i18n';
import { TABLE_NAMES, TABLES } from '@/lib/store/table-registry';
import { ConfirmButtons, failed, StatusLine, type Outcome } from './parts';
import { useData } from './services';

/** Forgetting everything: what goes (counted) is shown first, the user keeps what they tick. */
export function EverythingSection() {
  const { services, db } = useData();
  const [keep, setKeep] = useState({ settings: false, notTracked: false });
  const [counts, setCounts] = useState<{ table: string; count: number }[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const start = async () => {
    setOutcome(null);
    const tables = TABLE_NAMES.filter((name) => TABLES[name].role === 'record' && !(keep.notTracked && name === 'notTracked'));
    const counted = await Promise.all(tables.map(async (table) => ({ table, count: await db.table(table).count() })));
    setCounts(counted.filter(({ count }) => count > 0));
  };

  const confirm = async () => {
    setCounts(null);
    try {
      expectOk(await services.send({ type: 'forget-everything', keep }));
      setOutcome({ ok: true, text: t('everythingDone') });
    } catch (error) {
      setOutcome(failed(error));
    }
  };

  return (
    <section aria-labelledby="everything-title" className="data__section">
      <h2 id="everything-title">{t('everythingTitle')}</h2>
      <p>{t('everythingIntro')}</p>
      <label className="data__choice">
        <input
          type="checkbox"
          checked={keep.settings}
          onChange={(event) => setKeep({ ...keep, settings: event.target.checked })}
        />{' '}
        {t('everythingKeepSettings')}
      </label>
      <label className="data__choice">
        <input
          type="checkbox"
          checked={keep.notTracked}
          onChange={(event) => setKeep({ ...keep, notTracked: event.target.checked })}
        />{' '}
        {t('everythingKeepNotTracked')}
      </label>
      {counts === null ? (
        <button type="button" className="danger" onClick={() => void start()}>
          {t('everythingStart')}
        </button>
      ) : (
        <div className="data__confirm">
          <p>
            {t('everythingConfirmText', {
              counts: counts.map(({ table, count }) => `${tableLabel(table)} ${count}`).join(', ') || '—',
            })}
          </p>
          <ConfirmButtons
            label={t('everythingConfirm')}
            tone="danger"
            onConfirm={() => void confirm()}
            onCancel={() => setCounts(null)}
          />
        </div>
      )}
      <StatusLine outcome={outcome} />
    </section>
  );
}
