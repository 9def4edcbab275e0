// The one background-job mechanism behind training runs and trial jobs: status while running, progress,
// cancel through the signal, a second start joining the first, and the job gone once it has ended.
import { describe, expect, it } from 'vitest';
import { defineBackgroundJobKind, type JobControls } from '../../src/runtime/backgroundJobs';

/** A job whose work waits until the test lets it end; `started` hands the test the work's controls. */
function controllableKind() {
  let begin: (controls: JobControls<number>) => void = () => {};
  const started = new Promise<JobControls<number>>((resolve) => {
    begin = resolve;
  });
  let finish = () => {};
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let runs = 0;
  const kind = defineBackgroundJobKind<{ name: string }, number>('test', async (_job, controls) => {
    runs += 1;
    begin(controls);
    await ended;
  });
  return { kind, started, finish, runs: () => runs };
}

describe('background jobs', () => {
  it('report status and progress while running and drop the job once it ends', async () => {
    const { kind, started, finish } = controllableKind();
    const run = kind.start('a', { name: 'first' });
    expect(kind.status('a')).toEqual({ id: 'a', info: { name: 'first' }, progress: null, cancelling: false });
    (await started).reportProgress(40);
    expect(kind.status('a')?.progress).toBe(40);
    finish();
    await run;
    expect(kind.status('a')).toBeUndefined();
  });

  it('join a job already running instead of running it twice', async () => {
    const { kind, started, finish, runs } = controllableKind();
    const first = kind.start('a', { name: 'first' });
    const second = kind.start('a', { name: 'again' });
    expect(second).toBe(first);
    await started;
    expect(runs()).toBe(1);
    expect(kind.status('a')?.info.name).toBe('first');
    finish();
    await first;
  });

  it('cancel by aborting the signal the work checks, marking the job cancelling until it ends', async () => {
    const { kind, started, finish } = controllableKind();
    const run = kind.start('a', { name: 'first' });
    kind.cancel('a');
    expect((await started).signal.aborted).toBe(true);
    expect(kind.status('a')?.cancelling).toBe(true);
    finish();
    await run;
    expect(kind.status('a')).toBeUndefined();
  });

  it('run work set after the kind was defined, and refuse to start without any', async () => {
    const kind = defineBackgroundJobKind<undefined, number>('late');
    expect(() => kind.start('a')).toThrow('No work is set for background jobs of kind "late".');
    const seen: string[] = [];
    kind.setRunner(async ({ id }) => {
      seen.push(id);
    });
    await kind.start('a');
    expect(seen).toEqual(['a']);
    expect(kind.status('a')).toBeUndefined();
  });
});
