import { useEffect, useId, useState } from 'react';
import { useActions } from '@/components/actions';
import { t } from '@/lib/i18n';
import { evidenceText } from '@/lib/i18n/evidence';
import { MAX_THRESHOLD_WORKING_DAYS } from '@/lib/latency/default-thresholds';
import { checkDraft, draftOf, type ThresholdDraft, type ThresholdField } from '@/lib/latency/threshold-draft';
import { DEFAULT_THRESHOLDS } from '@/lib/latency/thresholds';
import type { RoleThresholds } from '@/lib/latency/types';
import type { Evidence } from '@/lib/vocabulary/evidence';
import { ROLE_IDS, type RoleId } from '@/lib/vocabulary/roles';
import { loadThresholdsWithNotes, resetThresholds, saveThresholds } from '@/lib/settings';
import { ErrorBoundary, ErrorPanel, loadErrorText } from '../error-boundary';

/** Where the options page keeps its settings; tests pass an in-memory one. */
export interface ThresholdSettings {
  load(): Promise<{ thresholds: RoleThresholds; notes: Evidence[] }>;
  save(thresholds: RoleThresholds): Promise<void>;
  reset(): Promise<void>;
}

const storedSettings: ThresholdSettings = { load: loadThresholdsWithNotes, save: saveThresholds, reset: resetThresholds };

type Status = { kind: 'saved' | 'reset' | 'invalid' } | { kind: 'error'; error: string } | null;

function ThresholdInput({
  role,
  field,
  value,
  invalid,
  describedBy,
  onChange,
}: {
  role: RoleId;
  field: ThresholdField;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <input
      type="text"
      inputMode="numeric"
      size={4}
      aria-label={`${t(`role_${role}`)}: ${t(field === 'ideal' ? 'thresholdIdeal' : 'thresholdMax')} (${t('thresholdUnit')})`}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function ThresholdsForm({
  initial,
  notes,
  settings,
}: {
  initial: RoleThresholds;
  notes: Evidence[];
  settings: ThresholdSettings;
}) {
  const [draft, setDraft] = useState<ThresholdDraft>(() => draftOf(initial));
  const [saved, setSaved] = useState<ThresholdDraft>(() => draftOf(initial));
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const idPrefix = useId();
  const checked = checkDraft(draft);
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);

  const edit = (role: RoleId, field: ThresholdField, value: string) => {
    setDraft((current) => ({ ...current, [role]: { ...current[role], [field]: value } }));
    setStatus(null);
  };

  const run = async (work: () => Promise<ThresholdDraft>, done: Status) => {
    setBusy(true);
    try {
      const next = await work();
      setDraft(next);
      setSaved(next);
      setStatus(done);
    } catch (error) {
      setStatus({ kind: 'error', error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const thresholds = checked.thresholds;
    if (!thresholds) {
      setStatus({ kind: 'invalid' });
      return;
    }
    void run(
      async () => {
        await settings.save(thresholds);
        return draftOf(thresholds);
      },
      { kind: 'saved' },
    );
  };

  const reset = () =>
    void run(
      async () => {
        await settings.reset();
        return draftOf((await settings.load()).thresholds);
      },
      { kind: 'reset' },
    );

  return (
    <form
      className="options__form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      {notes.length > 0 && (
        <div className="options__repaired" role="note">
          <p>{t('thresholdsRepaired')}</p>
          <ul>
            {notes.map((note, index) => (
              <li key={index}>{evidenceText(note)}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="options__table">
        <thead>
          <tr>
            <th scope="col">{t('thresholdRole')}</th>
            <th scope="col">
              {t('thresholdIdeal')} <span className="options__unit">({t('thresholdUnit')})</span>
            </th>
            <th scope="col">
              {t('thresholdMax')} <span className="options__unit">({t('thresholdUnit')})</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ROLE_IDS.map((role) => {
            // what was loaded is valid (repaired on read): an error can only be the user's edit
            const errors = checked.errors[role];
            const errorId = errors ? `${idPrefix}-${role}-error` : undefined;
            const defaults = DEFAULT_THRESHOLDS[role];
            return (
              <tr key={role} data-role={role}>
                <th scope="row">
                  {t(`role_${role}`)}
                  <span className="options__default">{t('thresholdDefault', { ideal: defaults.ideal, max: defaults.max })}</span>
                  {errors && (
                    <span id={errorId} className="options__error">
                      {errors.ideal || errors.max
                        ? t('thresholdInvalid', { max: MAX_THRESHOLD_WORKING_DAYS })
                        : t('thresholdOrder')}
                    </span>
                  )}
                </th>
                {(['ideal', 'max'] as const).map((field) => (
                  <td key={field}>
                    <ThresholdInput
                      role={role}
                      field={field}
                      value={draft[role][field]}
                      invalid={Boolean(errors?.[field] || errors?.order)}
                      describedBy={errorId}
                      onChange={(value) => edit(role, field, value)}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="options__buttons">
        <button type="submit" disabled={busy || !changed}>
          {t('thresholdsSave')}
        </button>
        <button type="button" disabled={busy} onClick={reset}>
          {t('thresholdsReset')}
        </button>
      </div>
      <p role="status" className="options__status">
        {status?.kind === 'saved' && t('thresholdsSaved')}
        {status?.kind === 'reset' && t('thresholdsResetDone')}
        {status?.kind === 'invalid' && t('thresholdsInvalidSummary')}
        {status?.kind === 'error' && t('thresholdsSaveError', { error: status.error })}
      </p>
    </form>
  );
}

/** Mail from before Gemeenteradar: the import page, in a tab of its own. */
function MailHistory() {
  const actions = useActions();
  return (
    <section aria-labelledby="mail-history-title">
      <h2 id="mail-history-title">{t('optionsImportTitle')}</h2>
      <p>{t('optionsImportIntro')}</p>
      <button type="button" onClick={() => void actions.openImport()}>
        {t('openImport')}
      </button>
    </section>
  );
}

export function OptionsApp({ settings = storedSettings }: { settings?: ThresholdSettings }) {
  const [loaded, setLoaded] = useState<{ thresholds: RoleThresholds; notes: Evidence[] } | { error: unknown } | null>(null);
  // "Opnieuw laden": read the settings again
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    settings.load().then(setLoaded, (error: unknown) => setLoaded({ error: error ?? new Error('unknown error') }));
  }, [settings, attempt]);

  return (
    <main className="options">
      <h1>{t('optionsTitle')}</h1>
      <p>
        <a href="/data.html">{t('dataOpenLong')}</a>
      </p>
      <section aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">{t('thresholdsTitle')}</h2>
        <p>{t('thresholdsIntro')}</p>
        {loaded === null && <p role="status">{t('loading')}</p>}
        {loaded && 'error' in loaded && (
          <ErrorPanel
            error={loaded.error}
            detail={loadErrorText(loaded.error)}
            surface="options"
            onReload={() => {
              setLoaded(null);
              setAttempt((current) => current + 1);
            }}
          />
        )}
        {loaded && 'thresholds' in loaded && (
          <ErrorBoundary surface="options">
            <ThresholdsForm initial={loaded.thresholds} notes={loaded.notes} settings={settings} />
          </ErrorBoundary>
        )}
      </section>
      <section aria-labelledby="ics-title">
        <h2 id="ics-title">{t('icsTitle')}</h2>
        {/* the import page of its own (entrypoints/ics-import), next to this one */}
        <a href="./ics-import.html">{t('icsChoose')}</a>
      </section>
      <MailHistory />
    </main>
  );
}
