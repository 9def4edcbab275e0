// The one way repositories write: a single readwrite transaction that commits all of its changes
// or none, with failures turned into UserFacingErrors, and that announces the stores it changed
// once it has committed (storeChanges.ts).
import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction } from 'idb';
import { withStorageErrors } from './errors';
import type { SpotcheckDB, StoreName } from './schema';
import { recordingWrites } from './storeAccess';
import { announceStoreChanges } from './storeChanges';

export type WriteTransaction<Names extends ArrayLike<StoreName>> = IDBPTransaction<SpotcheckDB, Names, 'readwrite'>;

/** One store of any write transaction that includes it: helpers take the stores they use. */
export type WriteStore<Name extends StoreName> = IDBPObjectStore<SpotcheckDB, ArrayLike<StoreName>, Name, 'readwrite'>;

/**
 * Runs `work` in one readwrite transaction and resolves once it has committed. If `work` throws,
 * the transaction is aborted, so nothing it wrote survives. `work` must await nothing but
 * IndexedDB requests of `transaction`: awaiting anything else lets the transaction auto-commit.
 * After the commit, the stores `work` wrote to (put, add, delete, clear; repositories do not write
 * through cursors) are announced to every reader; a failed or aborted transaction announces nothing.
 */
export function writeTransaction<const Names extends ArrayLike<StoreName>, Result>(
  db: IDBPDatabase<SpotcheckDB>,
  storeNames: Names,
  work: (transaction: WriteTransaction<Names>) => Promise<Result>,
): Promise<Result> {
  return withStorageErrors(async () => {
    const transaction = db.transaction(storeNames, 'readwrite');
    const changedStores = new Set<StoreName>();
    const committed = transaction.done;
    // Observed now: an abort while `work` runs must not surface as an unhandled rejection; the
    // failure that caused it is what gets rethrown.
    committed.catch(() => undefined);
    try {
      const result = await work(recordingWrites(transaction, changedStores));
      await committed;
      announceStoreChanges(db.name, [...changedStores]);
      return result;
    } catch (error) {
      abortIfStillOpen(transaction);
      throw error;
    }
  });
}

function abortIfStillOpen(transaction: { abort(): void }): void {
  try {
    transaction.abort();
  } catch {
    // Already aborted by the failed request, or already committed: nothing left to undo.
  }
}

/**
 * Issues every request at once (IndexedDB runs them in order) and waits for all of them.
 * If one cannot even be issued, e.g. a value that cannot be cloned, the caller aborts the
 * transaction; the requests issued before it then reject with that abort, which is expected.
 */
export async function issueAll(issuers: Iterable<() => Promise<unknown>>): Promise<void> {
  const issued: Promise<unknown>[] = [];
  try {
    for (const issue of issuers) issued.push(issue());
  } catch (error) {
    for (const request of issued) request.catch(() => undefined);
    throw error;
  }
  await Promise.all(issued);
}
