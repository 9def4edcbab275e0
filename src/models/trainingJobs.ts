// The training runs of this tab as background jobs (src/runtime/backgroundJobs.ts), so that progress
// survives navigating between pages; IndexedDB stays the source of truth for each version's status.
import type { OperatingPoint, TrainingBackend, TrainingProgressReport } from '../contracts/trainingWorkerApi';
import type { ModelVersion } from '../domain/types';
import { i18n } from '../i18n';
import { defineBackgroundJobKind, type BackgroundJob } from '../runtime/backgroundJobs';
import type { SpotcheckDatabase } from '../storage/schema';
import { useUiStore } from '../app/uiStore';
import { runTraining } from './training/runTraining';
import { withLossPoint, type LossPoint } from './trainingProgress';

interface TrainingRequest {
  db: SpotcheckDatabase;
  version: ModelVersion;
  backend: TrainingBackend;
  operatingPoint: OperatingPoint;
  /** Repeats an earlier run's split and training order; a fresh random draw when absent. */
  seed?: number;
}

export interface TrainingJobProgress {
  report: TrainingProgressReport;
  lossCurve: readonly LossPoint[];
}

/** A run of this tab; its id is the model version's id. */
export type TrainingJob = BackgroundJob<TrainingRequest, TrainingJobProgress>;

export const trainingJobs = defineBackgroundJobKind<TrainingRequest, TrainingJobProgress>(
  'training',
  async ({ id, info: { db, backend, operatingPoint, seed } }, { signal, reportProgress }) => {
    const { showError, showInfo } = useUiStore.getState();
    let lossCurve: readonly LossPoint[] = [];
    try {
      const trained = await runTraining(db, id, {
        backend,
        operatingPoint,
        ...(seed === undefined ? {} : { seed }),
        signal,
        onProgress: (report) => {
          lossCurve = withLossPoint(lossCurve, report);
          reportProgress({ report, lossCurve });
        },
      });
      showInfo(i18n.t('models:training.completed', { version: trained.version }));
    } catch (error) {
      if (!signal.aborted) showError(error);
    }
  },
);

/**
 * Trains a TRAINING version in the training worker. Starting the same version twice (a repeated
 * submission returned the same version) joins the run already going instead of starting another.
 */
export function startTrainingJob(db: SpotcheckDatabase, version: ModelVersion, settings: Pick<TrainingRequest, 'backend' | 'operatingPoint' | 'seed'>): void {
  if (version.status !== 'TRAINING') return;
  void trainingJobs.start(version.id, { db, version, ...settings });
}

/** Terminates the worker; runTraining then records TRAINING_FAILED "Training was cancelled". */
export const cancelTrainingJob = (modelVersionId: string): void => trainingJobs.cancel(modelVersionId);
