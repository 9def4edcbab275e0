// The head's training loop on synthetic patch features: it learns a separable, imbalanced problem,
// replays from its seed, keeps the epoch the smoothed validation loss picks from a minimum epoch on, stops early
// when validation stops improving, and cancels between steps.
import { describe, expect, it } from 'vitest';
import { ort } from '../../workers/ort';
import { Random } from '../../src/domain/random';
import { buildHeadInferenceGraph, headInferenceInput, headInferenceOutput, trainSegmentationHead } from '../../workers/engine/segmentation';
import type { HeadWeights, SegmentationTrainingOptions } from '../../workers/engine/segmentation';

const featureCount = 16;
const classCount = 3;
/** Background dominates, as it does in real masks. */
const patchesPerClass = [400, 60, 25];

interface PatchSet {
  patches: Float32Array;
  labels: Uint8Array;
}

/** Gaussian blobs around per-class centres, with an offset on every feature so standardisation matters. */
function blobs(seed: number, counts: readonly number[]): PatchSet {
  const centres = new Random(1);
  const centre = Array.from({ length: classCount }, () => Array.from({ length: featureCount }, () => centres.normal(0, 2)));
  const random = new Random(seed);
  const labels = Uint8Array.from(counts.flatMap((count, label) => Array<number>(count).fill(label)));
  const patches = new Float32Array(labels.length * featureCount);
  labels.forEach((label, row) => {
    for (let d = 0; d < featureCount; d++) patches[row * featureCount + d] = 10 + centre[label]![d]! + random.normal(0, 1);
  });
  return { patches, labels };
}

async function perClassAccuracy(weights: HeadWeights, { patches, labels }: PatchSet): Promise<number[]> {
  const session = await ort.InferenceSession.create(buildHeadInferenceGraph(weights), { executionProviders: ['wasm'] });
  const output = await session.run({ [headInferenceInput]: new ort.Tensor('float32', patches, [labels.length, featureCount]) });
  await session.release();
  const probabilities = output[headInferenceOutput]!.data as Float32Array;
  const correct = new Array<number>(classCount).fill(0);
  const total = new Array<number>(classCount).fill(0);
  labels.forEach((label, patch) => {
    const row = Array.from(probabilities.subarray(patch * classCount, (patch + 1) * classCount));
    total[label]! += 1;
    if (row.indexOf(Math.max(...row)) === label) correct[label]! += 1;
  });
  return correct.map((count, label) => count / total[label]!);
}

const train = blobs(2, patchesPerClass);
const validation = blobs(3, [200, 30, 12]);

function options(overrides: Partial<SegmentationTrainingOptions> = {}): SegmentationTrainingOptions {
  return {
    trainPatches: train.patches,
    trainLabels: train.labels,
    validationPatches: validation.patches,
    validationLabels: validation.labels,
    classCount,
    seed: 7,
    maxEpochs: 15,
    batchSize: 64,
    learningRate: 0.01,
    hiddenUnits: 8,
    executionProvider: 'wasm',
    ...overrides,
  };
}

/** Generous: this 2-core machine is often shared with other test runs. */
const trainingTestTimeoutMs = 20_000;

describe('trainSegmentationHead', { timeout: trainingTestTimeoutMs }, () => {
  it('learns a separable imbalanced problem and replays exactly from its seed', async () => {
    const reported: number[] = [];
    const result = await trainSegmentationHead(options({ onProgress: ({ epoch }) => reported.push(epoch) }));
    expect(reported).toEqual(result.history.map(({ epoch }) => epoch));
    const first = result.history[0]!;
    const best = result.history[result.bestEpoch - 1]!;
    expect(best.loss).toBeLessThan(first.loss / 4);
    expect(best.validationLoss).toBeLessThan(0.1);
    const accuracy = await perClassAccuracy(result.weights, validation);
    for (const classAccuracy of accuracy) expect(classAccuracy).toBeGreaterThanOrEqual(0.95);

    const replay = await trainSegmentationHead(options({ maxEpochs: result.bestEpoch }));
    expect(Array.from(replay.weights.w1)).toEqual(Array.from(result.weights.w1));
  });

  it('stops after `patience` epochs without a better validation loss and keeps the best weights', async () => {
    // Validation labels unrelated to the features: held-out loss gets worse as the head fits the training set.
    const shuffled = new Random(4);
    const noisyValidation = Uint8Array.from(validation.labels, () => shuffled.int(0, classCount - 1));
    const patience = 2;
    const result = await trainSegmentationHead(
      options({
        validationLabels: noisyValidation,
        maxEpochs: 40,
        learningRate: 0.05,
        earlyStoppingPatienceEpochs: patience,
        minimumEpochs: 1,
        validationSmoothingEpochs: 1,
      }),
    );
    expect(result.stoppedEarly).toBe(true);
    expect(result.history).toHaveLength(result.bestEpoch + patience);
    const bestLoss = result.history[result.bestEpoch - 1]!.validationLoss;
    expect(Math.min(...result.history.map(({ validationLoss }) => validationLoss))).toBe(bestLoss);
  });

  it('keeps no epoch before the minimum and picks the lowest validation loss averaged over the smoothing window', async () => {
    const shuffled = new Random(4);
    const noisyValidation = Uint8Array.from(validation.labels, () => shuffled.int(0, classCount - 1));
    const [minimumEpochs, smoothingEpochs, patience] = [6, 3, 2];
    const result = await trainSegmentationHead(
      options({
        validationLabels: noisyValidation,
        maxEpochs: 40,
        learningRate: 0.05,
        earlyStoppingPatienceEpochs: patience,
        minimumEpochs,
        validationSmoothingEpochs: smoothingEpochs,
      }),
    );
    const losses = result.history.map(({ validationLoss }) => validationLoss);
    // Without the floor this noisy validation set keeps an early epoch (the test above).
    const smoothed = (epoch: number) => (losses[epoch - 3]! + losses[epoch - 2]! + losses[epoch - 1]!) / 3;
    const candidates = Array.from({ length: losses.length - minimumEpochs + 1 }, (_, index) => minimumEpochs + index);
    expect(result.bestEpoch).toBeGreaterThanOrEqual(minimumEpochs);
    expect(Math.min(...candidates.map(smoothed))).toBe(smoothed(result.bestEpoch));
    expect(result.history).toHaveLength(result.bestEpoch + patience);
    // The kept weights are those after the kept epoch: a run that stops there ends with the same weights.
    const replay = await trainSegmentationHead(
      options({
        validationLabels: noisyValidation,
        maxEpochs: result.bestEpoch,
        learningRate: 0.05,
        minimumEpochs,
        validationSmoothingEpochs: smoothingEpochs,
      }),
    );
    expect(Array.from(replay.weights.w1)).toEqual(Array.from(result.weights.w1));
  });

  it('caps the minimum at the epochs it may train', async () => {
    const result = await trainSegmentationHead(options({ maxEpochs: 2, minimumEpochs: 10 }));
    expect(result.history).toHaveLength(2);
    expect(result.bestEpoch).toBe(2);
  });

  it('cancels between steps', async () => {
    const controller = new AbortController();
    const epochs: number[] = [];
    const training = trainSegmentationHead(
      options({
        signal: controller.signal,
        onProgress: ({ epoch }) => {
          epochs.push(epoch);
          controller.abort();
        },
      }),
    );
    await expect(training).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1]);
  });
});
