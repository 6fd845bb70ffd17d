import { municipalityByCode } from '@/lib/data';
import type { ImportView } from '@/lib/import/import-session';
import { sumOf } from '@/lib/import/import-totals';
import type { Counts } from '@/lib/import/problems';
import { t, type MessageKey } from '@/lib/i18n';
import { formatCount } from './format';

/** Counts by code as a list: "nieuwsbrief: 12". */
function CountList({ counts, label }: { counts: Counts<string>; label: (code: string) => string }) {
  const entries = Object.entries(counts).filter(([, count]) => (count ?? 0) > 0);
  if (entries.length === 0) return null;
  return (
    <ul>
      {entries.map(([code, count]) => (
        <li key={code}>{t('importCountOf', { label: label(code), count: formatCount(count ?? 0) })}</li>
      ))}
    </ul>
  );
}

const dropLabel = (code: string) => t(`importDrop_${code}` as MessageKey);
const skipLabel = (code: string) => t(`importSkip_${code}` as MessageKey);
const problemLabel = (code: string) => t(`importProblem_${code}` as MessageKey);

function Files({ view }: { view: ImportView }) {
  return (
    <ul className="import__files">
      {view.files.map((file, index) => (
        <li key={`${index}-${file.name}`} data-file-state={file.state.status}>
          {file.state.status === 'problem'
            ? t('importFileProblem', { name: file.name, problem: t(`importFile_${file.state.problem}` as MessageKey) })
            : t('importFileDone', { name: file.name, messages: formatCount(file.messages), kept: formatCount(file.kept) })}
        </li>
      ))}
    </ul>
  );
}

function Skipped({ view }: { view: ImportView }) {
  const skipped = sumOf(view.totals.skipped);
  if (skipped === 0) return null;
  const more = skipped - view.totals.skippedAt.length;
  return (
    <>
      <dt>{t('importSummarySkipped')}</dt>
      <dd>
        {formatCount(skipped)}
        <ul>
          {view.totals.skippedAt.map((skip) => (
            <li key={`${skip.file}-${skip.offset}`}>
              {t('importSkippedAt', {
                reason: skipLabel(skip.reason),
                number: skip.index + 1,
                file: view.files[skip.file]?.name ?? '?',
                offset: formatCount(skip.offset),
              })}
            </li>
          ))}
          {more > 0 && <li>{t('importSkippedMore', { count: formatCount(more) })}</li>}
        </ul>
      </dd>
    </>
  );
}

function Found({ view }: { view: ImportView }) {
  const found = view.found;
  if (!found) return null;
  return (
    <>
      <dt>{t('importSummaryContacts')}</dt>
      <dd data-contacts>
        {found.overflow
          ? t('importSummaryContactsOverflow', { count: formatCount(found.contacts) })
          : formatCount(found.contacts)}
      </dd>
      <dt>{t('importSummaryMunicipalities')}</dt>
      <dd>
        {found.municipalities.length === 0 ? (
          t('importSummaryNoMunicipalities')
        ) : (
          <ul data-municipalities>
            {found.municipalities.map(({ code, contacts }) => (
              <li key={code}>
                {t('importMunicipality', { name: municipalityByCode(code)?.name ?? code, count: formatCount(contacts) })}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

/** What the import did: messages kept and dropped by reason, skipped with positions, file problems, contacts and municipalities. */
export function ImportSummary({ view }: { view: ImportView }) {
  const { totals } = view;
  return (
    <section className="import__summary" aria-labelledby="import-summary-title">
      <h2 id="import-summary-title">{view.phase === 'finished' ? t('importDone') : t('importCancelled')}</h2>
      <dl>
        <dt>{t('importSummaryRead')}</dt>
        <dd data-read>{formatCount(totals.messages)}</dd>
        <dt>{t('importSummaryKept')}</dt>
        <dd data-kept>{formatCount(totals.kept)}</dd>
        <dt>{t('importSummaryDropped')}</dt>
        <dd data-dropped>
          {formatCount(sumOf(totals.dropped))}
          <CountList counts={totals.dropped} label={dropLabel} />
        </dd>
        <Skipped view={view} />
        {sumOf(totals.problems) > 0 && (
          <>
            <dt>{t('importSummaryProblems')}</dt>
            <dd>
              <CountList counts={totals.problems} label={problemLabel} />
            </dd>
          </>
        )}
        <Found view={view} />
        <dt>{t('importSummaryFiles')}</dt>
        <dd>
          <Files view={view} />
        </dd>
      </dl>
      {view.found && view.found.municipalities.length > 0 && <p>{t('importSeePopup')}</p>}
    </section>
  );
}
