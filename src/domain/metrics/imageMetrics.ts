// The full image-level evaluation of spec §6 at the trained threshold, in one call.
import type { ImageMetrics } from '../../contracts/metrics';
import { type LabelledScore, summariseCounts } from './confusion';
import { averagePrecision, rocAuc } from './ranking';
import { ThresholdSweep } from './thresholdSweep';

export type { ImageMetrics };

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
