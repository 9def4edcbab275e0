// Which stores a piece of storage code uses, watched through thin proxies over idb's wrappers: the
// stores a write transaction wrote to (announced once it commits), and the stores a view's reader
// may read (those it named, so that it re-reads when one of them changes).
import type { IDBPDatabase } from 'idb';
import type { SpotcheckDB, StoreName } from './schema';

const changingMethods: ReadonlySet<PropertyKey> = new Set(['put', 'add', 'delete', 'clear']);

/** idb's shortcut methods whose first argument is the store (or stores) they open a transaction on, as `transaction`'s. */
const storeFirstMethods: ReadonlySet<PropertyKey> = new Set([
  'get',
  'getKey',
  'getAll',
  'getAllKeys',
  'count',
  'getFromIndex',
  'getKeyFromIndex',
  'getAllFromIndex',
  'getAllKeysFromIndex',
  'countFromIndex',
  'put',
  'add',
  'delete',
  'clear',
]);

/** Calls a method of an idb wrapper on the wrapper itself: idb unwraps `this` to find the native object. */
function forwardedTo(target: object, property: PropertyKey): unknown {
  const value: unknown = Reflect.get(target, property, target);
  return typeof value === 'function' ? value.bind(target) : value;
}

/** What of idb's write transaction and its stores the recording uses (idb's own types are per store). */
interface NamedStore {
  readonly name: StoreName;
}
interface StoresOfTransaction {
  objectStore(name: StoreName): NamedStore;
  readonly store: NamedStore | undefined;
}

/**
 * `transaction` (an idb readwrite transaction) as the repository's work sees it: each store it hands
 * out adds its name to `changed` when one of its writing methods is used. Repositories do not write
 * through cursors.
 */
export function recordingWrites<Transaction extends object>(transaction: Transaction, changed: Set<StoreName>): Transaction {
  const recordingStores = new Map<StoreName, NamedStore>();
  const recording = (store: NamedStore): NamedStore => {
    const cached = recordingStores.get(store.name);
    if (cached) return cached;
    const wrapped = new Proxy(store, {
      get(target, property) {
        if (changingMethods.has(property)) changed.add(target.name);
        return forwardedTo(target, property);
      },
    });
    recordingStores.set(store.name, wrapped);
    return wrapped;
  };
  return new Proxy(transaction, {
    get(target, property) {
      const stores = target as unknown as StoresOfTransaction;
      if (property === 'objectStore') return (name: StoreName) => recording(stores.objectStore(name));
      if (property === 'store') return stores.store && recording(stores.store);
      return forwardedTo(target, property);
    },
  });
}

/**
 * `db` for a reader that named the stores it reads: opening any other store throws at once, so a
 * test of the view finds a missing name (the view would not re-read on that store's changes). A
 * reader that writes (the dashboard prunes expired events) must leave nothing for its next read to
 * write, or its own announcement would wake it for ever.
 */
export function readingOnly(db: IDBPDatabase<SpotcheckDB>, storeNames: readonly StoreName[]): IDBPDatabase<SpotcheckDB> {
  const named = new Set<string>(storeNames);
  const check = (names: string | readonly string[]) => {
    for (const name of typeof names === 'string' ? [names] : names) {
      if (!named.has(name)) throw new Error(`A stored-data reader used the store "${name}" without naming it among the stores it reads`);
    }
  };
  return new Proxy(db, {
    get(target, property) {
      const value = forwardedTo(target, property);
      if (typeof value !== 'function' || !(property === 'transaction' || storeFirstMethods.has(property))) return value;
      return (names: string | readonly string[], ...rest: unknown[]) => {
        check(names);
        return (value as (...args: unknown[]) => unknown)(names, ...rest);
      };
    },
  });
}
