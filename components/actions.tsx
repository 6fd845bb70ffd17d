import { createContext, useContext } from 'react';
import { browserPageActions, type PageActions } from '@/lib/messaging/client';

/** The browser-facing actions of extension pages; tests provide fakes. */
export const ActionsContext = createContext<PageActions>(browserPageActions);

export function useActions(): PageActions {
  return useContext(ActionsContext);
}
