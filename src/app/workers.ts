// The app's worker bridges, created lazily: a worker starts on its first call.
import { createWorkerBridge, type WorkerBridge } from '../../workers/bridge';
import type { DemoWorkerApi } from '../contracts/demoWorkerApi';
import type { DetectionWorkerApi } from '../contracts/detectionWorkerApi';
import { crashAsInternal, transferDetectionRuntimeErrors } from '../../workers/runtime/runtimeErrors';
import type { TrainingWorkerApi } from '../contracts/trainingWorkerApi';
import type { DiagnosticsWorkerApi } from '../contracts/diagnosticsWorkerApi';
import type { ImportWorkerApi } from '../../workers/import.worker';

// DetectionRuntimeError { code, name, details } arrives from the detection worker as itself.
transferDetectionRuntimeErrors();

export const demoWorker = createWorkerBridge<DemoWorkerApi>(
  () => new Worker(new URL('../../workers/demo.worker.ts', import.meta.url), { type: 'module', name: 'demo' }),
);

export const diagnosticsWorker = createWorkerBridge<DiagnosticsWorkerApi>(
  () => new Worker(new URL('../../workers/diagnostics.worker.ts', import.meta.url), { type: 'module', name: 'diagnostics' }),
);

export const importWorker = createWorkerBridge<ImportWorkerApi>(
  () => new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' }),
);

export const trainingWorker = createWorkerBridge<TrainingWorkerApi>(
  () => new Worker(new URL('../../workers/training.worker.ts', import.meta.url), { type: 'module', name: 'training' }),
);

const detectionBridge = createWorkerBridge<DetectionWorkerApi>(
  () => new Worker(new URL('../../workers/detection.worker.ts', import.meta.url), { type: 'module', name: 'detection' }),
);

/**
 * One detection worker holds every started model's session (spec §4.3 runtime). Its calls reject with
 * DetectionRuntimeError, a crash of the worker included (INTERNAL); an abort rejects with the signal's reason.
 */
export const detectionWorker: WorkerBridge<DetectionWorkerApi> = {
  run: (task, signal) =>
    detectionBridge.run(task, signal).catch((error: unknown) => {
      throw crashAsInternal(error);
    }),
  terminate: () => detectionBridge.terminate(),
};
