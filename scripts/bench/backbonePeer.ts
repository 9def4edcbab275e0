// `npm run bench -- --runtime browser`, backbone figures (issue 14): the converted backbone in
// onnxruntime-web's wasm against TF.js's wasm backend on the same weights and input, interleaved, and kNN
// scoring time by memory-bank size. Both run here under Node, one thread each (the same wasm binaries the
// browser runs; TF.js's threaded wasm cannot start its pthreads from the app's module workers, and on the
// bench page headless Chromium's renderer died under this machine's load), so the ratio is like for like.
import path from 'node:path';
import { createRequire } from 'node:module';
import { convertBackbone, readBackboneSource } from '../backbone/convertBackbone';
import { backboneById } from '../../workers/engine/backbone/registry';
import { patchLayoutOf } from '../../workers/engine/features/featureGraph';
import { maxMemoryBankPatches } from '../../workers/engine/training/memoryBankStage';
import { defaultCoresetRatio } from '../../workers/engine/training/trainAnomalyModel';
import { runPeer, type Percentiles, type PeerResult } from './backbonePeerRun';

/** Normal training images the kNN cost is reported for (issue 14). */
const normalImageCounts = [50, 100, 200];
const peerThreads = 1;

export interface BackbonePeerFigures {
  /** ORT-web backbone alone (wasm, the app's session options). */
  backboneMs: Percentiles & { threads: number; runtime: 'node' };
  peer: {
    /** TF.js wasm running the same backbone layers on the same input, interleaved with backboneMs's runs. */
    tfjsBackboneMs: Percentiles & { threads: number; runtime: 'node' };
    /** Median over rounds of ORT ms / TF.js ms (≤ 1: ORT as fast as TF.js). */
    ortOverTfjs: number;
    /** Largest ORT–TF.js feature difference, relative to each output's largest magnitude. */
    maxRelativeDifference: number;
  };
  /** kNN scoring alone (the packaged model's ops), p50 ms, by bank rows. */
  knnMsByBank: Record<string, number>;
  /** The same for a model trained on 50/100/200 normal images: the coreset ratio of their patches, capped. */
  knnMsByNormalImages: Record<string, { bank: number; ms: number }>;
}

export async function runBackbonePeerBench(backboneId: string): Promise<BackbonePeerFigures | { peerSkipped: string }> {
  const entry = backboneById(backboneId);
  if (entry.source.format !== 'graph-model') return { peerSkipped: `backbone ${backboneId} is a TF.js ${entry.source.format}; the peer runs graph models` };
  const { grid, dimensions } = patchLayoutOf(entry);
  const uncapped = normalImageCounts.map((normals) => Math.round(normals * grid * grid * defaultCoresetRatio));
  const capped = uncapped.map((bank) => Math.min(maxMemoryBankPatches, bank));
  const source = await readBackboneSource(backboneId);
  const tfjsWasmPath = `${path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`;
  const result: PeerResult = await runPeer({
    threads: peerThreads,
    tfjsWasmPath,
    onnxModel: await convertBackbone(backboneId),
    tfjsModel: {
      modelTopology: source.model.modelTopology,
      weightSpecs: source.model.weightsManifest.flatMap((group) => group.weights),
      weightData: source.weights.slice().buffer,
      format: entry.source.format,
    },
    onnxInputName: entry.input.name,
    tfjsOutputNodes: entry.outputs.map((output) => output.sourceNode),
    inputSide: entry.inputSize,
    patches: grid * grid,
    dimensions,
    bankSizes: [...new Set([...capped, ...uncapped])].sort((a, b) => a - b),
  });
  return {
    backboneMs: { ...result.ortBackboneMs, threads: result.threads, runtime: 'node' },
    peer: {
      tfjsBackboneMs: { ...result.tfjsBackboneMs, threads: result.threads, runtime: 'node' },
      ortOverTfjs: result.ortOverTfjs,
      maxRelativeDifference: result.maxRelativeDifference,
    },
    knnMsByBank: result.knnMsByBank,
    knnMsByNormalImages: Object.fromEntries(
      normalImageCounts.map((normals, index) => [String(normals), { bank: capped[index]!, ms: result.knnMsByBank[String(capped[index])]! }]),
    ),
  };
}

export function backboneRows(results: Partial<BackbonePeerFigures>): [string, string][] {
  const { backboneMs, peer, knnMsByNormalImages } = results;
  if (!backboneMs || !peer || !knnMsByNormalImages) return [];
  const { tfjsBackboneMs } = peer;
  const knn = Object.entries(knnMsByNormalImages).map(([normals, { bank, ms }]) => `${normals} normals (${bank}) ${ms}`);
  return [
    ['backbone ms p50 ORT / TF.js', `${backboneMs.p50} / ${tfjsBackboneMs.p50} (${peer.ortOverTfjs}×, ${backboneMs.threads} thread, ${backboneMs.runtime})`],
    ['kNN ms by normal images', knn.join(', ')],
  ];
}
