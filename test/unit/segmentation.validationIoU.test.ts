// The head's epoch-selection measure against hand-computed patch-grid IoUs: per-image mean IoU at the best
// candidate threshold, with a normal image that gets any predicted anomaly counting as IoU 0.
import { describe, expect, it } from 'vitest';
import { bestPatchIoU } from '../../workers/engine/segmentation';

/** Two classes (background, one anomaly): rows [P(bg), P(anomaly)]. */
function rows(anomalyProbabilities: readonly number[]): Float32Array {
  return Float32Array.from(anomalyProbabilities.flatMap((p) => [1 - p, p]));
}

describe('bestPatchIoU', () => {
  // Image 1 (anomaly, 4 patches): targets 1 1 0 0. Image 2 (normal): all 0.
  const labels = Uint8Array.of(1, 1, 0, 0, 0, 0, 0, 0);
  const probabilities = rows([0.95, 0.6, 0.7, 0.1, 0.1, 0.65, 0.1, 0.1]);

  it('picks the threshold with the best per-image mean IoU', () => {
    // t = 0.5: image 1 predicts 1 1 1 0 → IoU 2/3; image 2 predicts one patch → IoU 0; mean 1/3.
    // t = 0.9: image 1 predicts 1 0 0 0 → IoU 1/2; image 2 predicts nothing and is not counted; mean 1/2.
    const result = bestPatchIoU(probabilities, labels, 2, { patchesPerImage: 4, thresholds: [0.5, 0.9] });
    expect(result.threshold).toBe(0.9);
    expect(result.meanIoU).toBeCloseTo(0.5, 10);
    const only = bestPatchIoU(probabilities, labels, 2, { patchesPerImage: 4, thresholds: [0.5] });
    expect(only.meanIoU).toBeCloseTo(1 / 3, 10);
  });

  it('assigns a patch its most probable anomaly class', () => {
    // Three classes; patch 0 is class 2 and is predicted as 2 (0.5 > 0.3), patch 1 background.
    const threeClass = Float32Array.of(0.2, 0.3, 0.5, 0.9, 0.05, 0.05);
    const result = bestPatchIoU(threeClass, Uint8Array.of(2, 0), 3, { patchesPerImage: 2, thresholds: [0.4] });
    // Class 1 never occurs (IoU 0 by convention), class 2 matches exactly (IoU 1): mean over classes 1/2.
    expect(result.meanIoU).toBeCloseTo(0.5, 10);
  });

  it('refuses validation rows that are not whole images', () => {
    expect(() => bestPatchIoU(probabilities, labels.subarray(0, 6), 2, { patchesPerImage: 4, thresholds: [0.5] })).toThrow(/not whole images/);
  });
});
