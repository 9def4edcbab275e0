// The trial jobs this tab is running, with their progress and cancel (UI state only: the job and its
// results are in IndexedDB). Runs belong to the tab, not to a view, so moving between pages keeps
// them going; views re-read the stored results as storage announces each judged image.
import { create } from 'zustand';
import { useUiStore } from '../app/uiStore';
import { openSpotcheckDb } from '../storage/db';
import { runTrialJob, type TrialRunProgress } from './runTrialJob';

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
  try {
    await runTrialJob(await openSpotcheckDb(), jobId, { signal: controller.signal, onProgress: (progress) => setProgress(jobId, progress) });
  } catch (error) {
    useUiStore.getState().showError(error);
  } finally {
    useTrialRuns.setState((state) => {
      const { [jobId]: _finished, ...controllers } = state.controllers;
      return { controllers };
    });
    setProgress(jobId, null);
  }
}

export function cancelTrialRun(jobId: string): void {
  useTrialRuns.getState().controllers[jobId]?.abort();
}
