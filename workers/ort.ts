// The one onnxruntime-web entry point of the project. The default entry bundles the CPU (wasm)
// and WebGPU backends and resolves to the same wasm under Node, so tests run the shipped runtime.
// Import ORT only from here: a second entry point would ship a second 14–28 MB wasm.
// It also sets the wasm thread count, once, before any session exists (ORT reads it at initialisation),
// and gives the session options every model session should start from (`sessionOptions`).
import * as ort from 'onnxruntime-web';

/** Beyond this, per-op work of a 224x224 backbone is too small to split further. */
export const maxWasmThreads = 8;

export interface ThreadingEnvironment {
  /** `globalThis.crossOriginIsolated`: undefined outside browsers. */
  crossOriginIsolated?: boolean;
  /** `navigator.hardwareConcurrency`: undefined where there is no navigator (Node 20). */
  hardwareConcurrency?: number;
}

/**
 * Every core in a cross-origin-isolated browser context (the app and the preview server send COOP/COEP, so
 * SharedArrayBuffer and wasm threads exist): ORT's own default is half the cores, i.e. one thread on a
 * 2-core tablet. Elsewhere (Node, non-isolated pages) undefined: ORT's default stands.
 */
export function wasmThreadCount(environment: ThreadingEnvironment): number | undefined {
  const cores = environment.hardwareConcurrency ?? 1;
  return environment.crossOriginIsolated === true && cores > 1 ? Math.min(cores, maxWasmThreads) : undefined;
}

const threads = wasmThreadCount({
  crossOriginIsolated: (globalThis as ThreadingEnvironment).crossOriginIsolated,
  hardwareConcurrency: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
});
if (threads !== undefined) ort.env.wasm.numThreads = threads;

/**
 * `options` plus the engine's defaults: idle intra-op threads sleep instead of spinning. With two threads on
 * a 2-core tablet, spinning takes the cores from the UI thread, the camera and the other thread's work; on
 * this machine under load it cost ~25 % more CPU per detection and a higher p50. One thread never spins.
 */
export function sessionOptions(options: ort.InferenceSession.SessionOptions = {}): ort.InferenceSession.SessionOptions {
  return { ...options, extra: { ...options.extra, session: { intra_op: { allow_spinning: '0' } } } };
}

export { ort };
