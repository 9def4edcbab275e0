// Feature extraction for a training run: a copy training made renders its pixels only when the feature cache misses
// it, once, and its rows are those of its rendered pixels; a cached copy is never rendered.
import { describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { backboneById, defaultBackboneId } from '../../workers/engine/backbone/registry';
import { defaultFeaturePooling, FeatureExtractor } from '../../workers/engine/features';
import { extractAll } from '../../workers/engine/training/featureExtraction';
import type { DerivedImage, FeatureCache, TrainingImage } from '../../workers/engine/training';
import { rgbOf } from './helpers/engineImages';

const size = { width: 96, height: 64 };
const poolings = [defaultFeaturePooling];

/** The feature cache's contract on a Map: rows per content key and feature set. */
function mapCache(): FeatureCache & { entries: Map<string, Float32Array> } {
  const entries = new Map<string, Float32Array>();
  return { entries, get: (key, set) => entries.get(`${key} ${set}`), set: (key, set, rows) => void entries.set(`${key} ${set}`, rows) };
}

describe('extractAll', () => {
  const image: TrainingImage = { id: 'normal/1.png', rgb: rgbOf(renderSyntheticSample({ seed: 4, ...size, defects: [] })), ...size, classification: 'normal' };
  const copyPixels = rgbOf(renderSyntheticSample({ seed: 5, ...size, defects: ['dent'] }));
  let renders = 0;
  const copy: DerivedImage = {
    id: 'normal/1.png#framed-0',
    contentHash: 'normal/1.png#framed-geometric-0',
    ...size,
    classification: 'normal',
    renderRgb: () => {
      renders += 1;
      return copyPixels;
    },
  };
  const extract = (featureCache: FeatureCache, backboneModel: Uint8Array) =>
    extractAll({ featureCache, backboneId: defaultBackboneId, backboneModel }, [image, copy], size, poolings, () => undefined);

  it('renders a missed copy once, extracts its rendered pixels, and never renders a cached copy', async () => {
    const backboneModel = await convertBackbone(defaultBackboneId);
    const cache = mapCache();
    const first = (await extract(cache, backboneModel)).get(defaultFeaturePooling)!;
    expect(renders).toBe(1);
    expect(cache.entries.size).toBe(2);

    const extractor = await FeatureExtractor.create(backboneModel, backboneById(defaultBackboneId), size);
    const direct = await extractor.extract(copyPixels);
    await extractor.release();
    expect(Array.from(first.get(copy.id)!)).toEqual(Array.from(direct));

    const again = (await extract(cache, backboneModel)).get(defaultFeaturePooling)!;
    expect(renders).toBe(1);
    expect(again.get(copy.id)).toBe(first.get(copy.id));
    expect(again.get(image.id)).toBe(first.get(image.id));
  });
});
