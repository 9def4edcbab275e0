// Proves that onnxruntime-web loads and computes correctly on this device, and reports which
// backends it offers. Shown on the Settings page and run by the tests, also offline.
import { GraphBuilder } from '../engine/onnx';
import { ort } from '../ort';
import type { ExecutionBackend, RuntimeReport } from '../../src/contracts/diagnosticsWorkerApi';

const selfTestToleranceAbs = 1e-5;
const weights = [0.5, -1, 2, 0.25];
const bias = [0.1, -0.2];

/** y = x · W + b with a 2x2 W: small enough to check by hand, real enough to exercise MatMul. */
export function buildSelfTestModel(): Uint8Array {
  const graph = new GraphBuilder('spotcheck-self-test');
  const x = graph.input('x', 'float32', ['batch', 2]);
  const w = graph.floatInitializer('W', [2, 2], weights);
  const b = graph.floatInitializer('b', [2], bias);
  const y = graph.node('Add', [graph.node('MatMul', [x, w]), b], {}, { output: 'y' });
  graph.output(y, 'float32', ['batch', 2]);
  return graph.serialize();
}

function expectedOutput(input: number[]): number[] {
  const out: number[] = [];
  for (let row = 0; row < input.length / 2; row++) {
    for (let col = 0; col < 2; col++) {
      out.push(input[row * 2]! * weights[col]! + input[row * 2 + 1]! * weights[2 + col]! + bias[col]!);
    }
  }
  return out;
}

interface WebGpuAdapterLike {
  info?: { isFallbackAdapter?: boolean };
}

/**
 * Whether WebGPU can run here. `hardwareOnly` ignores fallback adapters (SwiftShader, a CPU rasteriser):
 * they are correct but slower than wasm, so automatic backend choices should not pick them.
 */
export async function hasWebGpuAdapter({ hardwareOnly = false } = {}): Promise<boolean> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: { requestAdapter(): Promise<WebGpuAdapterLike | null> } }) | undefined)?.gpu;
  if (!gpu) return false;
  try {
    const adapter = await gpu.requestAdapter();
    return adapter !== null && !(hardwareOnly && adapter.info?.isFallbackAdapter === true);
  } catch {
    return false;
  }
}

export async function runRuntimeSelfTest(backend?: ExecutionBackend): Promise<RuntimeReport> {
  const started = performance.now();
  const webgpuAdapter = await hasWebGpuAdapter();
  const chosen: ExecutionBackend = backend ?? (webgpuAdapter ? 'webgpu' : 'wasm');
  const session = await ort.InferenceSession.create(buildSelfTestModel(), { executionProviders: [chosen] });
  try {
    const input = [1, 2, -3, 0.5, 4, -1];
    const result = await session.run({ x: new ort.Tensor('float32', Float32Array.from(input), [3, 2]) });
    const actual = result.y!.data as Float32Array;
    const expected = expectedOutput(input);
    const maxAbsError = Math.max(...expected.map((value, i) => Math.abs(value - actual[i]!)));
    return {
      ortVersion: ort.env.versions.web ?? 'unknown',
      webgpuAdapter,
      backend: chosen,
      maxAbsError,
      passed: actual.length === expected.length && maxAbsError <= selfTestToleranceAbs,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await session.release();
  }
}
