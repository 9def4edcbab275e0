// Worker entry: the ML runtime self-test, run where the engine will run (a dedicated worker).
import { exposeWorker } from './exposeWorker';
import { runRuntimeSelfTest } from './runtime/selfTest';
import type { DiagnosticsWorkerApi } from '../src/contracts/diagnosticsWorkerApi';

const diagnosticsWorkerApi: DiagnosticsWorkerApi = { runRuntimeSelfTest };

exposeWorker(diagnosticsWorkerApi);
