// The one mechanism for long work a tab runs in the background — training runs and trial jobs: start,
// progress, cancel and status. Jobs belong to the tab, not to a view (a zustand store per kind), so moving
// between pages keeps them going. IndexedDB stays the source of truth for each record's state, and the
// work itself holds the Web Lock that tells other tabs it is alive (storage/liveLocks.ts).
import { create } from 'zustand';

export interface BackgroundJob<Info, Progress> {
  id: string;
  /** What the job is about, as handed to `start`. */
  info: Info;
  /** The last progress the work reported; null until its first report. */
  progress: Progress | null;
  /** Cancel was asked for and the work has not ended yet. */
  cancelling: boolean;
}

export interface JobControls<Progress> {
  /** Aborted by `cancel`; the work decides how soon it stops. */
  signal: AbortSignal;
  reportProgress(progress: Progress): void;
}

/** The work of one job; it shows its own outcome (notices) and settles once the job has ended. */
export type JobRunner<Info, Progress> = (job: { id: string; info: Info }, controls: JobControls<Progress>) => Promise<void>;

/** `start(id)` for kinds without info, `start(id, info)` otherwise. */
type StartArguments<Info> = undefined extends Info ? [id: string, info?: Info] : [id: string, info: Info];

export interface BackgroundJobKind<Info, Progress> {
  /** Runs the job; starting a job this tab already runs joins it. Settles when the job has ended. */
  start(...args: StartArguments<Info>): Promise<void>;
  cancel(id: string): void;
  /** The job while this tab runs it; undefined otherwise. */
  status(id: string): BackgroundJob<Info, Progress> | undefined;
  /** React: the jobs of this kind this tab runs, by id. */
  useJobs(): Readonly<Record<string, BackgroundJob<Info, Progress>>>;
  /** React: one job while this tab runs it. */
  useJob(id: string): BackgroundJob<Info, Progress> | undefined;
  /**
   * Sets the work of this kind where it is not known at definition: a kind that several features start
   * (trial jobs: the trials views and the camera) is defined here and run by the feature that owns it.
   */
  setRunner(runner: JobRunner<Info, Progress>): void;
}

export function defineBackgroundJobKind<Info, Progress>(kindName: string, runner?: JobRunner<Info, Progress>): BackgroundJobKind<Info, Progress> {
  const useStore = create<{ jobs: Record<string, BackgroundJob<Info, Progress>> }>()(() => ({ jobs: {} }));
  const running = new Map<string, { controller: AbortController; ended: Promise<void> }>();
  let work = runner;

  function update(id: string, change: Partial<BackgroundJob<Info, Progress>>): void {
    useStore.setState((state) => {
      const job = state.jobs[id];
      return job ? { jobs: { ...state.jobs, [id]: { ...job, ...change } } } : state;
    });
  }

  function remove(id: string): void {
    running.delete(id);
    useStore.setState((state) => {
      const { [id]: _ended, ...jobs } = state.jobs;
      return { jobs };
    });
  }

  function start(...[id, info]: StartArguments<Info>): Promise<void> {
    const current = running.get(id);
    if (current) return current.ended;
    const runner = work;
    if (!runner) throw new Error(`No work is set for background jobs of kind "${kindName}".`);
    const controller = new AbortController();
    useStore.setState((state) => ({ jobs: { ...state.jobs, [id]: { id, info: info as Info, progress: null, cancelling: false } } }));
    const controls: JobControls<Progress> = { signal: controller.signal, reportProgress: (progress) => update(id, { progress }) };
    // The work starts once the job is known as running, so whatever it does first already sees it.
    const ended = Promise.resolve()
      .then(() => runner({ id, info: info as Info }, controls))
      .finally(() => remove(id));
    running.set(id, { controller, ended });
    return ended;
  }

  return {
    start,
    cancel(id) {
      const current = running.get(id);
      if (!current) return;
      update(id, { cancelling: true });
      current.controller.abort();
    },
    status: (id) => useStore.getState().jobs[id],
    useJobs: () => useStore((state) => state.jobs),
    useJob: (id) => useStore((state) => state.jobs[id]),
    setRunner(runner) {
      work = runner;
    },
  };
}
