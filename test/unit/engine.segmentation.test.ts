// Training a segmentation model end to end on synthetic parts with exact masks: the head's masks overlap
// the truth on the test part, the head also learns from cell-shifted copies of the masked training anomalies,
// the packaged model outputs the same mask, detection has the §4.1 shape, and aborting during the head training stops it.
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { buildEvaluationResult } from '../../src/domain/evaluation';
import { decodePng } from '../../src/domain/png';
import { defectLabelIndex, SYNTHETIC_DEFECTS } from '../../src/syntheticImages/catalog';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { detectWithPackagedModel } from '../../workers/engine/packaging';
import { toDetectAnomalyResult } from '../../workers/engine/packaging';
import type { Prediction } from '../../src/contracts/prediction';
import { defaultSegmentationSettings, evaluationResultInput, trainAnomalyModel } from '../../workers/engine/training';
import type { FeatureCache, TrainingProgress, TrainingResult } from '../../workers/engine/training';
import type { SegmentationLabel } from '../../src/contracts/modelMetadata';
import { ort } from '../../workers/ort';
import { syntheticTrainingSet, trainingRunTimeoutMs } from './helpers/syntheticTraining';

const side = 96;
const dataset = syntheticTrainingSet({ seed: 8, side, normalCount: 12, perDefectCount: 6, testShare: 0.3 });
const labels: SegmentationLabel[] = SYNTHETIC_DEFECTS.filter((defect) => defect.type !== 'scratch').map((defect) => ({
  name: defect.name,
  color: defect.color,
  index: defectLabelIndex(defect.type),
}));
/** A deliberately safe floor: chance overlap of a few-percent defect area is near 0. */
const minimumMeanIoU = 0.2;

/** The content keys whose features a training run extracted (a cache that never hits, so it sees every image). */
function extractedContentKeys(): FeatureCache & { keys: Set<string> } {
  const keys = new Set<string>();
  return { keys, get: () => undefined, set: (contentHash) => void keys.add(contentHash) };
}

