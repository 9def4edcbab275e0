// Main-thread side of a training run (contract 1): hands the TRAINING version to the training worker
// and, when the run does not finish — cancelled (the worker is terminated), crashed, or refused for bad
// input — marks the version TRAINING_FAILED with the reason. The worker writes nothing until its single
// final transaction, so a failed run leaves no artifacts.
import { isUserFacingError, UserFacingError } from '../../domain/errors';
import type { ModelVersion } from '../../domain/types';
import { describeError, i18n } from '../../i18n';
import { modelVersionLockName, withLiveLock } from '../../storage/liveLocks';
import { markTrainingFailed } from '../../storage/modelVersions';
import type { SpotcheckDatabase } from '../../storage/schema';
import { trainingWorker } from '../../app/workers';
import { proxy, type WorkerBridge } from '../../../workers/bridge';
import type { TrainingBackend, TrainingProgressReport, TrainingWorkerApi, TrainModelVersionRequest } from '../../contracts/trainingWorkerApi';

export interface RunTrainingOptions extends Pick<TrainModelVersionRequest, 'seed' | 'segmentation' | 'backboneId' | 'split' | 'operatingPoint'> {
  backend?: TrainingBackend;
  onProgress?: (progress: TrainingProgressReport) => void;
  /** Aborting terminates the worker at once; the version becomes TRAINING_FAILED "Training was cancelled". */
  signal?: AbortSignal;
  /** The bridge to the training worker: the app's `trainingWorker` unless another is handed in (tests reach its Worker). */
  bridge?: WorkerBridge<TrainingWorkerApi>;
}

/**
 * Resolves with the TRAINED version; rejects with the failure after recording it on the version. The
 * version's Web Lock is held for the whole run, so a tab opened meanwhile knows the run is alive; the
 * run takes it over from `createModelVersion`, which took it before storing the version TRAINING.
 */
export async function runTraining(db: SpotcheckDatabase, modelVersionId: string, options: RunTrainingOptions = {}): Promise<ModelVersion> {
  return withLiveLock(
    modelVersionLockName(modelVersionId),
    () => runHoldingLock(db, modelVersionId, options),
    () => {
      throw new UserFacingError('model.trainingElsewhere');
    },
  );
}

async function runHoldingLock(db: SpotcheckDatabase, modelVersionId: string, options: RunTrainingOptions): Promise<ModelVersion> {
  const { backend = 'auto', onProgress: _onProgress, signal: _signal, bridge = trainingWorker, ...settings } = options;
  const request: TrainModelVersionRequest = { ...settings, modelVersionId, backend, databaseName: db.name };
  const onProgress = options.onProgress ?? (() => undefined);
  try {
    await bridge.run((api) => api.trainModelVersion(request, proxy(onProgress)), options.signal);
  } catch (error) {
    const failed = await markTrainingFailed(db, modelVersionId, failureReason(error, options.signal)).catch(async (markError: unknown) => {
      // The run committed TRAINED just before the cancel or crash arrived: it did finish.
      const version = await db.get('modelVersions', modelVersionId);
      if (version?.status === 'TRAINED') return version;
      throw markError;
    });
    if (failed.status === 'TRAINED') return failed;
    throw error;
  }
  const trained = await db.get('modelVersions', modelVersionId);
  if (!trained) throw new UserFacingError('model.notFound');
  return trained;
}

function failureReason(error: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return i18n.t('model.trainingCancelled', { ns: 'errors' });
  if (isUserFacingError(error) && error.code === 'worker.crashed')
    return i18n.t('model.trainingCrashed', { ns: 'errors', detail: String(error.params.detail ?? '') });
  return describeError(error);
}
