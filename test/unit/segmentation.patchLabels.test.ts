// Patch targets from label-index masks, checked on hand-made masks small enough to count by eye.
import { describe, expect, it } from 'vitest';
import { defaultMinAnomalyCoverage, labelsAtCoverage, patchLabelCoverage, patchLabelsFromMask } from '../../workers/engine/segmentation';

/** A width x height mask with `label` painted on the given [x, y] pixels. */
function maskWith(width: number, height: number, strokes: readonly { label: number; pixels: readonly [number, number][] }[]): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const { label, pixels } of strokes) for (const [x, y] of pixels) mask[y * width + x] = label;
  return mask;
}

function pixelsOfRow(y: number, fromX: number, count: number): [number, number][] {
  return Array.from({ length: count }, (_, i) => [fromX + i, y]);
}

// 10x10 pixels on a 2x2 grid: four 5x5 patches of 25 pixels.
const fourPatchMask = maskWith(10, 10, [
  { label: 1, pixels: [...pixelsOfRow(0, 0, 5), ...pixelsOfRow(1, 0, 3)] }, // top-left: 8 pixels of label 1
  { label: 2, pixels: [...pixelsOfRow(1, 5, 5), ...pixelsOfRow(2, 5, 2)] }, // top-right: 7 pixels of label 2
  { label: 1, pixels: pixelsOfRow(5, 0, 5) }, // bottom-left: 5 of label 1 but 8 of label 2
  { label: 2, pixels: [...pixelsOfRow(6, 0, 5), ...pixelsOfRow(7, 0, 3)] },
]);

describe('patchLabelsFromMask', () => {
  it('labels a patch with the anomaly covering at least the minimum fraction of it', () => {
    // The default threshold (30 %) needs 8 of 25 pixels: the top-right's 7 are too thin and stay background.
    expect(defaultMinAnomalyCoverage * 25).toBeLessThanOrEqual(8);
    expect(defaultMinAnomalyCoverage * 25).toBeGreaterThan(7);
    expect(Array.from(patchLabelsFromMask(fourPatchMask, 10, 10, 2))).toEqual([1, 0, 2, 0]);
  });

  it('honours a custom coverage threshold', () => {
    const mask = maskWith(10, 10, [{ label: 3, pixels: pixelsOfRow(9, 5, 5) }]); // 5 of 25 pixels: 20 %
    expect(Array.from(patchLabelsFromMask(mask, 10, 10, 2, 0.2))).toEqual([0, 0, 0, 3]);
    expect(Array.from(patchLabelsFromMask(mask, 10, 10, 2, 0.21))).toEqual([0, 0, 0, 0]);
  });

  it('covers the default 28x28 grid when the image size is not a multiple of it', () => {
    const width = 30;
    const height = 29;
    const full = patchLabelsFromMask(new Uint8Array(width * height).fill(1), width, height);
    expect(full).toHaveLength(28 * 28);
    expect(full.every((label) => label === 1)).toBe(true);
    // The right-most pixel column only reaches the right-most patch column.
    const edge = maskWith(width, height, [{ label: 1, pixels: Array.from({ length: height }, (_, y) => [width - 1, y] as [number, number]) }]);
    const labels = patchLabelsFromMask(edge, width, height);
    for (let row = 0; row < 28; row++) {
      expect(labels[row * 28 + 27]).toBe(1);
      expect(labels[row * 28 + 26]).toBe(0);
    }
  });

  it('refuses a mask of the wrong size', () => {
    expect(() => patchLabelsFromMask(new Uint8Array(99), 10, 10, 2)).toThrow(RangeError);
    expect(() => patchLabelCoverage(new Uint8Array(99), 10, 10, 2)).toThrow(RangeError);
  });
});

describe('patchLabelCoverage', () => {
  it("gives every patch its dominant label and that label's share of the patch's pixels", () => {
    const coverage = patchLabelCoverage(fourPatchMask, 10, 10, 2);
    expect(Array.from(coverage.labels)).toEqual([1, 2, 2, 0]);
    expect(Array.from(coverage.shares)).toEqual([8 / 25, 7 / 25, 8 / 25, 0].map(Math.fround));
  });

  it('gives the hard labels at a coverage threshold, the same as patchLabelsFromMask', () => {
    const coverage = patchLabelCoverage(fourPatchMask, 10, 10, 2);
    expect(Array.from(labelsAtCoverage(coverage))).toEqual(Array.from(patchLabelsFromMask(fourPatchMask, 10, 10, 2)));
    expect(Array.from(labelsAtCoverage(coverage, 0.28))).toEqual([1, 2, 2, 0]);
  });
});
