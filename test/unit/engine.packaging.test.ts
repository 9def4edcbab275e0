// The packaged ONNX model: one graph from RGB888 to the normalised score, giving the training-time
// evaluation's scores (parity within 1e-5), and `DetectAnomalyResult` built from it (spec §4.1).
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { decodeModel } from '../../workers/engine/onnx';
import { detectWithPackagedModel, sha256Hex, toDetectAnomalyResult } from '../../workers/engine/packaging';
import { trainAnomalyModel } from '../../workers/engine/training';
import type { TrainingResult } from '../../workers/engine/training';
import { scoreBorderCells } from '../../workers/engine/features';
import { ort } from '../../workers/ort';
import { syntheticTrainingSet, trainingRunTimeoutMs } from './helpers/syntheticTraining';

const dataset = syntheticTrainingSet({ seed: 33, side: 64, normalCount: 12, perDefectCount: 3, testShare: 0.3 });
const side = 64;
const parityTolerance = 1e-5;

describe('packaged anomaly model', () => {
  let result: TrainingResult;
  let session: ort.InferenceSession;

  beforeAll(async () => {
    result = await trainAnomalyModel({ ...dataset, backboneId: defaultBackboneId, backboneModel: await convertBackbone(defaultBackboneId), seed: 8 });
    session = await ort.InferenceSession.create(result.modelBytes);
  }, trainingRunTimeoutMs);

  it('takes one uint8 RGB888 image and returns anomaly_score, anomaly_map and raw_score', async () => {
    expect(session.inputNames).toEqual(['image']);
    expect([...session.outputNames].sort()).toEqual(['anomaly_map', 'anomaly_score', 'raw_score']);
    const props = Object.fromEntries(decodeModel(result.modelBytes).metadataProps.map((prop) => [prop.key, prop.value]));
    expect(Number(props.threshold)).toBe(result.metadata.threshold);
    expect(Number(props.confidenceSlope)).toBe(result.metadata.confidenceSlope);
    expect(result.metadata.sha256).toBe(await sha256Hex(result.modelBytes));
  });

  it('scores every test image as the training-time evaluation did', async () => {
    const byId = new Map(dataset.images.map((image) => [image.id, image]));
    for (const evaluated of result.perImage) {
      const image = byId.get(evaluated.id)!;
      const detection = await detectWithPackagedModel(session, image.rgb, side, side, result.metadata);
      expect(Math.abs(detection.score - evaluated.score), evaluated.id).toBeLessThanOrEqual(parityTolerance);
      expect(Math.abs(detection.rawScore - evaluated.rawScore) / Math.abs(evaluated.rawScore), evaluated.id).toBeLessThanOrEqual(parityTolerance);
      expect(detection.isAnomalous).toBe(evaluated.isAnomalous);
    }
  });

  it('returns a classification DetectAnomalyResult: IsAnomalous exactly score ≥ threshold, Confidence ≥ 0.5', async () => {
    for (const image of dataset.images.slice(0, 4)) {
      const detection = await detectWithPackagedModel(session, image.rgb, side, side, result.metadata);
      const detected = toDetectAnomalyResult(detection, result.metadata.labels);
      expect(Object.keys(detected).sort()).toEqual(['Confidence', 'IsAnomalous', 'Source', 'anomaly_score', 'anomaly_threshold']);
      expect(detected.Source).toEqual({ Type: 'direct' });
      expect(detected.anomaly_threshold).toBe(result.metadata.threshold);
      expect(detected.IsAnomalous).toBe(detected.anomaly_score >= detected.anomaly_threshold);
      expect(detected.Confidence).toBeGreaterThanOrEqual(0.5);
      expect(detected.Confidence).toBeLessThanOrEqual(1);
      // The patch grid of the backbone: 28x28 at its 224x224 input.
      expect(detection.anomalyMap!.grid).toBe(28);
      expect(detection.anomalyMap!.values).toHaveLength(28 * 28);
      // The score is the map's maximum inside the frame's border; the map still covers the border cells.
      const border = scoreBorderCells(28);
      const inside = (cell: number) => [Math.floor(cell / 28), cell % 28].every((index) => index >= border && index < 28 - border);
      const innerMaximum = Math.max(...Array.from(detection.anomalyMap!.values).filter((_, cell) => inside(cell)));
      expect(innerMaximum).toBeCloseTo(detected.anomaly_score, 5);
      expect(Math.max(...detection.anomalyMap!.values)).toBeLessThanOrEqual(1);
    }
  });

  it('decides against an overridden threshold and reports it', async () => {
    const image = dataset.images[0]!;
    const detected = toDetectAnomalyResult(
      await detectWithPackagedModel(session, image.rgb, side, side, result.metadata, { threshold: 0 }),
      result.metadata.labels,
    );
    expect(detected.anomaly_threshold).toBe(0);
    expect(detected.IsAnomalous).toBe(true);
  });

  it('refuses an image that is not the project size', async () => {
    await expect(detectWithPackagedModel(session, new Uint8Array(32 * 32 * 3), 32, 32, result.metadata)).rejects.toThrow(/64x64/);
  });
});
