// Reads from IndexedDB for a view and re-reads whenever one of the stores it reads changes: a
// committed write in this tab, another tab or a worker announces its stores (storage/storeChanges.ts).
import { useEffect, useState } from 'react';
import { openSpotcheckDb } from '../storage/db';
import { DB_NAME, type SpotcheckDatabase, type StoreName } from '../storage/schema';
import { readingOnly } from '../storage/storeAccess';
import { subscribeToStoreChanges } from '../storage/storeChanges';
import { coalescedRuns } from './coalescedRuns';

export type StoredData<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: unknown };

/**
 * `load`'s result, read again when `deps` change and, unless `rereadOnChange` is false (a view
 * that owns its copy while editing it), whenever one of `storeNames` changes. `load` may use only
 * `storeNames` (any other store throws), so the list cannot silently fall behind what it reads.
 */
export function useStoredData<T>(
  storeNames: readonly StoreName[],
  load: (db: SpotcheckDatabase) => Promise<T>,
  deps: readonly unknown[],
  { rereadOnChange = true }: { rereadOnChange?: boolean } = {},
): StoredData<T> {
  const [result, setResult] = useState<StoredData<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    const read = () =>
      openSpotcheckDb()
        .then((db) => load(readingOnly(db, storeNames)))
        .then(
          (data) => current && setResult({ status: 'ready', data }),
          (error: unknown) => current && setResult({ status: 'failed', error }),
        )
        .then(() => undefined);
    const requestRead = coalescedRuns(read);
    // Subscribed before the first read, so no write between the two goes unnoticed.
    const unsubscribe = rereadOnChange ? subscribeToStoreChanges(DB_NAME, storeNames, requestRead) : undefined;
    requestRead();
    return () => {
      current = false;
      unsubscribe?.();
    };
    // `deps` is the caller's dependency list for `load` (as with useCallback): `load` is a new closure
    // on every render, and the store list is compared by its names, not by array identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storeNames.join(), rereadOnChange, ...deps]);
  return result;
}
