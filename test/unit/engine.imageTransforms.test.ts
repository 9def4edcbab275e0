// Image transforms of the stress set and augmentation: exact outputs on tiny synthetic images, by hand.
import { describe, expect, it } from 'vitest';
import { changeTone, mirrorIntoFrame, paintEdgeStrip, warpAffine } from '../../workers/engine/augmentation/imageTransforms';
import type { RgbImage } from '../../workers/engine/augmentation/imageTransforms';

/** A grey image (R = G = B) from row-major values. */
function grey(values: readonly number[], width: number, height: number): RgbImage {
  return { rgb: Uint8Array.from(values.flatMap((value) => [value, value, value])), width, height };
}

/** The red channel, row-major: every transform treats the three channels alike. */
function values(image: RgbImage): number[] {
  return Array.from({ length: image.width * image.height }, (_, pixel) => image.rgb[pixel * 3]!);
}

describe('warpAffine', () => {
  it('shifts by whole pixels, mirroring the frame into the part the shift brings in', () => {
    const row = grey([10, 20, 30], 3, 1);
    expect(values(warpAffine(row, { shiftX: 1 }))).toEqual([10, 10, 20]);
    expect(values(warpAffine(row, { shiftX: -1 }))).toEqual([20, 30, 30]);
    // Source indices −2, −1, 0, 1 read 1, 0, 0, 1.
    expect(values(warpAffine(grey([10, 20, 30, 40], 1, 4), { shiftY: 2 }))).toEqual([20, 10, 10, 20]);
    // Source indices 2, 3, 4, 5 read 2, 3, 3, 2.
    expect(values(warpAffine(grey([10, 20, 30, 40], 4, 1), { shiftX: -2 }))).toEqual([30, 40, 40, 30]);
  });

  it('interpolates a half-pixel shift bilinearly', () => {
    // Output x reads the source at x − 0.5: −0.5 (the edge) → 10, then 0.5 → 15, 1.5 → 25.
    expect(values(warpAffine(grey([10, 20, 30], 3, 1), { shiftX: 0.5 }))).toEqual([10, 15, 25]);
  });

  it('turns 90° counter-clockwise about the centre: the top-right pixel becomes the top-left', () => {
    // [a b; c d] → [b d; a c]
    expect(values(warpAffine(grey([10, 20, 30, 40], 2, 2), { rotationDegrees: 90 }))).toEqual([20, 40, 10, 30]);
    expect(values(warpAffine(grey([10, 20, 30, 40], 2, 2), { rotationDegrees: -90 }))).toEqual([30, 10, 40, 20]);
  });

  it('enlarges about the centre', () => {
    // Scale 2 about x = 2: output centres 0.5, 1.5, 2.5, 3.5 read source indices 0.75, 1.25, 1.75, 2.25.
    expect(values(warpAffine(grey([0, 40, 80, 120], 4, 1), { scale: 2 }))).toEqual([30, 50, 70, 90]);
    // Scale 0.5 reads source indices −1.5, 0.5, 2.5 and 4.5; the outer two mirror to 0.5 and 2.5.
    expect(values(warpAffine(grey([0, 40, 80, 120], 4, 1), { scale: 0.5 }))).toEqual([20, 20, 100, 100]);
  });

  it('leaves the image alone at the identity and never changes its input', () => {
    const image = grey([1, 2, 3, 4, 5, 6], 3, 2);
    const before = image.rgb.slice();
    expect(warpAffine(image, {}).rgb).toEqual(before);
    warpAffine(image, { shiftX: 1, rotationDegrees: 3, scale: 1.1 });
    expect(image.rgb).toEqual(before);
  });

  it('mirrors coordinates at the frame edges and clamps beyond one mirrored frame', () => {
    expect([-2, -1, -0.5, -0.25, 0, 3, 3.5, 4, 4.5, 9].map((position) => mirrorIntoFrame(position, 4))).toEqual([1, 0, 0, 0, 0, 3, 3, 3, 2.5, 0]);
  });

  it('refuses a scale that is not positive', () => {
    expect(() => warpAffine(grey([1], 1, 1), { scale: 0 })).toThrow(RangeError);
  });
});

describe('changeTone', () => {
  const levels = grey([0, 100, 128, 200, 255], 5, 1);

  it('multiplies by the brightness, rounding and clamping', () => {
    // 128 · 1.1 = 140.8 → 141; 255 · 1.1 → 255.
    expect(values(changeTone(levels, { brightness: 1.1 }))).toEqual([0, 110, 141, 220, 255]);
    expect(values(changeTone(levels, { brightness: 0.85 }))).toEqual([0, 85, 109, 170, 217]);
  });

  it('stretches about mid-grey 128 by the contrast', () => {
    // 128 + 1.15 · (100 − 128) = 95.8 → 96; 128 + 1.15 · 72 = 210.8 → 211.
    expect(values(changeTone(levels, { contrast: 1.15 }))).toEqual([0, 96, 128, 211, 255]);
    // 128 + 0.85 · (0 − 128) = 19.2 → 19; 128 + 0.85 · 127 = 235.95 → 236.
    expect(values(changeTone(levels, { contrast: 0.85 }))).toEqual([19, 104, 128, 189, 236]);
  });
});

describe('paintEdgeStrip', () => {
  const image = grey(
    Array.from({ length: 12 }, (_, index) => 100 + index),
    4,
    3,
  );
  const dark = [20, 30, 40] as const;

  it('paints the bottom rows the share of the height covers', () => {
    const painted = paintEdgeStrip(image, { side: 'bottom', share: 1 / 3, color: dark });
    expect(values(painted)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 20, 20, 20, 20]);
    expect(Array.from(painted.rgb.subarray(24, 27))).toEqual([20, 30, 40]);
  });

  it('paints the left and right columns the share of the width covers', () => {
    expect(values(paintEdgeStrip(image, { side: 'left', share: 0.5, color: dark }))).toEqual([20, 20, 102, 103, 20, 20, 106, 107, 20, 20, 110, 111]);
    expect(values(paintEdgeStrip(image, { side: 'right', share: 0.25, color: dark }))).toEqual([100, 101, 102, 20, 104, 105, 106, 20, 108, 109, 110, 20]);
    expect(values(paintEdgeStrip(image, { side: 'top', share: 0.1, color: dark }))).toEqual(values(image));
  });
});
