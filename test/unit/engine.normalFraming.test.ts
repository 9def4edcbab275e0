// Re-framed normal copies for the memory bank: seeded per image and draw, within the framing range, sized like the image;
// and the row sampling that bounds what the copies add to the coreset.
import { describe, expect, it } from 'vitest';
import { defaultFramingRange, framingRanges, randomFraming, reframedCopy, seedOfText } from '../../workers/engine/augmentation/normalFraming';
import { changeTone, paintEdgeStrip, warpAffine } from '../../workers/engine/augmentation/imageTransforms';
import { deriveSeed } from '../../src/domain/random';
import { sampleRows } from '../../workers/engine/scoring/memoryBank';
import { framedNormalCopies } from '../../workers/engine/training/trainingImages';
import type { TrainingImage } from '../../workers/engine/training';

const image = { rgb: Uint8Array.from({ length: 8 * 6 * 3 }, (_, index) => (index * 37) % 256), width: 8, height: 6 };

describe('seedOfText', () => {
  it('is FNV-1a over the characters', () => {
    // Offset basis for the empty string; "a": (0x811c9dc5 ^ 0x61) · 0x01000193 mod 2³² = 0xe40c292c.
    expect(seedOfText('')).toBe(0x811c9dc5);
    expect(seedOfText('a')).toBe(0xe40c292c);
  });
});

describe('randomFraming', () => {
  it('draws every parameter within the range, shifts in pixels of the image', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      const { warp: framing, tone, strip } = randomFraming(defaultFramingRange, { width: 100, height: 50 }, seed);
      expect(Math.abs(tone.brightness - 1)).toBeLessThanOrEqual(0.15);
      expect(Math.abs(tone.contrast - 1)).toBeLessThanOrEqual(0.15);
      expect(Math.abs(framing.shiftX)).toBeLessThanOrEqual(6);
      expect(Math.abs(framing.shiftY)).toBeLessThanOrEqual(3);
      expect(Math.abs(framing.rotationDegrees)).toBeLessThanOrEqual(5);
      expect(Math.abs(framing.scale - 1)).toBeLessThanOrEqual(0.1);
      if (strip) {
        expect(strip.share).toBeLessThanOrEqual(defaultFramingRange.edgeStripMaxShare);
        expect(strip.color[0]).toBeGreaterThanOrEqual(10);
        expect(strip.color[0]).toBeLessThanOrEqual(80);
      }
    }
    const strips = Array.from({ length: 200 }, (_, seed) => randomFraming(defaultFramingRange, { width: 100, height: 50 }, seed).strip);
    expect(strips.filter((strip) => strip !== null).length).toBeGreaterThan(70);
    expect(strips.filter((strip) => strip !== null).length).toBeLessThan(130);
    expect(new Set(strips.map((strip) => strip?.side)).size).toBe(5);
    const withoutStrips = { ...defaultFramingRange, edgeStripChance: 0 };
    expect(Array.from({ length: 50 }, (_, seed) => randomFraming(withoutStrips, { width: 100, height: 50 }, seed).strip)).toEqual(Array(50).fill(null));
  });
});

describe('reframedCopy', () => {
  it('warps a copy the size of the image, the same for the same image seed and copy, another for the next copy', () => {
    const copy = reframedCopy(image, 7, 0);
    expect([copy.width, copy.height]).toEqual([8, 6]);
    expect(reframedCopy(image, 7, 0)).toEqual(copy);
    expect(reframedCopy(image, 7, 1).rgb).not.toEqual(copy.rgb);
  });

  it('with a zero framing range, a copy is the image itself', () => {
    const still = { shiftShare: 0, rotationDegrees: 0, scaleChange: 0, toneChange: 0, edgeStripChance: 0, edgeStripMaxShare: 0 };
    expect(reframedCopy(image, 7, 0, still)).toEqual(warpAffine(image, {}));
  });

  it('geometric copies are the warp alone, drawn as the geometric-photometric copies draw it', () => {
    for (const copy of [0, 1, 2]) {
      const geometric = randomFraming(framingRanges.geometric, image, deriveSeed(7, copy));
      expect(geometric.tone).toEqual({ brightness: 1, contrast: 1 });
      expect(geometric.strip).toBeNull();
      expect(geometric.warp).toEqual(randomFraming(framingRanges['geometric-photometric'], image, deriveSeed(7, copy)).warp);
      expect(reframedCopy(image, 7, copy, framingRanges.geometric)).toEqual(warpAffine(image, geometric.warp));
    }
  });

  it('geometric-tone copies re-light the warp of the geometric-photometric copies and paint no strip', () => {
    for (const copy of [0, 1, 2]) {
      const toned = randomFraming(framingRanges['geometric-tone'], image, deriveSeed(7, copy));
      const photometric = randomFraming(framingRanges['geometric-photometric'], image, deriveSeed(7, copy));
      expect(toned.strip).toBeNull();
      expect({ warp: toned.warp, tone: toned.tone }).toEqual({ warp: photometric.warp, tone: photometric.tone });
      expect(toned.tone).not.toEqual({ brightness: 1, contrast: 1 });
      expect(reframedCopy(image, 7, copy, framingRanges['geometric-tone'])).toEqual(changeTone(warpAffine(image, toned.warp), toned.tone));
    }
  });

  it('re-lights the warped copy and paints the drawn strip over it', () => {
    const range = { shiftShare: 0, rotationDegrees: 0, scaleChange: 0, toneChange: 0.15, edgeStripChance: 1, edgeStripMaxShare: 0.5 };
    const { tone, strip } = randomFraming(range, image, deriveSeed(7, 0));
    expect(Math.abs(tone.brightness - 1)).toBeLessThanOrEqual(0.15);
    expect(Math.abs(tone.contrast - 1)).toBeLessThanOrEqual(0.15);
    expect(reframedCopy(image, 7, 0, range)).toEqual(paintEdgeStrip(changeTone(warpAffine(image, {}), tone), strip!));
  });
});

