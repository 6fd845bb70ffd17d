import { useState } from 'react';
import { CSV_SEPARATORS, type CsvSeparator } from '@/lib/export/csv';
import { contactsCsv, interactionsCsv, municipalitiesCsv } from '@/lib/export/spreadsheets';
import { t, type MessageKey } from '@/lib/i18n';
import type { GemeenteradarDb } from '@/lib/store/db';
import { failed, StatusLine, type Outcome } from './parts';
import { useData } from './services';

const EXPORTS: { name: string; label: MessageKey; make: (db: GemeenteradarDb, separator: CsvSeparator) => Promise<string> }[] = [
  { name: 'contacten', label: 'exportContacts', make: contactsCsv },
  { name: 'mails-en-telefoontjes', label: 'exportInteractions', make: interactionsCsv },
  { name: 'gemeenten', label: 'exportMunicipalities', make: (db, separator) => municipalitiesCsv(db, separator) },
];

/** CSV files of contacts, interactions and municipalities, with the separator of the user's spreadsheet. */
export function ExportSection() {
  const { services, db } = useData();
  const [separator, setSeparator] = useState<CsvSeparator>(';');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async (entry: (typeof EXPORTS)[number]) => {
    setBusy(true);
    try {
      const file = `gemeenteradar-${entry.name}-${new Date(services.now()).toISOString().slice(0, 10)}.csv`;
      services.download(new Blob([await entry.make(db, separator)], { type: 'text/csv;charset=utf-8' }), file);
      setOutcome({ ok: true, text: t('exportDone', { file }) });
    } catch (error) {
      setOutcome(failed(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="export-title" className="data__section">
      <h2 id="export-title">{t('exportTitle')}</h2>
      <p>{t('exportIntro')}</p>
      <fieldset>
        <legend>{t('exportSeparator')}</legend>
        {CSV_SEPARATORS.map((choice) => (
          <label key={choice} className="data__choice">
            <input type="radio" name="csv-separator" checked={separator === choice} onChange={() => setSeparator(choice)} />{' '}
            {t(choice === ';' ? 'exportSemicolon' : 'exportComma')}
          </label>
        ))}
      </fieldset>
      <div className="data__buttons">
        {EXPORTS.map((entry) => (
          <button key={entry.name} type="button" disabled={busy} onClick={() => void run(entry)}>
            {t(entry.label)}
          </button>
        ))}
      </div>
      <StatusLine outcome={outcome} />
    </section>
  );
}
