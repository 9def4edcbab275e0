// The shipped onnxruntime-web entry runs under Node: the engine's tests rely on it.
import { describe, expect, it } from 'vitest';
import { runRuntimeSelfTest } from '../../workers/runtime/selfTest';

describe('runtime self-test', () => {
  it('runs the hand-built MatMul+Add model on the wasm backend and matches plain arithmetic', async () => {
    const report = await runRuntimeSelfTest();
    expect(report.backend).toBe('wasm');
    expect(report.webgpuAdapter).toBe(false);
    expect(report.maxAbsError).toBeLessThan(1e-5);
    expect(report.passed).toBe(true);
    expect(report.ortVersion).toMatch(/^1\.\d+\.\d+/);
  });
});
