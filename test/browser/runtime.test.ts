// onnxruntime-web in real Chromium, inside the diagnostics worker as the app runs it: the wasm
// backend and WebGPU on the SwiftShader adapter give the same, correct numbers.
import { describe, expect, it } from 'vitest';
import { createWorkerBridge } from '../../workers/bridge';
import type { DiagnosticsWorkerApi } from '../../src/contracts/diagnosticsWorkerApi';
import { hasWebGpuAdapter } from '../../workers/runtime/selfTest';

const diagnostics = createWorkerBridge<DiagnosticsWorkerApi>(
  () => new Worker(new URL('../../workers/diagnostics.worker.ts', import.meta.url), { type: 'module' }),
);

describe('ML runtime in a worker', () => {
  it('passes the self-test on wasm', async () => {
    const report = await diagnostics.run((api) => api.runRuntimeSelfTest('wasm'));
    expect(report.backend).toBe('wasm');
    expect(report.passed).toBe(true);
  });

  it('finds the WebGPU adapter and passes the self-test on it', async () => {
    const report = await diagnostics.run((api) => api.runRuntimeSelfTest());
    expect(report.webgpuAdapter).toBe(true);
    expect(report.backend).toBe('webgpu');
    expect(report.maxAbsError).toBeLessThan(1e-5);
    expect(report.passed).toBe(true);
  });

  it('counts the SwiftShader adapter as WebGPU but not as hardware, so automatic choices keep wasm', async () => {
    expect(await hasWebGpuAdapter()).toBe(true);
    expect(await hasWebGpuAdapter({ hardwareOnly: true })).toBe(false);
  });
});
