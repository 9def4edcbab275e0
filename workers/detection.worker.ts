// Worker entry: the detection runtime (spec §4.3) over the models stored in IndexedDB. One instance
// holds the sessions of every started model; DetectionRuntimeErrors reach the page intact.
import { openSpotcheckDb } from '../src/storage/db';
import { holdLiveLock, modelVersionLockName } from '../src/storage/liveLocks';
import { DB_NAME } from '../src/storage/schema';
import { transfer } from './bridge';
import { exposeWorker } from './exposeWorker';
import { ort, sessionOptions } from './ort';
import { browserImageDecoder } from './runtime/browserImageDecoder';
import { DetectionRuntime } from './runtime/detectionRuntime';
import { transferDetectionRuntimeErrors } from './runtime/runtimeErrors';
import { storedModelSource } from './runtime/storedModelSource';
import { scoreTestImages } from './runtime/importCheckScores';
import type { DetectionOutput, DetectionWorkerApi } from '../src/contracts/detectionWorkerApi';

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
  detectAnomalies: async (modelComponent, input) => transferred(await runtime.detectAnomalies(modelComponent, input)),
  async useDatabase(name) {
    databaseName = name;
  },
  wasmThreads: async () => ort.env.wasm.numThreads,
  timeModelRun: (modelComponent, input) => runtime.timeModelRun(modelComponent, input),
  executionProvider: async () => executionProviderName(sessionOptions().executionProviders?.[0]),
  async scoreTestImages(model, metadata, images) {
    const session = await ort.InferenceSession.create(new Uint8Array(await model.arrayBuffer()), sessionOptions());
    try {
      return await scoreTestImages(session, metadata, images, browserImageDecoder);
    } finally {
      await session.release();
    }
  },
};

function executionProviderName(provider: ort.InferenceSession.ExecutionProviderConfig | undefined): string {
  if (provider === undefined) return 'wasm';
  return typeof provider === 'string' ? provider : provider.name;
}

/** The mask and anomaly map move to the page instead of being copied (a camera frame's worth per detection). */
function transferred(output: DetectionOutput): DetectionOutput {
  const { labelMask, anomalyMap } = output.prediction;
  const buffers = new Set([labelMask?.indices.buffer, anomalyMap?.values.buffer].filter((buffer) => buffer instanceof ArrayBuffer));
  return transfer(output, [...buffers]);
}

transferDetectionRuntimeErrors();
exposeWorker(detectionWorkerApi);
