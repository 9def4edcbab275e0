// The app's worker bridges, created lazily: a worker starts on its first call.
import { createWorkerBridge } from '../../workers/bridge';
import type { DemoWorkerApi } from '../../workers/demo.worker';
import type { DiagnosticsWorkerApi } from '../../workers/diagnostics.worker';
import type { ImportWorkerApi } from '../../workers/import.worker';

export const demoWorker = createWorkerBridge<DemoWorkerApi>(
  () => new Worker(new URL('../../workers/demo.worker.ts', import.meta.url), { type: 'module', name: 'demo' }),
);

export const diagnosticsWorker = createWorkerBridge<DiagnosticsWorkerApi>(
  () => new Worker(new URL('../../workers/diagnostics.worker.ts', import.meta.url), { type: 'module', name: 'diagnostics' }),
);

export const importWorker = createWorkerBridge<ImportWorkerApi>(
  () => new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' }),
);
