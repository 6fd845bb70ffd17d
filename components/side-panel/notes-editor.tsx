import { useId, useState, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import type { Note } from '@/lib/store/schemas';
import { StatusLine, useAction } from './panel-actions';

/**
 * One note (on a contact or an organisation), edited in place; saving it blank deletes it.
 * `onDone` (the card's disclosure) closes the editor after a save and says so on the card.
 */
export function NotesEditor({
  subjectType,
  subjectId,
  note,
  label,
  onDone,
}: {
  subjectType: 'contact' | 'organisation';
  subjectId: string;
  note: Note | null;
  /** names a person or organisation: a Message, so the name is isolated */
  label: ReactNode;
  onDone?: (savedText: string) => void;
}) {
  const id = useId();
  const stored = note?.text ?? '';
  const [draft, setDraft] = useState(stored);
  const [dirty, setDirty] = useState(false);
  const { busy, status, run } = useAction();
  // a note changed elsewhere (the popup, a merge) shows here unless the user is typing
  const shown = dirty ? draft : stored;

  return (
    <form
      className="notes-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void run({ type: 'save-note', note: { subjectType, subjectId, text: shown } }).then((ok) => {
          if (!ok) return;
          setDirty(false);
          onDone?.(t('panelSaved'));
        });
      }}
    >
      <label htmlFor={`${id}-text`}>{label}</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        maxLength={10_000}
        value={shown}
        onChange={(event) => {
          setDraft(event.target.value);
          setDirty(true);
        }}
      />
      <div className="panel-form__buttons">
        <button type="submit" disabled={busy || !dirty}>
          {t('panelSaveNote')}
        </button>
      </div>
      <StatusLine status={onDone && status?.ok ? null : status} />
    </form>
  );
}
