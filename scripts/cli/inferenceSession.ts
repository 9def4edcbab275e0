// The ONNX runtime a command-line detection run uses. `wasm` (the default) is onnxruntime-web's wasm build,
// the very runtime the app runs in its worker, so results are byte-identical to the app's. `native` is
// onnxruntime-node (an optional dependency): faster on a server, but its CPU kernels round differently in
// the last float bits (~1e-6 on scores), so verdicts agree except for a score within that of the threshold.
import { createRequire } from 'node:module';
import { ort, sessionOptions } from '../../workers/ort';
import { UserFacingError } from '../../src/domain/errors';

export const runtimeNames = ['wasm', 'native'] as const;
export type RuntimeName = (typeof runtimeNames)[number];

export async function createInferenceSession(runtime: RuntimeName, modelBytes: Uint8Array): Promise<ort.InferenceSession> {
  if (runtime === 'wasm') return ort.InferenceSession.create(modelBytes, sessionOptions());
  let native: typeof import('onnxruntime-node');
  try {
    // Required, not imported: the CLI runs under Vite's module runner, which is closed once the CLI has loaded.
    native = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');
  } catch (error) {
    throw new UserFacingError('cli:nativeRuntimeMissing', { detail: error instanceof Error ? error.message : String(error) });
  }
  // Both runtimes share onnxruntime-common, so the engine's tensors and results are the same classes.
  return (await native.InferenceSession.create(modelBytes)) as unknown as ort.InferenceSession;
}
