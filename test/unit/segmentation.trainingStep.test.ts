// Guards the hand-written backward pass and the Adam update of the head's training-step graph against
// float64 JS references: central differences of the loss, and Adam written out in plain arithmetic.
import { describe, expect, it } from 'vitest';
import { ort } from '../../workers/ort';
import { Random } from '../../src/domain/random';
import {
  adamBeta1,
  adamBeta2,
  adamEpsilon,
  buildHeadLossGraph,
  buildTrainingStepGraph,
  headParameterNames,
  headParameterShapes,
  inverseFrequencyClassWeights,
  squareRootInverseFrequencyClassWeights,
  stepNames,
} from '../../workers/engine/segmentation';
import type { FeatureStandardisation, HeadDimensions, HeadParameterName, HeadParameters } from '../../workers/engine/segmentation';
import { batchFeeds, gatherBatch, initialTrainingState, parameterFeeds } from '../../workers/engine/segmentation/stepFeeds';

const dims: HeadDimensions = { featureCount: 5, hiddenUnits: 4, classCount: 3 };
const batchRows = 7;
const gradientRelativeTolerance = 1e-3;
const adamTolerance = 1e-6;
/** Step of the float64 central differences: far above float64 rounding, far below the curvature scale. */
const finiteDifferenceStep = 1e-6;

type Parameters64 = Record<HeadParameterName, Float64Array>;

interface Problem {
  standardisation: FeatureStandardisation;
  parameters: HeadParameters;
  features: Float32Array;
  targets: Float32Array;
  sampleWeights: Float32Array;
}

function makeProblem(seed: number): Problem {
  const random = new Random(seed);
  const values = (length: number, draw: () => number): Float32Array => Float32Array.from({ length }, draw);
  const labels = Uint8Array.from({ length: batchRows }, () => random.int(0, dims.classCount - 1));
  const targets = new Float32Array(batchRows * dims.classCount);
  labels.forEach((label, row) => {
    targets[row * dims.classCount + label] = 1;
  });
  return {
    standardisation: {
      mean: values(dims.featureCount, () => random.uniform(-1, 1)),
      inverseStd: values(dims.featureCount, () => random.uniform(0.5, 2)),
    },
    parameters: {
      w1: values(dims.featureCount * dims.hiddenUnits, () => random.normal(0, 0.8)),
      b1: values(dims.hiddenUnits, () => random.normal(0, 0.3)),
      w2: values(dims.hiddenUnits * dims.classCount, () => random.normal(0, 0.8)),
      b2: values(dims.classCount, () => random.normal(0, 0.3)),
    },
    features: values(batchRows * dims.featureCount, () => random.normal(0, 1.5)),
    targets,
    sampleWeights: values(batchRows, () => random.uniform(0.2, 2)),
  };
}

/**
 * The step graph's loss in float64: weighted mean cross-entropy of the MLP plus the L2 penalty.
 * `onPreActivation` sees every hidden pre-activation, to confirm the ReLU mask is exercised.
 */
function referenceLoss(problem: Problem, parameters: Parameters64, weightDecay: number, onPreActivation?: (value: number) => void): number {
  const { featureCount: D, hiddenUnits: H, classCount: C } = dims;
  const { mean, inverseStd } = problem.standardisation;
  let weightedSum = 0;
  let weightTotal = 0;
  for (let row = 0; row < batchRows; row++) {
    const hidden = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      let pre = parameters.b1[h]!;
      for (let d = 0; d < D; d++) pre += (problem.features[row * D + d]! - mean[d]!) * inverseStd[d]! * parameters.w1[d * H + h]!;
      onPreActivation?.(pre);
      hidden[h] = Math.max(0, pre);
    }
    const logits = Array.from({ length: C }, (_, c) => {
      let logit = parameters.b2[c]!;
      for (let h = 0; h < H; h++) logit += hidden[h]! * parameters.w2[h * C + c]!;
      return logit;
    });
    const maxLogit = Math.max(...logits);
    const logSumExp = maxLogit + Math.log(logits.reduce((sum, logit) => sum + Math.exp(logit - maxLogit), 0));
    const crossEntropy = -logits.reduce((sum, logit, c) => sum + problem.targets[row * C + c]! * (logit - logSumExp), 0);
    weightedSum += problem.sampleWeights[row]! * crossEntropy;
    weightTotal += problem.sampleWeights[row]!;
  }
  const squaredNorm = (values: Float64Array): number => values.reduce((sum, value) => sum + value * value, 0);
  return weightedSum / weightTotal + (weightDecay / 2) * (squaredNorm(parameters.w1) + squaredNorm(parameters.w2));
}

