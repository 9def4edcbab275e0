// The score distribution of a model's test images for the threshold histogram: equal-width bins over the
// 0–1 normalised scores, counting the normal and the anomalous images of each bin apart.
import type { TestImageResult } from '../../contracts/evaluation';

export interface ScoreHistogramBin {
  /** Lower edge (inclusive); the last bin also holds a score of exactly its upper edge. */
  from: number;
  to: number;
  normal: number;
  anomalous: number;
}

/** Ten bins of 0.1: fine enough to show a margin on tens of test images, coarse enough to keep bars visible. */
export const defaultScoreHistogramBins = 10;

export function scoreHistogram(images: readonly TestImageResult[], binCount = defaultScoreHistogramBins): ScoreHistogramBin[] {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`A histogram needs a whole number of bins, not ${binCount}`);
  const bins = Array.from({ length: binCount }, (_, index) => ({ from: index / binCount, to: (index + 1) / binCount, normal: 0, anomalous: 0 }));
  for (const { prediction, actual } of images) {
    // Scores are normalised to 0–1; clamping keeps a stray value in the edge bin instead of dropping it.
    const score = Math.min(1, Math.max(0, prediction.score));
    const bin = bins[Math.min(binCount - 1, Math.floor(score * binCount))]!;
    if (actual === 'anomaly') bin.anomalous += 1;
    else bin.normal += 1;
  }
  return bins;
}
