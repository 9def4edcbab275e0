// Opening the Spotcheck database: one shared connection per name, upgraded through migrations.ts,
// and given up at once when another tab needs to upgrade it.
import { openDB, type IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { requestPersistentStorage } from './estimate';
import { toUserFacingStorageError } from './errors';
import { applyMigrations } from './migrations';
import { DB_NAME, SCHEMA_VERSION, type SpotcheckDB } from './schema';

type ClosedForUpgradeListener = (databaseName: string) => void;

const connections = new Map<string, Promise<IDBPDatabase<SpotcheckDB>>>();
const closedForUpgradeListeners = new Set<ClosedForUpgradeListener>();
let persistenceRequested = false;

/**
 * Called after this tab closed its connection because another tab (typically running a newer
 * Spotcheck) asked to upgrade the database. Views should offer a reload. Returns the unsubscribe.
 */
export function onClosedForUpgrade(listener: ClosedForUpgradeListener): () => void {
  closedForUpgradeListeners.add(listener);
  return () => closedForUpgradeListeners.delete(listener);
}

/** The shared connection; callers never close it (see closeSpotcheckDb). */
export function openSpotcheckDb(name: string = DB_NAME): Promise<IDBPDatabase<SpotcheckDB>> {
  if (!persistenceRequested) {
    persistenceRequested = true;
    // Without persistence the browser may evict every project under storage pressure.
    void requestPersistentStorage();
  }
  const cached = connections.get(name);
  if (cached) return cached;
  const forget = () => {
    if (connections.get(name) === connection) connections.delete(name);
  };
  const connection = connect(name, forget);
  connections.set(name, connection);
  // A failed open must not stay cached: the next call tries again.
  connection.catch(forget);
  return connection;
}

/** Closes and forgets the shared connection, e.g. before deleting the database. */
export async function closeSpotcheckDb(name: string = DB_NAME): Promise<void> {
  const connection = connections.get(name);
  connections.delete(name);
  (await connection?.catch(() => undefined))?.close();
}

/** `forget` drops the cached connection once it is closed by anyone but closeSpotcheckDb. */
function connect(name: string, forget: () => void): Promise<IDBPDatabase<SpotcheckDB>> {
  return new Promise((resolve, reject) => {
    let gaveUp = false;
    openDB<SpotcheckDB>(name, SCHEMA_VERSION, {
      upgrade(db, oldVersion, _newVersion, transaction) {
        // A failed migration aborts this transaction and fails the open, which reports it.
        transaction.done.catch(() => undefined);
        applyMigrations(db, oldVersion, SCHEMA_VERSION, transaction);
      },
      blocked() {
        // An older tab holds the database open and did not let go; waiting would hang the app.
        gaveUp = true;
        reject(new UserFacingError('storage.blocked'));
      },
      blocking(_currentVersion, _blockedVersion, event) {
        (event.target as IDBDatabase).close();
        forget();
        for (const listener of closedForUpgradeListeners) listener(name);
      },
      terminated() {
        // The browser dropped the connection (e.g. storage cleared); reopen on next use.
        forget();
      },
    }).then(
      (db) => {
        // The open we gave up on may still succeed once the other tab closes.
        if (gaveUp) db.close();
        else resolve(db);
      },
      (error: unknown) => reject(toUserFacingStorageError(error)),
    );
  });
}
