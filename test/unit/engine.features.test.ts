// The feature model: RGB888 at the project size in, [784, 184] patch rows out (pre-processing inside the
// graph), deterministic, sensitive to defects, and strict about the input size.
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { backboneById, defaultBackboneId } from '../../workers/engine/backbone/registry';
import { FeatureExtractor, patchLayoutOf } from '../../workers/engine/features';
import { rgbOf } from './helpers/engineImages';

const entry = backboneById(defaultBackboneId);
const size = { width: 96, height: 64 };

describe('feature model (mobilenet_v2_mid)', () => {
  let extractor: FeatureExtractor;
  beforeAll(async () => {
    extractor = await FeatureExtractor.create(await convertBackbone(defaultBackboneId), entry, size);
  });

  it('lays out 28x28 patches of 48 + 136 pooled channels', () => {
    expect(patchLayoutOf(entry)).toEqual({ grid: 28, dimensions: 184 });
  });

  it('returns [784, 184] finite features, identical on a second run', async () => {
    const rgb = rgbOf(renderSyntheticSample({ seed: 3, ...size, defects: [] }));
    const first = await extractor.extract(rgb);
    const second = await extractor.extract(rgb);
    expect(first).toHaveLength(784 * 184);
    expect(first.every(Number.isFinite)).toBe(true);
    expect(Array.from(second)).toEqual(Array.from(first));
  });

  it('gives different features for a defective part', async () => {
    const normal = await extractor.extract(rgbOf(renderSyntheticSample({ seed: 3, ...size, defects: [] })));
    const defective = await extractor.extract(rgbOf(renderSyntheticSample({ seed: 3, ...size, defects: ['missing-component'] })));
    const largestChange = normal.reduce((largest, value, index) => Math.max(largest, Math.abs(value - defective[index]!)), 0);
    expect(largestChange).toBeGreaterThan(0.1);
  });

  it('refuses an image of another size', async () => {
    await expect(extractor.extract(new Uint8Array(10 * 10 * 3))).rejects.toThrow(/96x64 RGB888/);
  });
});
