/**
 * The import page's ties to the browser: the background (runtime messages), the Worker, the lock
 * that keeps one import running at a time over every page. The session (import-session.ts) takes
 * them as dependencies; tests give it in-memory ones.
 */
import { sendToBackground } from '../messaging/client';
import type { ImportEndReply, RuntimeReply } from '../messaging/runtime';
import type { ImportBackground, WorkerPort } from './import-session';
import type { WorkerToPage } from './worker-protocol';

export const browserImportBackground: ImportBackground = {
  start: (importId, ownAddresses) => sendToBackground({ type: 'import-start', importId, ownAddresses }),
  storeBatch: (importId, messages) => sendToBackground({ type: 'import-batch', importId, messages }),
  end: (importId, outcome) =>
    sendToBackground({ type: 'import-end', importId, outcome }) as Promise<ImportEndReply | RuntimeReply>,
};

/** A dedicated Worker as the session's port. */
export function portOfWorker(worker: Worker): WorkerPort {
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (event: MessageEvent<WorkerToPage>) => listener(event.data)),
    onError: (listener) => {
      worker.addEventListener('error', (event) => listener((event.message || 'worker error').slice(0, 200)));
      worker.addEventListener('messageerror', () => listener('messageerror'));
    },
    terminate: () => worker.terminate(),
  };
}

const LOCK_NAME = 'gemeenteradar-mailbox-import';

/**
 * One import at a time, over every page of the extension (a second import page would resume the
 * same checkpoint twice): a Web Lock held while an import runs. A release function, or null when
 * another page holds it. Without the Locks API nothing is locked.
 */
export function acquireImportLock(): Promise<(() => void) | null> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((resolve) => {
    void locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null);
        return undefined;
      }
      // held until released
      return new Promise<void>((release) => resolve(() => release()));
    });
  });
}