describe('framedNormalCopies', () => {
  const normal: TrainingImage = { ...image, id: 'normal/1.png', classification: 'normal', contentHash: 'hash-1' };

  it("draw 0 (the app's) seeds each copy by the image's content, as every earlier training run did", () => {
    const [copy] = framedNormalCopies([normal], 1, 'geometric');
    expect(copy!.renderRgb()).toEqual(reframedCopy(image, seedOfText('hash-1'), 0, framingRanges.geometric).rgb);
    expect(copy).toMatchObject({ id: 'normal/1.png#framed-0', contentHash: 'hash-1#framed-geometric-0', classification: 'normal', width: 8, height: 6 });
    expect(framedNormalCopies([normal], 1, 'geometric', 0)[0]!.renderRgb()).toEqual(copy!.renderRgb());
  });

  it('another draw warps every copy afresh, reproducibly, and keys its features apart', () => {
    const [drawOne] = framedNormalCopies([normal], 1, 'geometric', 1);
    expect(drawOne!.renderRgb()).toEqual(reframedCopy(image, seedOfText('hash-1#draw-1'), 0, framingRanges.geometric).rgb);
    expect(drawOne!.renderRgb()).not.toEqual(framedNormalCopies([normal], 1, 'geometric')[0]!.renderRgb());
    expect(drawOne).toMatchObject({ id: 'normal/1.png#framed-0', contentHash: 'hash-1#draw-1#framed-geometric-0' });
    expect(framedNormalCopies([normal], 1, 'geometric', 1)[0]!.renderRgb()).toEqual(drawOne!.renderRgb());
  });

  it('makes the copies asked for, each with its own warp, holding no pixels until they are rendered', () => {
    const copies = framedNormalCopies([normal], 2, 'geometric');
    expect(copies.map((copy) => copy.id)).toEqual(['normal/1.png#framed-0', 'normal/1.png#framed-1']);
    expect(copies.some((copy) => 'rgb' in copy)).toBe(false);
    expect(copies[1]!.renderRgb()).toEqual(reframedCopy(image, seedOfText('hash-1'), 1, framingRanges.geometric).rgb);
    expect(copies[1]!.renderRgb()).not.toEqual(copies[0]!.renderRgb());
    expect(framedNormalCopies([normal], 0, 'geometric')).toEqual([]);
  });
});

describe('sampleRows', () => {
  // Rows r = [r, r + 0.5] for r = 0…9.
  const rows = Float32Array.from({ length: 20 }, (_, index) => Math.floor(index / 2) + (index % 2) * 0.5);

  it('keeps the share of whole rows, in order, the same for the same seed', () => {
    const sampled = sampleRows(rows, 2, 0.3, 11);
    expect(sampled).toHaveLength(6);
    const firsts = Array.from({ length: 3 }, (_, row) => sampled[row * 2]!);
    for (const [row, first] of firsts.entries()) expect(sampled[row * 2 + 1]).toBe(first + 0.5);
    expect([...firsts].sort((a, b) => a - b)).toEqual(firsts);
    expect(new Set(firsts).size).toBe(3);
    expect(sampleRows(rows, 2, 0.3, 11)).toEqual(sampled);
  });

  it('keeps everything at share 1 and at least one row', () => {
    expect(sampleRows(rows, 2, 1, 3)).toEqual(rows);
    expect(sampleRows(rows, 2, 0.01, 3)).toHaveLength(2);
  });
});
