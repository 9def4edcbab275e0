// The feature pooling training chooses (FeaturePooling): the feature graph gives both poolings from one
// backbone pass, pooling only the stride-8 map when asked; the choice rule keeps the higher held-out F1 (ties keep
// the default); and a model trained with either pooling records it and its packaged graph replays it.
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import type { FeaturePooling } from '../../src/contracts/modelMetadata';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { backboneById, defaultBackboneId } from '../../workers/engine/backbone/registry';
import { buildFeatureModel, defaultFeaturePooling, FeatureExtractor, featurePoolings } from '../../workers/engine/features';
import { decodeModel } from '../../workers/engine/onnx';
import { detectWithPackagedModel } from '../../workers/engine/packaging';
import { choosePooling, trainAnomalyModel } from '../../workers/engine/training';
import { ort } from '../../workers/ort';
import { rgbOf } from './helpers/engineImages';
import { syntheticTrainingSet, trainingRunTimeoutMs } from './helpers/syntheticTraining';

const entry = backboneById(defaultBackboneId);
const [fineMap, coarseMap] = entry.outputs as [(typeof entry.outputs)[0], (typeof entry.outputs)[0]];
const grid = 28;
const dimensions = fineMap.channels + coarseMap.channels;

/** Mean |difference| between horizontally adjacent cells over the channels [from, to). */
function roughness(rows: Float32Array, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < grid; y += 1) {
    for (let x = 0; x + 1 < grid; x += 1) {
      for (let channel = from; channel < to; channel += 1) {
        sum += Math.abs(rows[(y * grid + x) * dimensions + channel]! - rows[(y * grid + x + 1) * dimensions + channel]!);
        count += 1;
      }
    }
  }
  return sum / count;
}

function columns(rows: Float32Array, from: number, to: number): number[] {
  return Array.from(rows).filter((_, index) => index % dimensions >= from && index % dimensions < to);
}

describe('feature graph poolings', () => {
  const size = { width: 96, height: 64 };
  let backboneModel: Uint8Array;
  let both: Map<FeaturePooling, Float32Array>;
  let alone: Float32Array;

  beforeAll(async () => {
    backboneModel = await convertBackbone(defaultBackboneId);
    const rgb = rgbOf(renderSyntheticSample({ seed: 4, ...size, defects: ['dent'] }));
    const twoPoolings = await FeatureExtractor.create(backboneModel, entry, size, {}, undefined, featurePoolings);
    const defaultOnly = await FeatureExtractor.create(backboneModel, entry, size);
    both = await twoPoolings.extractEachPooling(rgb);
    alone = await defaultOnly.extract(rgb);
    await Promise.all([twoPoolings.release(), defaultOnly.release()]);
  });

  it('averages 3 × 3 neighbourhoods on both maps for every-map, on the stride-8 map alone for finest-map-only', () => {
    const averagePools = (poolings: readonly FeaturePooling[]) =>
      decodeModel(buildFeatureModel(backboneModel, entry, size, undefined, poolings)).graph!.node!.filter((node) => node.opType === 'AveragePool').length;
    expect(averagePools(['every-map'])).toBe(2);
    expect(averagePools(['finest-map-only'])).toBe(1);
    // Training's shared pass reuses the stride-8 pool: one per map, not one per pooling.
    expect(averagePools(featurePoolings)).toBe(2);
  });

  it("gives the default pooling's rows exactly as a model of that pooling alone does", () => {
    expect(Array.from(both.get(defaultFeaturePooling)!)).toEqual(Array.from(alone));
  });

  it('shares the stride-8 columns and leaves the stride-16 columns unsmoothed without their pool', () => {
    const everyMap = both.get('every-map')!;
    const finestOnly = both.get('finest-map-only')!;
    expect(finestOnly).toHaveLength(grid * grid * dimensions);
    expect(columns(finestOnly, 0, fineMap.channels)).toEqual(columns(everyMap, 0, fineMap.channels));
    expect(columns(finestOnly, fineMap.channels, dimensions)).not.toEqual(columns(everyMap, fineMap.channels, dimensions));
    // A 3 × 3 mean evens out neighbouring cells; the unpooled stride-16 map keeps their differences.
    expect(roughness(finestOnly, fineMap.channels, dimensions)).toBeGreaterThan(1.2 * roughness(everyMap, fineMap.channels, dimensions));
  });
});

describe('choosePooling', () => {
  const candidate = (pooling: FeaturePooling, f1: number) => ({
    pooling,
    calibration: { heldOut: { precision: f1, recall: f1, f1, normalImages: 10, anomalousImages: 10, falseAlarmRate: 0 } },
  });

  it('keeps the candidate whose calibration promises the higher held-out F1', () => {
    expect(choosePooling([candidate('every-map', 0.9), candidate('finest-map-only', 0.95)]).pooling).toBe('finest-map-only');
    expect(choosePooling([candidate('every-map', 0.97), candidate('finest-map-only', 0.95)]).pooling).toBe('every-map');
  });

  it('keeps the first (the default pooling) on a tie', () => {
    expect(choosePooling([candidate('every-map', 0.95), candidate('finest-map-only', 0.95)]).pooling).toBe('every-map');
  });

  it('refuses an empty list', () => {
    expect(() => choosePooling([])).toThrow(/at least one/);
  });
});

describe('a model trained with each pooling', () => {
  const dataset = syntheticTrainingSet({ seed: 35, side: 64, normalCount: 10, perDefectCount: 3, testShare: 0.3 });

  it.each(featurePoolings)(
    'records %s in its metadata and its packaged graph scores the test images as training did',
    async (featurePooling) => {
      const result = await trainAnomalyModel({
        ...dataset,
        backboneId: defaultBackboneId,
        backboneModel: await convertBackbone(defaultBackboneId),
        seed: 3,
        featurePooling,
      });
      expect(result.metadata.training.featurePooling).toBe(featurePooling);
      const session = await ort.InferenceSession.create(result.modelBytes);
      const byId = new Map(dataset.images.map((image) => [image.id, image]));
      for (const evaluated of result.perImage) {
        const detection = await detectWithPackagedModel(session, byId.get(evaluated.id)!.rgb, 64, 64, result.metadata);
        expect(Math.abs(detection.rawScore - evaluated.rawScore) / Math.abs(evaluated.rawScore), evaluated.id).toBeLessThanOrEqual(1e-5);
      }
      await session.release();
    },
    trainingRunTimeoutMs,
  );
});
