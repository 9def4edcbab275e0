// Re-framed normal copies for the memory bank: seeded per image, within the framing range, sized like the image.
import { describe, expect, it } from 'vitest';
import { defaultFramingRange, randomFraming, reframedCopies, seedOfText } from '../../workers/engine/augmentation/normalFraming';
import { warpAffine } from '../../workers/engine/augmentation/imageTransforms';

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
      const framing = randomFraming(defaultFramingRange, { width: 100, height: 50 }, seed);
      expect(Math.abs(framing.shiftX)).toBeLessThanOrEqual(6);
      expect(Math.abs(framing.shiftY)).toBeLessThanOrEqual(3);
      expect(Math.abs(framing.rotationDegrees)).toBeLessThanOrEqual(5);
      expect(Math.abs(framing.scale - 1)).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('reframedCopies', () => {
  it('makes the requested number of warped copies, the same for the same image seed', () => {
    const copies = reframedCopies(image, 2, 7);
    expect(copies).toHaveLength(2);
    expect(copies.map((copy) => [copy.width, copy.height])).toEqual([[8, 6], [8, 6]]);
    expect(reframedCopies(image, 2, 7)).toEqual(copies);
    expect(copies[0]!.rgb).not.toEqual(copies[1]!.rgb);
    expect(reframedCopies(image, 0, 7)).toEqual([]);
  });

  it('with a zero framing range, a copy is the image itself', () => {
    const [first] = reframedCopies(image, 1, 7, { shiftShare: 0, rotationDegrees: 0, scaleChange: 0 });
    expect(first).toEqual(warpAffine(image, {}));
  });
});
