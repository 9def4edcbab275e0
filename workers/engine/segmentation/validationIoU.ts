// The head's model-selection measure: the validation images' mean IoU on the patch grid, at the best of the
// candidate mask thresholds. It mirrors what the product is judged by (spec §6 per-image mean IoU, where a
// normal image with any predicted anomaly counts as IoU 0) at patch resolution, so it is cheap enough to
// measure after every epoch, unlike the full-resolution masks the stage tunes the final threshold on.
import { PixelMetricsAccumulator } from '../../../src/domain/metrics';

export interface PatchIoUSelection {
  /** Patches per validation image (grid²); the validation rows hold whole images, one after another. */
  readonly patchesPerImage: number;
  /** Candidate probabilities for the best anomaly class, as the mask graph thresholds them. */
  readonly thresholds: readonly number[];
}

export interface PatchIoU {
  /** Mean over anomaly classes of the per-image mean IoU; 0 when no class occurs anywhere. */
  readonly meanIoU: number;
  readonly threshold: number;
}

/**
 * Best patch-grid mean IoU over `thresholds`. A patch is predicted as its most probable anomaly class when
 * that class's probability reaches the threshold, else background: the rule `appendLabelMask` applies.
 */
export function bestPatchIoU(probabilities: Float32Array, labels: Uint8Array, classCount: number, selection: PatchIoUSelection): PatchIoU {
  const { patchesPerImage, thresholds } = selection;
  if (labels.length % patchesPerImage !== 0) throw new RangeError(`${labels.length} validation patches are not whole images of ${patchesPerImage}`);
  const { bestClass, bestProbability } = bestAnomalyClasses(probabilities, labels.length, classCount);
  // Head class k is mask value k here: the measure only compares predictions with targets.
  const maskLabels = Array.from({ length: classCount - 1 }, (_, position) => ({ index: position + 1, name: `class ${position + 1}` }));
  let best: PatchIoU = { meanIoU: Number.NEGATIVE_INFINITY, threshold: thresholds[0]! };
  for (const threshold of thresholds) {
    const accumulator = new PixelMetricsAccumulator(maskLabels);
    const predicted = new Uint8Array(patchesPerImage);
    for (let start = 0; start < labels.length; start += patchesPerImage) {
      for (let patch = 0; patch < patchesPerImage; patch++) {
        predicted[patch] = bestProbability[start + patch]! >= threshold ? bestClass[start + patch]! : 0;
      }
      accumulator.add(predicted, labels.subarray(start, start + patchesPerImage));
    }
    const results = accumulator.results();
    const meanIoU = results.reduce((sum, label) => sum + label.meanIoU, 0) / results.length;
    if (meanIoU > best.meanIoU) best = { meanIoU, threshold };
  }
  return best;
}

function bestAnomalyClasses(probabilities: Float32Array, rows: number, classCount: number) {
  const bestClass = new Uint8Array(rows);
  const bestProbability = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    for (let k = 1; k < classCount; k++) {
      const probability = probabilities[row * classCount + k]!;
      if (probability > bestProbability[row]! || bestClass[row] === 0) {
        bestClass[row] = k;
        bestProbability[row] = probability;
      }
    }
  }
  return { bestClass, bestProbability };
}
