// The full image-level evaluation of spec §6 at the trained threshold, in one call.
import { type ClassificationSummary, type ConfusionCounts, type LabelledScore, summariseCounts } from './confusion';
import { averagePrecision, rocAuc } from './ranking';
import { ThresholdSweep } from './thresholdSweep';

export interface ImageMetrics extends ClassificationSummary {
  threshold: number;
  counts: ConfusionCounts;
  /** Null when the test set lacks anomalous or normal images. */
  rocAuc: number | null;
  /** Null when the test set has no anomalous image. */
  averagePrecision: number | null;
}

export function imageMetrics(images: readonly LabelledScore[], threshold: number): ImageMetrics {
  const sweep = new ThresholdSweep(images);
  const counts = sweep.countsAt(threshold);
  return {
    threshold,
    counts,
    ...summariseCounts(counts),
    rocAuc: rocAuc(sweep),
    averagePrecision: averagePrecision(sweep),
  };
}
