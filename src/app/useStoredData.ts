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

/**
 * `load`'s result, read again when `deps` change and, unless `rereadOnChange` is false (a view
 * that owns its copy while editing it), whenever stored data changes.
 */
export function useStoredData<T>(
  load: (db: IDBPDatabase<SpotcheckDB>) => Promise<T>,
  deps: readonly unknown[],
  { rereadOnChange = true }: { rereadOnChange?: boolean } = {},
): StoredData<T> {
  const dataRevision = useUiStore((state) => state.dataRevision);
  const revision = rereadOnChange ? dataRevision : 0;
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
