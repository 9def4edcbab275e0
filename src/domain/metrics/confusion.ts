// Image-level confusion counts and the precision / recall / F1 that follow from them (spec §6).
// A zero denominator gives 0 (Spotcheck convention), so an empty or one-sided test set never yields NaN.
// Counts at a threshold come from ThresholdSweep, which sorts once for any number of thresholds.
import type { ClassificationSummary, ConfusionCounts } from '../../contracts/metrics';

/** One labelled test image: its anomaly score and whether the ground truth says anomalous. */
export interface LabelledScore {
  score: number;
  anomalous: boolean;
}

export type { ClassificationSummary, ConfusionCounts } from '../../contracts/metrics';

export function ratioOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function f1Score(precision: number, recall: number): number {
  return ratioOrZero(2 * precision * recall, precision + recall);
}

/** Precision, recall and F1 from counts of true positives, false positives and false negatives. */
export function summarise(truePositives: number, falsePositives: number, falseNegatives: number): ClassificationSummary {
  const precision = ratioOrZero(truePositives, truePositives + falsePositives);
  const recall = ratioOrZero(truePositives, truePositives + falseNegatives);
  return { precision, recall, f1: f1Score(precision, recall) };
}

export function summariseCounts(counts: ConfusionCounts): ClassificationSummary {
  return summarise(counts.truePositives, counts.falsePositives, counts.falseNegatives);
}