function toFloat64(parameters: HeadParameters): Parameters64 {
  return Object.fromEntries(headParameterNames.map((name) => [name, Float64Array.from(parameters[name])])) as Parameters64;
}

function centralDifferences(problem: Problem, weightDecay: number): Parameters64 {
  const parameters = toFloat64(problem.parameters);
  return Object.fromEntries(
    headParameterNames.map((name) => {
      const values = parameters[name];
      const gradient = values.map((original, i) => {
        values[i] = original + finiteDifferenceStep;
        const above = referenceLoss(problem, parameters, weightDecay);
        values[i] = original - finiteDifferenceStep;
        const below = referenceLoss(problem, parameters, weightDecay);
        values[i] = original;
        return (above - below) / (2 * finiteDifferenceStep);
      });
      return [name, gradient];
    }),
  ) as Parameters64;
}

/** Largest element error relative to the tensor's largest gradient, so near-zero entries cannot inflate it. */
function relativeError(actual: Float32Array, expected: Float64Array): number {
  const scale = Math.max(...expected.map(Math.abs));
  return Math.max(...expected.map((value, i) => Math.abs(actual[i]! - value))) / scale;
}

async function runStep(problem: Problem, options: { weightDecay: number; learningRate: number; state?: Record<string, ort.Tensor> }) {
  const session = await ort.InferenceSession.create(
    buildTrainingStepGraph(dims, problem.standardisation, { weightDecay: options.weightDecay, exposeGradients: true }),
    { executionProviders: ['wasm'] },
  );
  try {
    const results = await session.run({
      ...(options.state ?? initialTrainingState(problem.parameters, dims)),
      ...batchFeeds(problem, dims.featureCount, dims.classCount),
      [stepNames.learningRate]: new ort.Tensor('float32', Float32Array.of(options.learningRate), []),
    });
    const data = (name: string): Float32Array => results[name]!.data as Float32Array;
    return { data, loss: data(stepNames.loss)[0]! };
  } finally {
    await session.release();
  }
}

describe('segmentation head training step: backward pass', () => {
  for (const weightDecay of [0, 0.05]) {
    it(`matches central differences of the loss (weight decay ${weightDecay})`, async () => {
      const problem = makeProblem(11);
      const { data, loss } = await runStep(problem, { weightDecay, learningRate: 0 });
      const preActivations: number[] = [];
      expect(loss).toBeCloseTo(
        referenceLoss(problem, toFloat64(problem.parameters), weightDecay, (value) => preActivations.push(value)),
        5,
      );
      // Both ReLU branches occur, so a wrong mask in the backward pass would show.
      expect(preActivations.filter((value) => value < 0).length).toBeGreaterThan(3);
      expect(preActivations.filter((value) => value > 0).length).toBeGreaterThan(3);
      const expected = centralDifferences(problem, weightDecay);
      for (const name of headParameterNames) {
        const error = relativeError(data(stepNames.gradient(name)), expected[name]);
        console.info(`gradient check ${name} (decay ${weightDecay}): max relative error ${error.toExponential(2)}`);
        expect(error).toBeLessThan(gradientRelativeTolerance);
      }
    });
  }

  it('computes the same loss as the loss-only validation graph', async () => {
    const problem = makeProblem(12);
    const { loss } = await runStep(problem, { weightDecay: 0, learningRate: 0 });
    const lossSession = await ort.InferenceSession.create(buildHeadLossGraph(dims, problem.standardisation), { executionProviders: ['wasm'] });
    const result = await lossSession.run({
      ...parameterFeeds(problem.parameters, dims),
      ...batchFeeds(problem, dims.featureCount, dims.classCount),
    });
    await lossSession.release();
    expect((result[stepNames.loss]!.data as Float32Array)[0]).toBeCloseTo(loss, 6);
  });
});

