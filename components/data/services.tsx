import { createContext, useContext } from 'react';
import { browserDataServices, type DataServices } from '@/lib/backup/services';
import type { GemeenteradarDb } from '@/lib/store/db';
import { getPageDb } from '@/lib/store/page-db';

export interface DataPageContext {
  services: DataServices;
  db: GemeenteradarDb;
}

/** The data page's browser, background and store; tests provide fakes and a test database. */
export const DataContext = createContext<DataPageContext | null>(null);

export function useData(): DataPageContext {
  return useContext(DataContext) ?? { services: browserDataServices, db: getPageDb() };
}
