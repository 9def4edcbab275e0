// The head's inference graph: valid per-patch distributions that agree with the training forward pass,
// on input rows assembled the same way in JS and in the graph.
import { describe, expect, it } from 'vitest';
import { ort } from '../../workers/ort';
import { Random } from '../../src/domain/random';
import { GraphBuilder } from '../../workers/engine/onnx';
import {
  appendHeadFeatureRows,
  buildHeadInferenceGraph,
  buildHeadLossGraph,
  headFeatureCount,
  headFeatureRows,
  headInferenceInput,
  headInferenceOutput,
  initialHeadParameters,
  measureStandardisation,
  stepNames,
} from '../../workers/engine/segmentation';
import type { HeadDimensions, HeadWeights } from '../../workers/engine/segmentation';
import { batchFeeds, gatherBatch, parameterFeeds } from '../../workers/engine/segmentation/stepFeeds';

const dims: HeadDimensions = { featureCount: 9, hiddenUnits: 6, classCount: 4 };
const patchCount = 50;

describe('segmentation head inference graph', () => {
  const random = new Random(5);
  const patches = Float32Array.from({ length: patchCount * dims.featureCount }, () => random.normal(2, 3));
  const labels = Uint8Array.from({ length: patchCount }, () => random.int(0, dims.classCount - 1));
  const weights: HeadWeights = {
    dims,
    standardisation: measureStandardisation(patches, dims.featureCount),
    ...initialHeadParameters(dims, 3),
  };

  it('gives per-patch class probabilities that the training loss agrees with', async () => {
    const session = await ort.InferenceSession.create(buildHeadInferenceGraph(weights), { executionProviders: ['wasm'] });
    const output = await session.run({ [headInferenceInput]: new ort.Tensor('float32', patches, [patchCount, dims.featureCount]) });
    await session.release();
    const probabilities = output[headInferenceOutput]!.data as Float32Array;
    expect(probabilities).toHaveLength(patchCount * dims.classCount);
    for (let patch = 0; patch < patchCount; patch++) {
      const row = probabilities.subarray(patch * dims.classCount, (patch + 1) * dims.classCount);
      expect(row.every((p) => p > 0 && p < 1)).toBe(true);
      expect(row.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 6);
    }

    // Cross-entropy of these probabilities, computed here, equals the loss graph's forward pass.
    const classWeights = Float32Array.of(0.5, 1, 2, 4);
    let weightedSum = 0;
    let weightTotal = 0;
    labels.forEach((label, patch) => {
      weightedSum -= classWeights[label]! * Math.log(probabilities[patch * dims.classCount + label]!);
      weightTotal += classWeights[label]!;
    });
    const lossSession = await ort.InferenceSession.create(buildHeadLossGraph(dims, weights.standardisation), { executionProviders: ['wasm'] });
    const batch = gatherBatch(
      patches,
      labels,
      labels.map((_, i) => i),
      classWeights,
      dims.featureCount,
    );
    const lossOutput = await lossSession.run({ ...parameterFeeds(weights, dims), ...batchFeeds(batch, dims.featureCount, dims.classCount) });
    await lossSession.release();
    expect((lossOutput[stepNames.loss]!.data as Float32Array)[0]).toBeCloseTo(weightedSum / weightTotal, 5);
  });

  it('builds head input rows in the same order in JS and in the graph', async () => {
    const backboneDimensions = dims.featureCount - 1;
    const backboneRows = patches.slice(0, patchCount * backboneDimensions);
    const distances = Float32Array.from({ length: patchCount }, (_, i) => i / 10);
    const expected = headFeatureRows(backboneRows, distances);
    expect(headFeatureCount(backboneDimensions)).toBe(dims.featureCount);
    expect(expected[dims.featureCount - 1]).toBe(distances[0]);
    expect(expected[dims.featureCount]).toBe(backboneRows[backboneDimensions]);

    const graph = new GraphBuilder('head-rows');
    const rows = appendHeadFeatureRows(
      graph,
      graph.input('backbone_rows', 'float32', [patchCount, backboneDimensions]),
      graph.input('distances', 'float32', [patchCount]),
    );
    graph.output(rows, 'float32', [patchCount, dims.featureCount]);
    const session = await ort.InferenceSession.create(graph.serialize(), { executionProviders: ['wasm'] });
    const output = await session.run({
      backbone_rows: new ort.Tensor('float32', backboneRows, [patchCount, backboneDimensions]),
      distances: new ort.Tensor('float32', distances, [patchCount]),
    });
    await session.release();
    expect(Array.from(output[rows]!.data as Float32Array)).toEqual(Array.from(expected));
  });

  it('standardises each feature by its training mean and spread, leaving constant features unscaled', () => {
    const rows = Float32Array.of(1, 7, 3, 7, 5, 7); // [3, 2]: column 0 is 1, 3, 5; column 1 is constant
    const { mean, inverseStd } = measureStandardisation(rows, 2);
    expect(Array.from(mean)).toEqual([3, 7]);
    expect(inverseStd[0]).toBeCloseTo(1 / Math.sqrt(8 / 3), 6);
    expect(inverseStd[1]).toBe(1);
  });
});
