// Worker entry: training a stored model version (contract 1). Patch features stay cached for the
// worker's lifetime, so retraining a project only runs the backbone on images it has not seen.
import { openSpotcheckDb } from '../src/storage/db';
import { exposeWorker } from './exposeWorker';
import { browserImageDecoder } from './runtime/browserImageDecoder';
import { hasWebGpuAdapter } from './runtime/selfTest';
import { fetchBackboneModel } from './training/backboneFile';
import { MemoryFeatureCache } from './training/featureCache';
import { trainStoredModelVersion } from './training/trainModelVersion';
import type { TrainingWorkerApi } from '../src/contracts/trainingWorkerApi';

const featureCache = new MemoryFeatureCache();

const trainingWorkerApi: TrainingWorkerApi = {
  trainModelVersion: (request, onProgress) =>
    trainStoredModelVersion(request, onProgress, {
      openDb: (name) => openSpotcheckDb(name),
      decoder: browserImageDecoder,
      loadBackbone: (backboneId) => fetchBackboneModel(backboneId, import.meta.env.BASE_URL),
      featureCache,
      hasWebGpu: () => hasWebGpuAdapter({ hardwareOnly: true }),
    }),
};

exposeWorker(trainingWorkerApi);
