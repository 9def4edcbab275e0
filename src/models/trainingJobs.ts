// The training runs of this tab, kept outside any component (zustand) so that progress survives
// navigating between pages; IndexedDB stays the source of truth for each version's status.
import type { IDBPDatabase } from 'idb';
import { create } from 'zustand';
import type { ModelVersion } from '../domain/types';
import { i18n } from '../i18n';
import type { SpotcheckDB } from '../storage/schema';
import type { TrainingBackend, TrainingProgressReport } from '../contracts/trainingWorkerApi';
import { useUiStore } from '../app/uiStore';
import { runTraining } from './training/runTraining';
import { withLossPoint, type LossPoint } from './trainingProgress';

export interface TrainingJob {
  modelVersionId: string;
  version: number;
  projectId: string;
  /** Null until the worker's first report. */
  progress: TrainingProgressReport | null;
  lossCurve: readonly LossPoint[];
  cancelling: boolean;
}

interface TrainingJobsState {
  jobs: Record<string, TrainingJob>;
}

export const useTrainingJobs = create<TrainingJobsState>()(() => ({ jobs: {} }));

const controllers = new Map<string, AbortController>();

function updateJob(modelVersionId: string, change: (job: TrainingJob) => Partial<TrainingJob>): void {
  useTrainingJobs.setState((state) => {
    const job = state.jobs[modelVersionId];
    return job ? { jobs: { ...state.jobs, [modelVersionId]: { ...job, ...change(job) } } } : state;
  });
}

/**
 * Trains a TRAINING version in the training worker. Starting the same version twice (a repeated
 * submission returned the same version) joins the run already going instead of starting another.
 */
export function startTrainingJob(db: IDBPDatabase<SpotcheckDB>, version: ModelVersion, backend: TrainingBackend): void {
  if (controllers.has(version.id) || version.status !== 'TRAINING') return;
  const controller = new AbortController();
  controllers.set(version.id, controller);
  useTrainingJobs.setState((state) => ({
    jobs: { ...state.jobs, [version.id]: { modelVersionId: version.id, version: version.version, projectId: version.projectId, progress: null, lossCurve: [], cancelling: false } },
  }));
  const { dataChanged, showError, showInfo } = useUiStore.getState();
  dataChanged();
  runTraining(db, version.id, {
    backend,
    signal: controller.signal,
    onProgress: (progress) => updateJob(version.id, (job) => ({ progress, lossCurve: withLossPoint(job.lossCurve, progress) })),
  }).then(
    (trained) => showInfo(i18n.t('models:training.completed', { version: trained.version })),
    (error: unknown) => {
      if (!controller.signal.aborted) showError(error);
    },
  ).finally(() => {
    controllers.delete(version.id);
    useTrainingJobs.setState((state) => {
      const { [version.id]: _finished, ...jobs } = state.jobs;
      return { jobs };
    });
    dataChanged();
  });
}

/** Terminates the worker; runTraining then records TRAINING_FAILED "Training was cancelled". */
export function cancelTrainingJob(modelVersionId: string): void {
  updateJob(modelVersionId, () => ({ cancelling: true }));
  controllers.get(modelVersionId)?.abort();
}
