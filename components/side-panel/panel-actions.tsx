import { createContext, useCallback, useContext, useRef, useState } from 'react';
import { describeReason, t } from '@/lib/i18n';
import { sendToBackground } from '@/lib/messaging/client';
import type { RuntimeMessage, RuntimeReply } from '@/lib/messaging/runtime';
import { reason } from '@/lib/vocabulary/reasons';

/**
 * How the side panel acts: every user action is a runtime message to the background, the one
 * writer (it validates, stores, and recomputes latency). Tests provide the background's handler.
 */
export type SendToBackground = (message: RuntimeMessage) => Promise<RuntimeReply>;

export const SendContext = createContext<SendToBackground>(sendToBackground);

export interface ActionStatus {
  ok: boolean;
  text: string;
}

/** Runs one action at a time and keeps what came of it, for a live status line. */
export function useAction() {
  const send = useContext(SendContext);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const running = useRef(false);
  const run = useCallback(
    async (message: RuntimeMessage, successText: string = t('panelSaved')): Promise<boolean> => {
      if (running.current) return false;
      running.current = true;
      setBusy(true);
      // a send that throws: the background did not answer (stopped, or being updated)
      const reply = await send(message).catch((): RuntimeReply => ({ ok: false, error: reason('no-reply') }));
      running.current = false;
      setBusy(false);
      setStatus(
        reply.ok
          ? { ok: true, text: successText }
          : { ok: false, text: t('panelFailed', { error: describeReason(reply.error) }) },
      );
      return reply.ok;
    },
    [send],
  );
  return { busy, status, run, clearStatus: () => setStatus(null) };
}

/** The outcome of an action, announced: politely when it worked, assertively when not. */
export function StatusLine({ status }: { status: ActionStatus | null }) {
  return (
    <p
      className={`panel-status ${status?.ok === false ? 'panel-status--error' : 'panel-status--ok'}`}
      role={status?.ok === false ? 'alert' : 'status'}
    >
      {status?.text ?? ''}
    </p>
  );
}
