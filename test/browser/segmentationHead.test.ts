// The head's training loop in real Chromium: WebGPU on the SwiftShader adapter (state kept in GPU
// buffers between steps) and the wasm backend take the same steps to the same numbers.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/domain/random';
import { headParameterNames, trainSegmentationHead } from '../../workers/engine/segmentation';
import type { HeadExecutionProvider, SegmentationTrainingResult } from '../../workers/engine/segmentation';

const featureCount = 5;
const classCount = 3;
const trainRows = 21;
/** Two epochs of three batches: six steps, a handful because SwiftShader WebGPU takes seconds per run. */
const batchSize = 7;
const epochs = 2;
/** Measured 2e-7 (loss) and 6e-8 (weights); 1e-5 still catches an imprecise op such as WebGPU's pow (1.6e-5). */
const backendTolerance = 1e-5;
/** SwiftShader compiles a shader per kernel on first use. */
const webGpuTestTimeoutMs = 120_000;

function tinyProblem(seed: number, rows: number) {
  const random = new Random(seed);
  const labels = Uint8Array.from({ length: rows }, () => random.int(0, classCount - 1));
  const patches = Float32Array.from({ length: rows * featureCount }, (_, i) => random.normal(labels[Math.floor(i / featureCount)]!, 1));
  return { patches, labels };
}

const train = tinyProblem(1, trainRows);
const validation = tinyProblem(2, 9);

function trainOn(executionProvider: HeadExecutionProvider): Promise<SegmentationTrainingResult> {
  return trainSegmentationHead({
    trainPatches: train.patches,
    trainLabels: train.labels,
    validationPatches: validation.patches,
    validationLabels: validation.labels,
    classCount,
    seed: 3,
    maxEpochs: epochs,
    batchSize,
    learningRate: 0.05,
    hiddenUnits: 4,
    executionProvider,
  });
}

describe('segmentation head training in the browser', () => {
  it('agrees between WebGPU and wasm on losses and weights', { timeout: webGpuTestTimeoutMs }, async () => {
    const onWasm = await trainOn('wasm');
    const onWebGpu = await trainOn('webgpu');
    expect(onWebGpu.history).toHaveLength(epochs);
    let worstLoss = 0;
    onWasm.history.forEach((record, i) => {
      const other = onWebGpu.history[i]!;
      worstLoss = Math.max(worstLoss, Math.abs(record.loss - other.loss), Math.abs(record.validationLoss - other.validationLoss));
    });
    let worstWeight = 0;
    for (const name of headParameterNames) {
      onWasm.weights[name].forEach((value, i) => {
        worstWeight = Math.max(worstWeight, Math.abs(value - onWebGpu.weights[name][i]!));
      });
    }
    console.info(`WebGPU vs wasm: max loss difference ${worstLoss.toExponential(2)}, max weight difference ${worstWeight.toExponential(2)}`);
    expect(worstLoss).toBeLessThan(backendTolerance);
    expect(worstWeight).toBeLessThan(backendTolerance);
    // The steps moved the weights: agreement is not just two copies of the initialisation.
    expect(onWasm.history[1]!.loss).toBeLessThan(onWasm.history[0]!.loss);
  });
});
