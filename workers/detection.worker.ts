// Worker entry: the detection runtime (spec §4.3) over the models stored in IndexedDB. One instance
// holds the sessions of every started model; DetectionRuntimeErrors reach the page intact.
import { openSpotcheckDb } from '../src/storage/db';
import { holdLiveLock, modelVersionLockName } from '../src/storage/liveLocks';
import { DB_NAME } from '../src/storage/schema';
import { exposeWorker } from './exposeWorker';
import { ort } from './ort';
import { browserImageDecoder } from './runtime/browserImageDecoder';
import { DetectionRuntime } from './runtime/detectionRuntime';
import { transferDetectionRuntimeErrors } from './runtime/runtimeErrors';
import { storedModelSource } from './runtime/storedModelSource';
import type { DetectionWorkerApi } from '../src/contracts/detectionWorkerApi';

// issue 12: prediction helper removes this re-export (src/camera/cameraInspector.ts still imports DetectionOutput here).
export type { DetectionOutput } from '../src/contracts/detectionWorkerApi';

let databaseName = DB_NAME;
const runtime = new DetectionRuntime({
  source: storedModelSource(() => openSpotcheckDb(databaseName)),
  decoder: browserImageDecoder,
  holdHostingLock: (modelVersionId) => holdLiveLock(modelVersionLockName(modelVersionId)),
});

const detectionWorkerApi: DetectionWorkerApi = {
  startModel: (modelComponent) => runtime.startModel(modelComponent),
  stopModel: (modelComponent) => runtime.stopModel(modelComponent),
  describeModel: (modelComponent) => runtime.describeModel(modelComponent),
  listModels: () => runtime.listModels(),
  detectAnomalies: (modelComponent, input) => runtime.detectAnomalies(modelComponent, input),
  async useDatabase(name) {
    databaseName = name;
  },
  wasmThreads: async () => ort.env.wasm.numThreads,
};

transferDetectionRuntimeErrors();
exposeWorker(detectionWorkerApi);