describe('trainAnomalyModel with masks (segmentation)', () => {
  let result: TrainingResult;
  const progress: TrainingProgress[] = [];
  const detections = new Map<string, Prediction>();
  const featureCache = extractedContentKeys();

  beforeAll(async () => {
    result = await trainAnomalyModel({
      ...dataset,
      labels,
      backboneId: defaultBackboneId,
      backboneModel: await convertBackbone(defaultBackboneId),
      seed: 3,
      featureCache,
      onProgress: (update) => progress.push(update),
    });
    const session = await ort.InferenceSession.create(result.modelBytes);
    try {
      for (const image of dataset.images.filter((candidate) => dataset.split.testIds.includes(candidate.id))) {
        detections.set(image.id, await detectWithPackagedModel(session, image.rgb, image.width, image.height, result.metadata));
      }
    } finally {
      await session.release();
    }
  }, trainingRunTimeoutMs);

  it('is a segmentation model with the project labels in its metadata', () => {
    expect(result.metadata.modelType).toBe('segmentation');
    expect(result.metadata.labels).toEqual(labels);
    expect(result.metadata.training.segmentation?.maskProbabilityThreshold).toBe(result.segmentation?.maskProbabilityThreshold);
  });

  it('trains the head on a fixed schedule by default: 15 epochs on every masked training image, mask threshold 0.4', () => {
    expect(result.segmentation).toMatchObject({ epochs: 15, bestEpoch: 15, validationImages: 0, maskProbabilityThreshold: 0.4, validationMeanIoU: null });
  });

  it("records the head's whole schedule and its cell-shifted copies in the model's metadata", () => {
    const { weightDecay, batchSize, cellShiftedCopies } = defaultSegmentationSettings;
    expect(result.metadata.training.segmentation).toMatchObject({ epochs: 15, weightDecay, batchSize, cellShiftedCopies });
  });

  it('extracts features of three cell-shifted copies of every anomalous training image, and of no other image', () => {
    const trainAnomalies = dataset.images.filter((image) => dataset.split.trainIds.includes(image.id) && image.classification === 'anomaly');
    expect(trainAnomalies.length).toBeGreaterThan(0);
    const copyKeys = [...featureCache.keys].filter((key) => key.includes('#cell-shifted-')).sort();
    const expected = trainAnomalies.flatMap((image) => ['0.5,0.5', '0.5,0', '0,0.5'].map((shift) => `${image.contentHash ?? image.id}#cell-shifted-${shift}`));
    expect(copyKeys).toEqual(expected.sort());
  });

  it('reports the head epoch by epoch with its loss', () => {
    const epochs = progress.filter((update) => update.stage === 'segmentation' && update.epoch !== undefined);
    expect(epochs.length).toBe(result.segmentation?.epochs);
    for (const update of epochs) expect(update.loss).toBeGreaterThan(0);
    expect(Math.max(...progress.filter((update) => update.stage === 'segmentation').map((update) => update.percent))).toBe(100);
  });

  it('overlaps the ground-truth masks of the test part for every label', () => {
    const perLabel = result.evaluation.perLabel ?? [];
    expect(perLabel.map((label) => label.name)).toEqual(labels.map((label) => label.name));
    for (const label of perLabel) {
      expect(label.testImages, label.name).toBeGreaterThan(0);
      expect(label.meanIoU, label.name).toBeGreaterThan(minimumMeanIoU);
    }
    const metrics = buildEvaluationResult(evaluationResultInput(result, { projectName: 'parts', modelVersion: 1 })).AggregatedEvaluationResults.Metrics;
    expect(metrics.PixelAnomalyClassMetrics?.map((label) => label.ClassName)).toEqual(labels.map((label) => label.name));
  });

  it('packages a model whose anomaly_mask equals the evaluation mask of every test image', () => {
    for (const image of result.perImage) {
      const detected = detections.get(image.id)?.labelMask?.indices;
      expect(detected, image.id).toBeDefined();
      expect(image.predictedMask, image.id).toBeDefined();
      expect(Array.from(detected!), image.id).toEqual(Array.from(image.predictedMask!));
    }
  });

  it('returns the spec §4.1 segmentation DetectAnomalyResult', () => {
    const colourOf = new Map([['background', '#FFFFFF'], ...labels.map((label) => [label.name, label.color.toUpperCase()] as [string, string])]);
    for (const [id, detection] of detections) {
      const { Anomalies: anomalies, AnomalyMask: anomalyMask } = toDetectAnomalyResult(detection, result.metadata.labels);
      expect(anomalies?.[0]?.Name, id).toBe('background');
      const total = anomalies!.reduce((sum, anomaly) => sum + anomaly.PixelAnomaly.TotalPercentageArea, 0);
      expect(Math.abs(total - 1), id).toBeLessThan(1e-6);
      for (const [position, anomaly] of anomalies!.entries()) {
        expect(anomaly.PixelAnomaly.Color).toBe(colourOf.get(anomaly.Name));
        expect(anomaly.PixelAnomaly.Color).toMatch(/^#[0-9A-F]{6}$/);
        if (position > 0) expect(anomaly.PixelAnomaly.TotalPercentageArea).toBeGreaterThan(0);
      }
      const png = decodePng(Uint8Array.from(atob(anomalyMask!), (character) => character.charCodeAt(0)));
      expect([png.width, png.height]).toEqual([side, side]);
      const hexOfPixel = (pixel: number) =>
        `#${Array.from(png.rgba.subarray(pixel * 4, pixel * 4 + 3), (byte) => byte.toString(16).padStart(2, '0'))
          .join('')
          .toUpperCase()}`;
      const colourOfIndex = new Map([[0, '#FFFFFF'], ...labels.map((label) => [label.index, label.color.toUpperCase()] as [number, string])]);
      detection.labelMask!.indices.forEach((value, pixel) => {
        if (hexOfPixel(pixel) !== colourOfIndex.get(value)) expect.fail(`${id}: pixel ${pixel} of label ${value} is ${hexOfPixel(pixel)}`);
      });
    }
  });
});

describe('trainAnomalyModel with masks, cancelled', () => {
  it(
    'stops during the head training when the signal aborts',
    async () => {
      const controller = new AbortController();
      const training = trainAnomalyModel({
        ...dataset,
        labels,
        backboneId: defaultBackboneId,
        backboneModel: await convertBackbone(defaultBackboneId),
        seed: 3,
        signal: controller.signal,
        onProgress: (update) => {
          if (update.stage === 'segmentation' && update.epoch === 1) controller.abort();
        },
      });
      await expect(training).rejects.toMatchObject({ name: 'AbortError' });
    },
    trainingRunTimeoutMs,
  );
});
