// Re-reads on demand without piling up: requests that arrive while a run is queued or going are
// folded into at most one more run after it, so a burst of store announcements costs one or two
// re-reads, not one per announcement. No timers: a queued run starts at the next microtask.

/**
 * Returns `request`: it starts `run` at the next microtask, unless one is already queued (then it
 * does nothing) or going (then one more follows it, however many requests came meanwhile).
 * `run` must not reject.
 */
export function coalescedRuns(run: () => Promise<void>): () => void {
  let state: 'idle' | 'queued' | 'running' | 'runningThenAgain' = 'idle';
  const start = () => {
    state = 'running';
    void run().then(() => {
      if (state === 'runningThenAgain') queue();
      else state = 'idle';
    });
  };
  const queue = () => {
    state = 'queued';
    queueMicrotask(start);
  };
  return () => {
    if (state === 'idle') queue();
    else if (state === 'running') state = 'runningThenAgain';
  };
}
