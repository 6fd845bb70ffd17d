import { useEffect, useRef, useState } from 'react';
import { RESTORE_MODES, type BackupHeader, type RestoreMode, type RestoreSummary } from '@/lib/backup/format';
import { tableLabel } from '@/lib/backup/labels';
import { sendBackup } from '@/lib/backup/send';
import { expectOk, restoreTransport } from '@/lib/backup/services';
import { getLocale, t } from '@/lib/i18n';
import { ConfirmButtons, failed, Progress, StatusLine, when, type Outcome } from './parts';
import { useData } from './services';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; percent: number }
  | { kind: 'planning' }
  | { kind: 'planned'; restoreId: string; header: BackupHeader; summary: RestoreSummary }
  | { kind: 'applying' };

/** While the user reads the plan, the background must not go idle and lose the staged records. */
const KEEP_ALIVE_MS = 20_000;

const total = (summary: RestoreSummary, field: 'added' | 'replaced' | 'removed' | 'alreadyHere') =>
  summary.tables.reduce((sum, table) => sum + table[field], 0);

function PlanTable({ summary }: { summary: RestoreSummary }) {
  const number = (value: number) => value.toLocaleString(getLocale() === 'en' ? 'en-GB' : 'nl-NL');
  return (
    <table className="data__table">
      <thead>
        <tr>
          <th scope="col">{t('restoreColTable')}</th>
          <th scope="col">{t('restoreColInBackup')}</th>
          <th scope="col">{t('restoreColNew')}</th>
          <th scope="col">{t('restoreColHere')}</th>
          {summary.mode === 'merge' ? (
            <th scope="col">{t('restoreColReplaced')}</th>
          ) : (
            <th scope="col">{t('restoreColRemoved')}</th>
          )}
        </tr>
      </thead>
      <tbody>
        {summary.tables
          .filter((table) => table.inBackup > 0 || table.removed > 0)
          .map((table) => (
            <tr key={table.table} data-table={table.table}>
              <th scope="row">{tableLabel(table.table)}</th>
              <td>{number(table.inBackup)}</td>
              <td>{number(table.added)}</td>
              <td>{number(table.alreadyHere)}</td>
              <td>{number(summary.mode === 'merge' ? table.replaced : table.removed)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

function Plan({
  step,
  onMode,
  onApply,
  onCancel,
}: {
  step: Extract<Step, { kind: 'planned' }>;
  onMode: (mode: RestoreMode) => void;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { summary, header } = step;
  const count = (table: string) => summary.tables.find((entry) => entry.table === table)?.inBackup ?? 0;
  const locale = getLocale() === 'en' ? 'en-GB' : 'nl-NL';
  return (
    <div className="data__plan">
      <p>{t('restoreFile', { date: when(header.createdAt), version: header.schemaVersion })}</p>
      <p data-testid="restore-holds">
        {t('restoreHolds', {
          contacts: count('contacts').toLocaleString(locale),
          messages: count('messages').toLocaleString(locale),
          here: (total(summary, 'alreadyHere') + total(summary, 'replaced')).toLocaleString(locale),
        })}
      </p>
      <fieldset>
        <legend>{t('restoreMode')}</legend>
        {RESTORE_MODES.map((mode) => (
          <label key={mode} className="data__choice">
            <input type="radio" name="restore-mode" value={mode} checked={summary.mode === mode} onChange={() => onMode(mode)} />{' '}
            {t(mode === 'merge' ? 'restoreModeMerge' : 'restoreModeReplace')}
          </label>
        ))}
      </fieldset>
      <PlanTable summary={summary} />
      {summary.notTrackedLeftOut > 0 && <p>{t('restoreNotTracked', { count: summary.notTrackedLeftOut })}</p>}
      {summary.settings.length > 0 && <p>{t('restoreSettings')}</p>}
      <ConfirmButtons
        label={t(summary.mode === 'merge' ? 'restoreConfirmMerge' : 'restoreConfirmReplace')}
        tone="primary"
        onConfirm={onApply}
        onCancel={onCancel}
      />
    </div>
  );
}

/** Choosing a backup, the dry run (what it holds, what would change), merge or replace, and the result. */
export function RestoreSection() {
  const { services } = useData();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const input = useRef<HTMLInputElement>(null);

  const plan = async (restoreId: string, header: BackupHeader, mode: RestoreMode) => {
    const { summary } = expectOk(await services.send({ type: 'restore-plan', restoreId, mode }));
    setStep({ kind: 'planned', restoreId, header, summary: summary! });
  };

  const choose = async (file: File) => {
    setOutcome(null);
    setStep({ kind: 'reading', percent: 0 });
    try {
      const sent = await sendBackup(file, restoreTransport(services), (read, size) =>
        setStep({ kind: 'reading', percent: Math.floor((read / Math.max(size, 1)) * 100) }),
      );
      setStep({ kind: 'planning' });
      await plan(sent.restoreId, sent.header, 'merge');
    } catch (error) {
      setOutcome(failed(error));
      setStep({ kind: 'idle' });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const planned = step.kind === 'planned' ? step : null;
  useEffect(() => {
    if (!planned) return;
    const timer = setInterval(
      () => void services.send({ type: 'restore-plan', restoreId: planned.restoreId, mode: planned.summary.mode }),
      KEEP_ALIVE_MS,
    );
    return () => clearInterval(timer);
  }, [planned, services]);

  const apply = async (current: Extract<Step, { kind: 'planned' }>) => {
    setStep({ kind: 'applying' });
    try {
      const { summary } = expectOk(
        await services.send({ type: 'restore-apply', restoreId: current.restoreId, mode: current.summary.mode }),
      );
      setOutcome({
        ok: true,
        text: t('restoreDone', {
          added: total(summary!, 'added'),
          replaced: total(summary!, 'replaced'),
          removed: total(summary!, 'removed'),
        }),
      });
    } catch (error) {
      setOutcome(failed(error));
    }
    setStep({ kind: 'idle' });
  };

  const cancel = (current: Extract<Step, { kind: 'planned' }>) => {
    void services.send({ type: 'restore-cancel', restoreId: current.restoreId });
    setStep({ kind: 'idle' });
    setOutcome({ ok: true, text: t('dataNothingChanged') });
  };

  return (
    <section aria-labelledby="restore-title" className="data__section">
      <h2 id="restore-title">{t('restoreTitle')}</h2>
      <p>{t('restoreIntro')}</p>
      <label className="data__field">
        {t('restoreChoose')}{' '}
        <input
          ref={input}
          type="file"
          accept=".gz,.jsonl,application/gzip"
          disabled={step.kind !== 'idle' && step.kind !== 'planned'}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void choose(file);
          }}
        />
      </label>
      {step.kind === 'reading' && (
        <Progress label={t('restoreReading', { percent: step.percent })} done={step.percent} total={100} />
      )}
      {step.kind === 'planning' && <p>{t('restorePlanning')}</p>}
      {step.kind === 'applying' && <p>{t('restoreApplying')}</p>}
      {planned && (
        <Plan
          step={planned}
          onMode={(mode) =>
            void plan(planned.restoreId, planned.header, mode).catch((error: unknown) => setOutcome(failed(error)))
          }
          onApply={() => void apply(planned)}
          onCancel={() => cancel(planned)}
        />
      )}
      <StatusLine outcome={outcome} />
    </section>
  );
}
