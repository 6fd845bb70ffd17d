import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useRef, useState } from 'react';
import { formatDate, t } from '@/lib/i18n';
import type { GemeenteradarDb } from '@/lib/store/db';
import type { Contact } from '@/lib/store/schemas';
import { searchContacts, type MergeView } from '@/lib/read-models/side-panel';
import { IsolatedList, Message } from '../message';
import { StatusLine, useAction } from './panel-actions';

export interface MergeCandidate {
  id: string;
  name: string;
  addresses: string[];
}

/**
 * "Same person as…": pick the other contact (from this conversation, or by searching), confirm,
 * and the background merges it into this one. Earlier merges are listed with a button to split.
 */
export function MergeControl({
  db,
  contact,
  candidates,
  merges,
}: {
  db: GemeenteradarDb;
  contact: Contact;
  candidates: MergeCandidate[];
  merges: MergeView[];
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // closed by Escape or after the merge: the focus goes back to the button that opened it
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<MergeCandidate | null>(null);
  const { busy, status, run } = useAction();
  const found = useLiveQuery(
    () =>
      open && query.trim().length >= 2
        ? searchContacts(db, query, { excludeId: contact.id, limit: 10 })
        : Promise.resolve([] as Contact[]),
    [db, open, query, contact.id],
  );
  const shown: MergeCandidate[] = query.trim().length >= 2 ? (found ?? []) : candidates;

  const merge = async () => {
    if (!picked) return;
    const ok = await run(
      { type: 'merge-contacts', merge: { intoContactId: contact.id, mergedContactId: picked.id } },
      t('panelSaved'),
    );
    if (ok) {
      setPicked(null);
      setQuery('');
      close();
    }
  };

  return (
    <div className="merge-control">
      <button type="button" ref={button} aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {t('panelSamePerson')}
      </button>
      <div
        id={`${id}-panel`}
        className="panel-form"
        hidden={!open}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            if (picked) setPicked(null);
            else close();
          }
        }}
      >
        {open && !picked && (
          <>
            <div className="field">
              <label htmlFor={`${id}-search`}>{t('panelMergeSearch')}</label>
              <input id={`${id}-search`} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
            </div>
            {query.trim().length < 2 && candidates.length > 0 && <p className="hint">{t('panelMergeInConversation')}</p>}
            {shown.length === 0 ? (
              query.trim().length >= 2 && <p className="muted">{t('panelMergeNoResults')}</p>
            ) : (
              <ul className="merge-control__candidates">
                {shown.map((candidate) => (
                  <li key={candidate.id}>
                    <button type="button" className="candidate" onClick={() => setPicked(candidate)}>
                      <span className="candidate__name" dir="auto">
                        {candidate.name}
                      </span>{' '}
                      <span className="candidate__address">
                        <IsolatedList items={candidate.addresses} />
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {open && picked && (
          <div role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`} className="merge-control__confirm">
              <Message id="panelMergeWith" values={{ other: picked.name, name: contact.name }} />
            </p>
            <p className="hint">{t('panelMergeExplain')}</p>
            <div className="panel-form__buttons">
              <button type="button" className="primary" disabled={busy} onClick={() => void merge()}>
                {t('panelMergeConfirm')}
              </button>
              <button type="button" onClick={() => setPicked(null)}>
                {t('panelCancel')}
              </button>
            </div>
          </div>
        )}
      </div>
      {merges.length > 0 && (
        <ul className="merge-control__history">
          {merges.map((merge) => (
            <li key={merge.id}>
              <Message
                id="panelMergedFrom"
                values={{ name: merge.name, date: formatDate(merge.at) }}
                nodes={{ addresses: <IsolatedList items={merge.addresses} /> }}
              />{' '}
              <button
                type="button"
                disabled={busy}
                aria-label={t('panelSplitLabel', { name: merge.name })}
                onClick={() => void run({ type: 'split-contact', split: { mergeId: merge.id } }, t('panelSaved'))}
              >
                {t('panelSplit')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <StatusLine status={status} />
    </div>
  );
}
