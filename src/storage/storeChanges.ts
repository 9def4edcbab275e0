// Which stores of a database just changed: every committed write transaction announces the names
// of the stores it wrote on a BroadcastChannel named after the database, so readers in this tab,
// in other tabs and in pages whose workers write (training, detection, import) all hear of it.
// A BroadcastChannel object never receives its own messages, so announcing and listening use
// separate objects: readers in the tab that wrote hear the write too.
import type { StoreName } from './schema';

/** Called with every store the committed write changed (at least one of those subscribed to). */
export type StoreChangeCallback = (changedStoreNames: readonly StoreName[]) => void;

type StoreChangeListener = { storeNames: ReadonlySet<StoreName>; onChange: StoreChangeCallback };

interface StoreChangeMessage {
  storeNames: StoreName[];
}

interface Subscription {
  channel: BroadcastChannel;
  listeners: Set<StoreChangeListener>;
}

const publishers = new Map<string, BroadcastChannel>();
const subscriptions = new Map<string, Subscription>();

function channelName(databaseName: string): string {
  return `spotcheck-store-changes:${databaseName}`;
}

/** Under Node (unit tests) an open channel would keep the process alive; browsers have no unref. */
function openChannel(databaseName: string): BroadcastChannel {
  const channel = new BroadcastChannel(channelName(databaseName));
  (channel as BroadcastChannel & { unref?: () => void }).unref?.();
  return channel;
}

function isStoreChangeMessage(data: unknown): data is StoreChangeMessage {
  return typeof data === 'object' && data !== null && Array.isArray((data as StoreChangeMessage).storeNames);
}

/** Tells every reader of `databaseName` that these stores changed; called once a write has committed. */
export function announceStoreChanges(databaseName: string, storeNames: readonly StoreName[]): void {
  if (storeNames.length === 0 || typeof BroadcastChannel === 'undefined') return;
  let publisher = publishers.get(databaseName);
  if (!publisher) {
    publisher = openChannel(databaseName);
    publishers.set(databaseName, publisher);
  }
  publisher.postMessage({ storeNames: [...storeNames] } satisfies StoreChangeMessage);
}

/**
 * Calls `onChange` after each committed write (from any tab or worker) to one of `storeNames` of
 * `databaseName`. Returns the unsubscribe.
 */
export function subscribeToStoreChanges(databaseName: string, storeNames: readonly StoreName[], onChange: StoreChangeCallback): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const subscription = subscriptions.get(databaseName) ?? listenTo(databaseName);
  const listener: StoreChangeListener = { storeNames: new Set(storeNames), onChange };
  subscription.listeners.add(listener);
  return () => {
    subscription.listeners.delete(listener);
    if (subscription.listeners.size > 0 || subscriptions.get(databaseName) !== subscription) return;
    subscriptions.delete(databaseName);
    subscription.channel.close();
  };
}

/** One listening channel per database, shared by all of this realm's subscribers. */
function listenTo(databaseName: string): Subscription {
  const subscription: Subscription = { channel: openChannel(databaseName), listeners: new Set() };
  subscription.channel.addEventListener('message', ({ data }: MessageEvent<unknown>) => {
    if (!isStoreChangeMessage(data)) return;
    for (const listener of [...subscription.listeners]) {
      if (data.storeNames.some((name) => listener.storeNames.has(name))) listener.onChange(data.storeNames);
    }
  });
  subscriptions.set(databaseName, subscription);
  return subscription;
}
