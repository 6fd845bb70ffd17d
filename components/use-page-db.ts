import { useEffect, useState } from 'react';
import { requestStoreOpen } from '@/lib/messaging/client';
import type { GemeenteradarDb } from '@/lib/store/db';
import { openPageDb } from '@/lib/store/page-db';

export type PageDbState =
  | { status: 'opening' }
  /** the store was missing or older: the background is bringing it up to date ("bijwerken…") */
  | { status: 'upgrading' }
  | { status: 'ready' }
  | { status: 'failed'; error: unknown; retry: () => void };

/**
 * Opens a page's database (lib/store/page-db.ts): ready at once when the store is at this code's
 * version, else after the background upgraded it. `requestUpgrade` is injectable for tests.
 */
export function usePageDb(db: GemeenteradarDb, requestUpgrade: () => Promise<void> = requestStoreOpen): PageDbState {
  const [state, setState] = useState<PageDbState>({ status: 'opening' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    openPageDb(db, { requestUpgrade, onUpgrading: () => current && setState({ status: 'upgrading' }) }).then(
      () => current && setState({ status: 'ready' }),
      (error: unknown) =>
        current &&
        setState({ status: 'failed', error: error ?? new Error('unknown error'), retry: () => setAttempt((count) => count + 1) }),
    );
    return () => {
      current = false;
    };
  }, [db, requestUpgrade, attempt]);
  return state;
}
