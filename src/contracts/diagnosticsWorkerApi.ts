// The diagnostics worker's API as the page sees it through its bridge: the ML runtime self-test run
// where the engine will run, and its report (moved from workers/diagnostics.worker.ts and runtime/selfTest.ts).

export type ExecutionBackend = 'webgpu' | 'wasm';

export interface RuntimeReport {
  ortVersion: string;
  webgpuAdapter: boolean;
  backend: ExecutionBackend;
  maxAbsError: number;
  passed: boolean;
  elapsedMs: number;
}

export interface DiagnosticsWorkerApi {
  runRuntimeSelfTest(backend?: ExecutionBackend): Promise<RuntimeReport>;
}
