// Bursts of re-read requests (one per store announcement) fold into few re-reads: requests in one task
// make one run, requests during a run make exactly one more after it, and none run side by side.
import { describe, expect, it } from 'vitest';
import { coalescedRuns } from '../../src/app/coalescedRuns';

/** A run the test finishes by hand, recording how many started and how many are going at once. */
function controlledRuns() {
  const finishers: (() => void)[] = [];
  const counts = { started: 0, going: 0, mostAtOnce: 0 };
  const run = () =>
    new Promise<void>((resolve) => {
      counts.started++;
      counts.going++;
      counts.mostAtOnce = Math.max(counts.mostAtOnce, counts.going);
      finishers.push(() => {
        counts.going--;
        resolve();
      });
    });
  /** Resolves once every queued microtask (a next run's start) has run: a macrotask comes after them all. */
  const afterMicrotasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return { run, counts, finishNext: () => finishers.shift()!(), afterMicrotasks };
}

describe('coalescedRuns', () => {
  it('runs once for several requests made in one task', async () => {
    const { run, counts, afterMicrotasks } = controlledRuns();
    const request = coalescedRuns(run);
    request();
    request();
    request();
    expect(counts.started).toBe(0);
    await afterMicrotasks();
    expect(counts.started).toBe(1);
  });

  it('runs exactly once more after a run during which requests came, never two at once', async () => {
    const { run, counts, finishNext, afterMicrotasks } = controlledRuns();
    const request = coalescedRuns(run);
    request();
    await afterMicrotasks();
    request();
    request();
    request();
    await afterMicrotasks();
    expect(counts.started).toBe(1);
    finishNext();
    await afterMicrotasks();
    expect(counts.started).toBe(2);
    finishNext();
    await afterMicrotasks();
    expect(counts).toEqual({ started: 2, going: 0, mostAtOnce: 1 });
  });

  it('runs again for a request after it fell idle', async () => {
    const { run, counts, finishNext, afterMicrotasks } = controlledRuns();
    const request = coalescedRuns(run);
    request();
    await afterMicrotasks();
    finishNext();
    await afterMicrotasks();
    request();
    await afterMicrotasks();
    expect(counts.started).toBe(2);
  });
});
