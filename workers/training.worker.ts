// Worker entry: training a stored model version (contract 1). Patch features stay cached for the
// worker's lifetime, so retraining a project only runs the backbone on images it has not seen.
import { UserFacingError } from '../src/domain/errors';
import { openSpotcheckDb } from '../src/storage/db';
import { backboneModelPath } from './engine/backbone/registry';
import { exposeWorker } from './exposeWorker';
import { browserImageDecoder } from './runtime/browserImageDecoder';
import { hasWebGpuAdapter } from './runtime/selfTest';
import { MemoryFeatureCache } from './training/featureCache';
import { trainStoredModelVersion } from './training/trainModelVersion';
import type { TrainingWorkerApi } from './training/types';

export type { TrainingBackend, TrainingProgressReport, TrainingStage, TrainingWorkerApi, TrainModelVersionRequest } from './training/types';

const featureCache = new MemoryFeatureCache();

async function loadBackbone(backboneId: string): Promise<Uint8Array> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}${backboneModelPath(backboneId)}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new UserFacingError('model.backboneUnavailable', { backbone: backboneId, detail: error instanceof Error ? error.message : String(error) });
  }
}

const trainingWorkerApi: TrainingWorkerApi = {
  trainModelVersion: (request, onProgress) => trainStoredModelVersion(request, onProgress, {
    openDb: (name) => openSpotcheckDb(name),
    decoder: browserImageDecoder,
    loadBackbone,
    featureCache,
    hasWebGpu: hasWebGpuAdapter,
  }),
};

exposeWorker(trainingWorkerApi);
