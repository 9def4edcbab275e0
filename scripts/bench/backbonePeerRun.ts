// Backbone peer bench: runs the converted backbone in onnxruntime-web (wasm, the app's session options)
// and the original TF.js graph model in TF.js wasm on the same input, interleaved round by round with the
// same thread count, then times the kNN scoring ops alone (the packaged model's) for several bank sizes.
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { GraphBuilder } from '../../workers/engine/onnx';
import { appendKnnScoring } from '../../workers/engine/scoring/knnGraph';
import { maxRelativeDifference } from '../../workers/executionProviderChoice';
import { ort, sessionOptions } from '../../workers/ort';

export interface PeerRequest {
  threads: number;
  /** setWasmPaths prefix of TF.js's wasm binaries. */
  tfjsWasmPath: string;
  /** The converted backbone as the app loads it (ONNX, NCHW input). */
  onnxModel: Uint8Array;
  /** The same weights as the TF.js graph model it was converted from. */
  tfjsModel: { modelTopology: unknown; weightSpecs: unknown[]; weightData: ArrayBuffer; format: string };
  onnxInputName: string;
  /** TF.js source nodes of the backbone outputs (the ONNX outputs' counterparts). */
  tfjsOutputNodes: string[];
  inputSide: number;
  /** Patch rows per image and their width, for the kNN timings. */
  patches: number;
  dimensions: number;
  bankSizes: number[];
}

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface PeerResult {
  threads: number;
  ortBackboneMs: Percentiles;
  tfjsBackboneMs: Percentiles;
  /** Median over rounds of ORT ms / TF.js ms, each round running both on the same input back to back. */
  ortOverTfjs: number;
  /** Largest ORT–TF.js difference over the outputs, relative to each output's largest magnitude. */
  maxRelativeDifference: number;
  /** kNN scoring alone (the packaged model's ops, bank as weights), p50 ms per bank size. */
  knnMsByBank: Record<string, number>;
}

const warmUpRounds = 3;
const timedRounds = 20;
const knnTimedRuns = 10;

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => Math.round(100 * sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!) / 100;
  return { p50: at(0.5), p95: at(0.95) };
}

/** The packaged model's kNN ops with a random bank of `bankSize` rows as weights. */
function knnModel(request: PeerRequest, bankSize: number): Uint8Array {
  const graph = new GraphBuilder('knn-bench');
  const bank = Float32Array.from({ length: request.dimensions * bankSize }, Math.random);
  const norms = new Float32Array(bankSize);
  for (let row = 0; row < bankSize; row++) for (let d = 0; d < request.dimensions; d++) norms[row]! += bank[d * bankSize + row]! ** 2;
  const grid = Math.sqrt(request.patches);
  const values = appendKnnScoring(graph, {
    patches: graph.input('patches', 'float32', [request.patches, request.dimensions]),
    bankTransposed: graph.floatInitializer('bank_transposed', [request.dimensions, bankSize], bank),
    bankSquaredNorms: graph.floatInitializer('bank_squared_norms', [bankSize], norms),
    grid,
    inputSide: request.inputSide,
  });
  graph.output(values.rawScore, 'float32', [1]);
  return graph.serialize();
}

async function knnMsByBank(request: PeerRequest): Promise<Record<string, number>> {
  const patches = new ort.Tensor('float32', Float32Array.from({ length: request.patches * request.dimensions }, Math.random), [
    request.patches,
    request.dimensions,
  ]);
  const result: Record<string, number> = {};
  for (const bankSize of request.bankSizes) {
    const session = await ort.InferenceSession.create(knnModel(request, bankSize), sessionOptions());
    await session.run({ patches });
    const times: number[] = [];
    for (let run = 0; run < knnTimedRuns; run++) {
      const started = performance.now();
      await session.run({ patches });
      times.push(performance.now() - started);
    }
    result[String(bankSize)] = percentiles(times).p50;
    await session.release();
  }
  return result;
}

export async function runPeer(request: PeerRequest): Promise<PeerResult> {
  ort.env.wasm.numThreads = request.threads;
  setThreadsCount(request.threads);
  setWasmPaths(request.tfjsWasmPath);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend did not start');
  const tfjsModel = await tf.loadGraphModel(tf.io.fromMemory(request.tfjsModel as tf.io.ModelArtifacts));
  const session = await ort.InferenceSession.create(request.onnxModel, sessionOptions());
  const side = request.inputSide;
  const ortTimes: number[] = [];
  const tfjsTimes: number[] = [];
  const ratios: number[] = [];
  let worstDifference = 0;
  for (let round = 0; round < warmUpRounds + timedRounds; round++) {
    const nchw = Float32Array.from({ length: 3 * side * side }, Math.random);
    const nhwc = new Float32Array(nchw.length);
    for (let pixel = 0; pixel < side * side; pixel++)
      for (let channel = 0; channel < 3; channel++) nhwc[pixel * 3 + channel] = nchw[channel * side * side + pixel]!;
    const runOrt = async () => {
      const started = performance.now();
      const result = await session.run({ [request.onnxInputName]: new ort.Tensor('float32', nchw, [1, 3, side, side]) });
      return { ms: performance.now() - started, outputs: session.outputNames.map((name) => result[name]!) };
    };
    const runTfjs = async () => {
      const input = tf.tensor4d(nhwc, [1, side, side, 3]);
      const started = performance.now();
      const outputs = tfjsModel.execute(input, request.tfjsOutputNodes) as tf.Tensor[];
      const data = await Promise.all(outputs.map((output) => output.data() as Promise<Float32Array>));
      const ms = performance.now() - started;
      const shapes = outputs.map((output) => output.shape);
      tf.dispose([input, ...outputs]);
      return { ms, data, shapes };
    };
    // Alternate which runs first, so neither always finds the caches warm from the other.
    const ortFirst = round % 2 === 0;
    const ortRun = ortFirst ? await runOrt() : undefined;
    const tfjsRun = await runTfjs();
    const ortResult = ortRun ?? (await runOrt());
    if (round < warmUpRounds) {
      if (round === 0) worstDifference = compareOutputs(ortResult.outputs, tfjsRun.data, tfjsRun.shapes);
      continue;
    }
    ortTimes.push(ortResult.ms);
    tfjsTimes.push(tfjsRun.ms);
    ratios.push(ortResult.ms / tfjsRun.ms);
  }
  await session.release();
  tfjsModel.dispose();
  return {
    threads: request.threads,
    ortBackboneMs: percentiles(ortTimes),
    tfjsBackboneMs: percentiles(tfjsTimes),
    ortOverTfjs: percentiles(ratios).p50,
    maxRelativeDifference: worstDifference,
    knnMsByBank: await knnMsByBank(request),
  };
}

/** ORT's NCHW outputs against TF.js's NHWC ones, made NCHW. */
function compareOutputs(ortOutputs: ort.Tensor[], tfjsData: Float32Array[], tfjsShapes: number[][]): number {
  const asRecord = (arrays: Float32Array[]) => Object.fromEntries(arrays.map((values, index) => [String(index), values]));
  const tfjsNchw = tfjsData.map((values, index) => {
    const [, height, width, channels] = tfjsShapes[index]! as [number, number, number, number];
    const planar = new Float32Array(values.length);
    for (let pixel = 0; pixel < height * width; pixel++)
      for (let channel = 0; channel < channels; channel++) planar[channel * height * width + pixel] = values[pixel * channels + channel]!;
    return planar;
  });
  return maxRelativeDifference(asRecord(ortOutputs.map((output) => output.data as Float32Array)), asRecord(tfjsNchw));
}
