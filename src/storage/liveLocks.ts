// Web Locks that tell every tab of the origin which stored work is still alive: a trial job being run, a
// model version being trained or hosted. A lock is held for exactly as long as that work and the browser
// drops it when its tab (or worker) goes away, so a record in a running state whose lock is free was
// left behind and may be set straight; one whose lock is held belongs to another tab and is left alone.
// Where Web Locks do not exist (Node), work runs unlocked and nothing is reported held.

/** One name per version: a version is trained, then hosted, never both at once. */
export const modelVersionLockName = (modelVersionId: string) => `spotcheck-model-version:${modelVersionId}`;
export const trialJobLockName = (jobId: string) => `spotcheck-trial-job:${jobId}`;

function lockManager(): LockManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.locks : undefined;
}

/**
 * Runs `work` holding the lock `name` for its whole duration; when another tab holds it, `whenTaken`
 * decides (typically: throw the reason the work cannot run twice).
 */
export async function withLiveLock<T>(name: string, work: () => Promise<T>, whenTaken: () => Promise<T>): Promise<T> {
  const locks = lockManager();
  if (!locks) return work();
  return locks.request(name, { ifAvailable: true }, (lock) => (lock ? work() : whenTaken()));
}

/**
 * Takes the lock `name` and keeps it until the returned release is called (for work that is not one
 * promise, such as a hosted model); null when another tab holds it.
 */
export function holdLiveLock(name: string): Promise<(() => void) | null> {
  const locks = lockManager();
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((resolveHeld, rejectHeld) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) return resolveHeld(null);
        return new Promise<void>((release) => resolveHeld(release));
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
