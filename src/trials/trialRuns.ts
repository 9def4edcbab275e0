// The trial jobs this tab is running, with their progress and cancel (UI state only: the job and its
// results are in IndexedDB). Runs belong to the tab, not to a view, so moving between pages keeps
// them going; views re-read the stored results as images are judged.
import { create } from 'zustand';
import { useUiStore } from '../app/uiStore';
import { openSpotcheckDb } from '../storage/db';
import { runTrialJob, type TrialRunProgress } from './runTrialJob';

/** Stored results are re-read at most this often while a job runs (each re-read lists every result). */
const refreshIntervalMs = 1_000;

interface TrialRunsState {
  progress: Record<string, TrialRunProgress>;
  controllers: Record<string, AbortController>;
}

export const useTrialRuns = create<TrialRunsState>()(() => ({ progress: {}, controllers: {} }));

function setProgress(jobId: string, progress: TrialRunProgress | null) {
  useTrialRuns.setState((state) => {
    const next = { ...state.progress };
    if (progress) next[jobId] = progress;
    else delete next[jobId];
    return { progress: next };
  });
}

/** Runs (or resumes) the job; failures end up on the stored job, other errors as a notice. */
export async function startTrialRun(jobId: string): Promise<void> {
  if (useTrialRuns.getState().controllers[jobId]) return;
  const controller = new AbortController();
  useTrialRuns.setState((state) => ({ controllers: { ...state.controllers, [jobId]: controller } }));
  const { dataChanged, showError } = useUiStore.getState();
  let lastRefreshMs = 0;
  try {
    await runTrialJob(await openSpotcheckDb(), jobId, {
      signal: controller.signal,
      onProgress: (progress) => {
        setProgress(jobId, progress);
        const nowMs = Date.now();
        if (nowMs - lastRefreshMs >= refreshIntervalMs) {
          lastRefreshMs = nowMs;
          dataChanged();
        }
      },
    });
  } catch (error) {
    showError(error);
  } finally {
    useTrialRuns.setState((state) => {
      const { [jobId]: _finished, ...controllers } = state.controllers;
      return { controllers };
    });
    setProgress(jobId, null);
    dataChanged();
  }
}

export function cancelTrialRun(jobId: string): void {
  useTrialRuns.getState().controllers[jobId]?.abort();
}
