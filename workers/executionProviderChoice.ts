// Which onnxruntime-web execution provider runs a model fastest on this device: a short self-test runs
// the model on each offered provider, drops any whose outputs differ from plain wasm's, and keeps the
// fastest. The choice is remembered per model key for the life of the worker. Measured on the 2-core
// machine (issue 14): no graph rewrite of the depthwise convs beats ORT's wasm Conv, WebNN is absent in
// Linux Chromium, and WebGPU there is SwiftShader — so wasm wins here, and the others win where they exist.
import { ort, sessionOptions } from './ort';
import { hasWebGpuAdapter } from './runtime/selfTest';

export type ExecutionProviderName = 'wasm' | 'webgpu' | 'webnn';

/** Outputs may differ from wasm's by this much, relative to the largest magnitude of each output. */
export const providerMaxRelativeError = 1e-4;
/** Timed runs per provider after one untimed warm-up run (shader compilation, first allocation). */
const defaultTimedRuns = 3;

export interface ProviderTrial {
  provider: ExecutionProviderName;
  /** Median of the timed runs; absent when the provider failed or disagreed. */
  medianMs?: number;
  /** Largest output difference from wasm, relative to each output's largest magnitude. */
  maxRelativeError?: number;
  /** Why the provider was dropped (creation or run failed, or outputs disagreed). */
  dropped?: string;
}

export interface ProviderChoice {
  provider: ExecutionProviderName;
  trials: ProviderTrial[];
}

interface NavigatorWithWebNn {
  ml?: { createContext(options: { deviceType: string }): Promise<unknown> };
}

/**
 * Providers this context offers besides wasm: WebGPU on a hardware adapter (a fallback adapter such as
 * SwiftShader only with `includeFallbackAdapter`, for correctness tests) and WebNN where `navigator.ml`
 * creates a CPU context (Chromium ships it behind a flag, and on Linux refuses it: "not supported on this platform").
 */
export async function offeredProviders({ includeFallbackAdapter = false } = {}): Promise<ExecutionProviderName[]> {
  const offered: ExecutionProviderName[] = ['wasm'];
  if (await hasWebGpuAdapter({ hardwareOnly: !includeFallbackAdapter })) offered.push('webgpu');
  const ml = (globalThis.navigator as NavigatorWithWebNn | undefined)?.ml;
  if (
    ml &&
    (await ml.createContext({ deviceType: 'cpu' }).then(
      () => true,
      () => false,
    ))
  )
    offered.push('webnn');
  return offered;
}

/**
 * Session options naming `provider` alone: ORT still runs the ops a provider lacks on its CPU kernels, and
 * listing wasm behind it would let a missing provider fall back silently, so its trial would time wasm.
 */
export function providerSessionOptions(provider: ExecutionProviderName): ort.InferenceSession.SessionOptions {
  return sessionOptions({ executionProviders: [provider] });
}

type Outputs = Record<string, Float32Array>;

async function timedRuns(
  model: Uint8Array,
  feeds: Record<string, ort.Tensor>,
  provider: ExecutionProviderName,
  runs: number,
): Promise<{ outputs: Outputs; medianMs: number }> {
  const session = await ort.InferenceSession.create(model, providerSessionOptions(provider));
  try {
    const read = (result: ort.InferenceSession.ReturnType): Outputs =>
      Object.fromEntries(session.outputNames.map((name) => [name, Float32Array.from(result[name]!.data as Float32Array)]));
    const outputs = read(await session.run(feeds));
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await session.run(feeds);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { outputs, medianMs: times[Math.floor(times.length / 2)]! };
  } finally {
    await session.release();
  }
}

/** max |a − b| / max |b| over every output (relative to the reference's scale: features cross zero). */
export function maxRelativeDifference(actual: Outputs, reference: Outputs): number {
  let worst = 0;
  for (const [name, expected] of Object.entries(reference)) {
    const values = actual[name];
    if (!values || values.length !== expected.length) return Infinity;
    let scale = 0;
    let difference = 0;
    for (let i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]!));
      difference = Math.max(difference, Math.abs(values[i]! - expected[i]!));
    }
    worst = Math.max(worst, scale === 0 ? difference : difference / scale);
  }
  return worst;
}

/**
 * Runs `model` on `feeds` with wasm (the reference) and every other candidate; a candidate that fails or
 * whose outputs differ by more than `providerMaxRelativeError` is dropped; the fastest median wins.
 * `referenceModel` (default `model`) is what wasm runs, so a rewritten graph is checked against the original;
 * `timedRuns` (default 3) follow one untimed warm-up run per provider.
 */
export async function measureProviders(
  model: Uint8Array,
  feeds: Record<string, ort.Tensor>,
  candidates: readonly ExecutionProviderName[],
  { referenceModel = model, timedRuns: runs = defaultTimedRuns }: { referenceModel?: Uint8Array; timedRuns?: number } = {},
): Promise<ProviderChoice> {
  const reference = await timedRuns(referenceModel, feeds, 'wasm', runs);
  const trials: ProviderTrial[] = [];
  for (const provider of new Set<ExecutionProviderName>(['wasm', ...candidates])) {
    if (provider === 'wasm' && model === referenceModel) {
      trials.push({ provider, medianMs: reference.medianMs, maxRelativeError: 0 });
      continue;
    }
    try {
      const { outputs, medianMs } = await timedRuns(model, feeds, provider, runs);
      const maxRelativeError = maxRelativeDifference(outputs, reference.outputs);
      trials.push(
        maxRelativeError <= providerMaxRelativeError
          ? { provider, medianMs, maxRelativeError }
          : { provider, maxRelativeError, dropped: `outputs differ from wasm by ${maxRelativeError.toExponential(2)} (relative)` },
      );
    } catch (error) {
      trials.push({ provider, dropped: error instanceof Error ? error.message : String(error) });
    }
  }
  const fastest = trials.filter((trial) => trial.medianMs !== undefined).sort((a, b) => a.medianMs! - b.medianMs!)[0];
  return { provider: fastest?.provider ?? 'wasm', trials };
}

const remembered = new Map<string, Promise<ProviderChoice>>();

/**
 * `auto`: the provider `measureProviders` picks among those offered here, measured once per `modelKey`;
 * where wasm is all there is (Node, Linux Chromium without a GPU) nothing needs measuring.
 */
export function chooseProvider(modelKey: string, model: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<ProviderChoice> {
  let choice = remembered.get(modelKey);
  if (!choice) {
    choice = offeredProviders().then((offered) =>
      offered.length > 1 ? measureProviders(model, feeds, offered) : { provider: 'wasm' as const, trials: [{ provider: 'wasm' as const }] },
    );
    remembered.set(modelKey, choice);
  }
  return choice;
}