describe('segmentation head training step: Adam update', () => {
  it('matches a plain float64 Adam with bias correction, from a mid-training state', async () => {
    const problem = makeProblem(13);
    const random = new Random(99);
    const completedSteps = 3;
    const learningRate = 0.01;
    const shapes = headParameterShapes(dims);
    const moments = (draw: () => number) =>
      Object.fromEntries(headParameterNames.map((name) => [name, Float32Array.from({ length: problem.parameters[name].length }, draw)])) as Record<
        HeadParameterName,
        Float32Array
      >;
    const firstMoments = moments(() => random.normal(0, 0.1));
    const secondMoments = moments(() => random.uniform(0, 0.02));
    const state: Record<string, ort.Tensor> = {
      ...initialTrainingState(problem.parameters, dims),
      ...Object.fromEntries(
        headParameterNames.flatMap((name) => [
          [stepNames.adamFirstMoment(name), new ort.Tensor('float32', firstMoments[name], shapes[name])],
          [stepNames.adamSecondMoment(name), new ort.Tensor('float32', secondMoments[name], shapes[name])],
        ]),
      ),
      [stepNames.adamStep]: new ort.Tensor('float32', Float32Array.of(completedSteps), []),
      [stepNames.adamFirstBiasCorrection]: new ort.Tensor('float32', Float32Array.of(1 - adamBeta1 ** completedSteps), []),
      [stepNames.adamSecondBiasCorrection]: new ort.Tensor('float32', Float32Array.of(1 - adamBeta2 ** completedSteps), []),
    };
    const { data } = await runStep(problem, { weightDecay: 0.01, learningRate, state });

    const step = completedSteps + 1;
    expect(data(stepNames.next(stepNames.adamStep))[0]).toBe(step);
    expect(data(stepNames.next(stepNames.adamFirstBiasCorrection))[0]).toBeCloseTo(1 - adamBeta1 ** step, 7);
    expect(data(stepNames.next(stepNames.adamSecondBiasCorrection))[0]).toBeCloseTo(1 - adamBeta2 ** step, 9);
    let worst = 0;
    for (const name of headParameterNames) {
      const gradient = data(stepNames.gradient(name));
      const m = firstMoments[name].map((value, i) => adamBeta1 * value + (1 - adamBeta1) * gradient[i]!);
      const v = secondMoments[name].map((value, i) => adamBeta2 * value + (1 - adamBeta2) * gradient[i]! ** 2);
      const updated = problem.parameters[name].map((value, i) => {
        const correctedM = m[i]! / (1 - adamBeta1 ** step);
        const correctedV = v[i]! / (1 - adamBeta2 ** step);
        return value - (learningRate * correctedM) / (Math.sqrt(correctedV) + adamEpsilon);
      });
      for (const [actual, expected] of [
        [data(stepNames.next(stepNames.parameter(name))), updated],
        [data(stepNames.next(stepNames.adamFirstMoment(name))), m],
        [data(stepNames.next(stepNames.adamSecondMoment(name))), v],
      ] as const) {
        worst = Math.max(worst, ...actual.map((value, i) => Math.abs(value - expected[i]!)));
      }
    }
    console.info(`Adam update: max abs error vs float64 JS ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(adamTolerance);
  });
});

/** All-zero parameters and identity standardisation: the softmax is uniform, so gradients can be written down by hand. */
function zeroHead(): Pick<Problem, 'standardisation' | 'parameters'> {
  return {
    standardisation: { mean: new Float32Array(dims.featureCount), inverseStd: new Float32Array(dims.featureCount).fill(1) },
    parameters: {
      w1: new Float32Array(dims.featureCount * dims.hiddenUnits),
      b1: new Float32Array(dims.hiddenUnits),
      w2: new Float32Array(dims.hiddenUnits * dims.classCount),
      b2: new Float32Array(dims.classCount),
    },
  };
}

describe('segmentation head training step: class weighting', () => {
  // 20 background, 3 crack, 1 dent patches; zero weights make the softmax uniform, so
  // dL/db2_c = 1/C − (weight of class c)/(total weight) can be written down by hand.
  const labels = Uint8Array.from([...Array<number>(20).fill(0), 1, 1, 1, 2]);
  const patches = Float32Array.from({ length: labels.length * dims.featureCount }, (_, i) => Math.sin(i));
  const zeroProblem = (classWeights: Float32Array): Problem => ({
    ...zeroHead(),
    ...gatherBatch(
      patches,
      labels,
      labels.map((_, i) => i),
      classWeights,
      dims.featureCount,
    ),
  });
  const biasGradient = async (classWeights: Float32Array) =>
    Array.from((await runStep(zeroProblem(classWeights), { weightDecay: 0, learningRate: 0 })).data(stepNames.gradient('b2')));

  it('normalises inverse class frequency to a mean weight of 1 per patch', () => {
    const classWeights = inverseFrequencyClassWeights(labels, dims.classCount);
    expect(Array.from(classWeights)).toEqual([24 / 60, 24 / 9, 24 / 3].map(Math.fround));
    const meanWeight = labels.reduce((sum, label) => sum + classWeights[label]!, 0) / labels.length;
    expect(meanWeight).toBeCloseTo(1, 6);
  });

  it('pulls the bias towards the majority class without weights', async () => {
    const gradient = await biasGradient(new Float32Array(dims.classCount).fill(1));
    [1 / 3 - 20 / 24, 1 / 3 - 3 / 24, 1 / 3 - 1 / 24].forEach((expected, c) => expect(gradient[c]).toBeCloseTo(expected, 6));
  });

  it('gives every class the same pull with inverse-frequency weights', async () => {
    const gradient = await biasGradient(inverseFrequencyClassWeights(labels, dims.classCount));
    gradient.forEach((value) => expect(value).toBeCloseTo(0, 6));
  });

  it("damps the head's weights to the square root of inverse class frequency", () => {
    expect(Array.from(squareRootInverseFrequencyClassWeights(labels, dims.classCount))).toEqual(
      [24 / 60, 24 / 9, 24 / 3].map((weight) => Math.fround(Math.sqrt(Math.fround(weight)))),
    );
  });
});

describe('segmentation head training step: coverage targets', () => {
  // Rows 0–1 background, row 2 a crack patch covered 40 % (dominant class 1), row 3 a dent patch covered 100 %.
  const labels = Uint8Array.from([0, 0, 1, 2]);
  const coverage = { labels: Uint8Array.from([0, 0, 1, 2]), shares: Float32Array.from([0, 0, 0.4, 1]) };
  const classWeights = Float32Array.from([1, 2, 3]);
  const patches = Float32Array.from({ length: labels.length * dims.featureCount }, (_, i) => Math.cos(i));
  const batch = gatherBatch(patches, labels, [0, 1, 2, 3], classWeights, dims.featureCount, coverage);

  it('puts the covered share on the dominant class and the rest on background, weighted by the hard class', () => {
    expect(Array.from(batch.targets)).toEqual([1, 0, 0, 1, 0, 0, 0.6, 0.4, 0, 0, 0, 1].map(Math.fround));
    expect(Array.from(batch.sampleWeights)).toEqual([1, 1, 2, 3]);
  });

  it('trains towards the shares: the bias gradient is 1/C minus the weighted mean target', async () => {
    const problem: Problem = { ...zeroHead(), ...batch };
    const gradient = Array.from((await runStep(problem, { weightDecay: 0, learningRate: 0 })).data(stepNames.gradient('b2')));
    // Weighted target mass per class over total weight 7: background 1 + 1 + 2·0.6, crack 2·0.4, dent 3.
    [1 / 3 - 3.2 / 7, 1 / 3 - 0.8 / 7, 1 / 3 - 3 / 7].forEach((expected, c) => expect(gradient[c]).toBeCloseTo(expected, 6));
  });
});
