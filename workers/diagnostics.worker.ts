// Worker entry: the ML runtime self-test, run where the engine will run (a dedicated worker).
import { exposeWorker } from './exposeWorker';
import { runRuntimeSelfTest } from './runtime/selfTest';

const diagnosticsWorkerApi = { runRuntimeSelfTest };

export type DiagnosticsWorkerApi = typeof diagnosticsWorkerApi;
exposeWorker(diagnosticsWorkerApi);
