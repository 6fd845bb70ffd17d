import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { describeReason, t } from '@/lib/i18n';
import type { ActionReply } from '@/lib/messaging/client';
import type { UndoMessage } from '@/lib/messaging/runtime';
import { reason } from '@/lib/vocabulary/reasons';
import { useActions } from './actions';

/** How long "Ongedaan maken" stays: long enough to notice, paused while the pointer or focus is on it. */
export const UNDO_MS = 8000;

interface Outcome {
  ok: boolean;
  text: string;
  undo?: UndoMessage;
}

const OutcomeContext = createContext<(outcome: Outcome) => void>(() => undefined);

/**
 * Runs a user's action through the background and reports it in the popup's one status line,
 * with "Ongedaan maken" when the reply carried an undo. The line lives outside the list, so it
 * stays when the action makes its row go (a call logged: the contact no longer waits).
 */
export function useUndoableAction() {
  const report = useContext(OutcomeContext);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<ActionReply>, successText: string, failureKey: 'callFailed' | 'panelFailed' = 'panelFailed') => {
      setBusy(true);
      const reply = await action().catch((): ActionReply => ({ ok: false, error: reason('no-reply') }));
      setBusy(false);
      if (reply.ok) report({ ok: true, text: successText, undo: 'undo' in reply ? reply.undo : undefined });
      else report({ ok: false, text: t(failureKey, { error: describeReason(reply.error) }) });
      return reply.ok;
    },
    [report],
  );
  return { busy, run };
}

function OutcomeLine({ outcome, onDone }: { outcome: Outcome; onDone: (next: Outcome | null) => void }) {
  const actions = useActions();
  const [held, setHeld] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const focusInside = useRef(false);
  useEffect(() => {
    if (held || undoing || !outcome.ok) return;
    const timer = setTimeout(() => onDone(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [held, undoing, outcome, onDone]);
  const undo = async (message: UndoMessage) => {
    setUndoing(true);
    const reply = await actions.undo(message).catch(() => ({ ok: false as const, error: reason('no-reply') }));
    onDone(
      reply.ok ? { ok: true, text: t('undone') } : { ok: false, text: t('undoFailed', { error: describeReason(reply.error) }) },
    );
  };
  return (
    <div
      className={`undo-bar ${outcome.ok ? '' : 'undo-bar--error'}`}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(focusInside.current)}
      onFocus={() => {
        focusInside.current = true;
        setHeld(true);
      }}
      onBlur={() => {
        focusInside.current = false;
        setHeld(false);
      }}
    >
      <span role={outcome.ok ? 'status' : 'alert'}>{undoing ? t('undoing') : outcome.text}</span>
      {outcome.undo && !undoing && (
        <>
          {' · '}
          <button type="button" className="link-button" onClick={() => void undo(outcome.undo!)}>
            {t('undo')}
          </button>
        </>
      )}
    </div>
  );
}

interface Shown {
  outcome: Outcome | null;
  serial: number;
  report: (next: Outcome | null) => void;
}

const ShownContext = createContext<Shown>({ outcome: null, serial: 0, report: () => undefined });

/** Keeps the newest action's outcome (it replaces the last) for the status line, across the popup's views. */
export function UndoProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<{ outcome: Outcome | null; serial: number }>({ outcome: null, serial: 0 });
  const report = useCallback(
    (next: Outcome | null) => setShown((current) => ({ outcome: next, serial: current.serial + 1 })),
    [],
  );
  return (
    <OutcomeContext.Provider value={report}>
      <ShownContext.Provider value={{ ...shown, report }}>{children}</ShownContext.Provider>
    </OutcomeContext.Provider>
  );
}

/** The status line itself, inside the page's main landmark, stuck to the bottom while the page scrolls. */
export function UndoStatusLine() {
  const { outcome, serial, report } = useContext(ShownContext);
  return (
    <div className="undo-region">
      {/* a new outcome mounts a new line: its own timer and state */}
      {outcome && <OutcomeLine key={serial} outcome={outcome} onDone={report} />}
    </div>
  );
}
