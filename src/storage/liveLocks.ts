// Web Locks that tell every tab of the origin which stored work is still alive: a trial job being run, a
// model version being trained or hosted. A lock is held for exactly as long as that work and the browser
// drops it when its tab (or worker) goes away, so a record in a running state whose lock is free was
// left behind and may be set straight; one whose lock is held belongs to another tab and is left alone.
// A new record's lock is taken before the record is stored (`reserveLiveLock`), so there is no moment
// in which it is running and unlocked.
// Where Web Locks do not exist (Node), work runs unlocked and nothing is reported held.

/** One name per version: a version is trained, then hosted, never both at once. */
export const modelVersionLockName = (modelVersionId: string) => `spotcheck-model-version:${modelVersionId}`;
export const trialJobLockName = (jobId: string) => `spotcheck-trial-job:${jobId}`;
/** Held by a tab while it sets straight what closed tabs left and starts their hosted models again: tabs opening at once take turns. */
export const restartRecoveryLockName = 'spotcheck-restart-recovery';

function lockManager(): LockManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.locks : undefined;
}

/** Locks this tab took ahead of their work (`reserveLiveLock`), by name, with their release. */
const reservations = new Map<string, ReleaseLiveLock>();

/**
 * Runs `work` holding the lock `name` for its whole duration; when another tab holds it, `whenTaken`
 * decides (typically: throw the reason the work cannot run twice). A lock this tab reserved for the
 * work is taken over, so it is never free between the reservation and the work.
 */
export async function withLiveLock<T>(name: string, work: () => Promise<T>, whenTaken: () => Promise<T>): Promise<T> {
  const reserved = reservations.get(name);
  if (reserved) {
    reservations.delete(name);
    try {
      return await work();
    } finally {
      await reserved();
    }
  }
  const locks = lockManager();
  if (!locks) return work();
  return locks.request(name, { ifAvailable: true }, (lock) => (lock ? work() : whenTaken()));
}

/** Runs `work` holding the lock `name`, after any other tab holding it has given it up. */
export async function withQueuedLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = lockManager();
  return locks ? locks.request(name, work) : work();
}

/**
 * Takes the lock `name` before the record it guards is stored in a running state, so no tab's recovery
 * can ever see that record with its lock free; this tab's next `withLiveLock(name, …)` takes it over.
 * `name` must be one no other tab can know yet (a new record's id). Resolves with the release for when
 * the work will not start after all.
 */
export async function reserveLiveLock(name: string): Promise<ReleaseLiveLock> {
  const release = await holdLiveLock(name);
  if (!release) throw new Error(`The lock ${name} of a new record is already held.`);
  reservations.set(name, release);
  // Once taken over, the lock is the work's, which gives it up itself.
  return async () => {
    if (reservations.get(name) !== release) return;
    reservations.delete(name);
    await release();
  };
}

/** Gives a held lock up; resolves once the browser has freed it (every tab then sees it free). */
export type ReleaseLiveLock = () => Promise<void>;

/**
 * Takes the lock `name` and keeps it until the returned release is called (for work that is not one
 * promise, such as a hosted model); null when another tab holds it.
 */
export function holdLiveLock(name: string): Promise<ReleaseLiveLock | null> {
  const locks = lockManager();
  if (!locks) return Promise.resolve(async () => undefined);
  return new Promise((resolveHeld, rejectHeld) => {
    const freed: Promise<void> = locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) return resolveHeld(null);
        return new Promise<void>((release) =>
          resolveHeld(() => {
            release();
            return freed;
          }),
        );
      })
      .catch(rejectHeld);
  });
}

/** Names of the locks held or asked for right now by any tab or worker of the origin. */
export async function liveLockNames(): Promise<ReadonlySet<string>> {
  const locks = lockManager();
  if (!locks) return new Set();
  const { held = [], pending = [] } = await locks.query();
  return new Set([...held, ...pending].flatMap((lock) => (lock.name ? [lock.name] : [])));
}
