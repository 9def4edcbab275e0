// Reads from IndexedDB for a view and re-reads whenever stored data changes.
import { useEffect, useState } from 'react';
import type { IDBPDatabase } from 'idb';
import { openSpotcheckDb } from '../storage/db';
import type { SpotcheckDB } from '../storage/schema';
import { useUiStore } from './uiStore';

export type StoredData<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: unknown };

export function useStoredData<T>(load: (db: IDBPDatabase<SpotcheckDB>) => Promise<T>, deps: readonly unknown[]): StoredData<T> {
  const revision = useUiStore((state) => state.dataRevision);
  const [result, setResult] = useState<StoredData<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    openSpotcheckDb()
      .then(load)
      .then(
        (data) => current && setResult({ status: 'ready', data }),
        (error: unknown) => current && setResult({ status: 'failed', error }),
      );
    return () => {
      current = false;
    };
  }, [revision, ...deps]);
  return result;
}
