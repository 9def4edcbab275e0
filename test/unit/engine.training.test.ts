// Training a classification model end to end on synthetic parts: it separates the test split, reports
// every stage's progress, keeps the calibration's numbers, and stops when cancelled.
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { featurePoolings } from '../../workers/engine/features';
import { buildEvaluationResult } from '../../src/domain/evaluation';
import { defaultFramedCopies, evaluationResultInput, trainAnomalyModel } from '../../workers/engine/training';
import type { FeatureCache, TrainingProgress, TrainingResult } from '../../workers/engine/training';
import { syntheticTrainingSet, trainingRunTimeoutMs } from './helpers/syntheticTraining';

const dataset = syntheticTrainingSet({ seed: 21, side: 96, normalCount: 12, perDefectCount: 3, testShare: 0.3 });

describe('trainAnomalyModel on synthetic parts', () => {
  let backboneModel: Uint8Array;
  let result: TrainingResult;
  const progress: TrainingProgress[] = [];
  const cached = new Map<string, Float32Array>();
  const featureCache: FeatureCache = {
    get: (contentHash, featureSet) => cached.get(`${featureSet}:${contentHash}`),
    set: (contentHash, featureSet, features) => void cached.set(`${featureSet}:${contentHash}`, features),
  };

  beforeAll(async () => {
    backboneModel = await convertBackbone(defaultBackboneId);
    result = await trainAnomalyModel({
      ...dataset,
      backboneId: defaultBackboneId,
      backboneModel,
      seed: 5,
      featureCache,
      onProgress: (update) => progress.push(update),
    });
  }, trainingRunTimeoutMs);

  it('separates the test split (ROC AUC ≥ 0.9)', () => {
    expect(result.evaluation.testingImages).toBe(dataset.split.testIds.length);
    expect(result.evaluation.image.rocAuc).toBeGreaterThanOrEqual(0.9);
  });

  it('reports each stage up to 100 %', () => {
    for (const stage of ['features', 'memory-bank', 'calibration', 'evaluation', 'packaging'] as const) {
      const percents = progress.filter((update) => update.stage === stage).map((update) => update.percent);
      expect(percents.length, stage).toBeGreaterThan(0);
      expect(Math.max(...percents), stage).toBe(100);
    }
  });

  it('calibrates an F2-optimal raw threshold (the default operating point) that maps to 0.5 and keeps raw and normalised scores', () => {
    const { calibration } = result.evaluation;
    expect(calibration.method).toBe('f2-optimal');
    expect(calibration.normalisation.centre).toBe(calibration.rawThreshold);
    expect(result.metadata.threshold).toBe(0.5);
    for (const image of result.perImage) {
      expect(image.isAnomalous).toBe(image.score >= 0.5);
      expect(image.score > 0.5).toBe(image.rawScore > calibration.rawThreshold);
      expect(image.confidence).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('describes the model in its metadata', () => {
    expect(result.metadata).toMatchObject({
      formatVersion: 1,
      modelType: 'classification',
      backbone: defaultBackboneId,
      inputSize: { width: 96, height: 96 },
      inputFormat: 'RGB888',
      labels: [],
    });
    expect(result.metadata.training.trainingImages).toEqual({ normal: 8, anomaly: 4 });
    expect(result.metadata.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fills the feature cache, and retraining from it reproduces the model', async () => {
    // Every image, plus the re-framed copies of the normal training images the bank learns from, once per pooling.
    const trainNormals = dataset.images.filter((image) => dataset.split.trainIds.includes(image.id) && image.classification === 'normal');
    expect(cached.size).toBe((dataset.images.length + trainNormals.length * defaultFramedCopies) * featurePoolings.length);
    const retrained = await trainAnomalyModel({ ...dataset, backboneId: defaultBackboneId, backboneModel, seed: 5, featureCache });
    expect(retrained.perImage).toEqual(result.perImage);
    expect(retrained.metadata.sha256).toBe(result.metadata.sha256);
  });

  it('gives the spec §3.3 EvaluationResult its numbers', () => {
    const written = buildEvaluationResult(evaluationResultInput(result, { projectName: 'parts', modelVersion: 1 }));
    expect(written.EvaluationDetails.NumberOfTestingImages).toBe(dataset.split.testIds.length);
    expect(written.EvaluationDetails.NumberOfTrainingImages).toBe(dataset.split.trainIds.length);
    expect(written.AggregatedEvaluationResults.Metrics.ROCAUC).toBe(result.evaluation.image.rocAuc);
    expect(written.AggregatedEvaluationResults.Metrics.F1Score).toBe(result.evaluation.image.f1);
  });

  it('stops with an AbortError when cancelled during feature extraction', async () => {
    const controller = new AbortController();
    const training = trainAnomalyModel({
      ...dataset,
      backboneId: defaultBackboneId,
      backboneModel,
      seed: 5,
      signal: controller.signal,
      onProgress: (update) => {
        if (update.stage === 'features' && update.percent > 0) controller.abort();
      },
    });
    await expect(training).rejects.toMatchObject({ name: 'AbortError' });
  });
});
